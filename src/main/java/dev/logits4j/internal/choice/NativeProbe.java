package dev.logits4j.internal.choice;

import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.memory.Failures;
import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.nativeimpl.NativePlatform;
import dev.logits4j.internal.nativeimpl.VariantTable;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tries the native kernels: platform, JavaCPP on the class path, the library in the classifier
 * jar, the CPU's features, and the variant asked for by {@code -Dlogits4j.isa}. Every way to fail
 * becomes a one-sentence reason (with the fix) instead of an exception; nothing here touches the
 * native classes until the cheap checks have passed.
 */
final class NativeProbe {
    private final Kernels kernels;
    private final String reason;
    private final String cpuFeatures;
    private final String libraryPath;
    private final boolean isaError;

    private NativeProbe(Kernels kernels, String reason, String cpuFeatures, String libraryPath,
                        boolean isaError) {
        this.kernels = kernels;
        this.reason = reason;
        this.cpuFeatures = cpuFeatures;
        this.libraryPath = libraryPath;
        this.isaError = isaError;
    }

    private static NativeProbe absent(String reason) {
        return new NativeProbe(null, reason, "", "", false);
    }

    static NativeProbe load(String isaProperty) {
        return load(isaProperty, "-D" + Backends.ISA_PROPERTY + "=" + isaProperty.trim().toLowerCase(Locale.ROOT));
    }

    /** As {@link #load(String)}; {@code askedAs} says in messages how the variant was asked for. */
    static NativeProbe load(String isaProperty, String askedAs) {
        String isaName = isaProperty.trim().toLowerCase(Locale.ROOT);
        String platform = NativePlatform.current();
        if (platform == null) {
            return absent("no native build for " + NativePlatform.describeHost() + " (only "
                    + NativePlatform.SUPPORTED + ")");
        }
        try {
            Class.forName("org.bytedeco.javacpp.Loader", false, NativeProbe.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return absent("JavaCPP (org.bytedeco:javacpp) is not on the class path or module path; add it and "
                    + "logits4j's " + platform + " jar to use the native kernels");
        }
        // Looked up through the class loader, not Class.getResource: on the module path the
        // library lies in the platform module (dev.logits4j.linux.x86_64 or .arm64), and a class
        // in a named module finds only its own module's resources; a folder named linux-x86_64 is
        // no package, so the loader finds it in any module it defines.
        String resource = NativePlatform.libraryResource(platform);
        ClassLoader loader = NativeProbe.class.getClassLoader();
        if ((loader == null ? ClassLoader.getSystemResource(resource)
                : loader.getResource(resource)) == null) {
            return absent("the native library is not on the class path or module path; add "
                    + "dev.logits4j:logits4j:<version>:" + platform + " (the classifier jar)");
        }
        int features;
        String path;
        try {
            features = NativeKernels.cpuFeatures();
            path = NativeKernels.libraryPath();
        } catch (Throwable t) {  // LinkageError from the binding's static initialiser, and kin
            return absent("the native library failed to load: " + Failures.describe(t));
        }
        // Everything about variants comes from the native side's one table.
        String described = VariantTable.describeFeatures(features);
        VariantTable.Variant variant;
        if (isaName.equals("auto")) {
            variant = VariantTable.best(features);
        } else {
            variant = VariantTable.byName(isaName).orElse(null);
            if (variant == null) {
                return new NativeProbe(null, askedAs + ": " + isaName + " is not one of auto, "
                        + VariantTable.all().stream().map(VariantTable.Variant::name)
                                .collect(Collectors.joining(", ")), described, path, true);
            }
            if (!VariantTable.supported(variant, features)) {
                return new NativeProbe(null, askedAs + " but this CPU (features: " + described
                        + ") cannot run it", described, path, true);
            }
        }
        String why = isaName.equals("auto") ? "variant " + variant.name()
                + " is the widest this CPU supports" : "variant forced by " + askedAs;
        return new NativeProbe(NativeKernels.of(variant), why, described, path, false);
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

    /** True when the variant asked for is unknown or unsupported: an error in every mode. */
    boolean isaError() {
        return isaError;
    }
}
