package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;

/**
 * Sampling with top-k when the k-th largest value is tied by a flood of tokens (issue 23: 0.9-2.4
 * ms a row at vocab 128256, 181x a random row, through the whole-row path). Top-k keeps every tie
 * (Hugging Face's rule), so the kept set is the few tokens above the k-th value f plus the whole
 * class of tokens at f. Every member of that class has the same processed value, so the same
 * weight ef; top-p sorts ties by lower index first and min-p is all-or-nothing for equal weights,
 * so the members kept are always the lowest-index ones. The class is held as (f, ef, its size,
 * how many are kept) and its members as bits ({@link TieClass}); the pipeline's float64 sums, all
 * in vocabulary order, are reproduced bit for bit with {@link RepeatedSum} at each run of members
 * between two explicit tokens, and the radix select of the top-p boundary is replayed on the same
 * sums, so the token is the one {@link Sampler#sampleRow} gives for the row.
 *
 * <p>Cost: two candidate scans (the flooded one, then one that keeps only the first k ties), one
 * equality pass ({@link Kernels#equalBits}) and O(n / 32 + explicit tokens x binades) Java work.
 * Declines ({@link Sampler#WHOLE_ROW}) when a changed (biased, penalised) token's processed value
 * is exactly f (it would join the class out of its order), when the class is small, and for
 * speculative verification (which wants the kept tokens listed).
 */
final class TieFlood {
    private TieFlood() {}

    /** Below this the class is cheap to expand: the whole-row path keeps it. */
    static final int MIN_CLASS = 64;

    static int sample(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                      SamplingParams p, long r, double u, int k) {
        if (wk.distributionOnly) {
            return Sampler.WHOLE_ROW;
        }
        // the first k unchanged tokens in (value, index) order: every one above f and some at f
        int count = Sampler.collectMerged(kern, wk, type, x, at, n, p, r, k, Double.NEGATIVE_INFINITY, true, false);
        if (count < 0) {
            return count;
        }
        if (wk.scanComplete) {
            return Sampler.WHOLE_ROW;   // fewer than k unchanged tokens: no flood to compress
        }
        double f = wk.scanFloor;   // the k-th largest unchanged value
        double[] z = wk.row;
        int[] list = wk.cand;
        int best = Sampler.bestOf(z, list, count);
        if (best < 0) {
            return Sampler.NO_TOKEN;
        }
        double max = z[best];
        double t = p.temperature(r);
        if (t == 0) {
            return best;
        }
        int kept = Sampler.topKOnList(wk, count, k);
        double kth = Double.POSITIVE_INFINITY;
        for (int i = 0; i < kept; i++) {
            kth = Math.min(kth, z[list[i]]);
        }
        if (kth > f) {
            // changed tokens lifted above f pushed the class out of the top k: every token kept
            // is in the list, as on the ordinary path
            return Sampler.afterTopK(wk, kept, true, max, best, p, r, u);
        }
        int[] skip = wk.scanSkip != null ? wk.scanSkip : wk.table.size > 0 ? wk.table.marks : null;
        int skipWords = wk.scanSkip != null ? wk.maskWords : wk.table.markWords;
        // the explicit tokens: those above f (in index order); one at f is a class member, unless
        // it is a changed token, whose place in the class the class's bits do not hold
        int q = 0;
        for (int i = 0; i < kept; i++) {
            int j = list[i];
            if (z[j] > f) {
                list[q++] = j;
            } else if (skip != null && (j >>> 5) < skipWords && (skip[j >>> 5] >>> (j & 31) & 1) != 0) {
                return Sampler.WHOLE_ROW;
            }
        }
        double invT = 1.0 / t;
        double ef = Math.exp((f - max) * invT);
        if (ef == 0) {
            // the class weighs nothing: it adds 0 to every sum and leaves (afterTopK drops it)
            return Sampler.afterTopK(wk, q, true, max, best, p, r, u);
        }
        TieClass tc = wk.ties;
        if (tc.load(kern, type, x, at, n, f, skip, skipWords) < MIN_CLASS) {
            return Sampler.WHOLE_ROW;
        }
        int[] ranks = wk.ranksFor(q);
        tc.ranks(list, q, ranks);
        return afterTopK(wk, tc, q, ranks, f, ef, max, invT, best, p, r, u);
    }

