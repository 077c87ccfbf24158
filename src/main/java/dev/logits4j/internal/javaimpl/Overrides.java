package dev.logits4j.internal.javaimpl;

/**
 * The tokens of one row whose value the sampling pipeline changes before anything else (logit
 * bias, then the penalties of each distinct history token), with their processed values: an
 * open-addressing table sized from the call (twice the number of bias entries plus history ids,
 * rounded up to a power of two) and cleared on entry by {@link #reset}.
 *
 * <p>Why a table and not vocabulary-sized arrays indexed by token (as before issue 23): those had
 * to be all zero between calls and were cleared at the end of a row, so an exception in between
 * (a closed arena, a truncated mapped file) left the next call on the thread with stale entries.
 * Here nothing survives a call: {@link #reset} clears the slots the call will use, in
 * O(bias + history), whatever an earlier call did or how it ended. The table also costs
 * O(bias + history) memory instead of O(vocab).
 */
final class Overrides {
    private int[] slots = new int[16];     // 1 + entry, or 0: empty
    private int mask;
    int[] ids = new int[8];                 // entries in insertion order
    double[] values = new double[8];
    int[] counts = new int[8];              // history occurrences per entry
    int size;

    /** Empties the table for a row with at most {@code entries} distinct tokens. */
    void reset(int entries) {
        int want = Integer.highestOneBit(Math.max(8, entries) * 2 - 1) << 1;
        if (slots.length < want) {
            slots = new int[want];
        }
        if (ids.length < entries) {
            int len = Math.max(entries, 8);
            ids = new int[len];
            values = new double[len];
            counts = new int[len];
        }
        mask = want - 1;
        java.util.Arrays.fill(slots, 0, want, 0);
        size = 0;
    }

    /** The entry of {@code id}, or -1. */
    int find(int id) {
        for (int h = mix(id) & mask; ; h = (h + 1) & mask) {
            int s = slots[h];
            if (s == 0) {
                return -1;
            }
            if (ids[s - 1] == id) {
                return s - 1;
            }
        }
    }

    /**
     * The entry of {@code id}, added with value {@code raw} and count 0 when absent. At most the
     * {@link #reset} number of distinct ids may be added (the table is then at most half full).
     */
    int add(int id, double raw) {
        for (int h = mix(id) & mask; ; h = (h + 1) & mask) {
            int s = slots[h];
            if (s == 0) {
                ids[size] = id;
                values[size] = raw;
                counts[size] = 0;
                slots[h] = ++size;
                return size - 1;
            }
            if (ids[s - 1] == id) {
                return s - 1;
            }
        }
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
