package dev.logits4j.internal.plan;

import dev.logits4j.internal.memory.RawMemory;
import dev.logits4j.DType;
import dev.logits4j.internal.memory.MemoryOrder;

import dev.logits4j.internal.memory.RawViews;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * What the facade needs to know about memory beyond its bounds, decided the same way whichever
 * backend runs:
 * <ul>
 * <li>Overlap of an input and the output. Java arrays (and array-backed heap buffers, passed as
 *     their array) by identity and index; direct buffers and raw memory by address. Heap memory
 *     and off-heap memory never overlap.</li>
 * <li>What no check can see: a heap buffer without an accessible array (a read-only view, or a
 *     view of a heap {@code ByteBuffer}), or a direct buffer when no JNI library can tell its
 *     address. Such an input is read through a private copy when the output lives in the same
 *     kind of memory ({@link #hidesOverlap}), so an overlap gives the out-of-place result instead
 *     of an answer that depends on the backend.</li>
 * </ul>
 */
public final class Memory {
    private Memory() {}

    /** Heap memory: a Java array, or a heap buffer (with or without an accessible array). */
    private static boolean onHeap(Object base) {
        return base instanceof Buffer ? !((Buffer) base).isDirect() : base != RawMemory.INSTANCE;
    }

    /**
     * Refuses overlapping input {@code x} and output {@code y} of the same element type (same
     * elements allowed when {@code sameOk}, in the same byte order); counts are in elements.
     */
    public static void noOverlap(Operand x, long xCount, Operand y, long yCount, boolean sameOk) {
        if (x.base == y.base && x.base != RawMemory.INSTANCE) {
            Checks.noOverlap(x.name, x.index, xCount, y.name, y.index, yCount, sameOk);
            return;
        }
        if (onHeap(x.base) || onHeap(y.base)) {
            return;  // distinct heap objects: distinct arrays, or a case hidesOverlap() handles
        }
        int elementSize = x.type.bytes();
        long xa = address(x);
        long ya = address(y);
        if (xa == 0 || ya == 0) {
            return;  // addresses unknown: hidesOverlap() makes the input a private copy
        }
        Checks.noOverlap(x.name, xa, xCount * elementSize, y.name, ya, yCount * elementSize, sameOk,
                " (address)");
        if (xa == ya && xCount > 0 && !sameOrder(x.base, y.base)) {
            throw new IllegalArgumentException(y.name + " is the same memory as " + x.name
                    + " in the other byte order: in place needs one byte order");
        }
    }

    private static boolean sameOrder(Object x, Object y) {
        boolean xn = !(x instanceof Buffer) || MemoryOrder.isNative((Buffer) x);
        boolean yn = !(y instanceof Buffer) || MemoryOrder.isNative((Buffer) y);
        return xn == yn;
    }

    /**
     * As {@link #noOverlap}, for operands of different element types (never the same memory);
     * counts are in each operand's elements.
     */
    public static void noOverlapBytes(Operand x, long xCount, Operand y, long yCount) {
        if (onHeap(x.base) || onHeap(y.base)) {
            return;
        }
        long xa = address(x);
        long ya = address(y);
        if (xa != 0 && ya != 0) {
            Checks.noOverlap(x.name, xa, xCount * x.type.bytes(), y.name, ya,
                    yCount * y.type.bytes(), false, " (address)");
        }
    }

    /**
     * True when {@code in} (an input) might share memory with {@code out} without any check being
     * able to see it: then the caller reads {@code in} through {@link #privateCopy}.
     */
    public static boolean hidesOverlap(Object in, Object out) {
        if (in == out || out == null) {
            return false;  // the same object was compared by index
        }
        if (onHeap(in)) {
            return in instanceof Buffer && onHeap(out);  // a heap buffer with no array
        }
        return !onHeap(out) && !RawViews.addressesKnown();
    }

    /**
     * The byte address of an operand's first element in raw memory or a direct buffer; 0 when no
     * JNI library is there to tell (then {@link #hidesOverlap} covers the case). A direct buffer's
     * address never changes, so it is asked for (a JNI call) once per operand, not on every call:
     * operands are made once per view.
     */
    static long address(Operand op) {
        Object base = op.base;
        if (base == RawMemory.INSTANCE) {
            return op.index;
        }
        long start = op.directAddress();
        if (start == 0) {
            if (!(base instanceof Buffer && ((Buffer) base).isDirect() && RawViews.addressesKnown())) {
                return 0;
            }
            start = RawViews.address((Buffer) base);   // element 0's
            op.rememberDirectAddress(start);
        }
        return start + op.index * op.type.bytes();
    }

    /** {@code op}'s first {@code count} elements, read once into a new heap array. */
    static Operand privateCopy(Operand op, long count) {
        return op.rebased(privateCopy(op.base, op.index, count), 0);
    }

    /** A direct-buffer view of raw memory (for the Java kernels); other memory as it is. */
    static Operand viewIfRaw(Operand op, long count) {
        if (op.isRaw() && count > Integer.MAX_VALUE / op.type.bytes()) {
            throw new IllegalArgumentException(tooLarge(op, count) + " is more than the Java "
                    + "implementation can view (2^31-1 bytes per operand); the native backend reads "
                    + "such logits by address, and class targets must fit in 2^31-1 bytes per call "
                    + "(split the batch)");
        }
        return op.isRaw() ? rawView(op, count) : op;
    }

    /** Raw memory's direct-buffer view, made once per operand (views are reused call after call). */
    private static Operand rawView(Operand op, long count) {
        Operand v = op.javaView(count);
        if (v == null) {
            v = op.rebased(view(op.index, count, viewType(op.type)), 0);
            op.rememberJavaView(count, v);
        }
        return v;
    }

    /**
     * As {@link #viewIfRaw}, for argmax, topK, topLogProbs and sample, which view raw memory on
     * every backend: their pipeline above the kernels is shared Java code that takes buffers.
     * {@code perRow} is how many of the {@code count} elements belong to one leading row, so the
     * message can say how many rows one call can take.
     */
    static Operand selectionViewIfRaw(Operand op, long count, long perRow) {
        long limit = Integer.MAX_VALUE / op.type.bytes();
        if (op.isRaw() && count > limit) {
            String split = perRow > limit
                    ? "one row (" + perRow + " elements) is already larger, so these ops cannot take it"
                    : "split the call into calls of at most " + rows(limit / Math.max(perRow, 1))
                            + " (" + perRow + (perRow == 1 ? " element" : " elements") + " a row here)";
            throw new IllegalArgumentException(tooLarge(op, count) + " is more than argmax, topK, "
                    + "topLogProbs and sample take in one call: on every backend, native included, "
                    + "they read raw memory through Java buffer views (their selection pipeline is "
                    + "Java code shared by the backends), and a view holds at most 2^31-1 bytes; "
                    + split);
        }
        return op.isRaw() ? rawView(op, count) : op;
    }

    private static char viewType(DType type) {
        return type == DType.F32 ? 'f' : type == DType.F64 ? 'd' : type == DType.I32 ? 'i'
                : type.isHalf() ? 's' : 'l';
    }

    private static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }

    private static String tooLarge(Operand op, long count) {
        return op.name + ": raw memory of " + count + " elements (" + count * op.type.bytes() + " bytes)";
    }

    /**
     * {@code count} elements of {@code base} from {@code index}, read once into a new heap array
     * of the buffer's type (float[], double[], int[] or long[]).
     */
    public static Object privateCopy(Object base, long index, long count) {
        int i = (int) index;
        int n = Math.toIntExact(count);
        if (base instanceof FloatBuffer) {
            float[] a = new float[n];
            ((FloatBuffer) base).get(i, a, 0, n);
            return a;
        }
        if (base instanceof DoubleBuffer) {
            double[] a = new double[n];
            ((DoubleBuffer) base).get(i, a, 0, n);
            return a;
        }
        if (base instanceof IntBuffer) {
            int[] a = new int[n];
            ((IntBuffer) base).get(i, a, 0, n);
            return a;
        }
        if (base instanceof ShortBuffer) {
            short[] a = new short[n];   // float16 / bfloat16 bits (issue 13)
            ((ShortBuffer) base).get(i, a, 0, n);
            return a;
        }
        long[] a = new long[n];
        ((LongBuffer) base).get(i, a, 0, n);
        return a;
    }

    /** Writes one value (the reduced loss) into a float or double array or buffer. */
    static void putScalar(Object out, long index, double v) {
        int i = (int) index;
        if (out instanceof float[]) {
            ((float[]) out)[i] = (float) v;
        } else if (out instanceof double[]) {
            ((double[]) out)[i] = v;
        } else if (out instanceof java.nio.FloatBuffer) {
            ((java.nio.FloatBuffer) out).put(i, (float) v);
        } else {
            ((java.nio.DoubleBuffer) out).put(i, v);
        }
    }

    /**
     * A direct buffer viewing {@code count} elements of raw memory at {@code address}: type
     * 'f' float, 'd' double, 'i' int, 'l' long.
     */
    public static Buffer view(long address, long count, char type) {
        int size = type == 'd' || type == 'l' ? 8 : type == 's' ? 2 : 4;
        if (count > Integer.MAX_VALUE / size) {
            // A Java view (a direct buffer) holds at most 2^31-1 bytes. The callers above say what
            // to do instead; this is the backstop.
            throw new IllegalArgumentException("raw memory of " + count + " elements (" + count * size
                    + " bytes) is more than a Java view holds (2^31-1 bytes)");
        }
        ByteBuffer b = RawViews.view(address, count * size);
        switch (type) {
            case 'f':
                return b.asFloatBuffer();
            case 'd':
                return b.asDoubleBuffer();
            case 'i':
                return b.asIntBuffer();
            case 's':
                return b.asShortBuffer();
            default:
                return b.asLongBuffer();
        }
    }
}
