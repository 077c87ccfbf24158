package dev.logits4j.internal.kernels;

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

    /**
     * The target at {@code index}, read once, for a kernel that uses it as a class index: either
     * {@code ignoreIndex} or a class in [0, classes). The facade checked every target before the
     * call, but the caller's memory may have changed since; a target now out of range throws
     * ({@code position} names it in the message) instead of indexing outside a row.
     */
    public static long classAt(Object targets, long index, long position, int classes,
                               long ignoreIndex) {
        long t = get(targets, index);
        if (t != ignoreIndex && (t < 0 || t >= classes)) {
            throw changedDuringCall(position, t, classes, ignoreIndex);
        }
        return t;
    }

    /**
     * A class-index target that was in range when {@link #indexTargets} checked it and out of
     * range when a kernel read it again: another thread wrote the targets during the call.
     * {@code position} counts from the call's first target.
     */
    public static IllegalArgumentException changedDuringCall(long position, long value,
                                                                   int classes, long ignoreIndex) {
        return new IllegalArgumentException("targets[" + position + "] = " + value
                + " is out of bounds: class-index targets must lie in [0, " + classes
                + ") or equal ignoreIndex " + ignoreIndex + " (the target changed while the call "
                + "ran: another thread wrote the targets)");
    }
}
