package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;

/**
 * Top-p without top-k when the kept set is most of the vocabulary (issue 23: flat rows, runs of
 * ties, late floods, values sharing their top bits cost 20-60x a random row through the whole-row
 * path, which weighs every token with {@code Math.exp} and radix-selects in Java). Here a few
 * kernel passes over the row do the weighing: each bins every token whose key still shares the
 * chosen prefix by the next 12-bit digit of its order-preserving key, summing weights
 * ({@link Kernels#massDigit}); the bucket holding the top-p boundary is chosen as
 * {@link RadixSelect} would choose it; when one key is left it is the boundary value, with its
 * count of ties. One more pass sums the kept tokens' weights per block
 * ({@link Kernels#keptBlockSums}) and the draw walks the blocks, weighing one or two blocks in Java.
 *
 * <p><b>Why the token is the whole-row path's.</b> That path ({@link Sampler#sampleRow}) decides
 * with float64 sums of {@code Math.exp} weights in vocabulary order; the kernels' sums here are of
 * other exps (the native lanes'), in another order. Every decision is a comparison of one such sum
 * (the mass above the boundary, plus i ties; the running kept weight) with another (p S, u S_kept).
 * Each sum is of at most n non-negative terms, so both the whole-row path's value and this one lie
 * within (n + a few) x 2^-53 of the exact sum of the exact exponentials, relative to S (every
 * exp here is within a few ulps). A comparison is taken only when the two sides differ by more
 * than {@link #margin}, 16 times that bound: then the whole-row path makes the same one. When any
 * is closer, or the row changed under the call, this declines ({@link Sampler#WHOLE_ROW}) and the
 * whole-row path answers. The draw declines when u S_kept falls within the margin of a running
 * sum: for u drawn at random, a fraction of about 2 x margin x (kept tokens) / S_kept of rows,
 * 5e-4 on a flat row at vocab 128256 (margin 2.4e-4 there, weights near 1); the cut declines
 * only when p S falls within the margin of a partial sum of whole tie classes.
 *
 * <p>Not handled (declined before any pass): min-p (its cut by {@code w >= min-p} would need a
 * certified threshold of its own) and speculative verification (it wants the kept list).
 * Cost: at most 7 histogram passes (12-bit digits, skipping bits every remaining key shares; a
 * float32 row needs at most 4, sharedBits 3) and one kept-sum pass, each O(vocab), plus O(4096)
 * per pass and one or two blocks' {@code Math.exp} in Java.
 */
final class TopPMass {
    private TopPMass() {}

    /** Bits per digit pass: the first is sign and exponent (one binade per bucket). */
    static final int DIGIT_BITS = 12;
    /** 12 x 5 + 4 bits leave one key after 6 passes; the 7th counts it. */
    static final int MAX_PASSES = 7;

    /**
     * Whether {@link Sampler}'s widening scan with {@code keep} is worth running before this
     * (top-p on, no min-p): its list ends the search only when its weight reaches p S (a scan
     * that keeps every token above its bound also does: the tokens below it weigh at most
     * (1 - p) S / 2), and each weight is at most 1, so a list of about keep tokens ends it only
     * when p S is at most a few keep. Past keep / 4 (and, for 64 and 512, past their capacity) the
 * scan is skipped: on flat rows, runs of
     * ties and late floods it found nothing and cost more than this (a 4096 scan of ascending
     * runs of ties: 1.4 ms at vocab 128256). Skipping never changes the token, only the path.
     */
    static boolean worthScanning(long keep, double target, double minP) {
        // the 64 and 512 scans run while their capacity (ties and block-maxima finishes return
        // up to it) could hold p S: ascending rows end there (330 us; 690 through TopPMass)
        return minP > 0 || !(target > keep / 4.0)
                || (keep <= 512 && !(target > Candidates.capacityFor((int) keep)));
    }

    /**
     * The slack of every comparison, for a row of n tokens whose weights sum to {@code sum}
     * (about 1.9e-9 of it at vocab 128256): 16 x (n + 4096) x 2^-50 covers each side's summation
     * error (at most (n - 1) 2^-53 of S for any order of non-negative terms) plus a few ulps per exp.
     */
    static double margin(int n, double sum) {
        return sum * (n + 4096.0) * 0x1p-46;
    }

