package dev.logits4j.internal.plan;

import dev.logits4j.DType;
import dev.logits4j.internal.memory.RawMemory;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * One argument's memory, made once per argument by the facade: a base (a Java array, an NIO
 * buffer, or {@link RawMemory#INSTANCE}), the index of its first element there (array index,
 * absolute buffer index, or byte address), how many elements are available from it, their type,
 * and the argument's name for messages. A buffer's position and limit are read exactly once, here,
 * so nothing the caller does to the buffer during the call can move the bounds that were checked.
 * Array-backed heap buffers are passed as their array (and checked and compared as arrays).
 */
public final class Operand {
    public final Object base;
    public final long index;
    public final long available;
    public final DType type;
    public final String name;
    /**
     * Whether {@link #base} is a Java array (decided once, here): two distinct arrays never
     * overlap and never hide an overlap, so the plans settle the common case with this flag and an
     * identity test instead of {@link Memory}'s type tests on every call.
     */
    public final boolean javaArray;

    private Operand(Object base, long index, long available, DType type, String name) {
        this.base = base;
        this.index = index;
        this.available = available;
        this.type = type;
        this.name = name;
        this.javaArray = base != null && base.getClass().isArray();
    }

    /** The same memory on another base (a private copy or a view), from index {@code index}. */
    Operand rebased(Object newBase, long newIndex) {
        return new Operand(newBase, newIndex, available, type, name);
    }

    /**
     * A view's memory as argument {@code name}: {@code count} elements of {@code base} from
     * {@code index}, bounds already checked by the view.
     */
    public static Operand view(Object base, long index, long count, DType type, String name) {
        return new Operand(base, index, count, type, name);
    }

    public static Operand of(float[] a, int offset, String name) {
        Checks.arrayOffset(name, Checks.notNull(a, name).length, offset);
        return new Operand(a, offset, a.length - (long) offset, DType.F32, name);
    }

    public static Operand of(double[] a, int offset, String name) {
        Checks.arrayOffset(name, Checks.notNull(a, name).length, offset);
        return new Operand(a, offset, a.length - (long) offset, DType.F64, name);
    }

    public static Operand of(int[] a, int offset, String name) {
        Checks.arrayOffset(name, Checks.notNull(a, name).length, offset);
        return new Operand(a, offset, a.length - (long) offset, DType.I32, name);
    }

    public static Operand of(long[] a, int offset, String name) {
        Checks.arrayOffset(name, Checks.notNull(a, name).length, offset);
        return new Operand(a, offset, a.length - (long) offset, DType.I64, name);
    }

    /**
     * {@code count} elements of a Java array from {@code index} (a slice whose bounds come from
     * elsewhere, e.g. a heap {@code MemorySegment}); the array must hold {@code type}'s elements.
     */
    public static Operand slice(Object array, long index, long count, DType type, String name) {
        long length = java.lang.reflect.Array.getLength(array);
        if (index < 0 || count < 0 || index > length - count) {
            throw new IndexOutOfBoundsException(name + ": elements [" + index + ", " + index + " + "
                    + count + ") are outside its array of " + length);
        }
        return new Operand(array, index, count, type, name);
    }

    /** An input buffer (float, double, int or long), from its position to its limit. */
    public static Operand of(Buffer b, String name) {
        Checks.notNull(b, name);
        int position = b.position();
        long available = (long) b.limit() - position;   // negative if a racing thread moved them
        Object base = b.hasArray() ? b.array() : b;
        long index = b.hasArray() ? b.arrayOffset() + (long) position : position;
        return new Operand(base, index, available, typeOf(b), name);
    }

    /** An output buffer: as {@link #of(Buffer, String)}, refusing a read-only one. */
    public static Operand output(Buffer b, String name) {
        Checks.notNull(b, name);
        Checks.writable(b, name);
        return of(b, name);
    }

    /** {@code count} elements of raw native memory at byte address {@code address}. */
    public static Operand raw(long address, long count, DType type, String name) {
        return new Operand(RawMemory.INSTANCE, address, count, type, name);
    }

    private static DType typeOf(Buffer b) {
        return b instanceof FloatBuffer ? DType.F32 : b instanceof DoubleBuffer ? DType.F64
                : b instanceof IntBuffer ? DType.I32 : DType.I64;
    }

    // ---- 16-bit inputs (issue 13): the dtype is given by the caller, never guessed

    /** float16 or bfloat16 values (as their bits) in a {@code short[]} from {@code offset}. */
    public static Operand of(short[] a, int offset, DType half, String name) {
        Checks.arrayOffset(name, Checks.notNull(a, name).length, offset);
        return new Operand(a, offset, a.length - (long) offset, half, name);
    }

    /** float16 or bfloat16 values in a {@link ShortBuffer} (either byte order), position to limit. */
    public static Operand of(ShortBuffer b, DType half, String name) {
        Checks.notNull(b, name);
        int position = b.position();
        long available = (long) b.limit() - position;
        Object base = b.hasArray() ? b.array() : b;
        long index = b.hasArray() ? b.arrayOffset() + (long) position : position;
        return new Operand(base, index, available, half, name);
    }

    /** Raw memory's Java view and how many elements it spans, made once per operand. */
    private static final class JavaView {
        final long count;
        final Operand view;

        JavaView(long count, Operand view) {
            this.count = count;
            this.view = view;
        }
    }

    private JavaView javaView;   // benign race: null or a whole immutable holder

    /** The remembered direct-buffer view of this raw operand's first {@code count} elements, or null. */
    Operand javaView(long count) {
        JavaView v = javaView;
        return v != null && v.count == count ? v.view : null;
    }

    void rememberJavaView(long count, Operand view) {
        javaView = new JavaView(count, view);
    }

    /**
     * A direct buffer's element-0 address once {@link Memory#address} has asked for it (0 before):
     * the address of a buffer never changes, and asking is a JNI call. Volatile: a long written by
     * one thread may be read by another, and must not be read half-written.
     */
    private volatile long directAddress;

    long directAddress() {
        return directAddress;
    }

    void rememberDirectAddress(long address) {
        directAddress = address;
    }

    public boolean isRaw() {
        return base == RawMemory.INSTANCE;
    }
}
