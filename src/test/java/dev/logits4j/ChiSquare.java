package dev.logits4j;

/**
 * The chi-square distribution's upper tail, {@code P(X >= x)} for {@code dof} degrees of freedom:
 * the regularized upper incomplete gamma function Q(dof / 2, x / 2), by its power series below
 * a + 1 and its continued fraction (modified Lentz) above (Abramowitz and Stegun 6.5.29, 6.5.31).
 */
final class ChiSquare {
    private ChiSquare() {}

    static double upperTail(double x, int dof) {
        if (dof <= 0) {
            return x > 0 ? 0 : 1;
        }
        double a = dof / 2.0;
        double z = x / 2;
        if (z <= 0) {
            return 1;
        }
        double lnPrefix = a * Math.log(z) - z - logGamma(a);
        if (z < a + 1) {
            // P(a, z) = z^a e^-z / Gamma(a) * sum z^n / (a (a + 1) ... (a + n))
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 10_000 && term > sum * 1e-16; n++) {
                term *= z / (a + n);
                sum += term;
            }
            return Math.max(0, 1 - Math.exp(lnPrefix) * sum);
        }
        // Q(a, z) = z^a e^-z / Gamma(a) * 1 / (z + 1 - a - 1 (1 - a) / (z + 3 - a - ...))
        double tiny = 1e-300;
        double b = z + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnPrefix) * h;
    }

    /** ln Gamma(a) for a > 0 (Lanczos, g = 7, n = 9: about 15 digits). */
    static double logGamma(double a) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};
        if (a < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
        }
        a -= 1;
        double x = c[0];
        for (int i = 1; i < 9; i++) {
            x += c[i] / (a + i);
        }
        double t = a + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (a + 0.5) * Math.log(t) - t + Math.log(x);
    }
}
