package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** argmax, top-k and top log-probs over rows, on any implementation's kernels: candidates from {@link Kernels#collectTop}, ordered here. */
public final class TopSelection {
    private TopSelection() {}

    // ---------------------------------------------------------------------------------------------
    // argmax

    /** First index of the maximum; the first NaN wins. n >= 1. */
    static int argmaxRow(double[] row, int n) {
        int best = 0;
        double max = row[0];
        if (max != max) {
            return 0;
        }
        for (int j = 1; j < n; j++) {
            double v = row[j];
            if (v != v) {
                return j;
            }
            if (v > max) {
                max = v;
                best = j;
            }
        }
        return best;
    }

    /**
     * argmax of each slice. Contiguous rows long enough to pay for it go through the kernels'
     * candidate scan (keep 1: the candidates are the row's maxima, the first one is the answer);
     * a row with a NaN (the first NaN wins) or a flood of tied maxima is read whole.
     */
    public static void argmax(Kernels kern, DType type, Object x, long xi, long outer, int n, long inner,
                              Object out, long oi) {
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, 0);
        try {
            argmax(kern, wk, type, x, xi, outer, n, inner, out, oi);
        } finally {
            SelectWork.WORK.release(wk.kept());
        }
    }

    static void argmax(Kernels kern, SelectWork.Work wk, DType type, Object x, long xi, long outer, int n,
                               long inner, Object out, long oi) {
        boolean scan = inner == 1 && worthScanning(n, 1);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = xi + o * n * inner + i;
                if (scan) {
                    Candidates c = wk.candidates.forKeep(1);
                    if (kern.collectTop(type, x, at, n, 1, true, c) > 0) {
                        Elements.writeIndex(out, oi + o, c.idx[0]);
                        continue;
                    }
                }
                Elements.readRow(type, x, at, inner, n, wk.row);
                Elements.writeIndex(out, oi + o * inner + i, argmaxRow(wk.row, n));
            }
        }
    }

    /** Whether a row of n is long enough for the candidate scan to beat reading it whole. */
    static boolean worthScanning(int n, long keep) {
        return keep <= n / 4 && 2L * Candidates.capacityFor((int) keep) <= n;
    }

    // ---------------------------------------------------------------------------------------------
    // top-k and top log-probs

    public static void topK(Kernels kern, DType type, Object x, long xi, long rows, int n, int k,
                            boolean logProbs, Object values, long vi, Object indices, long ii) {
        if (k == 0) {
            return;
        }
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, k);
        try {
            topK(kern, wk, type, x, xi, rows, n, k, logProbs, values, vi, indices, ii);
        } finally {
            SelectWork.WORK.release(wk.kept());
        }
    }

    static void topK(Kernels kern, SelectWork.Work wk, DType type, Object x, long xi, long rows, int n, int k,
                             boolean logProbs, Object values, long vi, Object indices, long ii) {
        double[] row = wk.row;
        boolean scan = worthScanning(n, k);
        for (long r = 0; r < rows; r++) {
            long at = xi + r * n;
            if (scan && topKByCandidates(kern, wk, type, x, at, n, k, logProbs, values, vi + r * k,
                    indices, ii + r * k)) {
                continue;
            }
            Elements.readRow(type, x, at, 1, n, row);
            int[] picked = wk.picked;
            double max = logProbs ? rowMaxForLogSoftmax(row, n) : 0;
            double logS = logProbs ? logSumExpAbove(row, n, max) : 0;
            if (logS != logS) {
                // every log-prob is NaN, so all tie: the first k indices (torch.topk of log_softmax)
                for (int j = 0; j < k; j++) {
                    picked[j] = j;
                }
            } else {
                selectTopK(row, n, k, wk.keys, wk.cand, picked, wk.hist);
                sortByValueDesc(row, picked, k, wk.tmp);
            }
            for (int j = 0; j < k; j++) {
                int i = picked[j];
                Elements.writeValue(values, vi + r * k + j, logProbs ? (row[i] - max) - logS : row[i]);
                Elements.writeIndex(indices, ii + r * k + j, i);
            }
        }
    }

    /**
     * One row of top-k from the kernels' candidates (every value not below the k-th largest):
     * they are sorted by value descending, index ascending, and the first k written. False, with
     * nothing written, when the row needs the whole-row path (a NaN, a flood of ties, or NaN
     * log-probs).
     */
    static boolean topKByCandidates(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n, int k,
                                            boolean logProbs, Object values, long vi,
                                            Object indices, long ii) {
        Candidates c = wk.candidates.forKeep(k);
        int got = kern.collectTop(type, x, at, n, k, true, c);
        if (got < k) {
            return false;
        }
        double[] row = wk.row;
        int[] a = wk.sorted(got);
        for (int i = 0; i < got; i++) {
            row[c.idx[i]] = c.val[i];
            a[i] = c.idx[i];
        }
        sortByValueDesc(row, a, got, wk.sortTmp);
        // log-probs as (v - m) - log s: a[0] is a maximum, whose log-prob is -log s
        double max = row[a[0]];
        double minusLogS = logProbs ? kern.rowLogProb(type, x, at, n, a[0]) : 0;
        if (minusLogS != minusLogS) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            int i = a[j];
            Elements.writeValue(values, vi + j, logProbs ? (row[i] - max) + minusLogS : row[i]);
            Elements.writeIndex(indices, ii + j, i);
        }
        return true;
    }

    /** The k entries of the k largest keys (ties: lower index first) into picked, unordered. */
    static void selectTopK(double[] row, int n, int k, long[] keys, int[] cand, int[] picked,
                           double[] hist) {
        for (int i = 0; i < n; i++) {
            keys[i] = RadixSelect.key(row[i]);
        }
        long kth = RadixSelect.radixSelect(keys, null, cand, n, true, k, hist);
        int p = 0;
        for (int i = 0; i < n && p < k; i++) {
            if (keys[i] > kth) {
                picked[p++] = i;
            }
        }
        for (int i = 0; i < n && p < k; i++) {
            if (keys[i] == kth) {
                picked[p++] = i;
            }
        }
    }

    /** Merge sort of the k picked positions by key descending, then index ascending. */
    static void sortByValueDesc(double[] row, int[] a, int k, int[] tmp) {
        for (int width = 1; width < k; width *= 2) {
            for (int lo = 0; lo < k - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, k);
                int i = lo;
                int j = mid;
                int t = lo;
                while (i < mid && j < hi) {
                    long ki = RadixSelect.key(row[a[i]]);
                    long kj = RadixSelect.key(row[a[j]]);
                    if (ki > kj || (ki == kj && a[i] < a[j])) {
                        tmp[t++] = a[i++];
                    } else {
                        tmp[t++] = a[j++];
                    }
                }
                while (i < mid) {
                    tmp[t++] = a[i++];
                }
                while (j < hi) {
                    tmp[t++] = a[j++];
                }
                System.arraycopy(tmp, lo, a, lo, hi - lo);
            }
        }
    }

    /**
     * The row's maximum as log-softmax uses it: NaN when the row holds a NaN or +inf, or is all
     * -inf (so every log-prob is NaN, as {@code torch.log_softmax}).
     */
    static double rowMaxForLogSoftmax(double[] row, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = row[j];
            if (v != v) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY ? m : Double.NaN;
    }

    /**
     * log(sum(exp(row - m))) for the row's maximum m (NaN stays NaN). A log-prob is then
     * {@code (x - m) - log s}: subtracting m first keeps every digit of log s, which
     * {@code x - (m + log s)} loses when |m| is large.
     */
    static double logSumExpAbove(double[] row, int n, double m) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(row[j] - m);
        }
        return Math.log(s);
    }
}