    /**
     * The token of the row at {@code at} under T (as {@code invT}) and top-p {@code topP} < 1,
     * with no top-k and no min-p, or {@link Sampler#WHOLE_ROW}. {@code max}: the processed
     * maximum; {@code ids / vals / m}: the processed row's changed (and disallowed) tokens,
     * sorted; {@code sum}: S from {@link Kernels#sumExpBlocks}.
     */
    static int sample(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                      double max, double invT, int[] ids, double[] vals, int m, double sum,
                      double topP, double u) {
        wk.massAnswered = false;
        if (wk.distributionOnly) {
            return Sampler.WHOLE_ROW;   // speculative verification wants the kept tokens listed
        }
        double target = topP * sum;
        double margin = margin(n, sum);
        double[] hist = wk.massHist();
        long[] stats = wk.massStats;
        // ---- the boundary key: digit passes, as RadixSelect's mass-weighted select ----
        long prefix = 0;
        int bits = 0;
        double above = 0;   // weight of the tokens whose key is above the prefix
        long boundary = 0;
        long ties = -1;
        double tieMass = 0;
        for (int pass = 0; pass < MAX_PASSES && ties < 0; pass++) {
            int digit = Math.min(DIGIT_BITS, 64 - bits);
            double mass = kern.massDigit(type, x, at, n, max, invT, ids, vals, m, prefix, bits, digit,
                    hist, stats);
            long lo = stats[0];
            long hi = stats[1];
            if (!(mass > 0 && mass < Double.POSITIVE_INFINITY) || stats[2] <= 0) {
                return Sampler.WHOLE_ROW;   // the row changed under the call
            }
            if (lo == hi) {
                boundary = lo;
                ties = stats[2];
                tieMass = mass;
                break;
            }
            int chosen = -1;
            for (int b = (1 << digit) - 1; b >= 0; b--) {
                if (hist[b] == 0) {
                    continue;
                }
                if (above + hist[b] >= target) {
                    chosen = b;
                    break;
                }
                above += hist[b];
            }
            if (chosen < 0) {
                return Sampler.WHOLE_ROW;   // the target above the total: rounding decides
            }
            int next = bits + digit;
            prefix = (prefix & top(bits)) | ((long) chosen << (64 - next));
            bits = next;
            // every matching key lies in [lo, hi]: the bits they all share need no pass
            int shared = Long.numberOfLeadingZeros(lo ^ hi);
            if (shared > bits) {
                prefix = lo & top(shared);
                bits = shared;
            }
        }
        if (ties < 0) {
            return Sampler.WHOLE_ROW;
        }
        // ---- the cut, certified: the tokens above the boundary weigh less than p S, and the
        // first `kept` ties in index order (each weighing wB) bring it past p S
        double wB = Math.exp((valueOf(boundary) - max) * invT);
        if (!(Math.abs(tieMass - ties * wB) <= margin) || !(above < target - margin) || !(wB > 0)) {
            return Sampler.WHOLE_ROW;
        }
        long kept = Math.max(1, (long) Math.ceil((target - above) / wB));
        if (kept > ties || !(above + (kept - 1) * wB < target - margin)
                || !(above + kept * wB > target + margin)) {
            return Sampler.WHOLE_ROW;
        }
        // ---- the draw: the first index whose running kept weight exceeds u S_kept ----
        double[] bs = wk.blockSums(n);
        long[] lastTie = wk.lastTie;
        double total = kern.keptBlockSums(type, x, at, n, max, invT, ids, vals, m, boundary, kept, bs, lastTie);
        if (!(Math.abs(total - (above + kept * wB)) <= margin)) {
            return Sampler.WHOLE_ROW;   // NaN, or the row changed between the passes
        }
        int token = draw(type, x, at, n, max, invT, ids, vals, m, boundary, lastTie[0], bs, u * total, margin);
        wk.massAnswered = token >= 0;
        return token;
    }

    /**
     * The draw over the kept tokens (key above {@code boundary}, or at it up to index
     * {@code lastTie}): blocks whose sum leaves the running weight clearly below {@code goal} are
     * skipped, then tokens are weighed one by one ({@code Math.exp}, as the whole-row path) until
     * the running weight passes goal - margin. That token is the answer when the weight before it
     * is clearly below the goal (or nothing came before it: the whole-row path's empty sum is 0,
     * never above u S) and the weight after it clearly above; else {@link Sampler#WHOLE_ROW}.
     */
    static int draw(DType type, Object x, long at, int n, double max, double invT, int[] ids, double[] vals,
                    int m, long boundary, long lastTie, double[] bs, double goal, double margin) {
        int blocks = (n + Kernels.SUM_BLOCK - 1) / Kernels.SUM_BLOCK;
        double run = 0;
        boolean any = false;
        for (int b = 0; b < blocks; b++) {
            if (run + bs[b] < goal - margin) {
                run += bs[b];
                any |= bs[b] > 0;
                continue;
            }
            for (int j = b * Kernels.SUM_BLOCK, end = Math.min(n, j + Kernels.SUM_BLOCK); j < end; j++) {
                int o = java.util.Arrays.binarySearch(ids, 0, m, j);
                double z = o >= 0 ? vals[o] : Elements.read(type, x, at + j);
                int c = Long.compareUnsigned(unsignedKey(z), boundary);
                if (c < 0 || (c == 0 && j > lastTie)) {
                    continue;
                }
                double e = Math.exp((z - max) * invT);
                double after = run + e;
                if (after > goal - margin) {
                    return (!any || run < goal - margin) && after > goal + margin ? j : Sampler.WHOLE_ROW;
                }
                run = after;
                any = true;
            }
        }
        return Sampler.WHOLE_ROW;   // u S_kept at the very end: the whole-row path's rounding
    }

    /** The mask of the top {@code bits} bits of a long. */
    private static long top(int bits) {
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    /** {@link RadixSelect#key} with its sign bit flipped: unsigned order is value order. */
    static long unsignedKey(double v) {
        return RadixSelect.key(v) ^ Long.MIN_VALUE;
    }

    /** The value whose {@link #unsignedKey} is {@code k} (the inverse; never NaN here). */
    static double valueOf(long k) {
        long s = k ^ Long.MIN_VALUE;
        return Double.longBitsToDouble(s >= 0 ? s : s ^ Long.MAX_VALUE);
    }
}
