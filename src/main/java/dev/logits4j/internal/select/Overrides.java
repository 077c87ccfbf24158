package dev.logits4j.internal.select;

/**
 * The tokens of one row whose value the sampling pipeline changes before anything else (logit
 * bias, then the penalties of each distinct history token), with their processed values, their
 * history counts and their entries in insertion order.
 *
 * <p>Built in three passes, none of which looks at anything an earlier row or call left (issue
 * 23, finding 4: a poisoned state is impossible by construction, whatever ended that call):
 * <ol>
 * <li>{@link #mark}: bit {@code id} of {@link #marks} (made from zero by {@link #reset}: vocab / 8
 * bytes, 16 KB at 128256) says whether an id is already an entry; a new one is appended
 * branch-free. The marks are also the candidate scans' skip mask
 * ({@link dev.logits4j.internal.kernels.Candidates#skip}).
 * <li>{@link #index}: {@code entryOf[id]} for every entry, written only now (one independent store
 * each), so it is read only where this row wrote it.
 * <li>{@link #count}: the history occurrences, {@code counts[entryOf[id]]++}, from lines the
 * index just brought into cache.
 * </ol>
 *
 * <p>Why not one pass with a table (a hash table sized from the call, the first fix of finding 4,
 * or a vocabulary-sized {@code entryOf} looked up per id): history ids repeat (a decode step's
 * history holds the row's likely tokens many times), so "seen or new" is a coin toss that a
 * branch mispredicts, and the lookup misses cache behind it. Measured (2048 ids per row, half of
 * them from 64 tokens, a 128256-float row streamed between rows, AMD EPYC with AVX-512): one pass
 * with {@code entryOf} 19-23 µs per row, these three passes 6-8 µs.
 */
final class Overrides {
    int[] marks = new int[0];               // bit id: id is an entry (this row only)
    int markWords;                          // words of marks in use: (vocab + 31) / 32
    private int[] entryOf = new int[0];     // per entry's token: its entry (after index())
    int[] ids = new int[9];                 // entries in insertion order (+ 1: mark's slack)
    double[] values = new double[9];
    int[] counts = new int[9];              // history occurrences per entry
    int size;

    /**
     * Empties the table for a row of {@code vocab} tokens with at most {@code entries} changes
     * (bias entries plus history ids; ids must be in [0, vocab)).
     */
    void reset(int vocab, int entries) {
        size = 0;
        if (entries == 0) {
            markWords = 0;   // no marks in use (as a skip mask: none); find() answers -1
            return;
        }
        markWords = (vocab + 31) >>> 5;
        if (entryOf.length < vocab) {
            entryOf = new int[vocab];
            marks = new int[markWords];
        }
        java.util.Arrays.fill(marks, 0, markWords, 0);
        int room = Math.min(entries, vocab) + 1;   // mark() writes one past the last entry
        if (ids.length < room) {
            ids = new int[room];
            values = new double[room];
            counts = new int[room];
        }
    }

    /** Makes {@code id} (in [0, vocab)) an entry if it is not one yet. */
    void mark(int id) {
        int w = id >>> 5;
        int bit = 1 << id;   // Java shifts by id mod 32
        int m = marks[w];
        ids[size] = id;      // kept only when new: no branch on "seen or new"
        size += (m & bit) == 0 ? 1 : 0;
        marks[w] = m | bit;
    }

    /** After the marks: every entry findable, values and counts 0. */
    void index() {
        for (int e = 0; e < size; e++) {
            entryOf[ids[e]] = e;
            values[e] = 0;
            counts[e] = 0;
        }
    }

    /** Counts each of {@code hist[from, to)} (every one marked) on its entry. */
    void count(int[] hist, int from, int to) {
        for (int e = from; e < to; e++) {
            counts[entryOf[hist[e]]]++;
        }
    }

    /** Adds {@code counts[e]} to the entry of {@code ids[e]} (every one marked), e < m. */
    void addCounts(int[] tokens, int[] tokenCounts, int m) {
        for (int e = 0; e < m; e++) {
            counts[entryOf[tokens[e]]] += tokenCounts[e];
        }
    }

    /** The entry of {@code id} (in [0, vocab)), or -1; after {@link #index}. */
    int find(int id) {
        return size > 0 && (marks[id >>> 5] & (1 << id)) != 0 ? entryOf[id] : -1;
    }
}
