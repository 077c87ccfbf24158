package dev.logits4j.testutil;

/**
 * An independent float64 reference: the textbook formulas with {@link Math#exp}, {@link Math#log}
 * and compensated (Neumaier) sums, special values decided by the rules of SPEC.md written out
 * case by case. Inputs are given as doubles (float32 inputs widened exactly).
 */
public final class Reference {
    private Reference() {}

    /** Slice layout of a shape and axis. */
    public record Layout(long outer, int n, long inner) {
        public static Layout of(int[] shape, int axis) {
            int r = Math.max(shape.length, 1);
            int ax = axis < 0 ? axis + r : axis;
            long outer = 1;
            long inner = 1;
            for (int i = 0; i < ax && i < shape.length; i++) {
                outer *= shape[i];
            }
            for (int i = ax + 1; i < shape.length; i++) {
                inner *= shape[i];
            }
            return new Layout(outer, shape.length == 0 ? 1 : shape[ax], inner);
        }

        public double[] slice(double[] x, long o, long i) {
            double[] s = new double[n];
            for (int j = 0; j < n; j++) {
                s[j] = x[(int) (o * n * inner + j * inner + i)];
            }
            return s;
        }

        public void put(double[] y, long o, long i, double[] s) {
            for (int j = 0; j < n; j++) {
                y[(int) (o * n * inner + j * inner + i)] = s[j];
            }
        }
    }

    public static double sum(double[] v) {
        double plain = 0;
        for (double x : v) {
            plain += x;
        }
        if (!Double.isFinite(plain)) {
            return plain; // inf and NaN need no compensation (and would poison it)
        }
        double s = 0;
        double c = 0;
        for (double x : v) {
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return s + c;
    }

    /** softmax or log-softmax of one slice of z = x / T. */
    public static double[] softmaxSlice(double[] x, double t, boolean log, boolean masked) {
        int n = x.length;
        double[] y = new double[n];
        boolean nan = false;
        boolean posInf = false;
        boolean allNegInf = true;
        for (double v : x) {
            nan |= Double.isNaN(v);
            posInf |= v == Double.POSITIVE_INFINITY;
            allNegInf &= v == Double.NEGATIVE_INFINITY;
        }
        if (nan || posInf || allNegInf) {
            double fill = (!nan && !posInf && masked) ? (log ? Double.NEGATIVE_INFINITY : 0) : Double.NaN;
            java.util.Arrays.fill(y, fill);
            return y;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v / t);
        }
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = Math.exp(x[j] / t - m);
        }
        double s = sum(e);
        for (int j = 0; j < n; j++) {
            y[j] = log ? (x[j] / t - m) - Math.log(s) : e[j] / s;
        }
        return y;
    }

    public static double logSumExpSlice(double[] x) {
        if (x.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        boolean nan = false;
        boolean posInf = false;
        boolean allNegInf = true;
        for (double v : x) {
            nan |= Double.isNaN(v);
            posInf |= v == Double.POSITIVE_INFINITY;
            allNegInf &= v == Double.NEGATIVE_INFINITY;
        }
        if (nan) {
            return Double.NaN;
        }
        if (posInf) {
            return Double.POSITIVE_INFINITY;
        }
        if (allNegInf) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        double[] e = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            e[j] = Math.exp(x[j] - m);
        }
        return m + Math.log(sum(e));
    }

    public static double[] softmax(double[] x, int[] shape, int axis, double t, boolean log, boolean masked) {
        Layout l = Layout.of(shape, axis);
        double[] y = new double[x.length];
        for (long o = 0; o < l.outer(); o++) {
            for (long i = 0; i < l.inner(); i++) {
                l.put(y, o, i, softmaxSlice(l.slice(x, o, i), t, log, masked));
            }
        }
        return y;
    }

    public static double[] logSumExp(double[] x, int[] shape, int axis) {
        Layout l = Layout.of(shape, axis);
        double[] y = new double[(int) (l.outer() * l.inner())];
        for (long o = 0; o < l.outer(); o++) {
            for (long i = 0; i < l.inner(); i++) {
                y[(int) (o * l.inner() + i)] = logSumExpSlice(l.slice(x, o, i));
            }
        }
        return y;
    }

    /**
     * Per-position cross-entropy losses (class-index targets, PyTorch's formula term by term);
     * ignored positions give 0.
     */
    public static double[] crossEntropyIndex(double[] logits, int[] shape, long[] targets,
                                             double[] weight, long ignoreIndex, double eps) {
        int c = shape.length == 1 ? shape[0] : shape[1];
        Layout l = Layout.of(shape, shape.length == 1 ? 0 : 1);
        double[] loss = new double[(int) (l.outer() * l.inner())];
        for (long o = 0; o < l.outer(); o++) {
            for (long i = 0; i < l.inner(); i++) {
                int p = (int) (o * l.inner() + i);
                long t = targets[p];
                if (t == ignoreIndex) {
                    continue;
                }
                double[] lp = softmaxSlice(l.slice(logits, o, i), 1, true, false);
                double nll = -(weight == null ? 1 : weight[(int) t]) * lp[(int) t];
                if (eps == 0) {
                    loss[p] = nll;
                    continue;
                }
                double[] terms = new double[c];
                for (int k = 0; k < c; k++) {
                    terms[k] = -(weight == null ? 1 : weight[k]) * lp[k];
                }
                loss[p] = (1 - eps) * nll + eps / c * sum(terms);
            }
        }
        return loss;
    }

    /** Per-position cross-entropy losses with probability targets. */
    public static double[] crossEntropyProb(double[] logits, int[] shape, double[] probs,
                                            double[] weight, double eps) {
        int c = shape.length == 1 ? shape[0] : shape[1];
        Layout l = Layout.of(shape, shape.length == 1 ? 0 : 1);
        double[] loss = new double[(int) (l.outer() * l.inner())];
        for (long o = 0; o < l.outer(); o++) {
            for (long i = 0; i < l.inner(); i++) {
                double[] lp = softmaxSlice(l.slice(logits, o, i), 1, true, false);
                double[] t = l.slice(probs, o, i);
                double[] terms = new double[c];
                for (int k = 0; k < c; k++) {
                    terms[k] = -(weight == null ? 1 : weight[k]) * (t[k] * (1 - eps) + eps / c) * lp[k];
                }
                loss[(int) (o * l.inner() + i)] = sum(terms);
            }
        }
        return loss;
    }
}
