package dev.logits4j.internal.kernels;

/**
 * The candidates of one row for the selection ops (issue 12): the positions (ascending) and
 * values of every element not below the row's {@code keep}-th largest, ties included, found by
 * {@link Kernels#collectTop} in one thresholded scan (see {@code native/generic/select.inl} for
 * the algorithm and why it is right). The sampling pipeline and top-k then work on these few
 * entries instead of the whole vocabulary.
 *
 * <p>Work memory of one call: the selection ops keep one in their per-call scratch
 * ({@link ScratchPool}) and {@link #forKeep} grows it to the capacity asked (a capacity above
 * {@link #RETAINED} entries gets a temporary instance instead, not kept). Everything a
 * call depends on ({@link #cap}, {@link #from}, {@link #limit}, {@link #threshold}) is set by
 * {@link #forKeep} from that call's {@code keep} alone, never left from an earlier call: arrays
 * grown by an earlier call with a larger keep do not change the capacity a scan works with, so
 * the path taken and the answer are the same on a fresh thread and a used one (issue 23).
 */
public final class Candidates {
    /** {@link Kernels#collectTop}'s answer for a row that holds a NaN. */
    public static final int NAN_FOUND = -1;
    /**
     * {@link Kernels#collectTop}'s answer when ties at the threshold kept more than half the
     * capacity: the caller selects on the whole row instead.
     */
    public static final int TOO_MANY_TIES = -2;

    /** Room kept between calls: 2^16 entries (a few hundred KiB). */
    static final int RETAINED = 1 << 16;

    /** Positions in the row, ascending; valid up to the count collectTop returned. */
    public int[] idx;
    /** Their values (float32 values widened exactly). */
    public double[] val;
    /** Work memory for the compactions' select. */
    public long[] keys;
    /** Blocks of a row read from a buffer or widened from 16 bits (the Java scan); lazily made. */
    public float[] floatBlock;
    /** The same for float64 buffers. */
    public double[] doubleBlock;
    /**
     * Entries this call's scan may use: {@link #capacityFor}{@code (keep)}, set by {@link #forKeep}
     * (the arrays may be longer, left from an earlier call; the scan never looks past cap).
     */
    public int cap;

    /** Empty work memory; {@link #forKeep} sizes it. */
    public Candidates() {
        this(0);
    }

    private Candidates(int length) {
        this.idx = new int[length];
        this.val = new double[length];
        this.keys = new long[length];
    }

    /**
     * The capacity handed to a scan that writes the arrays (the native one, which cannot check an
     * array's length): this call's {@link #cap}, never more than the arrays hold.
     */
    public int scanCapacity() {
        return Math.min(cap, Math.min(idx.length, Math.min(val.length, keys.length)));
    }

