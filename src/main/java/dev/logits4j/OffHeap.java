package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.memory.RawMemory;
import org.bytedeco.javacpp.Pointer;

/**
 * {@link Tensor} views of native memory: raw addresses with an element count (memory from another
 * runtime: an ONNX Runtime or Netty buffer, a {@code MemorySegment}'s address) and JavaCPP
 * pointers (from their position to their limit, or capacity when no limit is set). The native
 * kernels read and write such memory in place, by address.
 *
 * <p>Bounds can only be checked against the counts given: the caller vouches that
 * {@code capacity} elements are readable (or writable) at the address, for as long as the view is
 * used. A JavaCPP pointer's address, position, limit and capacity are read once, when the view is
 * made, and checked against each other; the view keeps the pointer reachable. Needs JavaCPP
 * ({@code org.bytedeco:javacpp}) on the class path and a JNI library to reach the memory
 * (logits4j's platform jar or JavaCPP's own natives): without either, making a view throws an
 * {@link IllegalStateException} saying why. The pure-Java backend reads such memory through
 * direct-buffer views (at most 2^31-1 bytes per operand); argmax, topK, topLogProbs and sample
 * view their operands so on every backend (split larger batches by rows).
 *
 * <p>The memory must stay allocated while a call runs: when the address comes from an object the
 * garbage collector owns (a direct {@code ByteBuffer}), keep that object reachable, for example
 * with {@code java.lang.ref.Reference.reachabilityFence(buffer)} after the call.
 */
public final class OffHeap {
    private OffHeap() {}

    /**
     * A view of {@code capacity} elements of native memory at byte address {@code address}.
     *
     * @param address the byte address of the first element (not 0)
     * @param capacity how many elements are readable (and, for an output, writable) there
     * @param dtype the element type
     * @param shape the dimensions (their product at most {@code capacity})
     * @return the view
     */
    public static Tensor tensor(long address, long capacity, DType dtype, int... shape) {
        Checks.notNull(dtype, "dtype");
        checkAddress(address, capacity, dtype.bytes(), "address");
        return Tensor.of(RawMemory.INSTANCE, address, capacity, dtype, shape, true, null, null,
                capacity + " elements at address " + address);
    }

    /**
     * A view of a JavaCPP pointer's elements from its position to its limit (or capacity when it
     * has no limit). The pointer's element size must be the dtype's (a {@code FloatPointer} for
     * F32, a {@code ShortPointer} for F16 and BF16, ...).
     *
     * @param pointer the memory (kept reachable by the view)
     * @param dtype the element type
     * @param shape the dimensions
     * @return the view
     */
    public static Tensor tensor(Pointer pointer, DType dtype, int... shape) {
        return PointerSpan.tensor(pointer, dtype, shape);
    }

    /** The checks of a raw address and count: not 0, not negative, not past the address space. */
    static long checkAddress(long address, long count, int elementSize, String name) {
        requireNativeAccess();
        if (address == 0) {
            throw new NullPointerException(name + " address must not be 0");
        }
        if (count < 0) {
            throw new IllegalArgumentException(name + " count " + count + " is negative");
        }
        if (count > (Long.MAX_VALUE - address) / elementSize) {
            throw new IllegalArgumentException(name + " count " + count + " at address " + address
                    + " runs past the end of the address space");
        }
        return address;
    }

    /**
     * Raw memory is reached through JNI (by address in the native kernels, as direct-buffer views
     * in the Java ones): without a native library every call says why, once, in one exception.
     */
    static void requireNativeAccess() {
        String why = dev.logits4j.internal.choice.Backends.rawMemoryUnavailableReason();
        if (why != null) {
            throw new IllegalStateException("OffHeap needs a native library to reach raw memory, "
                    + "and none is usable: " + why);
        }
    }
}
