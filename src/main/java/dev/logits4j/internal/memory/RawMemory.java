package dev.logits4j.internal.memory;

/**
 * The base of a memory argument that is a raw native address: its index is then the address in
 * bytes of the first element. Only native kernels receive it (the facade wraps raw memory in
 * direct buffers for the Java kernels).
 */
public final class RawMemory {
    public static final RawMemory INSTANCE = new RawMemory();

    private RawMemory() {}

    @Override
    public String toString() {
        return "raw native memory";
    }
}
