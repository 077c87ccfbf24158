package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.RawMemory;
import dev.logits4j.internal.nativeimpl.RawViews;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * logits4j on native memory: raw addresses with an element count (memory from another runtime:
 * a Panama {@code MemorySegment}'s address, an ONNX Runtime or Netty buffer) and JavaCPP pointers
 * (from their position to their limit, or capacity when no limit is set). The same ops and the
 * same semantics as {@link Logits4j}; the native kernels read and write the memory in place.
 *
 * <p>Bounds can only be checked against the counts given: the caller vouches that
 * {@code count} elements are readable (or writable) at the address. Needs JavaCPP
 * ({@code org.bytedeco:javacpp}) on the class path, and a JNI library to reach the memory:
 * logits4j's {@code linux-x86_64} jar or JavaCPP's own natives; without either every method throws
 * an {@link IllegalStateException} saying why. With the pure-Java backend the memory is accessed
 * through direct-buffer views (at most 2^31-1 bytes per operand). A JavaCPP pointer's address,
 * position, limit and capacity are read once and checked against each other.
 */
public final class OffHeap {
    private OffHeap() {}

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
    private static void requireNativeAccess() {
        String why = RawViews.unavailableReason();
        if (why != null) {
            throw new IllegalStateException("OffHeap needs a native library to reach raw memory, "
                    + "and none is usable: " + why);
        }
    }

    /**
     * A JavaCPP pointer's memory from its position: address, position, limit and capacity are
     * each read once (a pointer is mutable and not thread-safe) and checked against each other,
     * so a pointer whose limit exceeds its capacity, or whose position is negative or past its
     * limit, is refused instead of trusted.
     */
    static final class Span {
        final long address;
        final long count;

        private Span(long address, long count) {
            this.address = address;
            this.count = count;
        }

        static Span of(Pointer p, String name) {
            Checks.notNull(p, name);
            requireNativeAccess();
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
            int size = p instanceof DoublePointer || p instanceof LongPointer ? 8 : 4;
            long count = end - position;
            if (position > (Long.MAX_VALUE - address) / size) {
                throw new IllegalArgumentException(name + " position " + position + " at address "
                        + address + " runs past the end of the address space");
            }
            long start = address + position * size;
            checkAddress(start, count, size, name);
            return new Span(start, count);
        }
    }

    /**
     * softmax of float32 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#softmax(float[], int, float[], int, int[], int, SoftmaxOptions)
     */
    public static void softmaxF32(long x, long xCount, long y, long yCount, int[] shape, int axis,
                                   SoftmaxOptions options) {
        checkAddress(x, xCount, 4, "x");
        checkAddress(y, yCount, 4, "y");
        Logits4j.softmaxCore(false, RawMemory.INSTANCE, x, xCount, RawMemory.INSTANCE, y, yCount, shape,
                axis, options, false);
    }

    /** softmax between JavaCPP pointers (from position to limit, or capacity). */
    public static void softmax(FloatPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        Span xs = Span.of(x, "x");
        Span ys = Span.of(y, "y");
        Logits4j.softmaxCore(false, RawMemory.INSTANCE, xs.address, xs.count, RawMemory.INSTANCE, ys.address, ys.count,
                shape, axis, options, false);
    }

    /**
     * logSoftmax of float32 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#logSoftmax(float[], int, float[], int, int[], int, SoftmaxOptions)
     */
    public static void logSoftmaxF32(long x, long xCount, long y, long yCount, int[] shape, int axis,
                                   SoftmaxOptions options) {
        checkAddress(x, xCount, 4, "x");
        checkAddress(y, yCount, 4, "y");
        Logits4j.softmaxCore(false, RawMemory.INSTANCE, x, xCount, RawMemory.INSTANCE, y, yCount, shape,
                axis, options, true);
    }

    /** logSoftmax between JavaCPP pointers (from position to limit, or capacity). */
    public static void logSoftmax(FloatPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        Span xs = Span.of(x, "x");
        Span ys = Span.of(y, "y");
        Logits4j.softmaxCore(false, RawMemory.INSTANCE, xs.address, xs.count, RawMemory.INSTANCE, ys.address, ys.count,
                shape, axis, options, true);
    }

    /**
     * logSumExp of a float32 tensor in native memory into {@code y} (shape without {@code axis}).
     *
     * @see Logits4j#logSumExp(float[], int, float[], int, int[], int)
     */
    public static void logSumExpF32(long x, long xCount, long y, long yCount, int[] shape, int axis) {
        checkAddress(x, xCount, 4, "x");
        checkAddress(y, yCount, 4, "y");
        Logits4j.logSumExpCore(false, RawMemory.INSTANCE, x, xCount, RawMemory.INSTANCE, y, yCount, shape,
                axis);
    }

    /** logSumExp between JavaCPP pointers. */
    public static void logSumExp(FloatPointer x, FloatPointer y, int[] shape, int axis) {
        Span xs = Span.of(x, "x");
        Span ys = Span.of(y, "y");
        Logits4j.logSumExpCore(false, RawMemory.INSTANCE, xs.address, xs.count, RawMemory.INSTANCE, ys.address, ys.count,
                shape, axis);
    }

    /**
     * Cross-entropy of float32 logits in native memory with class-index targets ({@code int64Targets}:
     * int64, else int32). With reduction NONE the per-position losses go to {@code out} (required);
     * otherwise the reduced value is returned, and also written to {@code out} unless it is 0.
     *
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @see Logits4j#crossEntropy(float[], int, int[], int[], int, CrossEntropyOptions)
     */
    public static double crossEntropyF32(long logits, long logitsCount, int[] shape, long targets,
                                         long targetsCount, boolean int64Targets, long out,
                                         long outCount, CrossEntropyOptions options) {
        checkAddress(logits, logitsCount, 4, "logits");
        checkAddress(targets, targetsCount, int64Targets ? 8 : 4, "targets");
        if (out != 0) {
            checkAddress(out, outCount, 4, "out");
        }
        return Logits4j.crossEntropyCore(false, RawMemory.INSTANCE, logits, logitsCount, shape,
                RawMemory.INSTANCE, targets, targetsCount, int64Targets ? 8 : 4, false,
                out == 0 ? null : RawMemory.INSTANCE, out, outCount, options);
    }

    /** Cross-entropy between JavaCPP pointers; {@code out} may be null unless the reduction is NONE. */
    public static float crossEntropy(FloatPointer logits, int[] shape, LongPointer targets, FloatPointer out,
                                   CrossEntropyOptions options) {
        return (float) crossEntropyPointers(false, logits, shape, targets, true, out, options);
    }

    /** As above, with int32 targets. */
    public static float crossEntropy(FloatPointer logits, int[] shape, IntPointer targets, FloatPointer out,
                                   CrossEntropyOptions options) {
        return (float) crossEntropyPointers(false, logits, shape, targets, false, out, options);
    }

    /**
     * softmax of float64 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#softmax(double[], int, double[], int, int[], int, SoftmaxOptions)
     */
    public static void softmaxF64(long x, long xCount, long y, long yCount, int[] shape, int axis,
                                   SoftmaxOptions options) {
        checkAddress(x, xCount, 8, "x");
        checkAddress(y, yCount, 8, "y");
        Logits4j.softmaxCore(true, RawMemory.INSTANCE, x, xCount, RawMemory.INSTANCE, y, yCount, shape,
                axis, options, false);
    }

    /** softmax between JavaCPP pointers (from position to limit, or capacity). */
    public static void softmax(DoublePointer x, DoublePointer y, int[] shape, int axis, SoftmaxOptions options) {
        Span xs = Span.of(x, "x");
        Span ys = Span.of(y, "y");
        Logits4j.softmaxCore(true, RawMemory.INSTANCE, xs.address, xs.count, RawMemory.INSTANCE, ys.address, ys.count,
                shape, axis, options, false);
    }

    /**
     * logSoftmax of float64 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#logSoftmax(double[], int, double[], int, int[], int, SoftmaxOptions)
     */
    public static void logSoftmaxF64(long x, long xCount, long y, long yCount, int[] shape, int axis,
                                   SoftmaxOptions options) {
        checkAddress(x, xCount, 8, "x");
        checkAddress(y, yCount, 8, "y");
        Logits4j.softmaxCore(true, RawMemory.INSTANCE, x, xCount, RawMemory.INSTANCE, y, yCount, shape,
                axis, options, true);
    }

    /** logSoftmax between JavaCPP pointers (from position to limit, or capacity). */
    public static void logSoftmax(DoublePointer x, DoublePointer y, int[] shape, int axis, SoftmaxOptions options) {
        Span xs = Span.of(x, "x");
        Span ys = Span.of(y, "y");
        Logits4j.softmaxCore(true, RawMemory.INSTANCE, xs.address, xs.count, RawMemory.INSTANCE, ys.address, ys.count,
                shape, axis, options, true);
    }

    /**
     * logSumExp of a float64 tensor in native memory into {@code y} (shape without {@code axis}).
     *
     * @see Logits4j#logSumExp(double[], int, double[], int, int[], int)
     */
    public static void logSumExpF64(long x, long xCount, long y, long yCount, int[] shape, int axis) {
        checkAddress(x, xCount, 8, "x");
        checkAddress(y, yCount, 8, "y");
        Logits4j.logSumExpCore(true, RawMemory.INSTANCE, x, xCount, RawMemory.INSTANCE, y, yCount, shape,
                axis);
    }

    /** logSumExp between JavaCPP pointers. */
    public static void logSumExp(DoublePointer x, DoublePointer y, int[] shape, int axis) {
        Span xs = Span.of(x, "x");
        Span ys = Span.of(y, "y");
        Logits4j.logSumExpCore(true, RawMemory.INSTANCE, xs.address, xs.count, RawMemory.INSTANCE, ys.address, ys.count,
                shape, axis);
    }

    /**
     * Cross-entropy of float64 logits in native memory with class-index targets ({@code int64Targets}:
     * int64, else int32). With reduction NONE the per-position losses go to {@code out} (required);
     * otherwise the reduced value is returned, and also written to {@code out} unless it is 0.
     *
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @see Logits4j#crossEntropy(double[], int, int[], int[], int, CrossEntropyOptions)
     */
    public static double crossEntropyF64(long logits, long logitsCount, int[] shape, long targets,
                                         long targetsCount, boolean int64Targets, long out,
                                         long outCount, CrossEntropyOptions options) {
        checkAddress(logits, logitsCount, 8, "logits");
        checkAddress(targets, targetsCount, int64Targets ? 8 : 4, "targets");
        if (out != 0) {
            checkAddress(out, outCount, 8, "out");
        }
        return Logits4j.crossEntropyCore(true, RawMemory.INSTANCE, logits, logitsCount, shape,
                RawMemory.INSTANCE, targets, targetsCount, int64Targets ? 8 : 4, false,
                out == 0 ? null : RawMemory.INSTANCE, out, outCount, options);
    }

    /** Cross-entropy between JavaCPP pointers; {@code out} may be null unless the reduction is NONE. */
    public static double crossEntropy(DoublePointer logits, int[] shape, LongPointer targets, DoublePointer out,
                                   CrossEntropyOptions options) {
        return (double) crossEntropyPointers(true, logits, shape, targets, true, out, options);
    }

    /** As above, with int32 targets. */
    public static double crossEntropy(DoublePointer logits, int[] shape, IntPointer targets, DoublePointer out,
                                   CrossEntropyOptions options) {
        return (double) crossEntropyPointers(true, logits, shape, targets, false, out, options);
    }

    private static double crossEntropyPointers(boolean f64, Pointer logits, int[] shape,
                                               Pointer targets, boolean int64Targets, Pointer out,
                                               CrossEntropyOptions options) {
        Span l = Span.of(logits, "logits");
        Span t = Span.of(targets, "targets");
        Span o = out == null ? null : Span.of(out, "out");
        return Logits4j.crossEntropyCore(f64, RawMemory.INSTANCE, l.address, l.count, shape,
                RawMemory.INSTANCE, t.address, t.count, int64Targets ? 8 : 4, false,
                o == null ? null : RawMemory.INSTANCE, o == null ? 0 : o.address,
                o == null ? 0 : o.count, options);
    }
}
