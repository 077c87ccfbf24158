package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.HalfInput;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.ScratchPool;
import dev.logits4j.internal.kernels.SamplingParams;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * The selection ops (issue 12): argmax, top-k, top log-probs and sample, for float32 and float64
 * logits. Arguments were checked by the plans: nothing here validates.
 *
 * <p>Each row is read once into a per-thread float64 row (float32 and 16-bit values convert
 * exactly), so one algorithm serves every type ({@link HalfInput} marks 16-bit rows), arrays and
 * buffers of either byte order; the pipeline's arithmetic (bias, penalties, temperature,
 * exponentials, sums) runs in float64.
 *
 * <p><b>No sort of the vocabulary.</b> Every threshold (the k-th largest value of top-k, the
 * top-p boundary value) is found by {@link #radixSelect}: a most-significant-digit radix select
 * on a 64-bit order-preserving integer key of each value ({@link #key}). The first digit is 12
 * bits (sign and exponent: one bucket per binade), the next six 8 bits, the last 4. Each pass
 * builds a histogram (of counts for top-k, of probability mass for top-p) over the candidates that
 * still share the chosen prefix, picks the bucket that holds the boundary, and keeps only that
 * bucket's candidates (branch-free compaction). For top-k the first digit's histogram is built in
 * the same pass that finds the maximum, on the logits before the division by T (the same order).
 * Passes over the whole row: read, max (+ keys + first digit), compaction, keep; everything after
 * top-k (exponentials, top-p, min-p, the draw) runs on the list of kept tokens only. Worst case:
 * 8 digit passes, each over the whole row (every value sharing its top 60 bits, e.g. a constant
 * row); for top-p without top-k the selects see every token with a non-zero weight. Only the k
 * selected entries of top-k are sorted (by value descending, index ascending).
 */
public final class JavaSelect {
    private JavaSelect() {}

    /** Token returned for a row that has no valid distribution (see {@link #sampleRow}). */
    static final int NO_TOKEN = -1;

    // ---------------------------------------------------------------------------------------------
    // per-thread work memory, bounded like Scratch

    private static final int RETAINED = 1 << 18;
    /** Per-call work memory: the thread's own on platform threads, pooled on virtual threads. */
    private static final ScratchPool<Work> WORK = new ScratchPool<>(Work::new);

    private static final class Work {
        double[] row = new double[0];
        double[] w = new double[0];
        long[] keys = new long[0];
        int[] cand = new int[0];
        int[] cand2 = new int[0];
        final double[] hist = new double[1 << FIRST_DIGIT_BITS];
        int[] picked = new int[0];
        int[] tmp = new int[0];
        final Overrides table = new Overrides();   // this row's biased/penalised tokens
        final Candidates candidates = new Candidates();
        int[] overrideIds = new int[0];
        double[] sortedOverrideValues = new double[0];   // aligned with the sorted overrideIds
        boolean overrideValuesRead;  // table.values hold this row's processed values
        int overrideCount;           // changed tokens merged (sorted by id)
        double scanFloor;            // every processed value >= it is in the merged list
        boolean scanComplete;        // and every raw value >= the scan's starting threshold
        double[] blockSums = new double[0];
        int[] sorted = new int[0];   // candidates of top-k, sorted
        int[] sortTmp = new int[0];

        Work() {
        }

        /** A temporary instance for a row too long to keep (shares the small scratch). */
        private Work(Work owner) {
            this.owner = owner;
        }

        /** The pooled or thread's instance this temporary one came from, or null. */
        private Work owner;

        /** What the caller gives back to {@link #WORK} when its call ends. */
        Work kept() {
            return owner != null ? owner : this;
        }

        int[] sorted(int m) {
            if (sorted.length < m) {
                sorted = new int[m];
                sortTmp = new int[m];
            }
            return sorted;
        }

        void overrides(int m) {
            if (overrideIds.length < m) {
                overrideIds = new int[m];
                sortedOverrideValues = new double[m];
            }
        }

        double[] blockSums(int n) {
            int b = (n + Kernels.SUM_BLOCK - 1) / Kernels.SUM_BLOCK;
            if (blockSums.length < b) {
                blockSums = new double[b];
            }
            return blockSums;
        }

        Work size(int n, int k) {
            if (row.length < n) {
                Work fresh = n > RETAINED ? new Work(this) : this;
                fresh.row = new double[n];
                fresh.w = new double[n];
                fresh.keys = new long[n];
                fresh.cand = new int[n];
                fresh.cand2 = new int[n];
                if (fresh != this) {
                    fresh.picked = new int[k];
                    fresh.tmp = new int[k];
                    return fresh;
                }
            }
            if (picked.length < k) {
                picked = new int[k];
                tmp = new int[k];
            }
            return this;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // memory access

    /** Reads {@code n} values {@code stride} apart from {@code x} at {@code xi} into {@code row}. */
    static void readRow(Object x, long xi, long stride, int n, double[] row) {
        if (x instanceof HalfInput) {
            for (int j = 0; j < n; j++) {
                row[j] = read(x, xi + j * stride);
            }
        } else if (x instanceof float[]) {
            float[] a = (float[]) x;
            for (int j = 0; j < n; j++) {
                row[j] = a[(int) (xi + j * stride)];
            }
        } else if (x instanceof double[]) {
            double[] a = (double[]) x;
            for (int j = 0; j < n; j++) {
                row[j] = a[(int) (xi + j * stride)];
            }
        } else if (x instanceof FloatBuffer) {
            FloatBuffer b = (FloatBuffer) x;
            for (int j = 0; j < n; j++) {
                row[j] = b.get((int) (xi + j * stride));
            }
        } else {
            DoubleBuffer b = (DoubleBuffer) x;
            for (int j = 0; j < n; j++) {
                row[j] = b.get((int) (xi + j * stride));
            }
        }
    }

    static double read(Object x, long i) {
        if (x instanceof HalfInput) {
            HalfInput h = (HalfInput) x;
            short bits = h.bits instanceof short[] ? ((short[]) h.bits)[(int) i]
                    : ((java.nio.ShortBuffer) h.bits).get((int) i);
            return HalfConversion.toFloat(bits, h.bf16);
        }
        if (x instanceof float[]) {
            return ((float[]) x)[(int) i];
        } else if (x instanceof double[]) {
            return ((double[]) x)[(int) i];
        } else if (x instanceof FloatBuffer) {
            return ((FloatBuffer) x).get((int) i);
        }
        return ((DoubleBuffer) x).get((int) i);
    }

    /** Writes a value into float or double memory (float32 output rounds once). */
    static void writeValue(Object y, long i, double v) {
        if (y instanceof float[]) {
            ((float[]) y)[(int) i] = (float) v;
        } else if (y instanceof double[]) {
            ((double[]) y)[(int) i] = v;
        } else if (y instanceof FloatBuffer) {
            ((FloatBuffer) y).put((int) i, (float) v);
        } else {
            ((DoubleBuffer) y).put((int) i, v);
        }
    }

    /** Writes an index into int or long memory. */
    static void writeIndex(Object y, long i, long v) {
        if (y instanceof int[]) {
            ((int[]) y)[(int) i] = (int) v;
        } else if (y instanceof long[]) {
            ((long[]) y)[(int) i] = v;
        } else if (y instanceof IntBuffer) {
            ((IntBuffer) y).put((int) i, (int) v);
        } else {
            ((LongBuffer) y).put((int) i, v);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // keys and selection

    /**
     * An order-preserving 64-bit key: {@code a < b} implies {@code key(a) < key(b)}; -0.0 and 0.0
     * share a key; every NaN gets the largest key (NaN counts as the largest value, as in
     * {@code torch.topk} / {@code torch.argmax}).
     */
    static long key(double v) {
        if (v != v) {
            return Long.MAX_VALUE;
        }
        long b = Double.doubleToRawLongBits(v + 0.0);
        return b >= 0 ? b : b ^ Long.MAX_VALUE;
    }

    /**
     * The largest key {@code K} among the candidates such that the weight of the candidates whose
     * key is {@code >= K} reaches {@code target} (weight: 1 each when {@code w} is null, else
     * {@code w[i]}, which must be > 0). {@code cand[0..count)} lists the candidate positions in {@code keys} and is
     * reordered. When rounding leaves {@code target} above the total, the smallest key is returned
     * (every candidate is kept). At most 8 passes (digits of 12, 8, 8, 8, 8, 8, 8 and 4 bits), each over
     * the candidates still in play; with {@code identity} the candidates are 0..count-1.
     */
    static long radixSelect(long[] keys, double[] w, int[] cand, int count, boolean identity,
                            double target, double[] hist) {
        return radixSelect(keys, w, cand, count, identity, target, hist, 64);
    }

    /**
     * {@link #radixSelect} on candidates that already share the top {@code 64 - remaining} bits
     * of their unsigned key ({@code target} counts from there).
     */
    static long radixSelect(long[] keys, double[] w, int[] cand, int count, boolean identity,
                            double target, double[] hist, int remaining) {
        double above = 0;          // weight of candidates with a larger prefix
        while (remaining > 0) {
            if (count <= SMALL_SELECT) {
                return smallSelect(keys, w, cand, count, identity, target, above);
            }
            // digits of 12 bits (sign, exponent: one binade per bucket), then 8, 8, ..., 4
            int width = remaining == 64 ? FIRST_DIGIT_BITS : Math.min(8, remaining);
            int shift = remaining - width;
            int mask = (1 << width) - 1;
            remaining = shift;
            java.util.Arrays.fill(hist, 0, mask + 1, 0);
            for (int c = 0; c < count; c++) {
                int i = identity ? c : cand[c];
                hist[(int) ((keys[i] ^ Long.MIN_VALUE) >>> shift) & mask] += w == null ? 1 : w[i];
            }
            int chosen = -1;
            int lowest = -1;
            for (int b = mask; b >= 0; b--) {
                if (hist[b] == 0) {
                    continue;   // empty: every candidate weighs more than 0
                }
                lowest = b;
                if (above + hist[b] >= target) {
                    chosen = b;
                    break;
                }
                above += hist[b];
            }
            if (chosen < 0) {
                // The total fell short of the target by rounding: keep everything.
                chosen = lowest;
                above -= hist[lowest];
            }
            // branch-free compaction: a data-dependent branch here mispredicts about half the time
            int kept = 0;
            long lo = Long.MAX_VALUE;   // the kept keys' range, as signed keys
            long hi = Long.MIN_VALUE;
            for (int c = 0; c < count; c++) {
                int i = identity ? c : cand[c];
                long ki = keys[i];
                int d = ((int) ((ki ^ Long.MIN_VALUE) >>> shift) & mask) ^ chosen;
                int in = 1 - ((d | -d) >>> 31);
                cand[kept] = i;
                kept += in;
                lo = in != 0 ? Math.min(lo, ki) : lo;
                hi = in != 0 ? Math.max(hi, ki) : hi;
            }
            count = kept;
            identity = false;
            if (lo == hi) {
                // one key left (one candidate, or a flood of ties): every later digit would
                // choose it; a tie flood of 32k tokens once took all 8 passes here
                return lo;
            }
            // every key left lies in [lo, hi], so they share the bits above the highest one
            // where lo and hi differ: skip the digits that would keep them all (values sharing
            // their top bits once took 8 passes over the whole row)
            remaining = Math.min(remaining, 64 - Long.numberOfLeadingZeros(lo ^ hi));
        }
        return keys[cand[0]];   // not reached: the last digit leaves one key (lo == hi above)
    }

    /**
     * Candidates few enough to sort: a digit pass clears a histogram of 4096 (then 256) buckets,
     * which on a 10-token row cost 0.6 µs a call (top-k of 1 x 10: ~700 ns, argmax ~25).
     */
    static final int SMALL_SELECT = 32;

    /**
     * {@link #radixSelect} over a few candidates: sorted by key descending (insertion sort, so
     * equal keys keep their order), then the weight walked down from the largest key until it
     * reaches {@code target} ({@code above}: the weight already above them).
     */
    private static long smallSelect(long[] keys, double[] w, int[] cand, int count,
                                     boolean identity, double target, double above) {
        for (int c = 0; c < count; c++) {
            int i = identity ? c : cand[c];
            int d = c;
            while (d > 0 && keys[cand[d - 1]] < keys[i]) {
                cand[d] = cand[d - 1];
                d--;
            }
            cand[d] = i;
        }
        for (int c = 0; c < count; ) {
            long k = keys[cand[c]];
            for (; c < count && keys[cand[c]] == k; c++) {   // one key's weight
                above += w == null ? 1 : w[cand[c]];
            }
            if (above >= target) {
                return k;
            }
        }
        return keys[cand[count - 1]];   // rounding left the target above the total: keep all
    }

    /** The first digit: sign and exponent bits, so one bucket per binade. */
    static final int FIRST_DIGIT_BITS = 12;

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
    public static void argmax(Kernels kern, Object x, long xi, long outer, int n, long inner,
                              Object out, long oi) {
        Work wk = WORK.acquire().size(n, 0);
        try {
            argmax(kern, wk, x, xi, outer, n, inner, out, oi);
        } finally {
            WORK.release(wk.kept());
        }
    }

    private static void argmax(Kernels kern, Work wk, Object x, long xi, long outer, int n,
                               long inner, Object out, long oi) {
        boolean scan = inner == 1 && worthScanning(n, 1);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = xi + o * n * inner + i;
                if (scan) {
                    Candidates c = wk.candidates.forKeep(1);
                    if (kern.collectTop(x, at, n, 1, true, c) > 0) {
                        writeIndex(out, oi + o, c.idx[0]);
                        continue;
                    }
                }
                readRow(x, at, inner, n, wk.row);
                writeIndex(out, oi + o * inner + i, argmaxRow(wk.row, n));
            }
        }
    }

    /** Whether a row of n is long enough for the candidate scan to beat reading it whole. */
    static boolean worthScanning(int n, long keep) {
        return keep <= n / 4 && 2L * Candidates.capacityFor((int) keep) <= n;
    }

    // ---------------------------------------------------------------------------------------------
    // top-k and top log-probs

    public static void topK(Kernels kern, Object x, long xi, long rows, int n, int k,
                            boolean logProbs, Object values, long vi, Object indices, long ii) {
        if (k == 0) {
            return;
        }
        Work wk = WORK.acquire().size(n, k);
        try {
            topK(kern, wk, x, xi, rows, n, k, logProbs, values, vi, indices, ii);
        } finally {
            WORK.release(wk.kept());
        }
    }

    private static void topK(Kernels kern, Work wk, Object x, long xi, long rows, int n, int k,
                             boolean logProbs, Object values, long vi, Object indices, long ii) {
        double[] row = wk.row;
        boolean scan = worthScanning(n, k);
        for (long r = 0; r < rows; r++) {
            long at = xi + r * n;
            if (scan && topKByCandidates(kern, wk, x, at, n, k, logProbs, values, vi + r * k,
                    indices, ii + r * k)) {
                continue;
            }
            readRow(x, at, 1, n, row);
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
                writeValue(values, vi + r * k + j, logProbs ? (row[i] - max) - logS : row[i]);
                writeIndex(indices, ii + r * k + j, i);
            }
        }
    }

    /**
     * One row of top-k from the kernels' candidates (every value not below the k-th largest):
     * they are sorted by value descending, index ascending, and the first k written. False, with
     * nothing written, when the row needs the whole-row path (a NaN, a flood of ties, or NaN
     * log-probs).
     */
    private static boolean topKByCandidates(Kernels kern, Work wk, Object x, long at, int n, int k,
                                            boolean logProbs, Object values, long vi,
                                            Object indices, long ii) {
        Candidates c = wk.candidates.forKeep(k);
        int got = kern.collectTop(x, at, n, k, true, c);
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
        double minusLogS = logProbs ? kern.rowLogProb(x, at, n, a[0]) : 0;
        if (minusLogS != minusLogS) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            int i = a[j];
            writeValue(values, vi + j, logProbs ? (row[i] - max) + minusLogS : row[i]);
            writeIndex(indices, ii + j, i);
        }
        return true;
    }

    /** The k entries of the k largest keys (ties: lower index first) into picked, unordered. */
    static void selectTopK(double[] row, int n, int k, long[] keys, int[] cand, int[] picked,
                           double[] hist) {
        for (int i = 0; i < n; i++) {
            keys[i] = key(row[i]);
        }
        long kth = radixSelect(keys, null, cand, n, true, k, hist);
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
                    long ki = key(row[a[i]]);
                    long kj = key(row[a[j]]);
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

    // ---------------------------------------------------------------------------------------------
    // sample

    public static void sample(Kernels kern, Object x, long xi, SamplingParams p, Object u, long ui,
                              Object tokens, long ti, Object logProbs, long li) {
        int n = p.vocab;
        Work wk = WORK.acquire().size(n, 0);
        try {
            sample(kern, wk, x, xi, p, u, ui, tokens, ti, logProbs, li);
        } finally {
            WORK.release(wk.kept());
        }
    }

    private static void sample(Kernels kern, Work wk, Object x, long xi, SamplingParams p,
                               Object u, long ui, Object tokens, long ti, Object logProbs, long li) {
        int n = p.vocab;
        for (long r = 0; r < p.rows; r++) {
            long at = xi + r * n;
            double ur = read(u, ui + r);
            // the row's biased and penalised tokens, once per row (the scans below reuse them)
            overrideTokens(wk, p, r);
            int token = sampleByCandidates(kern, wk, x, at, n, p, r, ur);
            if (token == WHOLE_ROW) {
                readRow(x, at, 1, n, wk.row);
                token = sampleRow(wk, n, p, r, ur);
            }
            writeIndex(tokens, ti + r, token);
            if (logProbs != null) {
                writeValue(logProbs, li + r, token < 0 ? Double.NaN : kern.rowLogProb(x, at, n, token));
            }
        }
    }

    /** {@link Kernels#sumExpBlocks} in Java: float64, {@code Math.exp}, in index order. */
    static double sumExpBlocks(Object x, long xi, int n, double max, double invT, int[] ids,
                               double[] values, int m, double[] blockSums) {
        double total = 0;
        int o = 0;
        for (int j0 = 0, b = 0; j0 < n; j0 += Kernels.SUM_BLOCK, b++) {
            int end = Math.min(n, j0 + Kernels.SUM_BLOCK);
            double s = 0;
            for (int j = j0; j < end; j++) {
                double z;
                if (o < m && ids[o] == j) {
                    z = values[o++];
                } else {
                    z = read(x, xi + j);
                }
                s += Math.exp((z - max) * invT);
            }
            blockSums[b] = s;
            total += s;
        }
        return total;
    }

    /** {@link Kernels#rowLogProb} in Java: (x[t] - m) - log(sum(exp(x - m))), float64. */
    static double rowLogProb(Object x, long xi, int n, int t) {
        if (t < 0 || t >= n) {
            return Double.NaN;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = read(x, xi + j);
            if (v != v) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(read(x, xi + j) - m);
        }
        return (read(x, xi + t) - m) - Math.log(s);
    }

    /** {@link #sampleByCandidates}: this row needs the whole-row pipeline. */
    private static final int WHOLE_ROW = -2;

    /**
     * One row of the pipeline with top-k on (or T = 0), reading the row once through the kernels'
     * candidate scan instead of whole. Only tokens whose processed value can reach the k-th
     * largest matter to every later step (top-p, min-p and the draw see the top-k survivors
     * only). The scan skips the m biased or penalised tokens ({@link Candidates#skip}) and keeps
     * the other tokens not below the k-th largest of them, f: k tokens keep their raw value >= f,
     * so the processed k-th largest is >= f and no unchanged token below f survives top-k. The m
     * tokens' processed values (bias, then penalties, as {@link #sampleRow}) not below f are
     * merged in; the rest is {@link #sampleRow}'s on the merged list. One scan whatever m (the
     * scan once kept k + m raw values and rescanned wider while changed tokens crowded the top:
     * 2.2 scans per row on the penalty step). Returns {@link #WHOLE_ROW} when this does not
     * apply (top-k off, a short row, a flood of ties at the threshold).
     */
    private static int sampleByCandidates(Kernels kern, Work wk, Object x, long at, int n,
                                          SamplingParams p, long r, double u) {
        double t = p.temperature(r);
        int k = t == 0 ? 1 : p.topK(r);
        if (k == 0) {
            return sampleWithoutTopK(kern, wk, x, at, n, p, r, u);
        }
        // the scan keeps k whatever the number of changed tokens (it skips them; they cost
        // O(m) here, less than the whole-row path's O(vocab) weighing): a long history on a
        // small vocabulary no longer sends the row to the whole-row path (16384 history ids at
        // vocab 32000, ~12,000 distinct: 302 -> 128 us per row, AMD EPYC with AVX-512)
        if (!worthScanning(n, k)) {
            return WHOLE_ROW;
        }
        int count = collectMerged(kern, wk, x, at, n, p, r, k);
        if (count < 0) {
            return count;
        }
        double[] z = wk.row;
        int[] kept = wk.cand;
        // the maximum over the merged list is the row's (it holds the processed top-k)
        int best = bestOf(z, kept, count);
        if (best < 0) {
            return NO_TOKEN;
        }
        double max = z[best];
        if (t == 0) {
            return best;
        }
        // top-k on the merged list, on the values before the division by T (the same order)
        long[] keys = wk.keys;
        int[] work = wk.cand2;
        for (int i = 0; i < count; i++) {
            keys[kept[i]] = key(z[kept[i]]);
        }
        System.arraycopy(kept, 0, work, 0, count);
        long kth = radixSelect(keys, null, work, count, false, k, wk.hist);
        int still = 0;
        for (int i = 0; i < count; i++) {
            kept[still] = kept[i];
            still += keys[kept[i]] >= kth ? 1 : 0;
        }
        return afterTopK(wk, still, true, max, best, p, r, u);
    }


    /**
     * The first position of the largest value of {@code z} over {@code list[0, count)}
     * (ascending), or -1 when one is NaN or the largest is not finite (no distribution).
     */
    private static int bestOf(double[] z, int[] list, int count) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double v = z[list[i]];
            if (v != v) {
                return -1;
            }
            if (v > max || best < 0) {
                max = v;
                best = list[i];
            }
        }
        return max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY ? best : -1;
    }

    /**
     * The kernels' candidates of the row's unchanged tokens (every raw value not below their
     * keep-th largest; the scan skips the biased and penalised tokens) merged with those tokens'
     * processed values, positions ascending, into {@code wk.cand} with their values in
     * {@code wk.row}; returns their number, or {@link #NO_TOKEN} (a NaN) or {@link #WHOLE_ROW}
     * (a flood of ties). Also leaves the sorted override ids and values in {@code wk} and, in
     * {@code wk.scanFloor}, the smallest raw value the scan kept: every token whose processed
     * value is at least that is in the list. Why keep = k is enough for top-k: see
     * {@link #sampleByCandidates}.
     */
    private static int collectMerged(Kernels kern, Work wk, Object x, long at, int n,
                                     SamplingParams p, long r, int keep) {
        return collectMerged(kern, wk, x, at, n, p, r, keep, Double.NEGATIVE_INFINITY, false, false);
    }

    /**
     * {@link #collectMerged} with a starting threshold {@code from} for the raw scan;
     * {@code wk.scanComplete} says whether every raw value >= from was kept (no cut).
     */
    private static int collectMerged(Kernels kern, Work wk, Object x, long at, int n,
                                     SamplingParams p, long r, int keep, double from,
                                     boolean firstTies, boolean allOverrides) {
        Candidates c = wk.candidates.forKeep(keep);
        c.from = from;
        if (wk.table.size > 0) {
            c.skip(wk.table.marks, wk.table.markWords);   // the changed tokens are merged in below
        }
        int got = kern.collectTop(x, at, n, keep, firstTies, c);
        overrideValues(wk, x, at, p, r);   // after the scan: the row is in cache now
        // a cut keeps at least keep (ties included): fewer means nothing was ever cut
        wk.scanComplete = got >= 0 && got < keep;
        if (got == Candidates.NAN_FOUND) {
            return NO_TOKEN;   // a NaN stays NaN whatever the bias or penalty
        }
        if (got < 0) {
            return WHOLE_ROW;
        }
        // Every raw value >= floor is among the candidates: after a cut, the smallest one kept;
        // with no cut, the scan's own threshold `from` (not +inf when nothing was found: bias or
        // penalties may have lifted every token that matters above every raw value, issue 23)
        double floor = from;
        if (!wk.scanComplete) {
            floor = Double.POSITIVE_INFINITY;
            for (int i = 0; i < got; i++) {
                floor = Math.min(floor, c.val[i]);
            }
        }
        wk.scanFloor = floor;
        // the processed values of the biased and penalised tokens (wk.table, made once per row
        // by sample()); with top-k only those not below the floor can be kept (see
        // sampleByCandidates), so only they are sorted and merged; without it every one changes
        // the sum (sumExpBlocks)
        int m = sortOverrides(wk, allOverrides ? Double.NEGATIVE_INFINITY : floor);
        // merge: candidates (ascending) without those tokens, and those tokens (sorted)
        double[] z = wk.row;
        int[] ids = wk.overrideIds;
        int[] kept = wk.cand;
        int count = 0;
        int o = 0;
        for (int i = 0; i < got; i++) {
            int j = c.idx[i];
            while (o < m && ids[o] < j) {
                z[ids[o]] = wk.sortedOverrideValues[o];
                kept[count++] = ids[o++];
            }
            z[j] = c.val[i];   // never a changed token: the scan skipped those
            kept[count++] = j;
        }
        while (o < m) {
            z[ids[o]] = wk.sortedOverrideValues[o];
            kept[count++] = ids[o++];
        }
        return count;
    }

    /**
     * Top-k off, T > 0. The maximum from the first unchanged maximum and the m changed tokens
     * (the scans skip those and merge their processed values in); S, the float64 sum of every
     * token's weight, from one kernel pass ({@link Kernels#sumExpBlocks}, native on the native
     * backends). Plain sampling then draws from the block sums, looking at one block only.
     * With top-p or min-p, the top 64 unchanged tokens (then 512, 4096; the scan starting at a
     * bound below which no token can be kept) and the changed ones not below them are enough
     * once the top-p prefix ends among them, min-p cuts everything below them, or they are every
     * token above the bound; their weights, the top-p walk (by weight descending, index ascending, while the mass before a
     * token is below p S), min-p and the draw are {@link #sampleRow}'s on that list.
     */
    private static int sampleWithoutTopK(Kernels kern, Work wk, Object x, long at, int n,
                                         SamplingParams p, long r, double u) {
        long m0 = wk.table.size;
        if (!worthScanning(n, 1 + m0)) {
            return WHOLE_ROW;
        }
        // only the processed maximum (its first position) is wanted here: the first unchanged
        // maximum in (value, index) order and every changed token, so a flood of tied maxima
        // costs no whole row
        int count = collectMerged(kern, wk, x, at, n, p, r, 1, Double.NEGATIVE_INFINITY, true, true);
        if (count < 0) {
            return count;
        }
        double[] z = wk.row;
        int best = bestOf(z, wk.cand, count);
        if (best < 0) {
            return NO_TOKEN;
        }
        double max = z[best];
        double invT = 1.0 / p.temperature(r);
        double[] bs = wk.blockSums(n);
        int m = wk.overrideCount;
        int[] ids = wk.overrideIds;              // sorted, first m
        double[] vals = wk.sortedOverrideValues;
        double sum = kern.sumExpBlocks(x, at, n, max, invT, ids, vals, m, bs);
        if (!(sum >= 1 && sum < Double.POSITIVE_INFINITY)) {
            return WHOLE_ROW;   // the max's own weight is exp(0) = 1: memory changed under the call
        }
        double topP = p.topP(r);
        double minP = p.minP(r);
        if (topP >= 1 && minP <= 0) {
            return drawFromBlocks(x, at, n, max, invT, ids, vals, m, bs, u * sum);
        }
        // No token below `from` can be kept: below max + T ln((1 - p) S / (2 V)) all tokens
        // together weigh at most (1 - p) S / 2, so the top-p prefix (mass >= p S) ends above it;
        // below max + T ln(min-p) (less a margin for rounding) a weight is under min-p.
        double t = p.temperature(r);
        double from = Double.NEGATIVE_INFINITY;
        if (topP < 1) {
            from = max + t * Math.log(0.5 * (1 - topP) * sum / n);
        }
        if (minP > 0) {
            from = Math.max(from, max + t * Math.log(minP) - 1e-9 * Math.max(1, Math.abs(max)));
        }
        if (!(from < max)) {
            from = Double.NEGATIVE_INFINITY;   // NaN or no room: no bound
        }
        for (long keep = 64; ; keep *= 8) {
            if (!worthScanning(n, keep + m0)) {
                return WHOLE_ROW;
            }
            count = collectMerged(kern, wk, x, at, n, p, r, (int) keep, from, false, true);
            if (count < 0) {
                return count;
            }
            // the merged entries at or above the floor (every token there), weights > 0
            double floor = wk.scanFloor;
            int[] list = wk.cand;
            double[] w = wk.w;
            double mass = 0;
            int live = 0;
            for (int i = 0; i < count; i++) {
                int j = list[i];
                if (z[j] >= floor) {
                    double e = Math.exp((z[j] - max) * invT);
                    if (e > 0) {
                        w[j] = e;
                        mass += e;
                        list[live++] = j;
                    }
                }
            }
            double target = topP * sum;
            boolean cut = topP < 1 && mass >= target;   // the prefix ends among these tokens
            // complete: the prefix ends here, or min-p removes every token below the floor
            // (their weights are at most the floor's), or these are every token above a bound
            // below which none can be kept
            if (!cut && !(Math.exp((floor - max) * invT) < minP) && !wk.scanComplete) {
                continue;
            }
            int kept = cut ? topPCut(wk, live, target, false) : live;
            return minPAndDraw(wk, kept, minP, u, best);
        }
    }

    /**
     * Plain sampling's draw: the first index whose running weight exceeds {@code target},
     * found from the block sums and one block's weights (computed again, in float64); the last
     * token of non-zero weight when rounding leaves the target unreached.
     */
    private static int drawFromBlocks(Object x, long at, int n, double max, double invT, int[] ids,
                                      double[] vals, int m, double[] bs, double target) {
        int blocks = (n + Kernels.SUM_BLOCK - 1) / Kernels.SUM_BLOCK;
        double run = 0;
        for (int b = 0; b < blocks; b++) {
            if (run + bs[b] <= target && b + 1 < blocks) {
                run += bs[b];
                continue;
            }
            for (int j = b * Kernels.SUM_BLOCK, end = Math.min(n, j + Kernels.SUM_BLOCK); j < end; j++) {
                int o = java.util.Arrays.binarySearch(ids, 0, m, j);
                double zj = o >= 0 ? vals[o] : read(x, at + j);
                double e = Math.exp((zj - max) * invT);
                run += e;
                if (run > target && e > 0) {
                    return j;
                }
            }
        }
        // rounding left the target unreached: the last token of non-zero weight
        for (int j = n - 1; j >= 0; j--) {
            int o = java.util.Arrays.binarySearch(ids, 0, m, j);
            double zj = o >= 0 ? vals[o] : read(x, at + j);
            if (Math.exp((zj - max) * invT) > 0) {
                return j;
            }
        }
        return NO_TOKEN;
    }

    /**
     * The biased and penalised tokens of row r into {@code wk.table} (reset here, on entry),
     * with their bias-entry and history counts but not yet their values ({@link #overrideValues}
     * reads those, after the row's first scan has brought it into cache); returns their number.
     * O(bias + history) besides zeroing the marks; no per-thread state that must be clean.
     */
    private static int overrideTokens(Work wk, SamplingParams p, long r) {
        int bFrom = p.biasFrom(r);
        int bTo = p.biasTo(r);
        int hFrom = p.historyFrom(r);
        int hTo = p.historyTo(r);
        Overrides t = wk.table;
        t.reset(p.vocab, (bTo - bFrom) + (hTo - hFrom));
        wk.overrideValuesRead = false;
        int[] bi = p.biasIds();
        int[] hist = p.historyIds();
        for (int e = bFrom; e < bTo; e++) {
            t.mark(bi[e]);
        }
        for (int e = hFrom; e < hTo; e++) {
            t.mark(hist[e]);
        }
        t.index();
        if (hTo > hFrom) {
            t.count(hist, hFrom, hTo);
        }
        return t.size;
    }

    /**
     * The processed values of {@link #overrideTokens}' tokens, once per row: their logits from
     * {@code x} (one gather of independent loads), the bias entries in the order given, then
     * each distinct history token's penalties once, as {@link #sampleRow}.
     */
    private static void overrideValues(Work wk, Object x, long at, SamplingParams p, long r) {
        if (wk.overrideValuesRead) {
            return;
        }
        Overrides t = wk.table;
        readAt(x, at, t.ids, t.size, t.values);
        int[] bi = p.biasIds();
        double[] bv = p.biasValues();
        for (int e = p.biasFrom(r), end = p.biasTo(r); e < end; e++) {
            t.values[t.find(bi[e])] += bv[e];
        }
        if (p.historyTo(r) > p.historyFrom(r)) {
            double rep = p.repetitionPenalty(r);
            double pres = p.presencePenalty(r);
            double freq = p.frequencyPenalty(r);
            for (int e = 0; e < t.size; e++) {
                if (t.counts[e] > 0) {
                    t.values[e] = penalise(t.values[e], t.counts[e], rep, pres, freq);
                }
            }
        }
        wk.overrideValuesRead = true;
    }

    /** {@code out[e] = x[at + ids[e]]} for e < m: one type test for the whole gather. */
    private static void readAt(Object x, long at, int[] ids, int m, double[] out) {
        if (x instanceof float[]) {
            float[] a = (float[]) x;
            for (int e = 0; e < m; e++) {
                out[e] = a[(int) (at + ids[e])];
            }
        } else {
            for (int e = 0; e < m; e++) {
                out[e] = read(x, at + ids[e]);
            }
        }
    }

    /**
     * The changed tokens of {@code wk.table} whose processed value is at least {@code floor},
     * sorted by id, into {@code wk.overrideIds / sortedOverrideValues / overrideCount}; returns
     * their number.
     */
    private static int sortOverrides(Work wk, double floor) {
        Overrides t = wk.table;
        wk.overrides(t.size);
        int[] ids = wk.overrideIds;
        int m = 0;
        for (int e = 0; e < t.size; e++) {
            // NaN stays: a NaN after bias/penalties (+inf logit, -inf bias) leaves no distribution
            if (!(t.values[e] < floor)) {
                ids[m++] = t.ids[e];
            }
        }
        java.util.Arrays.sort(ids, 0, m);
        for (int i = 0; i < m; i++) {
            wk.sortedOverrideValues[i] = t.values[t.find(ids[i])];
        }
        wk.overrideCount = m;
        return m;
    }

    /**
     * The penalties of a token seen {@code count} > 0 times: repetition (HF: {@code x < 0 ? x r :
     * x / r}), then frequency and presence (OpenAI/vLLM: {@code x - f count - a}).
     */
    private static double penalise(double v, int count, double rep, double pres, double freq) {
        if (rep != 1) {
            v = v < 0 ? v * rep : v / rep;
        }
        if (freq != 0 || pres != 0) {
            v -= freq * count + pres;
        }
        return v;
    }

    /**
     * One row of the pipeline on {@code wk.row} (overwritten with the processed logits). Returns
     * {@link #NO_TOKEN} when the processed row has no distribution: it holds a NaN or +inf, or
     * every entry is -inf.
     */
    static int sampleRow(Work wk, int n, SamplingParams p, long r, double u) {
        double[] z = wk.row;
        // 1-2. logit bias, then the penalties once per distinct history token: the same rule
        // as the candidate path (overrides), applied to the row read whole. The table is built
        // again from this copy (not reused from sample()'s read of caller memory) so that the
        // whole-row path works on one snapshot even if the caller rewrites the logits meanwhile.
        int m = overrideTokens(wk, p, r);
        overrideValues(wk, z, 0, p, r);
        for (int e = 0; e < m; e++) {
            z[wk.table.ids[e]] = wk.table.values[e];
        }
        double t = p.temperature(r);
        int k = t == 0 ? 0 : p.topK(r);
        long[] keys = wk.keys;
        double[] hist = wk.hist;
        // the maximum (and whether there is a distribution at all); with top-k, the same pass
        // makes each key and counts the first radix digit (one bucket per binade)
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        if (k == 0) {
            for (int j = 0; j < n; j++) {
                double v = z[j];
                if (v != v) {
                    return NO_TOKEN;
                }
                if (v > max) {
                    max = v;
                    best = j;
                }
            }
        } else {
            java.util.Arrays.fill(hist, 0);
            for (int j = 0; j < n; j++) {
                double v = z[j];
                if (v != v) {
                    return NO_TOKEN;
                }
                if (v > max) {
                    max = v;
                    best = j;
                }
                long kj = key(v);
                keys[j] = kj;
                hist[(int) ((kj ^ Long.MIN_VALUE) >>> (64 - FIRST_DIGIT_BITS))]++;
            }
        }
        if (!(max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY)) {
            return NO_TOKEN;
        }
        // 3. temperature; T = 0 is greedy
        if (t == 0) {
            return best;
        }
        int[] kept = wk.cand;     // positions kept so far, in vocabulary order
        int[] work = wk.cand2;    // the selects' candidates (reordered)
        int count;
        if (k > 0) {
            // 4. top-k, selected on the logits before the division by T (the same order): the
            // bucket of the first digit that holds the k-th largest, then the rest of its bits
            int first = (1 << FIRST_DIGIT_BITS) - 1;
            double above = 0;
            while (above + hist[first] < k) {
                above += hist[first--];
            }
            int c = 0;
            for (int j = 0; j < n; j++) {
                int d = (int) ((keys[j] ^ Long.MIN_VALUE) >>> (64 - FIRST_DIGIT_BITS)) ^ first;
                work[c] = j;
                c += 1 - ((d | -d) >>> 31);
            }
            long kth = c == 1 ? keys[work[0]] : radixSelect(keys, null, work, c, false, k - above,
                    hist, 64 - FIRST_DIGIT_BITS);
            count = 0;
            for (int j = 0; j < n; j++) {
                kept[count] = j;
                count += keys[j] >= kth ? 1 : 0;
            }
        } else {
            for (int j = 0; j < n; j++) {
                kept[j] = j;
            }
            count = n;
        }
        return afterTopK(wk, count, k > 0, max, best, p, r, u);
    }

    /**
     * Steps 5-7 of the pipeline on the top-k survivors {@code wk.cand[0, count)} (ascending) of
     * the processed row {@code wk.row}: weights, top-p, min-p, the draw. {@code keysReady}: the
     * survivors' keys are in {@code wk.keys}.
     */
    private static int afterTopK(Work wk, int count, boolean keysReady, double max, int best,
                                 SamplingParams p, long r, double u) {
        double[] z = wk.row;
        long[] keys = wk.keys;
        int[] kept = wk.cand;
        int[] work = wk.cand2;
        double[] w = wk.w;
        double t = p.temperature(r);
        double topP = p.topP(r);
        // weights exp((z - max) / T) of the kept tokens (times 1/T: the order and the ties are
        // those of z); tokens whose weight underflows to 0 leave
        double invT = 1.0 / t;
        double sum = 0;
        int live = 0;
        double lastZ = Double.NaN;   // equal values weigh the same: a flood of ties costs one exp
        double lastE = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            double zj = z[j];
            if (zj != lastZ) {
                lastE = Math.exp((zj - max) * invT);
                lastZ = zj;
            }
            double e = lastE;
            w[j] = e;
            sum += e;
            if (e > 0) {
                kept[live++] = j;
            }
        }
        count = live;
        // 5. top-p: keep the shortest prefix, by weight descending then index ascending, whose
        // weight reaches p * sum; i.e. every token whose predecessors weigh less than p * sum
        if (topP < 1) {
            count = topPCut(wk, count, topP * sum, keysReady);
        }
        return minPAndDraw(wk, count, p.minP(r), u, best);
    }

    /**
     * Top-p on {@code wk.cand[0, count)} (ascending, weights in {@code wk.w}, all > 0): keeps the
     * shortest prefix, by weight descending then index ascending, whose weight reaches
     * {@code target}, i.e. every token whose predecessors weigh less than it (the boundary value
     * by a mass-weighted radix select, ties at it in index order). Returns the new count.
     */
    private static int topPCut(Work wk, int count, double target, boolean keysReady) {
        double[] z = wk.row;
        long[] keys = wk.keys;
        int[] kept = wk.cand;
        int[] work = wk.cand2;
        double[] w = wk.w;
        if (!keysReady) {
            for (int c = 0; c < count; c++) {
                keys[kept[c]] = key(z[kept[c]]);
            }
        }
        System.arraycopy(kept, 0, work, 0, count);
        long boundary = radixSelect(keys, w, work, count, false, target, wk.hist);
        double before = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            if (keys[j] > boundary) {
                before += w[j];
            }
        }
        int still = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            long kj = keys[j];
            if (kj > boundary || (kj == boundary && before < target)) {
                if (kj == boundary) {
                    before += w[j];
                }
                kept[still++] = j;
            }
        }
        return still;
    }

    /**
     * Steps 6-7 on the top-p survivors {@code wk.cand[0, count)} (ascending) with their weights in
     * {@code wk.w}: min-p, then the draw.
     */
    private static int minPAndDraw(Work wk, int count, double minP, double u, int best) {
        int[] kept = wk.cand;
        double[] w = wk.w;
        // 6. min-p: keep weights >= minP * (the largest weight, exp(0) = 1)
        double total = 0;
        int still = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            if (w[j] >= minP) {
                total += w[j];
                kept[still++] = j;
            }
        }
        count = still;
        // 7. draw: the first index whose running kept weight exceeds u * S (S = total)
        double target = u * total;
        double run = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            run += w[j];
            if (run > target) {
                return j;
            }
        }
        int last = count > 0 ? kept[count - 1] : best;
        return last;
    }
}
