package dev.logits4j.internal.memory;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/** The JavaCPP side of {@link RawViews}: touched only after JavaCPP was found on the class path. */
final class JavaCppViews {
    private JavaCppViews() {}

    /** Whether JavaCPP's own pointer natives work; null when they do, else why not. */
    static String checkJavaCppNatives() {
        try {
            return new Pointer(ByteBuffer.allocateDirect(8)).address() != 0 ? null
                    : "JavaCPP's natives returned a null address";
        } catch (Throwable t) {
            return dev.logits4j.internal.memory.Failures.describe(t);
        }
    }

    /**
     * A named BytePointer subclass: JavaCPP sizes an anonymous Pointer subclass at 8 bytes per
     * element, which made every view 8 times too long.
     */
    private static final class RawBytes extends BytePointer {
        RawBytes(long at, long bytes) {
            this.address = at;
            this.position = 0;
            this.limit = bytes;
            this.capacity = bytes;
        }
    }

    static ByteBuffer view(long at, long bytes) {
        if (bytes == 0) {
            // JavaCPP reads a zero limit and capacity as "unknown" and sizes the view at 1.
            return ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = new RawBytes(at, bytes).asByteBuffer().order(ByteOrder.nativeOrder());
        if (b.capacity() != bytes) {
            throw new IllegalStateException("a view of " + bytes + " bytes came out with "
                    + b.capacity());  // never expected: the bounds of every Java access hang on it
        }
        return b;
    }

    /** A pointer made from a buffer holds the address of its element 0 (and its position apart). */
    static long addressViaPointer(Buffer direct) {
        return new Pointer(direct).address();
    }
}
