package dev.logits4j.internal.kernels;

import dev.logits4j.DType;

/**
 * The gradients in float64, one slice at a time, on any memory kind and layout (slices of
 * {@code c} elements {@code inner} apart): cross-entropy's d loss / d logits and the
 * vector-Jacobian products of softmax and log-softmax. The Java implementation runs them; the
 * native one for what its kernels do not take (see {@code NativeKernels}). Every input element of
 * a slice is read before the slice's output is written at the same index, so an output that is
 * one of the inputs (in place) is safe.
 */
public final class GradientRows {
    private GradientRows() {}

    /**
     * Writes {@code k_p (A_p softmax(x_p) - a_p)} for every position p (see
     * {@link Kernels#crossEntropyWithGradient}): for class-index targets t with weights w and
     * label smoothing eps, {@code a_c = (1 - eps) w_t [c = t] + eps w_c / C}; for probability
     * targets q, {@code a_c = w_c ((1 - eps) q_c + eps / C)}. A slice whose maximum is not finite
     * (all -inf, a +inf) or holds a NaN gets NaN, as autograd gives; an ignored position 0 (NaN
     * for such a slice: {@link #ignoredValue}).
     */
    public static void crossEntropy(DType type, Object x, long xi, DType targetType, Object t,
                                    long ti, long outer, int c, long inner, ClassWeights weight,
                                    long ignoreIndex, double eps, double scale, Object up, long ui,
                                    Object g, long gi) {
        boolean probs = targetType.isFloating();
        double[] w = weight == null ? null : weight.f64();
        double wsum = c;
        if (w != null) {
            wsum = 0;
            for (double v : w) {
                wsum += v;
            }
        }
        double smooth = c == 0 ? 0 : eps / c;
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long p = o * inner + i;
                long xb = xi + o * c * inner + i;
                long gb = gi + o * c * inner + i;
                double k = up == null ? scale : scale * Elements.readValue(up, ui + p);
                long target = -1;
                if (!probs) {
                    target = Targets.classAt(t, ti + p, p, c, ignoreIndex);
                    if (target == ignoreIndex) {
                        double v = ignoredValue(type, x, xb, c, inner);
                        for (int j = 0; j < c; j++) {
                            Elements.writeValue(g, gb + j * inner, v);
                        }
                        continue;
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    double v = Elements.read(type, x, xb + j * inner);
                    max = v > max ? v : max;   // NaN ignored here; it poisons the sum below
                }
                boolean finiteMax = max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY;
                double s = 0;
                double big = 0;   // A: the sum of the a_c
                long qb = ti + o * c * inner + i;
                for (int j = 0; j < c; j++) {
                    s += Math.exp(Elements.read(type, x, xb + j * inner) - max);
                    if (probs) {
                        big += (w == null ? 1 : w[j])
                                * ((1 - eps) * Elements.readValue(t, qb + j * inner) + smooth);
                    }
                }
                if (!probs) {
                    double wt = w == null ? 1 : w[(int) target];
                    big = (1 - eps) * wt + smooth * wsum;
                }
                double f = finiteMax ? big / s : Double.NaN;
                for (int j = 0; j < c; j++) {
                    double e = Math.exp(Elements.read(type, x, xb + j * inner) - max);
                    double wj = w == null ? 1 : w[j];
                    double a = probs ? wj * ((1 - eps) * Elements.readValue(t, qb + j * inner) + smooth)
                            : smooth * wj + (j == target ? (1 - eps) * wj : 0);
                    Elements.writeValue(g, gb + j * inner, k * (f * e - a));
                }
            }
        }
    }

    /**
     * An ignored position's gradient: 0, or NaN when its slice has a NaN or a +inf or is all
     * -inf (or empty), as autograd gives: log-softmax's backward there is {@code 0 - exp(NaN) 0}.
     */
    static double ignoredValue(DType type, Object x, long xb, int c, long inner) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            double v = Elements.read(type, x, xb + j * inner);
            if (v != v) {
                return Double.NaN;
            }
            max = Math.max(max, v);
        }
        return max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY ? 0.0 : Double.NaN;
    }

    /**
     * {@code gx = y (g - <g, y>)} (softmax) or, with {@code log}, {@code gx = g - exp(y) sum g}
     * (log-softmax), per slice, sums in float64.
     */
    public static void softmaxBackward(Object y, long yi, Object g, long gi, Object gx, long gxi,
                                       long outer, int n, long inner, boolean log) {
        if (!log && inner == 1 && y instanceof float[] && g instanceof float[] && gx instanceof float[]) {
            softmaxRowsF32((float[]) y, (int) yi, (float[]) g, (int) gi, (float[]) gx, (int) gxi,
                    outer, n);
            return;
        }
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = o * n * inner + i;
                double d = 0;
                for (int j = 0; j < n; j++) {
                    double gj = Elements.readValue(g, gi + at + j * inner);
                    d += log ? gj : gj * Elements.readValue(y, yi + at + j * inner);
                }
                for (int j = 0; j < n; j++) {
                    long e = at + j * inner;
                    double yj = Elements.readValue(y, yi + e);
                    double gj = Elements.readValue(g, gi + e);
                    Elements.writeValue(gx, gxi + e, log ? gj - Math.exp(yj) * d : yj * (gj - d));
                }
            }
        }
    }

    /** Softmax's product on float32 rows in arrays: the common case, without per-element dispatch. */
    private static void softmaxRowsF32(float[] y, int yi, float[] g, int gi, float[] gx, int gxi,
                                       long outer, int n) {
        for (long o = 0; o < outer; o++) {
            int at = (int) (o * n);
            double d = 0;
            for (int j = 0; j < n; j++) {
                d += (double) g[gi + at + j] * y[yi + at + j];
            }
            for (int j = 0; j < n; j++) {
                double yj = y[yi + at + j];
                gx[gxi + at + j] = (float) (yj * (g[gi + at + j] - d));
            }
        }
    }
}
