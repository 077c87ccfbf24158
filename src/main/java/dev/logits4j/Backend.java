package dev.logits4j;

import dev.logits4j.internal.choice.Backends;
import dev.logits4j.internal.choice.Choice;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.plan.Checks;

/**
 * An implementation of logits4j's ops, as a value: pass it to {@link Logits4j#with(Backend)} to
 * run every op on it. {@link #auto()} is what the static methods of {@link Logits4j} use (chosen
 * once per JVM from {@code -Dlogits4j.backend} and {@code -Dlogits4j.isa}); {@link #java()} and
 * {@link #nativeVariant(String)} name one implementation whatever that choice is, for A/B checks,
 * tests and tools. Immutable and thread-safe.
 */
public final class Backend {
    private static final Backend AUTO = new Backend("auto", null);

    private final String name;
    private final Backends.Selection selection;   // null: auto, resolved on first use

    private Backend(String name, Backends.Selection selection) {
        this.name = name;
        this.selection = selection;
    }

    /**
     * The JVM-wide choice: native for calls large enough to repay JNI when it loads, else Java.
     *
     * @return the JVM-wide backend
     */
    public static Backend auto() {
        return AUTO;
    }

    /**
     * The pure-Java implementation (with the Vector API kernels when the JVM has the module).
     *
     * @return the pure-Java backend
     */
    public static Backend java() {
        return new Backend("java", Backends.java());
    }

    /** The scalar Java kernels, even where the Vector API is present (tests compare the two). */
    static Backend javaScalar() {
        return new Backend("java-scalar", Backends.javaScalar());
    }

    /**
     * One native variant: {@code "avx512"}, {@code "avx2"}, {@code "scalar"}, or {@code "auto"}
     * for the widest this CPU supports. Every call runs it, whatever its size.
     *
     * @param variant the variant's name
     * @return the backend
     * @throws IllegalArgumentException for an unknown variant or one this CPU cannot run
     * @throws IllegalStateException when the native library cannot be loaded (the message says why)
     */
    public static Backend nativeVariant(String variant) {
        Checks.notNull(variant, "variant");
        Backends.Selection s = Backends.nativeVariant(variant);
        return new Backend(s.info().implementation(), s);
    }

    /**
     * A short name: "auto", "java", "java-scalar" or "native-&lt;variant&gt;".
     *
     * @return the short name
     */
    public String name() {
        return name;
    }

    /**
     * Which implementation this backend runs, and why.
     *
     * @return the implementation this backend runs, and why
     */
    public BackendInfo info() {
        Choice c = (selection == null ? Backends.selection() : selection).info();
        return new BackendInfo(c.backend(), c.implementation(), c.reason(), c.cpuFeatures(),
                c.nativeLibrary(), c.nativeThreshold(), c.javaKernels());
    }

    KernelSource source() {
        if (selection != null) {
            return selection;
        }
        return elements -> Backends.selection().forElements(elements);
    }

    @Override
    public String toString() {
        return "Backend[" + name + "]";
    }
}
