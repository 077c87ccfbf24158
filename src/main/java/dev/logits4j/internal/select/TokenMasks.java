package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import java.nio.IntBuffer;

/**
 * Token masks in the sampling pipeline: a row's allowed tokens as int32 words (bit {@code j % 32}
 * of word {@code j / 32} set = token j allowed; the layout XGrammar and llguidance produce). A
 * disallowed token's processed value is -inf, whatever its logit, bias or penalties (as
 * {@code logits.masked_fill(~allowed, -inf)} after the logits processors), so it is never drawn
 * and a row with no allowed token of finite value has no distribution.
 *
 * <p>The mask is never written into the logits. Per row it is copied once into the work memory
 * (the caller may rewrite it during the call: what counts is the copy), then: few allowed tokens
 * (at most one in {@link #SPARSE}) are gathered, and the pipeline runs on that list alone; more
 * make the candidate scan skip the disallowed tokens as it skips the changed ones (and, without
 * top-k, the sum of exponentials take them as -inf); a row the scan cannot finish takes the
 * whole-row path with the disallowed tokens at -inf.
 */
final class TokenMasks {
    private TokenMasks() {}

    /** A row allowing at most vocab / SPARSE tokens is sampled on its allowed tokens alone. */
    static final int SPARSE = 16;

    /**
     * Copies row {@code r}'s mask ({@code words} int32 words at {@code mi + r * words} of an
     * {@code int[]} or {@code IntBuffer}) into {@code wk.allowed}, words past the mask zero (a
     * short mask disallows the rest) and bits past the vocabulary cleared; returns the number of
     * allowed tokens.
     */
    static int load(SelectWork.Work wk, Object mask, long mi, int words, int vocab, long r) {
        int need = (vocab + 31) >>> 5;
        int[] a = wk.allowedWords(need);
        int have = Math.min(words, need);
        long from = mi + r * words;
        if (mask instanceof int[]) {
            System.arraycopy((int[]) mask, (int) from, a, 0, have);
        } else {
            ((IntBuffer) mask).get((int) from, a, 0, have);
        }
        java.util.Arrays.fill(a, have, need, 0);
        if ((vocab & 31) != 0 && have == need) {
            a[need - 1] &= (1 << (vocab & 31)) - 1;
        }
        int count = 0;
        for (int w = 0; w < need; w++) {
            count += Integer.bitCount(a[w]);
        }
        wk.maskWords = need;
        wk.allowedCount = count;
        return count;
    }

    static boolean allowed(SelectWork.Work wk, int j) {
        return (wk.allowed[j >>> 5] >>> (j & 31) & 1) != 0;
    }

    /** The changed tokens' processed values: -inf for the disallowed ones (the mask comes last). */
    static void maskOverrides(SelectWork.Work wk) {
        Overrides t = wk.table;
        for (int e = 0; e < t.size; e++) {
            if (!allowed(wk, t.ids[e])) {
                t.values[e] = Double.NEGATIVE_INFINITY;
            }
        }
    }

    /** The whole-row path's row: the disallowed tokens at -inf. */
    static void maskRow(SelectWork.Work wk, int n) {
        double[] z = wk.row;
        int[] a = wk.allowed;
        for (int w = 0, j0 = 0; j0 < n; w++, j0 += 32) {
            int bits = a[w];
            if (bits == -1) {
                continue;
            }
            int end = Math.min(n, j0 + 32);
            for (int j = j0; j < end; j++) {
                if ((bits >>> (j - j0) & 1) == 0) {
                    z[j] = Double.NEGATIVE_INFINITY;
                }
            }
        }
    }

    /**
     * The skip mask of a scan over a masked row: the changed tokens (merged in afterwards) and
     * the disallowed ones (never candidates), into {@code wk.skipWords}.
     */
    static int[] skipMask(SelectWork.Work wk) {
        int need = wk.maskWords;
        int[] s = wk.skipWordsFor(need);
        int[] a = wk.allowed;
        Overrides t = wk.table;
        int marked = t.size > 0 ? Math.min(t.markWords, need) : 0;
        for (int w = 0; w < need; w++) {
            s[w] = ~a[w] | (w < marked ? t.marks[w] : 0);
        }
        return s;
    }

