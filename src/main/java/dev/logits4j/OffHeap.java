package dev.logits4j;

import dev.logits4j.internal.Checks;
import dev.logits4j.internal.RawMemory;
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
 * ({@code org.bytedeco:javacpp}) on the class path; with the pure-Java backend the memory is
 * accessed through direct-buffer views.
 */
public final class OffHeap {
    private OffHeap() {}

    static long checkAddress(long address, long count, int elementSize, String name) {
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

    /** A pointer's element count from its position: limit (or capacity when no limit is set). */
    static long count(Pointer p, String name) {
        Checks.notNull(p, name);
        if (p.isNull()) {
            throw new NullPointerException(name + " is a null pointer");
        }
        long end = p.limit() > 0 ? p.limit() : p.capacity();
        return Math.max(0, end - p.position());
    }

    static long start(Pointer p) {
        return p.address() + p.position() * p.sizeof();
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
        long xc = count(x, "x");
        long yc = count(y, "y");
        Logits4j.softmaxCore(false, RawMemory.INSTANCE, start(x), xc, RawMemory.INSTANCE, start(y), yc,
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
        long xc = count(x, "x");
        long yc = count(y, "y");
        Logits4j.softmaxCore(false, RawMemory.INSTANCE, start(x), xc, RawMemory.INSTANCE, start(y), yc,
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
        long xc = count(x, "x");
        long yc = count(y, "y");
        Logits4j.logSumExpCore(false, RawMemory.INSTANCE, start(x), xc, RawMemory.INSTANCE, start(y), yc,
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
        return (float) crossEntropyF32(start(logits), count(logits, "logits"), shape, start(targets),
                count(targets, "targets"), true, out == null ? 0 : start(out),
                out == null ? 0 : count(out, "out"), options);
    }

    /** As above, with int32 targets. */
    public static float crossEntropy(FloatPointer logits, int[] shape, IntPointer targets, FloatPointer out,
                                   CrossEntropyOptions options) {
        return (float) crossEntropyF32(start(logits), count(logits, "logits"), shape, start(targets),
                count(targets, "targets"), false, out == null ? 0 : start(out),
                out == null ? 0 : count(out, "out"), options);
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
        long xc = count(x, "x");
        long yc = count(y, "y");
        Logits4j.softmaxCore(true, RawMemory.INSTANCE, start(x), xc, RawMemory.INSTANCE, start(y), yc,
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
        long xc = count(x, "x");
        long yc = count(y, "y");
        Logits4j.softmaxCore(true, RawMemory.INSTANCE, start(x), xc, RawMemory.INSTANCE, start(y), yc,
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
        long xc = count(x, "x");
        long yc = count(y, "y");
        Logits4j.logSumExpCore(true, RawMemory.INSTANCE, start(x), xc, RawMemory.INSTANCE, start(y), yc,
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
        return (double) crossEntropyF64(start(logits), count(logits, "logits"), shape, start(targets),
                count(targets, "targets"), true, out == null ? 0 : start(out),
                out == null ? 0 : count(out, "out"), options);
    }

    /** As above, with int32 targets. */
    public static double crossEntropy(DoublePointer logits, int[] shape, IntPointer targets, DoublePointer out,
                                   CrossEntropyOptions options) {
        return (double) crossEntropyF64(start(logits), count(logits, "logits"), shape, start(targets),
                count(targets, "targets"), false, out == null ? 0 : start(out),
                out == null ? 0 : count(out, "out"), options);
    }
}
