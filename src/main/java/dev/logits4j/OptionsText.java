package dev.logits4j;

import java.util.Arrays;

/**
 * How {@link SamplingOptions#toString()} writes its values: one value as itself, one per row as
 * a list, and token histories shortened so that a log line stays a line.
 */
final class OptionsText {
    /** Ids shown per history row before the rest is counted instead of listed. */
    static final int IDS_SHOWN = 8;

    private OptionsText() {}

    static String values(double[] v) {
        return v.length == 1 ? Double.toString(v[0]) : Arrays.toString(v);
    }

    static String values(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : Arrays.toString(v);
    }

    /** A ragged history: {@code [[1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, ... 5 more]]}. */
    static String rows(int[][] rows) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < rows.length; r++) {
            b.append(r == 0 ? "" : ", ").append('[');
            int[] row = rows[r];
            for (int j = 0; j < Math.min(row.length, IDS_SHOWN); j++) {
                b.append(j == 0 ? "" : ", ").append(row[j]);
            }
            if (row.length > IDS_SHOWN) {
                b.append(", ... ").append(row.length - IDS_SHOWN).append(" more");
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    /** A padded history: its shape, then the rows as {@link #rows} writes them (padding kept). */
    static String padded(long[] ids, int length) {
        int count = length == 0 ? 0 : ids.length / length;
        StringBuilder b = new StringBuilder().append(count).append('x').append(length).append(' ');
        b.append('[');
        for (int r = 0; r < count; r++) {
            b.append(r == 0 ? "" : ", ").append('[');
            for (int j = 0; j < Math.min(length, IDS_SHOWN); j++) {
                b.append(j == 0 ? "" : ", ").append(ids[r * length + j]);
            }
            if (length > IDS_SHOWN) {
                b.append(", ... ").append(length - IDS_SHOWN).append(" more");
            }
            b.append(']');
        }
        return b.append(']').toString();
    }
}
