package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Kernels;

/**
 * The tokens of one row whose raw value equals one value and that the scan does not skip (not
 * biased, penalised or masked): a flood of ties (issue 23), held as one bit per token
 * ({@link Kernels#equalBits}, then the skip mask cleared out), so it is counted and its members
 * are ranked and located with bit counts over n / 32 words instead of being expanded into lists.
 * Per-row state: {@link #load} sets every field it is read by.
 */
final class TieClass {
    private int[] words = new int[0];
    private int wordCount;
    /** Members, set by {@link #load}. */
    int size;

    /**
     * The members of row {@code x[at, at + n)} at value {@code v}, except positions set in
     * {@code skip[0, skipWords)} (null: none); returns their number.
     */
    int load(Kernels kern, DType type, Object x, long at, int n, double v, int[] skip, int skipWords) {
        wordCount = (n + 31) >>> 5;
        if (words.length < wordCount) {
            words = new int[wordCount];
        }
        kern.equalBits(type, x, at, n, v, words);
        int skipped = skip == null ? 0 : Math.min(skipWords, Math.min(skip.length, wordCount));
        int total = 0;
        for (int w = 0; w < wordCount; w++) {
            int bits = words[w] & (w < skipped ? ~skip[w] : -1);
            words[w] = bits;
            total += Integer.bitCount(bits);
        }
        size = total;
        return total;
    }

    /**
     * For each of the ascending positions {@code pos[0, count)}: how many members lie below it,
     * into {@code out}; one sweep over the words.
     */
    void ranks(int[] pos, int count, int[] out) {
        int before = 0;
        int e = 0;
        for (int w = 0; w < wordCount && e < count; w++) {
            int bits = words[w];
            while (e < count && (pos[e] >>> 5) == w) {
                out[e] = before + Integer.bitCount(bits & ((1 << (pos[e] & 31)) - 1));
                e++;
            }
            before += Integer.bitCount(bits);
        }
        for (; e < count; e++) {
            out[e] = before;
        }
    }

    /** The position of member number {@code m} (1 <= m <= {@link #size}) in index order. */
    int locate(int m) {
        int left = m;
        for (int w = 0; w < wordCount; w++) {
            int bits = words[w];
            int c = Integer.bitCount(bits);
            if (left <= c) {
                for (int i = 1; i < left; i++) {
                    bits &= bits - 1;   // drop the lowest member
                }
                return (w << 5) + Integer.numberOfTrailingZeros(bits);
            }
            left -= c;
        }
        return -1;   // not reached for m <= size
    }
}
