package dev.logits4j.internal.kernels;

/**
 * How often each token of a request has been generated, kept incrementally: {@link #add} is O(1)
 * amortised (an open-addressing hash of token to slot), and the distinct tokens with their counts
 * sit in insertion order in {@link #ids} / {@link #counts}, so the penalties of a decode step cost
 * O(distinct tokens), not O(history), and nothing is copied per call. Memory: about 16 bytes per
 * distinct token, whatever the vocabulary. Not thread-safe: one request's state, updated between
 * its steps. A call that reads it while another thread updates it sees ids that are all in the
 * vocabulary (each was checked when added) and gets wrong penalties at worst.
 */
public final class TokenCounts {
    public final int vocab;
    /** The public object this belongs to (a {@code PenaltyState}), for the options' getter. */
    public final Object owner;
    private int[] ids = new int[16];
    private int[] counts = new int[16];
    private int size;
    private int[] table = new int[32];   // slot + 1 per hashed token, 0: empty
    private long total;

    public TokenCounts(int vocab, Object owner) {
        if (vocab <= 0) {
            throw new IllegalArgumentException("vocab must be > 0, got " + vocab);
        }
        this.vocab = vocab;
        this.owner = owner;
    }

    /** Counts one more {@code token}. */
    public void add(int token) {
        if (token < 0 || token >= vocab) {
            throw new IllegalArgumentException("token " + token + " is not in the vocabulary [0, "
                    + vocab + ")");
        }
        int mask = table.length - 1;
        int h = mix(token) & mask;
        while (true) {
            int s = table[h];
            if (s == 0) {
                break;
            }
            if (ids[s - 1] == token) {
                counts[s - 1]++;
                total++;
                return;
            }
            h = (h + 1) & mask;
        }
        if (size == ids.length) {
            ids = java.util.Arrays.copyOf(ids, size * 2);
            counts = java.util.Arrays.copyOf(counts, size * 2);
        }
        ids[size] = token;
        counts[size] = 1;
        size++;
        total++;
        table[h] = size;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
    }

    private void rehash(int capacity) {
        int[] t = new int[capacity];
        int mask = capacity - 1;
        for (int s = 0; s < size; s++) {
            int h = mix(ids[s]) & mask;
            while (t[h] != 0) {
                h = (h + 1) & mask;
            }
            t[h] = s + 1;
        }
        table = t;
    }

    private static int mix(int x) {
        x *= 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** How often {@code token} was counted. */
    public int count(int token) {
        if (token < 0 || token >= vocab) {
            return 0;
        }
        int mask = table.length - 1;
        for (int h = mix(token) & mask; table[h] != 0; h = (h + 1) & mask) {
            if (ids[table[h] - 1] == token) {
                return counts[table[h] - 1];
            }
        }
        return 0;
    }

    public void clear() {
        java.util.Arrays.fill(table, 0);
        size = 0;
        total = 0;
    }

    public int size() {
        return size;
    }

    public long total() {
        return total;
    }

    /** The distinct tokens, in the order first counted: the first {@link #size} entries. */
    public int[] ids() {
        return ids;
    }

    /** Their counts, aligned with {@link #ids}. */
    public int[] counts() {
        return counts;
    }
}
