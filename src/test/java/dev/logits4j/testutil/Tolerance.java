package dev.logits4j.testutil;

/**
 * The error allowance of the conformance README's tolerance rule ("B", first-order forward error
 * bound of the straightforward algorithm), times its safety factor 3, per element. The reference
 * values come from {@link Reference}.
 */
public final class Tolerance {
    public static final double U32 = 0x1p-24;
    public static final double U64 = 0x1p-53;

    private Tolerance() {}

    static double sigma(int n, double u) {
        if (n <= 1) {
            return 0;
        }
        return u * (4 + 2 * Math.ceil(Math.log(n) / Math.log(2)) + Math.sqrt(n) / 2);
    }

    /**
     * Allowed |got - expected| for each element of one finite slice (x not containing NaN/+inf
     * and not all -inf). {@code op} is softmax, log-softmax or logsumexp (then one value).
     */
    public static double[] slice(String op, double[] x, double t, double u, double minNormal) {
        int n = x.length;
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v / t);
        }
        double[] d = new double[n];
        double[] delta = new double[n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            double z = x[j] / t;
            d[j] = z - m;
            double tau = (t == 1 || z == m) ? 0 : 2 * (Math.abs(z) + Math.abs(m));
            // exp(-inf) is exactly 0 whatever the rounding of d: no error to carry.
            delta[j] = Double.isInfinite(d[j]) ? 0 : u * (Math.abs(d[j]) + tau);
            e[j] = Math.exp(d[j]);
        }
        double s = Reference.sum(e);
        double es = 4 * u + sigma(n, u);
        for (int j = 0; j < n; j++) {
            if (e[j] > 0) {
                es += e[j] / s * delta[j];
            }
        }
        double logS = Math.log(s);
        if (op.equals("logsumexp")) {
            double l = m + logS;
            return new double[] {3 * (es + u * (4 + Math.abs(logS)) + u * Math.abs(l)) + 3 * u};
        }
        double[] tol = new double[n];
        for (int j = 0; j < n; j++) {
            if (op.equals("softmax")) {
                double p = e[j] / s;
                tol[j] = p == 0 ? minNormal : 3 * p * (delta[j] + 5 * u + es) + minNormal;
            } else {
                double r = d[j] - logS;
                tol[j] = Double.isInfinite(d[j]) ? 0
                        : 3 * (delta[j] + es + u * (4 + Math.abs(logS)) + u * Math.abs(r)) + 3 * u;
            }
        }
        return tol;
    }
}