    /**
     * {@link Sampler#afterTopK} on the explicit tokens {@code wk.cand[0, q)} (ascending, keys in
     * {@code wk.keys}, member ranks in {@code ranks}) and the class (value f, weight ef > 0).
     */
    private static int afterTopK(SelectWork.Work wk, TieClass tc, int q, int[] ranks, double f, double ef,
                                 double max, double invT, int best, SamplingParams p, long r, double u) {
        double[] z = wk.row;
        int[] list = wk.cand;
        double[] w = wk.w;
        int h = tc.size;   // members kept: always the first h in index order
        for (int i = 0; i < q; i++) {
            int j = list[i];
            w[j] = Math.exp((z[j] - max) * invT);
            if (!(w[j] > 0)) {
                return Sampler.WHOLE_ROW;   // not reached: z > f weighs at least ef > 0
            }
        }
        double sum = orderedSum(w, list, ranks, q, ef, h);
        double topP = p.topP(r);
        if (topP < 1) {
            double target = topP * sum;
            long boundary = boundary(wk, tc, q, ranks, f, ef, target);
            long kf = RadixSelect.key(f);
            long[] keys = wk.keys;
            // the weight of every kept token above the boundary, in index order
            double before = 0;
            int prev = 0;
            for (int i = 0; i < q; i++) {
                int j = list[i];
                if (keys[j] > boundary) {
                    if (kf > boundary) {
                        before = RepeatedSum.add(before, ef, ranks[i] - prev);
                        prev = ranks[i];
                    }
                    before += w[j];
                }
            }
            if (kf > boundary) {
                before = RepeatedSum.add(before, ef, h - prev);
            }
            int still = 0;
            if (kf == boundary) {
                // the class is at the boundary (no explicit token is): its members in index
                // order while the weight before them is below the target
                h = !(before < target) ? 0 : (int) Math.min(h, RepeatedSum.first(before, ef, h, target, false));
                for (int i = 0; i < q; i++) {
                    int j = list[i];
                    if (keys[j] > boundary) {
                        ranks[still] = ranks[i];
                        list[still++] = j;
                    }
                }
            } else {
                h = kf > boundary ? h : 0;
                for (int i = 0; i < q; i++) {
                    int j = list[i];
                    long kj = keys[j];
                    if (kj > boundary || (kj == boundary && before < target)) {
                        if (kj == boundary) {
                            before += w[j];
                        }
                        ranks[still] = ranks[i];
                        list[still++] = j;
                    }
                }
            }
            q = still;
        }
        // min-p: all or nothing for the class
        double minP = p.minP(r);
        int still = 0;
        for (int i = 0; i < q; i++) {
            int j = list[i];
            if (w[j] >= minP) {
                ranks[still] = ranks[i];
                list[still++] = j;
            }
        }
        q = still;
        h = ef >= minP ? h : 0;
        double total = orderedSum(w, list, ranks, q, ef, h);
        // the draw: the first token in index order whose running kept weight exceeds u * S
        double target = u * total;
        double run = 0;
        int prev = 0;
        for (int i = 0; i <= q; i++) {
            int upto = i < q ? Math.min(ranks[i], h) : h;
            if (upto > prev) {
                double next = RepeatedSum.add(run, ef, upto - prev);
                if (next > target) {
                    return tc.locate(prev + (int) RepeatedSum.first(run, ef, upto - prev, target, true));
                }
                run = next;
                prev = upto;
            }
            if (i < q) {
                run += w[list[i]];
                if (run > target) {
                    return list[i];
                }
            }
        }
        // rounding left the target unreached: the last kept token
        int last = q > 0 ? list[q - 1] : -1;
        if (h > 0) {
            last = Math.max(last, tc.locate(h));
        }
        return last >= 0 ? last : best;
    }

