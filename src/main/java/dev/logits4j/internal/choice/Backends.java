package dev.logits4j.internal.choice;

import dev.logits4j.internal.javaimpl.JavaKernels;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.memory.RawViews;
import dev.logits4j.internal.nativeimpl.NativeLibrary;
import dev.logits4j.internal.nativeimpl.NativePlatform;
import dev.logits4j.internal.nativeimpl.VariantTable;

import java.util.Locale;

/**
 * The one place that decides which implementation runs. Resolved once per JVM, on first use
 * (holder idiom), from {@code -Dlogits4j.backend} and {@code -Dlogits4j.isa}.
 */
public final class Backends {
    public static final String BACKEND_PROPERTY = "logits4j.backend";
    public static final String ISA_PROPERTY = "logits4j.isa";

    private static final System.Logger LOG = System.getLogger("dev.logits4j");

    private static volatile boolean resolved;

    private Backends() {}

    /** Whether the backend has been chosen in this JVM (after which properties no longer matter). */
    public static boolean resolved() {
        return resolved;
    }

    /**
     * Whether the JVM-wide backend is java: from the choice once made, else from the property,
     * without making the choice (under auto that loads the native library).
     */
    public static boolean javaForced() {
        if (resolved) {
            return selection().mode().equals("java");
        }
        return System.getProperty(BACKEND_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT).equals("java");
    }

    private static final class Holder {
        static final Selection SELECTION = choose();
    }

    /** The selection in force in this JVM. */
    public static Selection selection() {
        return Holder.SELECTION;
    }

