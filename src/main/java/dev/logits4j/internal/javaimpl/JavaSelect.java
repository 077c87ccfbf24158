package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.plan.SamplingParams;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * The selection ops (issue 12): argmax, top-k, top log-probs and sample, for float32 and float64
 * logits. Arguments were checked by the plans: nothing here validates.
 *
 * <p>Each row is read once into a per-thread float64 row (float32 values convert exactly), so one
 * algorithm serves both types, arrays and buffers of either byte order; the pipeline's arithmetic
 * (bias, penalties, temperature, exponentials, sums) runs in float64.
 *
 * <p><b>No sort of the vocabulary.</b> Every threshold (the k-th largest value of top-k, the
 * top-p boundary value) is found by {@link #radixSelect}: a most-significant-digit radix select
 * on a 64-bit order-preserving integer key of each value, 8 bits per pass. Each pass builds a
 * 256-bucket histogram (of counts, or of probability mass for top-p) over the candidates that
 * still share the chosen prefix, picks the bucket that holds the boundary, and keeps only that
 * bucket's candidates. Worst case: 8 passes, each over at most the whole row (all values sharing
 * their top 56 bits); typical logits leave a handful of candidates after the first two passes.
 * Only the k selected entries of top-k are sorted (by value descending, index ascending).
 */
final class JavaSelect {
    private JavaSelect() {}

    /** Token returned for a row that has no valid distribution (see {@link #sampleRow}). */
    static final int NO_TOKEN = -1;

    // ---------------------------------------------------------------------------------------------
    // per-thread work memory, bounded like Scratch

