package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.DType;
import dev.logits4j.internal.memory.RawMemory;
import org.bytedeco.javacpp.Pointer;

/**
 * A JavaCPP pointer's memory from its position, as an operand: address, position, limit and
 * capacity are each read once (a pointer is mutable and not thread-safe) and checked against each
 * other, so a pointer whose limit exceeds its capacity, or whose position is negative or past its
 * limit, is refused instead of trusted. Kept out of {@link OffHeap} so that linking OffHeap never
 * loads a JavaCPP class (one overload per pointer type: OffHeap passes each argument as the type
 * it was declared with).
 */
final class PointerSpan {
    private PointerSpan() {}

    static Tensor tensor(Pointer p, DType type, int[] shape) {
        Checks.notNull(p, "pointer");
        Checks.notNull(type, "dtype");
        if (p.sizeof() != type.bytes()) {
            throw new IllegalArgumentException("pointer " + p.getClass().getSimpleName() + " holds "
                    + p.sizeof() + "-byte elements but dtype " + type + " is " + type.bytes()
                    + " bytes");
        }
        long[] span = span(p, type.bytes(), "pointer");
        return Tensor.of(RawMemory.INSTANCE, span[0], span[1], type, shape, true, p, null,
                span[1] + " elements at " + p.getClass().getSimpleName() + " address " + span[0]);
    }

    /** {address of the first element, elements from there}, read once and checked. */
    private static long[] span(Pointer p, int size, String name) {
        Checks.notNull(p, name);
        OffHeap.requireNativeAccess();
        long address = p.address();
        long position = p.position();
        long limit = p.limit();
        long capacity = p.capacity();
        if (address == 0) {
            throw new NullPointerException(name + " is a null pointer");
        }
        if (position < 0 || limit < 0 || capacity < 0) {
            throw new IndexOutOfBoundsException(name + " has position " + position + ", limit "
                    + limit + ", capacity " + capacity + ": none may be negative");
        }
        if (capacity > 0 && limit > capacity) {
            throw new IndexOutOfBoundsException(name + " limit " + limit
                    + " exceeds its capacity " + capacity);
        }
        long end = limit > 0 ? limit : capacity;
        if (position > end) {
            throw new IndexOutOfBoundsException(name + " position " + position
                    + " is past its limit (or capacity) " + end);
        }
        long count = end - position;
        if (position > (Long.MAX_VALUE - address) / size) {
            throw new IllegalArgumentException(name + " position " + position + " at address "
                    + address + " runs past the end of the address space");
        }
        long start = address + position * size;
        OffHeap.checkAddress(start, count, size, name);
        return new long[] {start, count};
    }
}