    /**
     * The float64 sum, in index order, of the weights of the explicit tokens {@code list[0, q)}
     * and of the first h class members (weight ef each; {@code ranks[i]} members lie before
     * {@code list[i]}).
     */
    private static double orderedSum(double[] w, int[] list, int[] ranks, int q, double ef, int h) {
        double s = 0;
        int prev = 0;
        for (int i = 0; i < q; i++) {
            int upto = Math.min(ranks[i], h);
            s = RepeatedSum.add(s, ef, upto - prev);
            prev = upto;
            s += w[list[i]];
        }
        return RepeatedSum.add(s, ef, h - prev);
    }

    /**
     * {@link RadixSelect#radixSelect} (weighted, top-p's boundary) replayed on the explicit tokens
     * and the whole class: the same digits, the same buckets, each bucket's weight summed in index
     * order as there (the class's members in runs between the explicit tokens of its bucket), so
     * the same key comes out.
     */
    private static long boundary(SelectWork.Work wk, TieClass tc, int q, int[] ranks, double f, double ef,
                                 double target) {
        int[] list = wk.cand;
        long[] keys = wk.keys;
        double[] w = wk.w;
        double[] hist = wk.hist;
        int[] work = wk.cand2;   // indices into list, ascending (the compaction is stable)
        for (int i = 0; i < q; i++) {
            work[i] = i;
        }
        int count = q;
        long kf = RadixSelect.key(f);
        int size = tc.size;
        boolean classIn = true;
        double above = 0;
        int remaining = 64;
        while (remaining > 0) {
            if (!classIn && count <= RadixSelect.SMALL_SELECT) {
                for (int c = 0; c < count; c++) {
                    work[c] = list[work[c]];
                }
                return RadixSelect.smallSelect(keys, w, work, count, false, target, above);
            }
            int width = remaining == 64 ? RadixSelect.FIRST_DIGIT_BITS : Math.min(8, remaining);
            int shift = remaining - width;
            int mask = (1 << width) - 1;
            remaining = shift;
            java.util.Arrays.fill(hist, 0, mask + 1, 0);
            int bc = classIn ? (int) ((kf ^ Long.MIN_VALUE) >>> shift) & mask : -1;
            int prev = 0;
            for (int c = 0; c < count; c++) {
                int i = work[c];
                int j = list[i];
                int b = (int) ((keys[j] ^ Long.MIN_VALUE) >>> shift) & mask;
                if (b == bc) {
                    hist[b] = RepeatedSum.add(hist[b], ef, ranks[i] - prev);
                    prev = ranks[i];
                }
                hist[b] += w[j];
            }
            if (classIn) {
                hist[bc] = RepeatedSum.add(hist[bc], ef, size - prev);
            }
            int chosen = -1;
            int lowest = -1;
            for (int b = mask; b >= 0; b--) {
                if (hist[b] == 0) {
                    continue;
                }
                lowest = b;
                if (above + hist[b] >= target) {
                    chosen = b;
                    break;
                }
                above += hist[b];
            }
            if (chosen < 0) {
                chosen = lowest;
                above -= hist[lowest];
            }
            int kept = 0;
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int c = 0; c < count; c++) {
                int i = work[c];
                long ki = keys[list[i]];
                if ((((int) ((ki ^ Long.MIN_VALUE) >>> shift) & mask)) == chosen) {
                    work[kept++] = i;
                    lo = Math.min(lo, ki);
                    hi = Math.max(hi, ki);
                }
            }
            classIn = classIn && bc == chosen;
            if (classIn) {
                lo = Math.min(lo, kf);
                hi = Math.max(hi, kf);
            }
            count = kept;
            if (lo == hi) {
                return lo;
            }
            remaining = Math.min(remaining, 64 - Long.numberOfLeadingZeros(lo ^ hi));
        }
        return classIn ? kf : keys[list[work[0]]];   // not reached (the last digit leaves one key)
    }
}
