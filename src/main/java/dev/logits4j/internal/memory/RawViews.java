package dev.logits4j.internal.memory;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * Addresses of direct buffers and direct-buffer views of raw native memory, whichever backend
 * runs: the overlap check compares direct buffers by address, and raw memory reaches the Java
 * kernels as views. Both need JNI: logits4j's own library once the native backend has loaded it
 * (it carries JavaCPP's pointer natives too), else JavaCPP's own natives
 * ({@code org.bytedeco:javacpp:<version>:linux-x86_64}).
 *
 * <p>Nothing here loads logits4j's library for its own sake: a call on the Java implementation
 * ({@code Backend.java()}, {@code --backend java}, {@code -Dlogits4j.backend=java}) must never
 * extract or load it, and its overlap check runs here. Only raw memory ({@code OffHeap}, which
 * runs the JVM-wide backend) resolves that backend first, as its call would.
 *
 * <p>This class names no JavaCPP type (the main jar must run without JavaCPP on the class path);
 * {@link JavaCppViews} does the work once JavaCPP is known to be there.
 */
public final class RawViews {
    private RawViews() {}

    private static final String NO_JAVACPP = "JavaCPP (org.bytedeco:javacpp) is not on the class path or module path";

    /** JavaCPP's own natives: probed once, on the first need while logits4j's library is not loaded. */
    private static final class JavaCppNatives {
        static final boolean JAVACPP = javaCppPresent();
        /** Null when usable, else why not. */
        static final String UNAVAILABLE = JAVACPP ? JavaCppViews.checkJavaCppNatives() : NO_JAVACPP;

        private static boolean javaCppPresent() {
            try {
                Class.forName("org.bytedeco.javacpp.Loader", false, RawViews.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /**
     * The address of a direct buffer through logits4j's own library, set by that library when it
     * loads (this package is below the implementations: it never loads one itself).
     */
    private static volatile java.util.function.ToLongFunction<Buffer> libraryAddress;

    /** Called once logits4j's native library is loaded: addresses then come from it. */
    public static void libraryLoaded(java.util.function.ToLongFunction<Buffer> address) {
        libraryAddress = address;
    }

    /** Whether JavaCPP is on the class path or module path. */
    public static boolean javaCppPresent() {
        return JavaCppNatives.JAVACPP;
    }

    /** Null when JavaCPP's own natives are usable (probed once), else why not. */
    public static String javaCppProblem() {
        return JavaCppNatives.UNAVAILABLE;
    }

    /**
     * Whether {@link #address} works: logits4j's library is loaded already, or JavaCPP's own
     * natives are. Never resolves the backend, so the overlap check of a call on the Java
     * implementation loads no logits4j library; without either, that check cannot see direct
     * buffers' addresses and the caller reads the input through a private copy instead.
     */
    public static boolean addressesKnown() {
        return libraryAddress != null || JavaCppNatives.UNAVAILABLE == null;
    }

    /** A direct, native-order view of {@code bytes} bytes at address {@code at}. */
    public static ByteBuffer view(long at, long bytes) {
        return JavaCppViews.view(at, bytes);
    }

    /** The address of a direct buffer's element 0 (not its position); needs {@link #addressesKnown}. */
    public static long address(Buffer direct) {
        java.util.function.ToLongFunction<Buffer> library = libraryAddress;
        return library != null ? library.applyAsLong(direct) : JavaCppViews.addressViaPointer(direct);
    }
}
