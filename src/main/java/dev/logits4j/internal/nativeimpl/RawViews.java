package dev.logits4j.internal.nativeimpl;

import dev.logits4j.internal.backend.Backends;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * Addresses of direct buffers and direct-buffer views of raw native memory, whichever backend
 * runs: the overlap check compares direct buffers by address, and raw memory reaches the Java
 * kernels as views. Both need JNI: logits4j's own library when it loads (it carries JavaCPP's
 * pointer natives too), else JavaCPP's own natives ({@code org.bytedeco:javacpp:<version>:
 * linux-x86_64}). When neither is there, {@link #unavailableReason()} says why.
 *
 * <p>This class names no JavaCPP type (the main jar must run without JavaCPP on the class path);
 * {@link JavaCppViews} does the work once JavaCPP is known to be there.
 */
public final class RawViews {
    private RawViews() {}

    private static final class Holder {
        static final String UNAVAILABLE = probe();
        /** Whether logits4j's library is loaded (its address lookup is the cheapest call). */
        static volatile boolean ownLibrary;
    }

    private static String probe() {
        if (Backends.selection().hasNative()) {
            Holder.ownLibrary = true;
            return null;
        }
        try {
            Class.forName("org.bytedeco.javacpp.Loader", false, RawViews.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "JavaCPP (org.bytedeco:javacpp) is not on the class path or module path";
        }
        String own = JavaCppViews.loadOwnLibrary();
        if (own == null) {
            Holder.ownLibrary = true;
            return null;
        }
        String javacpp = JavaCppViews.checkJavaCppNatives();
        if (javacpp == null) {
            return null;
        }
        String platform = NativePlatform.current() == null ? "<platform>" : NativePlatform.current();
        return "neither logits4j's native library (" + own + ") nor JavaCPP's own natives ("
                + javacpp + ") could be loaded; add dev.logits4j:logits4j:<version>:" + platform
                + " or org.bytedeco:javacpp:<version>:" + platform;
    }

    /** Null when raw memory and direct-buffer addresses are usable, else why not. */
    public static String unavailableReason() {
        return Holder.UNAVAILABLE;
    }

    /** A direct, native-order view of {@code bytes} bytes at address {@code at}. */
    public static ByteBuffer view(long at, long bytes) {
        return JavaCppViews.view(at, bytes);
    }

    /** The address of a direct buffer's element 0 (not its position); needs availability. */
    public static long address(Buffer direct) {
        return Holder.ownLibrary ? NativeBinding.directBufferAddress(direct)
                : JavaCppViews.addressViaPointer(direct);
    }
}
