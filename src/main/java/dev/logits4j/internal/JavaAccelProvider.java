package dev.logits4j.internal;

import java.util.Locale;

/**
 * Decides, once per JVM, whether the pure-Java implementation may use the JDK Vector API
 * ({@link JavaF32Accel}). It does when the {@code jdk.incubator.vector} module is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), the preferred
 * vector is at least 256 bits wide (narrower or emulated vectors lose to scalar code), and
 * {@code -Dlogits4j.javaVector=false} does not turn it off.
 */
final class JavaAccelProvider {
    static final String PROPERTY = "logits4j.javaVector";
    private static final String MODULE = "jdk.incubator.vector";
    private static final String IMPL = "dev.logits4j.internal.VectorF32";

    private JavaAccelProvider() {}

    /** The accelerated kernels, or null; {@link #status} says why. */
    static final JavaF32Accel ACCEL;
    /** One line for {@code info()}: what the Java implementation uses, and why. */
    static final String STATUS;

    static {
        JavaF32Accel accel = null;
        String status;
        String setting = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (setting.equals("false")) {
            status = "scalar (Vector API turned off by -D" + PROPERTY + "=false)";
        } else if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            status = "scalar (start the JVM with --add-modules " + MODULE + " for the Vector API kernels)";
        } else {
            try {
                accel = (JavaF32Accel) Class.forName(IMPL).getDeclaredConstructor().newInstance();
                status = accel.description();
            } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
                // IllegalStateException: VectorF32 refuses vectors narrower than 256 bits.
                status = "scalar (Vector API kernels unavailable: " + e + ")";
                accel = null;
            }
        }
        ACCEL = accel;
        STATUS = status;
    }
}
