package dev.logits4j;

/**
 * Token masks as the masked ops take them: int32 words, bit {@code j % 32} of word {@code j / 32}
 * set = token j allowed (the layout of XGrammar's and llguidance's bitmasks). These build one
 * row from lists of token ids; a grammar engine's own mask needs no conversion. Put rows side by
 * side for a batch ({@code [rows, words(vocab)]}) and view them with {@link Tensor#of(int[],
 * int...)}.
 */
public final class TokenMask {
    private TokenMask() {}

    /**
     * The words of one row: {@code ceil(vocab / 32)}.
     *
     * @param vocab the vocabulary size, {@code >= 0}
     * @return the number of int32 words of a row of that vocabulary
     */
    public static int words(int vocab) {
        if (vocab < 0) {
            throw new IllegalArgumentException("vocab must be >= 0, got " + vocab);
        }
        return (vocab + 31) >>> 5;
    }

    /**
     * A row allowing only {@code ids}.
     *
     * @param vocab the vocabulary size
     * @param ids the allowed token ids, each in {@code [0, vocab)} (repeats allowed)
     * @return {@link #words}{@code (vocab)} words
     */
    public static int[] allowing(int vocab, int... ids) {
        int[] m = new int[words(vocab)];
        for (int i = 0; i < ids.length; i++) {
            int id = checked(vocab, ids, i);
            m[id >>> 5] |= 1 << id;
        }
        return m;
    }

    /**
     * A row allowing every token but {@code ids}.
     *
     * @param vocab the vocabulary size
     * @param ids the banned token ids, each in {@code [0, vocab)} (repeats allowed)
     * @return {@link #words}{@code (vocab)} words (bits past the vocabulary clear)
     */
    public static int[] banning(int vocab, int... ids) {
        int[] m = new int[words(vocab)];
        java.util.Arrays.fill(m, -1);
        if ((vocab & 31) != 0) {
            m[m.length - 1] = (1 << (vocab & 31)) - 1;
        }
        for (int i = 0; i < ids.length; i++) {
            int id = checked(vocab, ids, i);
            m[id >>> 5] &= ~(1 << id);
        }
        return m;
    }

    private static int checked(int vocab, int[] ids, int i) {
        int id = ids[i];
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("ids[" + i + "] = " + id + " is not a token of a "
                    + "vocabulary of " + vocab + " (ids are in [0, " + vocab + "))");
        }
        return id;
    }
}
