package dev.logits4j.internal;

/**
 * Looks for the native kernels. This build has none yet: they arrive with the native-kernels
 * work (the {@code linux-x86_64} classifier jar), and the probe reports that plainly.
 */
final class NativeProbe {
    /** Under {@code auto}, calls with at least this many elements go to native. */
    static final long AUTO_THRESHOLD = 0;

    private final Kernels kernels;
    private final String reason;
    private final String cpuFeatures;
    private final String libraryPath;

    private NativeProbe(Kernels kernels, String reason, String cpuFeatures, String libraryPath) {
        this.kernels = kernels;
        this.reason = reason;
        this.cpuFeatures = cpuFeatures;
        this.libraryPath = libraryPath;
    }

    static NativeProbe load(String isa) {
        return new NativeProbe(null, "this build of logits4j has no native kernels", "", "");
    }

    Kernels kernels() {
        return kernels;
    }

    String reason() {
        return reason;
    }

    String cpuFeatures() {
        return cpuFeatures;
    }

    String libraryPath() {
        return libraryPath;
    }
}
