package dev.logits4j.internal.nativeimpl;

import java.util.Locale;

/**
 * The JavaCPP platform names logits4j ships a native library for, and which one this JVM runs on.
 * The one place that maps {@code os.name}/{@code os.arch} to a classifier; touching it loads
 * nothing native.
 */
public final class NativePlatform {
    /** Every classifier jar the build can make, in the order docs/USAGE.md lists them. */
    public static final String SUPPORTED = "linux-x86_64, linux-arm64";

    private NativePlatform() {}

    /** {@code linux-x86_64} or {@code linux-arm64}, or null when logits4j has no native build here. */
    public static String current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return null;
        }
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "linux-x86_64";
            case "aarch64":
            case "arm64":
                return "linux-arm64";
            default:
                return null;
        }
    }

    /** "linux-aarch64" style name of this JVM's OS and architecture, for messages. */
    public static String describeHost() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT) + "-"
                + System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    }

    /** Where the classifier jar for {@code platform} keeps the JNI library (a resource path). */
    public static String libraryResource(String platform) {
        return "dev/logits4j/internal/nativeimpl/" + platform + "/libjniNativeBinding.so";
    }
}
