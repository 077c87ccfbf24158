package dev.logits4j.internal.javaimpl;

import java.util.Locale;

/**
 * Decides, once per JVM, whether the pure-Java implementation may use the JDK Vector API
 * ({@link JavaF32Accel}). It does when the {@code jdk.incubator.vector} module is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), the preferred
 * vector is wide enough ({@code VectorF32.minimumBits()}: 256 bits on x86-64, 128 on AArch64,
 * i.e. 4 float lanes on NEON), and
 * {@code -Dlogits4j.javaVector=false} does not turn it off.
 */
final class JavaAccelProvider {
    static final String PROPERTY = "logits4j.javaVector";
    private static final String MODULE = "jdk.incubator.vector";
    private static final String IMPL = "dev.logits4j.internal.javaimpl.VectorF32";
    private static final String IMPL64 = "dev.logits4j.internal.javaimpl.VectorF64";
    private static final String WIDENING = "dev.logits4j.internal.javaimpl.VectorHalfWidening";

    private JavaAccelProvider() {}

    /** The accelerated kernels, or null; {@link #STATUS} says why. */
    static final JavaF32Accel ACCEL;
    /** Their float64 form (loaded and refused together with {@link #ACCEL}). */
    static final JavaF64Accel ACCEL64;
    /** 16-bit widening on vectors (loaded and refused together with {@link #ACCEL}). */
    static final HalfWidening HALF_WIDENING;
    /** One line for {@code info()}: what the Java implementation uses, and why. */
    static final String STATUS;

    static {
        JavaF32Accel accel = null;
        JavaF64Accel accel64 = null;
        HalfWidening widening = null;
        String status;
        String setting = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (setting.equals("false")) {
            status = "scalar (Vector API turned off by -D" + PROPERTY + "=false)";
        } else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            status = "scalar (start the JVM with --add-modules " + MODULE + " for the Vector API kernels)";
        } else {
            try {
                accel = (JavaF32Accel) Class.forName(IMPL).getDeclaredConstructor().newInstance();
                accel64 = (JavaF64Accel) Class.forName(IMPL64).getDeclaredConstructor().newInstance();
                widening = (HalfWidening) Class.forName(WIDENING).getDeclaredConstructor().newInstance();
                status = accel.description() + ", float32 and float64";
            } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
                // IllegalStateException: VectorF32 refuses vectors narrower than its minimum.
                status = "scalar (Vector API kernels unavailable: " + e + ")";
                accel = null;
                accel64 = null;
                widening = null;
            }
        }
        ACCEL = accel;
        ACCEL64 = accel64;
        HALF_WIDENING = widening;
        STATUS = status;
    }
}
