package dev.logits4j.internal.nativeimpl;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/** The JavaCPP side of {@link RawViews}: touched only after JavaCPP was found on the class path. */
final class JavaCppViews {
    private JavaCppViews() {}

    /** Loads logits4j's library; null when it works, else why not. */
    static String loadOwnLibrary() {
        try {
            Loader.load(NativeBinding.class);
            NativeBinding.l4j_cpu_features();
            return null;
        } catch (Throwable t) {  // LinkageError, or a RuntimeException from the Loader
            return String.valueOf(t);
        }
    }

    /** Whether JavaCPP's own pointer natives work; null when they do, else why not. */
    static String checkJavaCppNatives() {
        try {
            return new Pointer(ByteBuffer.allocateDirect(8)).address() != 0 ? null
                    : "JavaCPP's natives returned a null address";
        } catch (Throwable t) {
            return String.valueOf(t);
        }
    }

    static ByteBuffer view(long at, long bytes) {
        Pointer p = new Pointer() {
            {
                this.address = at;
                this.position = 0;
                this.limit = bytes;
                this.capacity = bytes;
            }
        };
        return p.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /** JavaCPP sets a pointer made from a buffer to the buffer's position: step back to 0. */
    static long addressViaPointer(Buffer direct) {
        Pointer p = new Pointer(direct);
        return p.address() - p.position() * elementSize(direct);
    }

    private static long elementSize(Buffer b) {
        if (b instanceof DoubleBuffer || b instanceof LongBuffer) {
            return 8;
        }
        if (b instanceof FloatBuffer || b instanceof IntBuffer) {
            return 4;
        }
        if (b instanceof ShortBuffer || b instanceof CharBuffer) {
            return 2;
        }
        return 1;
    }
}