    /** The smallest capacity that serves {@code keep}. */
    public static int capacityFor(int keep) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024L, 2L * keep + 128));
    }

    /**
     * This instance (grown) or, past {@link #RETAINED} entries, a temporary one, with room for
     * {@link #capacityFor}{@code (keep)} and every per-call field reset.
     */
    public Candidates forKeep(int keep) {
        int cap = capacityFor(keep);
        Candidates c = this;
        if (cap > RETAINED) {
            c = new Candidates(cap);
        } else if (idx.length < cap) {
            idx = new int[cap];
            val = new double[cap];
            keys = new long[cap];
        }
        // reset on entry: nothing of an earlier call (its capacity, bound or cut) is trusted
        c.cap = cap;
        c.appended = 0;
        c.budget = Integer.MAX_VALUE;
        c.held = 0;
        c.stopPos = 0;
        c.firstTies = false;
        c.from = Double.NEGATIVE_INFINITY;
        c.threshold = Double.NEGATIVE_INFINITY;
        c.limit = 0;
        c.skip = null;
        c.skipWords = 0;
        return c;
    }

    /** An order-preserving key of a non-NaN value: {@code a < b} iff {@code key(a) < key(b)}. */
    public static long key(double v) {
        long b = Double.doubleToRawLongBits(v + 0.0);
        return b >= 0 ? b | Long.MIN_VALUE : ~b;
    }

    /**
     * Keeps the candidates {@code [0, count)} not below their {@code keep}-th largest (stable);
     * returns the new count. The threshold is then {@link #threshold}.
     */
    public int keepLargest(int count, int keep) {
        for (int i = 0; i < count; i++) {
            keys[i] = key(val[i]);
        }
        // most significant digit first, 8 bits at a time, unsigned order
        int left = count;
        int rank = keep;
        for (int shift = 56; shift >= 0 && left > 1; shift -= 8) {
            java.util.Arrays.fill(hist, 0);
            for (int i = 0; i < left; i++) {
                hist[(int) (keys[i] >>> shift) & 255]++;
            }
            int b = 255;
            while (hist[b] < rank) {
                rank -= hist[b--];
            }
            int m = 0;
            for (int i = 0; i < left; i++) {
                long k = keys[i];
                keys[m] = k;
                m += ((int) (k >>> shift) & 255) == b ? 1 : 0;
            }
            left = m;
        }
        long kth = keys[0];
        long bits = kth < 0 ? kth & Long.MAX_VALUE : ~kth;
        double t = Double.longBitsToDouble(bits);
        int m = 0;
        for (int i = 0; i < count; i++) {
            idx[m] = idx[i];
            val[m] = val[i];
            m += val[i] >= t ? 1 : 0;
        }
        threshold = t;
        return m;
    }

    /**
     * Appends position {@code pos} with value {@code v} as entry {@code count}; when that fills
     * {@link #limit}, cuts back to the keep largest (raising {@link #threshold}), and widens the
     * limit to the capacity once if ties kept more than half. Returns the new count, or
     * {@link #TOO_MANY_TIES}.
     */
    public int append(int count, int pos, double v, int keep) {
        idx[count] = pos;
        val[count] = v;
        appended++;
        if (++count == limit) {
            count = keepLargest(count, keep);
            held = count;
            if (count > limit / 2) {
                if (limit == cap) {
                    return TOO_MANY_TIES;
                }
                limit = cap;
            }
            if (appended > budget) {
                return OVER_BUDGET;
            }
        }
        return count;
    }

    /**
     * The Java scan's answer when it appended more than {@link #budget} (issue 23: ascending rows
     * and the like): it stops at an element boundary with its state valid ({@link #held}) and
     * finishes by block maxima (JavaCandidates). Never returned to callers.
     */
    public static final int OVER_BUDGET = -3;
    /** Elements appended by this call's scan. */
    public int appended;
    /** {@link #OVER_BUDGET} once {@link #appended} passes it. */
    public int budget = Integer.MAX_VALUE;
    /** The count when {@link #append} returned a status: every element seen >= threshold. */
    public int held;
    /**
     * This call needs only the first keep in (value descending, index ascending) order (top-k,
     * argmax): the fallback may then drop ties past them. Set by the kernels per call.
     */
    public boolean firstTies;
    /** With such a status: the first position the scan did not look at. */
    public int stopPos;
    /** The fallback's block maxima (JavaBlockMaxima); lazily made. */
    public double[] blockMax;
    /** The fallback's select work (JavaBlockMaxima); lazily made. */
    public long[] blockKeys;

    /** The threshold of the last {@link #keepLargest}. */
    public double threshold;
    /**
     * A starting threshold for the next {@link Kernels#collectTop} (-inf: none; {@link #forKeep}
     * resets it): elements below it are never kept, the result is every element not below the
     * larger of it and the keep-th largest.
     */
    public double from = Double.NEGATIVE_INFINITY;
    /**
     * Positions the next {@link Kernels#collectTop} must not look at: bit j of
     * {@code skip[j >>> 5]} (null: none; {@link #forKeep} resets it). The scan's answer is then
     * the answer over the other positions: the sampling pipeline skips the tokens bias and
     * penalties change and merges their processed values in itself. Library memory only (native
     * code reads it: {@link #skipWords} is never more than its length).
     */
    public int[] skip;
    /** The words of {@link #skip} in use (0: none). */
    public int skipWords;

    /** Sets {@link #skip} to the first {@code words} words of {@code mask}. */
    public void skip(int[] mask, int words) {
        skip = mask;
        skipWords = mask == null ? 0 : Math.max(0, Math.min(words, mask.length));
    }

    /** Whether position {@code j} is skipped (see {@link #skip}). */
    public boolean skipped(int j) {
        return (j >>> 5) < skipWords && (skip[j >>> 5] >>> (j & 31) & 1) != 0;
    }

    /** The count at which the Java scan compacts next (JavaCandidates). */
    public int limit;
    private final int[] hist = new int[256];
}
