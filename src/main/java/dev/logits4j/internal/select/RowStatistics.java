package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Elements;

/**
 * Per-slice statistics of the distributions softmax gives, from logits, in float64 and in log
 * space (no softmax row is materialised): the entropy {@code H(P) = -sum P log P} and the
 * divergence {@code KL(P || Q) = sum P (log P - log Q)}, with {@code P = softmax(p)},
 * {@code Q = softmax(q)}. With m the slice's maximum, e = exp(x - m) and s = sum e:
 * {@code log P = (x - m) - log s}, so {@code H = log s - sum e (x - m) / s} and
 * {@code KL = sum e ((p - mp) - (q - mq)) / s_p - log s_p + log s_q}. A token of probability 0
 * (logit -inf) adds 0 ({@code 0 log 0 = 0}, where the expression {@code exp(t) (t - u)} would give
 * NaN); a token with P > 0 and Q = 0 makes KL +inf. NaN when a slice holds a NaN or +inf, is all
 * -inf or empty (softmax has no distribution there). The same Java code on every backend.
 */
public final class RowStatistics {
    private RowStatistics() {}

    /** Entropy of each slice of {@code x} (outer x n x inner, along n) into {@code y}. */
    public static void entropy(DType type, Object x, long xi, long outer, int n, long inner,
                               Object y, long yi) {
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, 0);
        try {
            double[] row = wk.row;
            for (long o = 0; o < outer; o++) {
                for (long i = 0; i < inner; i++) {
                    Elements.readRow(type, x, xi + o * n * inner + i, inner, n, row);
                    Elements.writeValue(y, yi + o * inner + i, entropy(row, n));
                }
            }
        } finally {
            SelectWork.WORK.release(wk.kept());
        }
    }

    /** KL(softmax(p) || softmax(q)) of each pair of slices into {@code y}. */
    public static void kl(DType type, Object p, long pi, Object q, long qi, long outer, int n,
                          long inner, Object y, long yi) {
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, 0);
        try {
            double[] a = wk.row;
            double[] b = wk.w;
            for (long o = 0; o < outer; o++) {
                for (long i = 0; i < inner; i++) {
                    long at = o * n * inner + i;
                    Elements.readRow(type, p, pi + at, inner, n, a);
                    Elements.readRow(type, q, qi + at, inner, n, b);
                    Elements.writeValue(y, yi + o * inner + i, kl(a, b, n));
                }
            }
        } finally {
            SelectWork.WORK.release(wk.kept());
        }
    }

    static double entropy(double[] x, int n) {
        double m = TopSelection.rowMaxForLogSoftmax(x, n);   // NaN: no distribution
        if (m != m) {
            return Double.NaN;
        }
        double s = 0;
        double t = 0;
        for (int j = 0; j < n; j++) {
            double d = x[j] - m;
            if (d > Double.NEGATIVE_INFINITY) {
                double e = Math.exp(d);
                s += e;
                t += e * d;
            }
        }
        // H = log s - t / s >= 0; rounding may leave a one-token slice at -1e-17
        return Math.max(0, Math.log(s) - t / s);
    }

    static double kl(double[] p, double[] q, int n) {
        double mp = TopSelection.rowMaxForLogSoftmax(p, n);
        double mq = TopSelection.rowMaxForLogSoftmax(q, n);
        if (mp != mp || mq != mq) {
            return Double.NaN;
        }
        double sp = 0;
        double sq = 0;
        double t = 0;
        for (int j = 0; j < n; j++) {
            double dq = q[j] - mq;
            sq += Math.exp(dq);
            double dp = p[j] - mp;
            if (dp > Double.NEGATIVE_INFINITY) {
                double e = Math.exp(dp);
                sp += e;
                t += e * (dp - dq);   // +inf when q[j] = -inf: KL is +inf
            }
        }
        // KL >= 0; rounding may leave P = Q at -1e-17
        return Math.max(0, t / sp - Math.log(sp) + Math.log(sq));
    }
}
