package dev.logits4j.testutil;

import java.util.Arrays;

/**
 * Rows built to drive the selection ops' candidate scan (docs/SAMPLING.md, "Candidate scan";
 * {@code native/generic/select.inl}, {@code collect_top}) to its capacity, {@code max(1024, 2 keep
 * + 128)} entries. The scan appends a block of 4W elements at a time (W lanes per vector: 1 for
 * native scalar, 4 or 2 for NEON, 8 or 4 for AVX2 and 16 or 8 for AVX-512, float32 or float64) and
 * compacts to the keep-th largest once more than 2 keep + 4W are held, keeping every tie.
 *
 * <p>A row is described by levels: -1 a low value, 0 the keep-th largest value V, 1..keep-1
 * distinct values above V. {@link #levels} lays them out so that, for vectors of W lanes:
 * <ol>
 * <li>the first compaction (every element passes the starting threshold -inf) keeps exactly the
 * keep top values, V the smallest of them, and raises the threshold to V;</li>
 * <li>{@code keep + 4W + delta} copies of V follow: with delta 0 the count reaches 2 keep + 4W
 * exactly at a block's end, without a compaction;</li>
 * <li>{@code extraBlocks} whole blocks of V follow: the first makes 2 keep + 8W candidates, all
 * tied at or above V, so the compaction keeps all of them and the scan widens its limit; the next
 * block appends 4W more, 2 keep + 12W in all. Where that is above the capacity while the first
 * limit 2 keep + 4W is below capacity - 4W, the block lands past the end of the candidate arrays
 * unless the scan checks for it: keep in (512 - 6W, 512 - 4W) with capacity 1024, which holds
 * for W = 16 (keep 417..447) only; for narrower vectors that range lies above keep 448, where the
 * capacity 2 keep + 128 leaves room.</li>
 * </ol>
 * The rest of the row is low. Whatever the scan does inside, the answers are those of the row:
 * the tests compare them with a sort.
 */
public final class ScanBoundaryRows {
    private ScanBoundaryRows() {}

    /** The candidate capacity the docs state for {@code keep}. */
    public static int capacity(int keep) {
        return Math.max(1024, 2 * keep + 128);
    }

    /**
     * The keeps (512 - 6w, 512 - 4w), widened by {@code margin} each side: where the crafted rows
     * for {@code w} lanes would pass a capacity of 1024 (they do for w = 16; see the class comment).
     */
    public static int[] keepsAround(int w, int margin) {
        int from = 512 - 6 * w + 1 - margin;
        int to = 512 - 4 * w - 1 + margin;
        int[] k = new int[to - from + 1];
        for (int i = 0; i < k.length; i++) {
            k[i] = from + i;
        }
        return k;
    }

    /** Where the crafted part of {@link #levels} ends. */
    public static int craftedLength(int keep, int w, int delta, int extraBlocks) {
        int block = 4 * w;
        int limit = 2 * keep + block;
        int first = (limit / block + 1) * block;           // the first block end past the limit
        int run = first + keep + block + delta;            // the copies of V after it
        int padded = (run + block - 1) / block * block;
        return padded + extraBlocks * block;
    }

    /**
     * Levels of a row of {@code length} (at least {@link #craftedLength}) for {@code keep} (at
     * least 1) and vectors of {@code w} lanes; see the class comment.
     */
    public static int[] levels(int keep, int w, int delta, int extraBlocks, int length) {
        int block = 4 * w;
        int limit = 2 * keep + block;
        int first = (limit / block + 1) * block;
        if (length < craftedLength(keep, w, delta, extraBlocks) || 2 * keep > first || keep + block + delta < 0) {
            throw new IllegalArgumentException("keep " + keep + " w " + w + " delta " + delta + " length " + length);
        }
        int[] lv = new int[length];
        Arrays.fill(lv, -1);
        for (int placed = 0; placed < keep; placed++) {
            lv[2 * placed] = keep - 1 - placed;           // distinct tops, V = level 0 the last
        }
        int i = first;
        for (int c = keep + block + delta; c > 0; c--) {
            lv[i++] = 0;
        }
        i = (i + block - 1) / block * block;
        for (int c = extraBlocks * block; c > 0; c--) {
            lv[i++] = 0;
        }
        return lv;
    }

    /** Float32 of a level: the levels share their top bits (2.0 plus multiples of 64 ulps); low is -2. */
    public static float f32(int level) {
        return level < 0 ? -2f : Float.intBitsToFloat(0x40000000 + 64 * level);
    }

    /** Float16 bits of a level (2.0 plus level ulps; low -2.0). */
    public static short f16(int level) {
        return (short) (level < 0 ? 0xC000 : 0x4000 + level);
    }

    /** Bfloat16 bits of a level (from 2.0 upward, one ulp a level; low -2.0). */
    public static short bf16(int level) {
        return (short) (level < 0 ? 0xC000 : 0x4000 + level);
    }
}
