package dev.logits4j.internal;

import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Reads class-index targets from any of the memory kinds the facade accepts. */
public final class Targets {
    private Targets() {}

    /**
     * The target at {@code index}: an {@code int[]} or {@code long[]} index, or an absolute
     * {@link IntBuffer} / {@link LongBuffer} index.
     */
    public static long get(Object targets, long index) {
        if (targets instanceof int[]) {
            return ((int[]) targets)[(int) index];
        }
        if (targets instanceof long[]) {
            return ((long[]) targets)[(int) index];
        }
        if (targets instanceof IntBuffer) {
            return ((IntBuffer) targets).get((int) index);
        }
        return ((LongBuffer) targets).get((int) index);
    }
}
