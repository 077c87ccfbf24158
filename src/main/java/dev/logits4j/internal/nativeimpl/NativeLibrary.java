package dev.logits4j.internal.nativeimpl;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.bytedeco.javacpp.Loader;

/**
 * Loads logits4j's JNI library, once per JVM, for {@link NativeBinding}'s static initialiser.
 * From a jar the library goes to JavaCPP's cache folder ({@code -Dorg.bytedeco.javacpp.cachedir},
 * else {@code ~/.javacpp/cache}) as {@code dev.logits4j/<sha-256>/linux-x86_64/libjniNativeBinding.so},
 * named by its content ({@link ContentCache}), not under the jar's name as {@code Loader.load}
 * would put it; from a build's classes folder it loads
 * where it lies, as JavaCPP does. JavaCPP still makes the {@code System.load} call (given a file
 * URL, it extracts nothing), so native access stays granted to {@code org.bytedeco.javacpp} on
 * JDK 24+, and the library's JNI_OnLoad registers JavaCPP's pointer natives as before.
 */
public final class NativeLibrary {
    /** JavaCPP's name for the library ({@code platform.library} of {@link NativeBinding}). */
    static final String NAME = "jniNativeBinding";

    private static volatile String path;

    private NativeLibrary() {}

    /** Whether the library is loaded in this JVM (a check that loads nothing). */
    public static boolean isLoaded() {
        return path != null;
    }

    /**
     * Loads the library if this JVM has not yet, and returns the file it was loaded from.
     *
     * @throws UnsatisfiedLinkError when there is none for this platform or it cannot be
     *         extracted or loaded (the message says which)
     */
    static synchronized String load() {
        if (path != null) {
            return path;
        }
        String platform = NativePlatform.current();
        if (platform == null) {
            throw new UnsatisfiedLinkError("no native build for " + NativePlatform.describeHost());
        }
        String resource = NativePlatform.libraryResource(platform);
        ClassLoader loader = NativeLibrary.class.getClassLoader();
        URL url = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
        if (url == null) {
            throw new UnsatisfiedLinkError(resource + " is not on the class path or module path");
        }
        Path file = locate(url, resource);
        try {
            path = Loader.loadLibrary(NativeBinding.class, new URL[] {file.toUri().toURL()}, NAME);
            if (path != null) {
                // overlap checks now read direct buffers' addresses through this library
                dev.logits4j.internal.memory.RawViews.libraryLoaded(NativeBinding::directBufferAddress);
            }
        } catch (IOException e) {
            throw linkError("cannot name " + file + " as a URL", e);
        }
        return path;
    }

    private static Path locate(URL url, String resource) {
        try {
            if ("file".equals(url.getProtocol())) {
                return Paths.get(url.toURI());
            }
            Path root = Loader.getCacheDir().toPath();
            // "linux-x86_64/libjniNativeBinding.so": the platform folder and the file name
            String name = resource.substring(resource.lastIndexOf('/', resource.lastIndexOf('/') - 1) + 1);
            return ContentCache.extract(url, name, root);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw linkError("cannot extract " + url + " into JavaCPP's cache folder", e);
        }
    }

    private static UnsatisfiedLinkError linkError(String message, Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError(message + ": " + cause);
        e.initCause(cause);
        return e;
    }
}