    private static Selection choose() {
        resolved = true;
        String mode = System.getProperty(BACKEND_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("java") && !mode.equals("native")) {
            String why = "-D" + BACKEND_PROPERTY + "=" + mode + " is not one of auto, java, native";
            LOG.log(System.Logger.Level.ERROR, why);
            return Selection.failed(mode, why);
        }
        if (mode.equals("java")) {
            String isa = System.getProperty(ISA_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            if (!isa.equals("auto")) {
                // A variant asked for and not run would be a silent fallback: refuse it, as an
                // unknown or unsupported variant is refused.
                String why = "-D" + ISA_PROPERTY + "=" + isa + " names a native variant but -D"
                        + BACKEND_PROPERTY + "=java runs none; drop one of the two";
                LOG.log(System.Logger.Level.ERROR, why);
                return Selection.failed(mode, why);
            }
            return Selection.javaOnly(mode, "forced by -D" + BACKEND_PROPERTY + "=java");
        }
        NativeProbe probe = NativeProbe.load(System.getProperty(ISA_PROPERTY, "auto"));
        if (probe.isaError()) {
            // Asking for a variant the CPU lacks is an error, never a silent fallback.
            LOG.log(System.Logger.Level.ERROR, probe.reason());
            return Selection.failed(mode, probe.reason(), probe.cpuFeatures(), probe.libraryPath());
        }
        if (probe.kernels() == null) {
            if (mode.equals("native")) {
                String why = "-D" + BACKEND_PROPERTY + "=native but the native library is not usable: "
                        + probe.reason();
                LOG.log(System.Logger.Level.ERROR, why);
                return Selection.failed(mode, why);
            }
            LOG.log(System.Logger.Level.INFO, "logits4j uses its pure-Java implementation: "
                    + probe.reason());
            return Selection.javaOnly(mode, "native unavailable: " + probe.reason(), probe);
        }
        LOG.log(System.Logger.Level.DEBUG, "logits4j uses " + probe.kernels().name()
                + " from " + probe.libraryPath());
        return Selection.withNative(mode, probe);
    }

    /** The pure-Java implementation as a value ({@code Backend.java()}). */
    public static Selection java() {
        return Selection.fixed("java", JavaKernels.INSTANCE, "java", "asked for by value (Backend.java())");
    }

    /** The scalar Java kernels whatever the JVM offers (tests compare them with {@link #java()}). */
    public static Selection javaScalar() {
        return Selection.fixed("java", JavaKernels.SCALAR, "java-scalar",
                "the scalar Java kernels, asked for by value");
    }

    /**
     * One native variant as a value ({@code Backend.nativeVariant(name)}; "auto": the widest the
     * CPU supports).
     *
     * @throws IllegalArgumentException for an unknown variant or one this CPU cannot run
     * @throws IllegalStateException when the native library cannot be loaded (the reason says why)
     */
    public static Selection nativeVariant(String variant) {
        NativeProbe probe = NativeProbe.load(variant, "Backend.nativeVariant(\"" + variant + "\")");
        if (probe.isaError()) {
            throw new IllegalArgumentException(probe.reason());
        }
        if (probe.kernels() == null) {
            throw new IllegalStateException("the native backend is not usable: " + probe.reason());
        }
        return Selection.withNative("native", probe, "asked for by value (Backend.nativeVariant)");
    }

    /** What {@link #selection()} decided, and the kernels to run for a call of a given size. */
    public static class Selection implements KernelSource {
        private final String mode;
        private final Kernels nativeKernels;
        private final String failure;
        private final Choice info;
        private final long threshold;

        private Selection(String mode, Kernels nativeKernels, String failure, Choice info,
                          long threshold) {
            this.mode = mode;
            this.nativeKernels = nativeKernels;
            this.failure = failure;
            this.info = info;
            this.threshold = threshold;
        }

        static Selection failed(String mode, String why) {
            return failed(mode, why, "", "");
        }

        /** As above, keeping what the probe found (CPU features, library) for {@code info()}. */
        static Selection failed(String mode, String why, String cpuFeatures, String library) {
            return new Selection(mode, null, why, new Choice(mode, "none", why, cpuFeatures, library,
                    Long.MAX_VALUE, JavaKernels.accelerationStatus()), Long.MAX_VALUE);
        }

        static Selection fixed(String mode, Kernels kernels, String implementation, String why) {
            Choice info = new Choice(mode, implementation, why, "", "", Long.MAX_VALUE,
                    kernels == JavaKernels.SCALAR ? "scalar (asked for)" : JavaKernels.accelerationStatus());
            return new Selection(mode, null, null, info, Long.MAX_VALUE) {
                @Override
                public Kernels forElements(long elements) {
                    return kernels;
                }
            };
        }

        static Selection javaOnly(String mode, String why) {
            return new Selection(mode, null, null,
                    new Choice(mode, "java", why, "", "", Long.MAX_VALUE, JavaKernels.accelerationStatus()), Long.MAX_VALUE);
        }

        static Selection javaOnly(String mode, String why, NativeProbe probe) {
            return new Selection(mode, null, null,
                    new Choice(mode, "java", why, probe.cpuFeatures(), "", Long.MAX_VALUE,
                            JavaKernels.accelerationStatus()),
                    Long.MAX_VALUE);
        }

        static Selection withNative(String mode, NativeProbe probe) {
            return withNative(mode, probe, "forced by -D" + BACKEND_PROPERTY + "=native");
        }

        static Selection withNative(String mode, NativeProbe probe, String forcedWhy) {
            boolean auto = mode.equals("auto");
            long threshold = auto ? NativeThreshold.value() : 0;
            String why = auto ? "native library loaded; calls of at least " + threshold
                    + " elements use it, smaller ones use java" : forcedWhy;
            return new Selection(mode, probe.kernels(), null,
                    new Choice(mode, probe.kernels().name(), why + " (" + probe.reason() + ")",
                            probe.cpuFeatures(), probe.libraryPath(), threshold,
                            JavaKernels.accelerationStatus()), threshold);
        }

        /** The kernels for a call touching {@code elements} elements of off-heap or heap memory. */
        @Override
        public Kernels forElements(long elements) {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            if (nativeKernels != null && elements >= threshold) {
                return nativeKernels;
            }
            return JavaKernels.INSTANCE;
        }

        public Choice info() {
            return info;
        }

        /** Whether the native library is loaded and in use (its address lookups are available). */
        public boolean hasNative() {
            return nativeKernels != null;
        }

        public String mode() {
            return mode;
        }
    }

    /**
     * Null when raw memory is usable, else why not. Raw memory runs the JVM-wide backend: under
     * auto or native this resolves it (loading logits4j's library, as the call would); under
     * {@code -Dlogits4j.backend=java} only JavaCPP's own natives can serve it.
     */
    public static String rawMemoryUnavailableReason() {
        if (NativeLibrary.isLoaded()) {
            return null;
        }
        boolean javaForced = javaForced();
        String backendWhy = null;
        if (!javaForced) {
            Selection s = selection();
            if (NativeLibrary.isLoaded()) {
                return null;
            }
            backendWhy = s.info().reason();
        }
        String javacpp = RawViews.javaCppProblem();
        if (javacpp == null || !RawViews.javaCppPresent()) {
            return javacpp;  // usable, or JavaCPP itself is missing: that says it all
        }
        String platform = NativePlatform.current() == null ? "<platform>" : NativePlatform.current();
        if (javaForced) {
            return "-D" + BACKEND_PROPERTY + "=java loads no native library, and JavaCPP's own natives ("
                    + javacpp + ") could not be loaded; add org.bytedeco:javacpp:<version>:" + platform;
        }
        return "neither logits4j's native library (" + backendWhy + ") nor JavaCPP's own natives ("
                + javacpp + ") could be loaded; add dev.logits4j:logits4j:<version>:" + platform
                + " or org.bytedeco:javacpp:<version>:" + platform;
    }
}
