package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.DType;
import dev.logits4j.internal.plan.Operand;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;

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

    static Operand of(FloatPointer p, String name, DType type) {
        return span(p, 4, name, type);
    }

    static Operand of(DoublePointer p, String name, DType type) {
        return span(p, 8, name, type);
    }

    static Operand of(IntPointer p, String name, DType type) {
        return span(p, 4, name, type);
    }

    static Operand of(LongPointer p, String name, DType type) {
        return span(p, 8, name, type);
    }

    /** float16 / bfloat16 logits (issue 13). */
    static Operand of(ShortPointer p, String name, DType type) {
        return span(p, 2, name, type);
    }

    private static Operand span(Pointer p, int size, String name, DType type) {
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
        return Operand.raw(start, count, type, name);
    }
}