    /**
     * One masked row (with at least one allowed token): the token, or {@link Sampler#WHOLE_ROW}
     * when the row takes the whole-row path (dense mask, top-k off, T > 0).
     */
    static int sample(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                      SamplingParams p, long r, double u) {
        double t = p.temperature(r);
        int k = t == 0 ? 1 : p.topK(r);
        if (wk.allowedCount <= n / SPARSE) {
            return sampleAllowed(wk, type, x, at, p, r, u, t, k);
        }
        // the scans skip the disallowed tokens as they skip the changed ones; without top-k the
        // sum of exponentials also takes them as -inf (withDisallowed)
        wk.scanSkip = skipMask(wk);
        return Sampler.sampleByCandidates(kern, wk, type, x, at, n, p, r, u);
    }

    /**
     * For the sum of exponentials without top-k ({@link
     * dev.logits4j.internal.kernels.Kernels#sumExpBlocks}): the {@code m} sorted changed tokens
     * ({@code ids}, {@code values}) merged with every disallowed token at -inf, ascending, into
     * {@code wk.maskedIds / maskedValues}; returns their number. O(vocab / 32 + disallowed).
     */
    static int withDisallowed(SelectWork.Work wk, int n, int[] ids, double[] values, int m) {
        int most = m + (n - wk.allowedCount);
        int[] outIds = wk.maskedIdsFor(most);
        double[] outValues = wk.maskedValues;
        int[] a = wk.allowed;
        int count = 0;
        int o = 0;
        for (int w = 0; w < wk.maskWords; w++) {
            int end = Math.min(n, (w + 1) << 5);
            for (int bits = ~a[w]; bits != 0; bits &= bits - 1) {
                int j = (w << 5) + Integer.numberOfTrailingZeros(bits);
                if (j >= end) {
                    break;
                }
                while (o < m && ids[o] < j) {
                    outIds[count] = ids[o];
                    outValues[count++] = values[o++];
                }
                if (o < m && ids[o] == j) {
                    o++;   // a changed token that is disallowed: -inf below all the same
                }
                outIds[count] = j;
                outValues[count++] = Double.NEGATIVE_INFINITY;
            }
        }
        while (o < m) {
            outIds[count] = ids[o];
            outValues[count++] = values[o++];
        }
        return count;
    }

    /** The pipeline on the allowed tokens alone (index order), their processed values gathered. */
    private static int sampleAllowed(SelectWork.Work wk, DType type, Object x, long at,
                                     SamplingParams p, long r, double u, double t, int k) {
        int[] kept = wk.cand;
        int count = 0;
        int[] a = wk.allowed;
        for (int w = 0; w < wk.maskWords; w++) {
            for (int bits = a[w]; bits != 0; bits &= bits - 1) {
                kept[count++] = (w << 5) + Integer.numberOfTrailingZeros(bits);
            }
        }
        Sampler.overrideValues(wk, type, x, at, p, r);
        double[] raw = wk.w;   // a dense temporary here; afterTopK writes its weights later
        Sampler.readAt(type, x, at, kept, count, raw);
        double[] z = wk.row;
        Overrides table = wk.table;
        for (int i = 0; i < count; i++) {
            int j = kept[i];
            int e = table.find(j);
            z[j] = e >= 0 ? table.values[e] : raw[i];
        }
        int best = Sampler.bestOf(z, kept, count);
        if (best < 0) {
            return Sampler.NO_TOKEN;
        }
        if (t == 0) {
            return best;
        }
        boolean keys = k > 0 && k < count;
        if (keys) {
            count = Sampler.topKOnList(wk, count, k);
        }
        return Sampler.afterTopK(wk, count, keys, z[best], best, p, r, u);
    }
}
