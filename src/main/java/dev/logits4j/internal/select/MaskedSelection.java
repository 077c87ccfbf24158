package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;

/**
 * argmax, top-k and top log-probs of rows restricted to their allowed tokens (a token mask, see
 * {@link TokenMasks}): the op of the row with the disallowed tokens at -inf, except that a
 * disallowed token is never returned: the slots past a row's allowed tokens hold index -1 and
 * value -inf. Log-probs are the model's ({@code log_softmax(x)} over the whole row: RAW) or
 * renormalised over the allowed tokens ({@code log_softmax} of the masked row: RENORMALISED).
 *
 * <p>Per row the mask is copied once; few allowed tokens (at most vocab / {@link
 * TokenMasks#SPARSE}) are gathered, more make the candidate scan skip the disallowed ones, and a
 * row the scan cannot finish (a NaN, a flood of ties) is read whole.
 */
public final class MaskedSelection {
    private MaskedSelection() {}

    /** What the values are: the logits, their raw log-probs, or renormalised over the allowed. */
    public static final int VALUES = 0;
    public static final int RAW = 1;
    public static final int RENORMALISED = 2;

    /**
     * Top-k of each of {@code rows} rows of {@code n} under the mask ({@code words} int32 words
     * per row at {@code mi} of an {@code int[]} or {@code IntBuffer}); {@code values} null for
     * argmax-like calls that want the indices only.
     */
    public static void topK(Kernels kern, DType type, Object x, long xi, long rows, int n, int k,
                            int mode, Object mask, long mi, int words, Object values, long vi,
                            Object indices, long ii) {
        if (k == 0) {
            return;
        }
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, k);
        try {
            for (long r = 0; r < rows; r++) {
                row(kern, wk, type, x, xi + r * n, n, k, mode, mask, mi, words, r, values,
                        vi + r * k, indices, ii + r * k);
            }
        } finally {
            wk.masked = false;
            wk.scanSkip = null;
            SelectWork.WORK.release(wk.kept());
        }
    }

    private static void row(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                            int k, int mode, Object mask, long mi, int words, long r,
                            Object values, long vi, Object indices, long ii) {
        int allowed = TokenMasks.load(wk, mask, mi, words, n, r);
        int count = allowed == 0 ? 0 : list(kern, wk, type, x, at, n, k, allowed);
        double[] z = wk.row;
        // NaN and +inf among the allowed tokens: renormalised log-probs are then all NaN
        double logS = mode == RENORMALISED && count > 0
                ? allowedLogSum(wk, type, x, at, n, allowed, count) : 0;
        int m = Math.min(k, count);
        int[] a = wk.sorted(Math.max(count, 1));
        if (mode == RENORMALISED && logS != logS) {
            a = wk.sorted(allowed);   // every log-prob NaN: all tie, the first allowed in index order
            allowedIds(wk, a);
            m = Math.min(k, allowed);
        } else {
            m = best(wk, count, k, a);
        }
        double lp0 = 0;
        if (mode == RAW && m > 0) {
            lp0 = kern.rowLogProb(type, x, at, n, a[0]);
            if (lp0 != lp0) {
                // the row holds a NaN or +inf: every log-prob is NaN, all tie, index order
                a = wk.sorted(allowed);
                allowedIds(wk, a);
            }
        }
        for (int j = 0; j < k; j++) {
            if (j >= m) {
                Elements.writeIndex(indices, ii + j, -1);
                if (values != null) {
                    Elements.writeValue(values, vi + j, Double.NEGATIVE_INFINITY);
                }
                continue;
            }
            int i = a[j];
            Elements.writeIndex(indices, ii + j, i);
            if (values != null) {
                double v = z[i];
                if (mode == RAW) {
                    v = lp0 != lp0 ? Double.NaN : v == z[a[0]] ? lp0 : (v - z[a[0]]) + lp0;
                } else if (mode == RENORMALISED) {
                    v = logS != logS ? Double.NaN : (v - wk.allowedMax) - logS;
                }
                Elements.writeValue(values, vi + j, v);
            }
        }
    }

    /**
     * The allowed tokens that can be among the row's top k, ascending, into {@code wk.cand}
     * with their values in {@code wk.row}: every allowed token (gathered, or the row read whole),
     * or the scan's candidates (every allowed value not below the k-th largest allowed).
     */
    private static int list(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                            int k, int allowed) {
        int[] kept = wk.cand;
        double[] z = wk.row;
        if (allowed > n / TokenMasks.SPARSE && TopSelection.worthScanning(n, k)) {
            Candidates c = wk.candidates.forKeep(k);
            c.from = Double.NEGATIVE_INFINITY;
            c.skip(disallowed(wk), wk.maskWords);
            int got = kern.collectTop(type, x, at, n, k, false, c);
            c.skip(null, 0);
            if (got >= 0) {
                for (int i = 0; i < got; i++) {
                    kept[i] = c.idx[i];
                    z[c.idx[i]] = c.val[i];
                }
                return got;
            }
            // a NaN among the allowed, or a flood of ties: the row whole
            Elements.readRow(type, x, at, 1, n, z);
            return allowedIds(wk, kept);
        }
        int count = allowedIds(wk, kept);
        if (allowed > n / TokenMasks.SPARSE) {
            Elements.readRow(type, x, at, 1, n, z);
        } else {
            double[] raw = wk.w;
            Sampler.readAt(type, x, at, kept, count, raw);
            for (int i = 0; i < count; i++) {
                z[kept[i]] = raw[i];
            }
        }
        return count;
    }

    private static int allowedIds(SelectWork.Work wk, int[] out) {
        int count = 0;
        int[] a = wk.allowed;
        for (int w = 0; w < wk.maskWords; w++) {
            for (int bits = a[w]; bits != 0; bits &= bits - 1) {
                out[count++] = (w << 5) + Integer.numberOfTrailingZeros(bits);
            }
        }
        return count;
    }

    /** The scan's skip mask: the disallowed tokens. */
    private static int[] disallowed(SelectWork.Work wk) {
        int[] s = wk.skipWordsFor(wk.maskWords);
        for (int w = 0; w < wk.maskWords; w++) {
            s[w] = ~wk.allowed[w];
        }
        return s;
    }

    /**
     * The first min(k, count) of the list by value descending, index ascending (a NaN the
     * largest), into {@code a}; returns their number.
     */
    private static int best(SelectWork.Work wk, int count, int k, int[] a) {
        int[] list = wk.cand;
        double[] z = wk.row;
        int still = count;
        if (count > k) {
            still = Sampler.topKOnList(wk, count, k);   // keeps the ties at the k-th value
        }
        System.arraycopy(list, 0, a, 0, still);
        TopSelection.sortByValueDesc(z, a, still, wk.sortTmp);
        return Math.min(k, still);
    }

    /**
     * log(sum(exp(x - max))) over every allowed token, their maximum into {@code wk.allowedMax}
     * (a log-prob is then {@code (x - max) - log s}, every digit of log s kept); NaN when one is
     * NaN or +inf or all are -inf (log_softmax of the masked row is then NaN).
     * The gathered or whole-read list holds every allowed token; the scan's does not, and the
     * row is then read whole.
     */
    private static double allowedLogSum(SelectWork.Work wk, DType type, Object x, long at,
                                           int n, int allowed, int count) {
        double[] z = wk.row;
        int[] ids = wk.cand2;
        if (count < allowed) {
            Elements.readRow(type, x, at, 1, n, z);
        }
        int all = allowedIds(wk, ids);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < all; i++) {
            double v = z[ids[i]];
            if (v != v) {
                return Double.NaN;
            }
            max = Math.max(max, v);
        }
        if (!(max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < all; i++) {
            s += Math.exp(z[ids[i]] - max);
        }
        wk.allowedMax = max;
        return Math.log(s);
    }
}
