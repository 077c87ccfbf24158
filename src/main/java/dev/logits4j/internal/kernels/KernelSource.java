package dev.logits4j.internal.kernels;

/**
 * What a backend is to the plans: the kernels that run a call touching a given number of
 * elements. {@code auto} answers by size (Java below the native threshold); a fixed backend
 * always gives its one implementation.
 */
public interface KernelSource {
    Kernels forElements(long elements);

    /** A source that always gives {@code kernels}. */
    static KernelSource of(Kernels kernels) {
        return elements -> kernels;
    }
}
