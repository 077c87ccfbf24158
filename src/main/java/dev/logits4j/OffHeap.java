package dev.logits4j;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.CrossEntropyPlan;
import dev.logits4j.internal.plan.DType;
import dev.logits4j.internal.plan.LogSumExpPlan;
import dev.logits4j.internal.plan.Operand;
import dev.logits4j.internal.plan.SoftmaxPlan;
import dev.logits4j.internal.plan.ArgmaxPlan;
import dev.logits4j.internal.plan.SamplePlan;
import dev.logits4j.internal.plan.TopKPlan;
import dev.logits4j.internal.nativeimpl.RawViews;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.ShortPointer;

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
 * through direct-buffer views (at most 2^31-1 bytes per operand); argmax, topK, topLogProbs and
 * sample view their operands so on every backend, native included (split larger batches by
 * rows). A JavaCPP pointer's address, position, limit and capacity are read once and checked
 * against each other.
 *
 * <p>The memory must stay allocated for the whole call: when the address comes from an object the
 * garbage collector owns (a direct {@code ByteBuffer}, a JavaCPP pointer), keep that object
 * reachable until the call returns, for example with
 * {@code java.lang.ref.Reference.reachabilityFence(buffer)} after it; otherwise the collector may
 * free the memory while the kernel reads it.
 */
public final class OffHeap {
    private OffHeap() {}

