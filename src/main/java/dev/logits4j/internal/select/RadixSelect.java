package dev.logits4j.internal.select;

import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Order-preserving integer keys of float64 values, and the k-th largest key by radix selection (an insertion path for small counts): thresholds without sorting the vocabulary. */
final class RadixSelect {
    private RadixSelect() {}

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
    static long smallSelect(long[] keys, double[] w, int[] cand, int count,
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
}
