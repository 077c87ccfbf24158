package dev.logits4j.internal.memory;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * The byte order of a buffer. {@link Buffer} has no {@code order()} of its own, and a direct
 * buffer in the non-native order (Java's default for {@code allocateDirect(n).asFloatBuffer()}
 * and for mapped files) must never reach code that reads its bytes by address.
 */
public final class MemoryOrder {
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private MemoryOrder() {}

    public static ByteOrder of(Buffer b) {
        if (b instanceof FloatBuffer) {
            return ((FloatBuffer) b).order();
        }
        if (b instanceof DoubleBuffer) {
            return ((DoubleBuffer) b).order();
        }
        if (b instanceof IntBuffer) {
            return ((IntBuffer) b).order();
        }
        if (b instanceof LongBuffer) {
            return ((LongBuffer) b).order();
        }
        if (b instanceof ShortBuffer) {
            return ((ShortBuffer) b).order();
        }
        return ((ByteBuffer) b).order();
    }

    /** Whether the buffer's elements are stored in the CPU's byte order. */
    public static boolean isNative(Buffer b) {
        return of(b) == NATIVE;
    }
}