    // The JavaCPP types appear here only in signatures: the pointer overloads hand their argument,
    // as the same type, to PointerSpan. So the verifier never has to load a JavaCPP class to link
    // this one, and the raw-address methods work (or say why not) with the main jar alone.
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
        String why = RawViews.unavailableReason();
        if (why != null) {
            throw new IllegalStateException("OffHeap needs a native library to reach raw memory, "
                    + "and none is usable: " + why);
        }
    }

    /**
     * softmax of float32 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#softmax(float[], int, float[], int, int[], int, SoftmaxOptions)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (address of the first element)
     * @param yCount how many elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void softmaxF32(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        normalise(raw(x, xCount, DType.F32, "x"), raw(y, yCount, DType.F32, "y"), shape, axis, options, false);
    }

    /**
     * softmax between JavaCPP pointers (from position to limit, or capacity).
     *
     * @param x the input (from its position to its limit, or capacity)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void softmax(FloatPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(PointerSpan.of(x, "x", DType.F32), PointerSpan.of(y, "y", DType.F32), shape, axis, options, false);
    }

    /**
     * logSoftmax of float32 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#logSoftmax(float[], int, float[], int, int[], int, SoftmaxOptions)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (address of the first element)
     * @param yCount how many elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSoftmaxF32(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        normalise(raw(x, xCount, DType.F32, "x"), raw(y, yCount, DType.F32, "y"), shape, axis, options, true);
    }

    /**
     * logSoftmax between JavaCPP pointers (from position to limit, or capacity).
     *
     * @param x the input (from its position to its limit, or capacity)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSoftmax(FloatPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(PointerSpan.of(x, "x", DType.F32), PointerSpan.of(y, "y", DType.F32), shape, axis, options, true);
    }

    /**
     * logSumExp of a float32 tensor in native memory into {@code y} (shape without {@code axis}).
     *
     * @see Logits4j#logSumExp(float[], int, float[], int, int[], int)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (address of the first element)
     * @param yCount how many elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSumExpF32(long x, long xCount, long y, long yCount, int[] shape, int axis) {
        LogSumExpPlan.run(AUTO, raw(x, xCount, DType.F32, "x"), raw(y, yCount, DType.F32, "y"), shape, axis, -1);
    }

    /**
     * logSumExp between JavaCPP pointers.
     *
     * @param x the input (from its position to its limit, or capacity)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSumExp(FloatPointer x, FloatPointer y, int[] shape, int axis) {
        LogSumExpPlan.run(AUTO, PointerSpan.of(x, "x", DType.F32), PointerSpan.of(y, "y", DType.F32), shape, axis, -1);
    }

    /**
     * Cross-entropy of float32 logits in native memory with class-index targets ({@code int64Targets}:
     * int64, else int32). With reduction NONE the per-position losses go to {@code out} (required);
     * otherwise the reduced value is returned, and also written to {@code out} unless it is 0.
     *
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @see Logits4j#crossEntropy(float[], int, int[], int[], int, CrossEntropyOptions)
     * @param logits the logits (address of the first element)
     * @param logitsCount how many logits are readable at {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (address of the first element)
     * @param targetsCount how many targets are readable at {@code targets}
     * @param int64Targets whether the targets are int64 (else int32)
     * @param out receives the per-position losses (NONE) or the reduced value (0: none, unless the reduction is NONE) (address of the first element)
     * @param outCount how many elements are writable at {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static double crossEntropyF32(long logits, long logitsCount, int[] shape, long targets, long targetsCount, boolean int64Targets, long out, long outCount, CrossEntropyOptions options) {
        return crossEntropy(raw(logits, logitsCount, DType.F32, "logits"), shape,
                raw(targets, targetsCount, int64Targets ? DType.I64 : DType.I32, "targets"),
                out == 0 ? null : raw(out, outCount, DType.F32, "out"), options);
    }

    /**
     * Cross-entropy between JavaCPP pointers; {@code out} may be null unless the reduction is NONE.
     *
     * @param logits the logits (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit, or capacity)
     * @param out receives the per-position losses (NONE) or the reduced value (may be null unless the reduction is NONE) (from its position to its limit, or capacity)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static float crossEntropy(FloatPointer logits, int[] shape, LongPointer targets, FloatPointer out, CrossEntropyOptions options) {
        return (float) crossEntropy(PointerSpan.of(logits, "logits", DType.F32), shape, PointerSpan.of(targets, "targets", DType.I64),
                out == null ? null : PointerSpan.of(out, "out", DType.F32), options);
    }

    /**
     * As above, with int32 targets.
     *
     * @param logits the logits (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit, or capacity)
     * @param out receives the per-position losses (NONE) or the reduced value (may be null unless the reduction is NONE) (from its position to its limit, or capacity)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static float crossEntropy(FloatPointer logits, int[] shape, IntPointer targets, FloatPointer out, CrossEntropyOptions options) {
        return (float) crossEntropy(PointerSpan.of(logits, "logits", DType.F32), shape, PointerSpan.of(targets, "targets", DType.I32),
                out == null ? null : PointerSpan.of(out, "out", DType.F32), options);
    }

    /**
     * softmax of float64 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#softmax(double[], int, double[], int, int[], int, SoftmaxOptions)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (address of the first element)
     * @param yCount how many elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void softmaxF64(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        normalise(raw(x, xCount, DType.F64, "x"), raw(y, yCount, DType.F64, "y"), shape, axis, options, false);
    }

    /**
     * softmax between JavaCPP pointers (from position to limit, or capacity).
     *
     * @param x the input (from its position to its limit, or capacity)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void softmax(DoublePointer x, DoublePointer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(PointerSpan.of(x, "x", DType.F64), PointerSpan.of(y, "y", DType.F64), shape, axis, options, false);
    }

    /**
     * logSoftmax of float64 tensors in native memory: {@code x} and {@code y} are addresses of
     * {@code xCount} / {@code yCount} elements; {@code y} may equal {@code x} (in place).
     *
     * @see Logits4j#logSoftmax(double[], int, double[], int, int[], int, SoftmaxOptions)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (address of the first element)
     * @param yCount how many elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSoftmaxF64(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        normalise(raw(x, xCount, DType.F64, "x"), raw(y, yCount, DType.F64, "y"), shape, axis, options, true);
    }

    /**
     * logSoftmax between JavaCPP pointers (from position to limit, or capacity).
     *
     * @param x the input (from its position to its limit, or capacity)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSoftmax(DoublePointer x, DoublePointer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(PointerSpan.of(x, "x", DType.F64), PointerSpan.of(y, "y", DType.F64), shape, axis, options, true);
    }

    /**
     * logSumExp of a float64 tensor in native memory into {@code y} (shape without {@code axis}).
     *
     * @see Logits4j#logSumExp(double[], int, double[], int, int[], int)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (address of the first element)
     * @param yCount how many elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSumExpF64(long x, long xCount, long y, long yCount, int[] shape, int axis) {
        LogSumExpPlan.run(AUTO, raw(x, xCount, DType.F64, "x"), raw(y, yCount, DType.F64, "y"), shape, axis, -1);
    }

    /**
     * logSumExp between JavaCPP pointers.
     *
     * @param x the input (from its position to its limit, or capacity)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSumExp(DoublePointer x, DoublePointer y, int[] shape, int axis) {
        LogSumExpPlan.run(AUTO, PointerSpan.of(x, "x", DType.F64), PointerSpan.of(y, "y", DType.F64), shape, axis, -1);
    }

    /**
     * Cross-entropy of float64 logits in native memory with class-index targets ({@code int64Targets}:
     * int64, else int32). With reduction NONE the per-position losses go to {@code out} (required);
     * otherwise the reduced value is returned, and also written to {@code out} unless it is 0.
     *
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @see Logits4j#crossEntropy(double[], int, int[], int[], int, CrossEntropyOptions)
     * @param logits the logits (address of the first element)
     * @param logitsCount how many logits are readable at {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (address of the first element)
     * @param targetsCount how many targets are readable at {@code targets}
     * @param int64Targets whether the targets are int64 (else int32)
     * @param out receives the per-position losses (NONE) or the reduced value (0: none, unless the reduction is NONE) (address of the first element)
     * @param outCount how many elements are writable at {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static double crossEntropyF64(long logits, long logitsCount, int[] shape, long targets, long targetsCount, boolean int64Targets, long out, long outCount, CrossEntropyOptions options) {
        return crossEntropy(raw(logits, logitsCount, DType.F64, "logits"), shape,
                raw(targets, targetsCount, int64Targets ? DType.I64 : DType.I32, "targets"),
                out == 0 ? null : raw(out, outCount, DType.F64, "out"), options);
    }

    /**
     * Cross-entropy between JavaCPP pointers; {@code out} may be null unless the reduction is NONE.
     *
     * @param logits the logits (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit, or capacity)
     * @param out receives the per-position losses (NONE) or the reduced value (may be null unless the reduction is NONE) (from its position to its limit, or capacity)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static double crossEntropy(DoublePointer logits, int[] shape, LongPointer targets, DoublePointer out, CrossEntropyOptions options) {
        return (double) crossEntropy(PointerSpan.of(logits, "logits", DType.F64), shape, PointerSpan.of(targets, "targets", DType.I64),
                out == null ? null : PointerSpan.of(out, "out", DType.F64), options);
    }

    /**
     * As above, with int32 targets.
     *
     * @param logits the logits (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit, or capacity)
     * @param out receives the per-position losses (NONE) or the reduced value (may be null unless the reduction is NONE) (from its position to its limit, or capacity)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static double crossEntropy(DoublePointer logits, int[] shape, IntPointer targets, DoublePointer out, CrossEntropyOptions options) {
        return (double) crossEntropy(PointerSpan.of(logits, "logits", DType.F64), shape, PointerSpan.of(targets, "targets", DType.I32),
                out == null ? null : PointerSpan.of(out, "out", DType.F64), options);
    }


    // ---- float16 / bfloat16 logits, float32 results (issue 13) --------------------------------

    /**
     * softmax of float16 or bfloat16 logits in native memory into float32 ({@link HalfType}).
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the 16-bit input (address of the first element)
     * @param xCount how many 16-bit elements are readable at {@code x}
     * @param y the float32 output (address of the first element)
     * @param yCount how many float32 elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void softmaxHalf(HalfType type, long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        DType t = HalfType.dtype(type);
        normalise(raw(x, xCount, t, "x"), raw(y, yCount, DType.F32, "y"), shape, axis, options, false);
    }

    /**
     * softmax of float16 or bfloat16 logits between JavaCPP pointers, into float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the 16-bit input (from its position to its limit, or capacity)
     * @param y the float32 output (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void softmax(HalfType type, ShortPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        DType t = HalfType.dtype(type);
        normalise(PointerSpan.of(x, "x", t), PointerSpan.of(y, "y", DType.F32), shape, axis, options, false);
    }

    /**
     * logSoftmax of float16 or bfloat16 logits in native memory into float32 ({@link HalfType}).
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the 16-bit input (address of the first element)
     * @param xCount how many 16-bit elements are readable at {@code x}
     * @param y the float32 output (address of the first element)
     * @param yCount how many float32 elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSoftmaxHalf(HalfType type, long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        DType t = HalfType.dtype(type);
        normalise(raw(x, xCount, t, "x"), raw(y, yCount, DType.F32, "y"), shape, axis, options, true);
    }

    /**
     * logSoftmax of float16 or bfloat16 logits between JavaCPP pointers, into float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the 16-bit input (from its position to its limit, or capacity)
     * @param y the float32 output (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSoftmax(HalfType type, ShortPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        DType t = HalfType.dtype(type);
        normalise(PointerSpan.of(x, "x", t), PointerSpan.of(y, "y", DType.F32), shape, axis, options, true);
    }

    /**
     * logSumExp of float16 or bfloat16 logits in native memory into float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the 16-bit input (address of the first element)
     * @param xCount how many 16-bit elements are readable at {@code x}
     * @param y the float32 output (address of the first element)
     * @param yCount how many float32 elements are writable at {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSumExpHalf(HalfType type, long x, long xCount, long y, long yCount, int[] shape, int axis) {
        DType t = HalfType.dtype(type);
        LogSumExpPlan.run(AUTO, raw(x, xCount, t, "x"), raw(y, yCount, DType.F32, "y"), shape, axis, -1);
    }

    /**
     * logSumExp of float16 or bfloat16 logits between JavaCPP pointers, into float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the 16-bit input (from its position to its limit, or capacity)
     * @param y the float32 output (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void logSumExp(HalfType type, ShortPointer x, FloatPointer y, int[] shape, int axis) {
        DType t = HalfType.dtype(type);
        LogSumExpPlan.run(AUTO, PointerSpan.of(x, "x", t), PointerSpan.of(y, "y", DType.F32), shape, axis, -1);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits in native memory with class-index targets, computed in float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the 16-bit logits (address of the first element)
     * @param logitsCount how many 16-bit logits are readable at {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (address of the first element)
     * @param targetsCount how many targets are readable at {@code targets}
     * @param int64Targets whether the targets are int64 (else int32)
     * @param out receives the float32 per-position losses (NONE) or the reduced value (0: none, unless the reduction is NONE) (address of the first element)
     * @param outCount how many float32 elements are writable at {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static double crossEntropyHalf(HalfType type, long logits, long logitsCount, int[] shape, long targets, long targetsCount, boolean int64Targets, long out, long outCount, CrossEntropyOptions options) {
        DType t = HalfType.dtype(type);
        return crossEntropy(raw(logits, logitsCount, t, "logits"), shape,
                raw(targets, targetsCount, int64Targets ? DType.I64 : DType.I32, "targets"),
                out == 0 ? null : raw(out, outCount, DType.F32, "out"), options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits between JavaCPP pointers, computed in float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the 16-bit logits (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit, or capacity)
     * @param out receives the float32 per-position losses (NONE) or the reduced value (may be null unless the reduction is NONE) (from its position to its limit, or capacity)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static float crossEntropy(HalfType type, ShortPointer logits, int[] shape, LongPointer targets, FloatPointer out, CrossEntropyOptions options) {
        DType t = HalfType.dtype(type);
        return (float) crossEntropy(PointerSpan.of(logits, "logits", t), shape, PointerSpan.of(targets, "targets", DType.I64),
                out == null ? null : PointerSpan.of(out, "out", DType.F32), options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits between JavaCPP pointers, computed in float32.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the 16-bit logits (from its position to its limit, or capacity)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit, or capacity)
     * @param out receives the float32 per-position losses (NONE) or the reduced value (may be null unless the reduction is NONE) (from its position to its limit, or capacity)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static float crossEntropy(HalfType type, ShortPointer logits, int[] shape, IntPointer targets, FloatPointer out, CrossEntropyOptions options) {
        DType t = HalfType.dtype(type);
        return (float) crossEntropy(PointerSpan.of(logits, "logits", t), shape, PointerSpan.of(targets, "targets", DType.I32),
                out == null ? null : PointerSpan.of(out, "out", DType.F32), options);
    }

    // ---- one operand per memory argument, then one plan

    private static final KernelSource AUTO = Backend.auto().source();

    private static Operand raw(long address, long count, DType type, String name) {
        return Operand.raw(checkAddress(address, count, type.bytes, name), count, type, name);
    }

    private static void normalise(Operand x, Operand y, int[] shape, int axis, SoftmaxOptions options,
                                  boolean log) {
        Checks.notNull(options, "options");
        SoftmaxPlan.run(AUTO, x, y, shape, axis, options.temperature(), options.maskedRowsZero(), log, -1);
    }

    private static double crossEntropy(Operand logits, int[] shape, Operand targets, Operand out,
                                       CrossEntropyOptions options) {
        Checks.notNull(options, "options");
        return CrossEntropyPlan.of(logits, shape, targets, false, out, options.weightInternal(),
                options.ignoreIndex(), options.reduction(), options.labelSmoothing()).execute(AUTO);
    }

    // ---- selection and sampling (issue 12) ------------------------------------------------------

    /**
     * argmax of float16 or bfloat16 logits in native memory along {@code axis}, int64 indices:
     * the argmax of the exactly up-converted float32 input.
     *
     * @see Logits4j#argmax(HalfType, short[], int, int[], int, long[], int)
     * @param type the 16-bit format: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the input bits (address of the first element)
     * @param xCount how many 16-bit elements are readable at {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the int64 indices (address), one per slice
     * @param outCount how many indices are writable at {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter or overlap (the message names
     *         the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void argmaxHalf(HalfType type, long x, long xCount, int[] shape, int axis, long out, long outCount) {
        ArgmaxPlan.run(AUTO, raw(x, xCount, HalfType.dtype(type), "x"), raw(out, outCount, DType.I64, "out"), shape, axis);
    }

    /**
     * topK (or, with {@code logProbs}, topLogProbs) of float16 or bfloat16 logits in native
     * memory along the last axis: {@code [..., k]} float32 values and int64 indices.
     *
     * @see Logits4j#topK(HalfType, short[], int, int[], int, float[], int, long[], int)
     * @param type the 16-bit format: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the input bits (address of the first element)
     * @param xCount how many 16-bit elements are readable at {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param logProbs whether the values are {@code log_softmax(x)}
     * @param values the float32 values (address)
     * @param valuesCount how many values are writable at {@code values}
     * @param indices the int64 indices (address)
     * @param indicesCount how many indices are writable at {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter or overlap (the message names
     *         the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void topKHalf(HalfType type, long x, long xCount, int[] shape, int k, boolean logProbs,
                                long values, long valuesCount, long indices, long indicesCount) {
        TopKPlan.run(AUTO, raw(x, xCount, HalfType.dtype(type), "x"), shape, k, logProbs,
                raw(values, valuesCount, DType.F32, "values"), raw(indices, indicesCount, DType.I64, "indices"));
    }

    /**
     * sample on float16 or bfloat16 logits in native memory: int64 tokens, optionally the chosen
     * tokens' float32 log-probs ({@code logProbs} 0: none). Semantics as
     * {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}
     * on the exactly up-converted input.
     *
     * @param type the 16-bit format: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param logits the logits' bits {@code [..., vocab]} (address)
     * @param logitsCount how many 16-bit logits are readable
     * @param shape the shape (read once)
     * @param options the pipeline's parameters
     * @param uniform the float64 draws in [0, 1), one per row (address)
     * @param uniformCount how many draws are readable
     * @param tokens the int64 tokens (address)
     * @param tokensCount how many tokens are writable
     * @param logProbs the float32 log-probs (address), or 0 for none
     * @param logProbsCount how many log-probs are writable
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void sampleHalf(HalfType type, long logits, long logitsCount, int[] shape, SamplingOptions options,
                                  long uniform, long uniformCount, long tokens, long tokensCount,
                                  long logProbs, long logProbsCount) {
        SamplePlan.run(AUTO, raw(logits, logitsCount, HalfType.dtype(type), "logits"), shape,
                Checks.notNull(options, "options").settings(), raw(uniform, uniformCount, DType.F64, "uniform"),
                raw(tokens, tokensCount, DType.I64, "tokens"),
                logProbs == 0 ? null : raw(logProbs, logProbsCount, DType.F32, "logProbs"));
    }

    /**
     * argmax of a float tensor in native memory along {@code axis}, int64 indices (first
     * maximum; the first NaN wins).
     *
     * @see Logits4j#argmax(float[], int, int[], int, long[], int)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the int64 indices (address), one per slice
     * @param outCount how many indices are writable at {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void argmaxF32(long x, long xCount, int[] shape, int axis, long out, long outCount) {
        ArgmaxPlan.run(AUTO, raw(x, xCount, DType.F32, "x"), raw(out, outCount, DType.I64, "out"), shape, axis);
    }

    /**
     * topK (or, with {@code logProbs}, topLogProbs) of a float tensor in native memory along the
     * last axis: {@code [..., k]} values and int64 indices.
     *
     * @see Logits4j#topK(float[], int, int[], int, float[], int, long[], int)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param logProbs whether the values are {@code log_softmax(x)}
     * @param values the values (address)
     * @param valuesCount how many values are writable at {@code values}
     * @param indices the int64 indices (address)
     * @param indicesCount how many indices are writable at {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void topKF32(long x, long xCount, int[] shape, int k, boolean logProbs, long values,
                              long valuesCount, long indices, long indicesCount) {
        TopKPlan.run(AUTO, raw(x, xCount, DType.F32, "x"), shape, k, logProbs,
                raw(values, valuesCount, DType.F32, "values"), raw(indices, indicesCount, DType.I64, "indices"));
    }

    /**
     * sample on float logits in native memory: int64 tokens, optionally the chosen tokens'
     * log-probs ({@code logProbs} 0: none). Semantics as
     * {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}.
     *
     * @param logits the logits {@code [..., vocab]} (address)
     * @param logitsCount how many logits are readable
     * @param shape the shape (read once)
     * @param options the pipeline's parameters
     * @param uniform the float64 draws in [0, 1), one per row (address)
     * @param uniformCount how many draws are readable
     * @param tokens the int64 tokens (address)
     * @param tokensCount how many tokens are writable
     * @param logProbs the log-probs (address), or 0 for none
     * @param logProbsCount how many log-probs are writable
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void sampleF32(long logits, long logitsCount, int[] shape, SamplingOptions options,
                                long uniform, long uniformCount, long tokens, long tokensCount,
                                long logProbs, long logProbsCount) {
        SamplePlan.run(AUTO, raw(logits, logitsCount, DType.F32, "logits"), shape,
                Checks.notNull(options, "options").settings(), raw(uniform, uniformCount, DType.F64, "uniform"),
                raw(tokens, tokensCount, DType.I64, "tokens"),
                logProbs == 0 ? null : raw(logProbs, logProbsCount, DType.F32, "logProbs"));
    }

    /**
     * sample between JavaCPP pointers (from position to limit, or capacity).
     *
     * @param logits the logits {@code [..., vocab]}
     * @param shape the shape (read once)
     * @param options the pipeline's parameters
     * @param uniform the draws in [0, 1), one per row
     * @param tokens the int64 tokens
     * @param logProbs the chosen tokens' log-probs, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void sample(FloatPointer logits, int[] shape, SamplingOptions options, DoublePointer uniform,
                              LongPointer tokens, FloatPointer logProbs) {
        SamplePlan.run(AUTO, PointerSpan.of(logits, "logits", DType.F32), shape,
                Checks.notNull(options, "options").settings(), PointerSpan.of(uniform, "uniform", DType.F64),
                PointerSpan.of(tokens, "tokens", DType.I64),
                logProbs == null ? null : PointerSpan.of(logProbs, "logProbs", DType.F32));
    }

    /**
     * argmax of a double tensor in native memory along {@code axis}, int64 indices (first
     * maximum; the first NaN wins).
     *
     * @see Logits4j#argmax(double[], int, int[], int, long[], int)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the int64 indices (address), one per slice
     * @param outCount how many indices are writable at {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void argmaxF64(long x, long xCount, int[] shape, int axis, long out, long outCount) {
        ArgmaxPlan.run(AUTO, raw(x, xCount, DType.F64, "x"), raw(out, outCount, DType.I64, "out"), shape, axis);
    }

    /**
     * topK (or, with {@code logProbs}, topLogProbs) of a double tensor in native memory along the
     * last axis: {@code [..., k]} values and int64 indices.
     *
     * @see Logits4j#topK(double[], int, int[], int, double[], int, long[], int)
     * @param x the input (address of the first element)
     * @param xCount how many elements are readable at {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param logProbs whether the values are {@code log_softmax(x)}
     * @param values the values (address)
     * @param valuesCount how many values are writable at {@code values}
     * @param indices the int64 indices (address)
     * @param indicesCount how many indices are writable at {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void topKF64(long x, long xCount, int[] shape, int k, boolean logProbs, long values,
                              long valuesCount, long indices, long indicesCount) {
        TopKPlan.run(AUTO, raw(x, xCount, DType.F64, "x"), shape, k, logProbs,
                raw(values, valuesCount, DType.F64, "values"), raw(indices, indicesCount, DType.I64, "indices"));
    }

    /**
     * sample on double logits in native memory: int64 tokens, optionally the chosen tokens'
     * log-probs ({@code logProbs} 0: none). Semantics as
     * {@link Logits4j#sample(double[], int, int[], SamplingOptions, double[], int, int[], int, double[], int)}.
     *
     * @param logits the logits {@code [..., vocab]} (address)
     * @param logitsCount how many logits are readable
     * @param shape the shape (read once)
     * @param options the pipeline's parameters
     * @param uniform the float64 draws in [0, 1), one per row (address)
     * @param uniformCount how many draws are readable
     * @param tokens the int64 tokens (address)
     * @param tokensCount how many tokens are writable
     * @param logProbs the log-probs (address), or 0 for none
     * @param logProbsCount how many log-probs are writable
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void sampleF64(long logits, long logitsCount, int[] shape, SamplingOptions options,
                                long uniform, long uniformCount, long tokens, long tokensCount,
                                long logProbs, long logProbsCount) {
        SamplePlan.run(AUTO, raw(logits, logitsCount, DType.F64, "logits"), shape,
                Checks.notNull(options, "options").settings(), raw(uniform, uniformCount, DType.F64, "uniform"),
                raw(tokens, tokensCount, DType.I64, "tokens"),
                logProbs == 0 ? null : raw(logProbs, logProbsCount, DType.F64, "logProbs"));
    }

    /**
     * sample between JavaCPP pointers (from position to limit, or capacity).
     *
     * @param logits the logits {@code [..., vocab]}
     * @param shape the shape (read once)
     * @param options the pipeline's parameters
     * @param uniform the draws in [0, 1), one per row
     * @param tokens the int64 tokens
     * @param logProbs the chosen tokens' log-probs, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null (or an address is 0)
     * @throws IllegalStateException when no native library can reach raw memory (the message
     *         says why), or the native backend was forced and cannot load
     */
    public static void sample(DoublePointer logits, int[] shape, SamplingOptions options, DoublePointer uniform,
                              LongPointer tokens, DoublePointer logProbs) {
        SamplePlan.run(AUTO, PointerSpan.of(logits, "logits", DType.F64), shape,
                Checks.notNull(options, "options").settings(), PointerSpan.of(uniform, "uniform", DType.F64),
                PointerSpan.of(tokens, "tokens", DType.I64),
                logProbs == null ? null : PointerSpan.of(logProbs, "logProbs", DType.F64));
    }
}