    private static final int RETAINED = 1 << 18;
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private static final class Work {
        double[] row = new double[0];
        double[] w = new double[0];
        long[] keys = new long[0];
        int[] cand = new int[0];
        int[] counts = new int[0];   // all zero between rows
        final double[] hist = new double[256];
        int[] picked = new int[0];
        int[] tmp = new int[0];

        Work size(int n, int k) {
            if (row.length < n) {
                Work fresh = n > RETAINED ? new Work() : this;
                fresh.row = new double[n];
                fresh.w = new double[n];
                fresh.keys = new long[n];
                fresh.cand = new int[n];
                fresh.counts = new int[n];
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
        if (x instanceof float[]) {
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
     * (every candidate is kept). At most 8 passes, each over the candidates still in play.
     */
    static long radixSelect(long[] keys, double[] w, int[] cand, int count, double target,
                            double[] hist) {
        long prefix = 0;           // unsigned key bits chosen so far
        double above = 0;          // weight of candidates with a larger prefix
        for (int shift = 56; shift >= 0; shift -= 8) {
            java.util.Arrays.fill(hist, 0);
            if (w == null) {
                for (int c = 0; c < count; c++) {
                    hist[(int) (((keys[cand[c]] ^ Long.MIN_VALUE) >>> shift) & 0xFF)]++;
                }
            } else {
                for (int c = 0; c < count; c++) {
                    int i = cand[c];
                    hist[(int) (((keys[i] ^ Long.MIN_VALUE) >>> shift) & 0xFF)] += w[i];
                }
            }
            int chosen = -1;
            int lowest = -1;
            for (int b = 255; b >= 0; b--) {
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
            prefix |= (long) chosen << shift;
            int kept = 0;
            for (int c = 0; c < count; c++) {
                int i = cand[c];
                if ((int) (((keys[i] ^ Long.MIN_VALUE) >>> shift) & 0xFF) == chosen) {
                    cand[kept++] = i;
                }
            }
            count = kept;
            if (count == 1) {
                return keys[cand[0]];   // one candidate left: it is the answer
            }
        }
        return prefix ^ Long.MIN_VALUE;
    }

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

    static void argmax(Object x, long xi, long outer, int n, long inner, Object out, long oi) {
        Work wk = WORK.get().size(n, 0);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                readRow(x, xi + o * n * inner + i, inner, n, wk.row);
                writeIndex(out, oi + o * inner + i, argmaxRow(wk.row, n));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // top-k and top log-probs

    static void topK(Object x, long xi, long rows, int n, int k, boolean logProbs, Object values,
                     long vi, Object indices, long ii) {
        if (k == 0) {
            return;
        }
        Work wk = WORK.get().size(n, k);
        double[] row = wk.row;
        for (long r = 0; r < rows; r++) {
            readRow(x, xi + r * n, 1, n, row);
            int[] picked = wk.picked;
            double lse = logProbs ? logSumExpForLogSoftmax(row, n) : 0;
            if (lse != lse) {
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
                writeValue(values, vi + r * k + j, logProbs ? row[i] - lse : row[i]);
                writeIndex(indices, ii + r * k + j, i);
            }
        }
    }

    /** The k entries of the k largest keys (ties: lower index first) into picked, unordered. */
    static void selectTopK(double[] row, int n, int k, long[] keys, int[] cand, int[] picked,
                           double[] hist) {
        for (int i = 0; i < n; i++) {
            cand[i] = i;
            keys[i] = key(row[i]);
        }
        long kth = radixSelect(keys, null, cand, n, k, hist);
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
     * log(sum(exp(row))) as log-softmax subtracts it: NaN when the row holds a NaN or +inf, or is
     * all -inf (so every log-prob is NaN, as {@code torch.log_softmax}).
     */
    static double logSumExpForLogSoftmax(double[] row, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = row[j];
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
            s += Math.exp(row[j] - m);
        }
        return m + Math.log(s);
    }

    // ---------------------------------------------------------------------------------------------
    // sample

    static void sample(Object x, long xi, SamplingParams p, Object u, long ui, Object tokens,
                       long ti, Object logProbs, long li) {
        int n = p.vocab;
        Work wk = WORK.get().size(n, 0);
        for (long r = 0; r < p.rows; r++) {
            readRow(x, xi + r * n, 1, n, wk.row);
            double lse = logProbs == null ? 0 : logSumExpForLogSoftmax(wk.row, n);
            int token = sampleRow(wk, n, p, r, read(u, ui + r));
            writeIndex(tokens, ti + r, token);
            if (logProbs != null) {
                writeValue(logProbs, li + r, token < 0 ? Double.NaN : read(x, xi + r * n + token) - lse);
            }
        }
    }

    /**
     * One row of the pipeline on {@code wk.row} (overwritten with the processed logits). Returns
     * {@link #NO_TOKEN} when the processed row has no distribution: it holds a NaN or +inf, or
     * every entry is -inf.
     */
    static int sampleRow(Work wk, int n, SamplingParams p, long r, double u) {
        double[] z = wk.row;
        // 1. logit bias
        double[] bv = p.biasValues();
        int[] bi = p.biasIds();
        for (int e = p.biasFrom(r), end = p.biasTo(r); e < end; e++) {
            z[bi[e]] += bv[e];
        }
        // 2. penalties, once per distinct history token; counts stay zero between rows
        int hFrom = p.historyFrom(r);
        int hTo = p.historyTo(r);
        if (hTo > hFrom) {
            int[] ids = p.historyIds();
            int[] counts = wk.counts;
            double rep = p.repetitionPenalty(r);
            double pres = p.presencePenalty(r);
            double freq = p.frequencyPenalty(r);
            for (int e = hFrom; e < hTo; e++) {
                counts[ids[e]]++;
            }
            for (int e = hFrom; e < hTo; e++) {
                int id = ids[e];
                int c = counts[id];
                if (c == 0) {
                    continue;
                }
                counts[id] = 0;
                double v = z[id];
                if (rep != 1) {
                    v = v < 0 ? v * rep : v / rep;
                }
                if (freq != 0 || pres != 0) {
                    v -= freq * c + pres;
                }
                z[id] = v;
            }
        }
        // the maximum (and whether there is a distribution at all)
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
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
        if (!(max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY)) {
            return NO_TOKEN;
        }
        // 3. temperature; T = 0 is greedy
        double t = p.temperature(r);
        if (t == 0) {
            return best;
        }
        if (t != 1) {
            for (int j = 0; j < n; j++) {
                z[j] /= t;
            }
            max /= t;
        }
        double[] w = wk.w;
        int[] cand = wk.cand;
        long[] keys = wk.keys;
        // 4. top-k: keep every value >= the k-th largest (keys computed once, used by both selects)
        int k = p.topK(r);
        double topP = p.topP(r);
        long kth = Long.MIN_VALUE;
        if (k > 0 || topP < 1) {
            for (int i = 0; i < n; i++) {
                keys[i] = key(z[i]);
            }
        }
        if (k > 0) {
            for (int i = 0; i < n; i++) {
                cand[i] = i;
            }
            kth = radixSelect(keys, null, cand, n, k, wk.hist);
        }
        // weights exp(z - max) of the tokens kept so far (0 for dropped ones)
        int count = 0;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = 0;
            if (k == 0 || keys[j] >= kth) {
                e = Math.exp(z[j] - max);
                if (e > 0) {
                    cand[count++] = j;
                }
            }
            w[j] = e;
            sum += e;
        }
        // 5. top-p: keep the shortest prefix, by weight descending then index ascending, whose
        // weight reaches p * sum; i.e. every token whose predecessors weigh less than p * sum
        if (topP < 1) {
            double target = topP * sum;
            long boundary = radixSelect(keys, w, cand, count, target, wk.hist);
            double before = 0;
            for (int j = 0; j < n; j++) {
                if (w[j] > 0 && keys[j] > boundary) {
                    before += w[j];
                }
            }
            for (int j = 0; j < n; j++) {
                long kj = keys[j];
                if (kj < boundary) {
                    w[j] = 0;
                } else if (kj == boundary && w[j] > 0) {
                    if (before < target) {
                        before += w[j];
                    } else {
                        w[j] = 0;
                    }
                }
            }
        }
        // 6. min-p: keep weights >= minP * (largest weight, which is exp(0) = 1)
        double minP = p.minP(r);
        // 7. draw: the first index whose running kept weight exceeds u * S
        double kept = 0;
        int last = best;
        for (int j = 0; j < n; j++) {
            double e = w[j];
            if (e > 0 && e >= minP) {
                kept += e;
                last = j;
            } else {
                w[j] = 0;
            }
        }
        double target = u * kept;
        double run = 0;
        for (int j = 0; j < n; j++) {
            run += w[j];
            if (run > target && w[j] > 0) {
                return j;
            }
        }
        return last;
    }
}
