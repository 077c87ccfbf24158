package dev.logits4j.internal.nativeimpl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.Pointer;

/**
 * Direct-buffer views of raw native memory, for the rare raw-address call that runs on the
 * pure-Java kernels (backend forced to java, or a call below the native threshold). The facade
 * has checked the address and the element count.
 */
public final class RawViews {
    static {
        // Pointer's own natives live in our library (JavaCPP builds them in): load it even when
        // the Java kernels run, since only it can turn an address into a buffer.
        org.bytedeco.javacpp.Loader.load(NativeBinding.class);
    }

    private RawViews() {}

    /** A direct, native-order view of {@code bytes} bytes at address {@code at}. */
    public static ByteBuffer view(long at, long bytes) {
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

    /** The address of a direct buffer's element 0 (loads the native library). */
    public static long address(java.nio.Buffer direct) {
        return NativeBinding.directBufferAddress(direct);
    }
}
