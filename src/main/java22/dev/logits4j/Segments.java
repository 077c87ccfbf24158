package dev.logits4j;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.plan.ArgmaxPlan;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.CrossEntropyPlan;
import dev.logits4j.internal.plan.DType;
import dev.logits4j.internal.plan.LogSumExpPlan;
import dev.logits4j.internal.plan.Operand;
import dev.logits4j.internal.plan.SamplePlan;
import dev.logits4j.internal.plan.SamplingSettings;
import dev.logits4j.internal.plan.SoftmaxPlan;
import dev.logits4j.internal.plan.TopKPlan;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Every op on {@link MemorySegment}s (the JDK's FFM API, JDK 22+): this class exists only in the
 * jar's {@code META-INF/versions/22}, so JDK 17–21 see no change. Bounds come from each segment
 * ({@code byteSize()} / element size), values are read in the CPU's byte order (as
 * {@code ValueLayout.JAVA_FLOAT} does), and no native library is needed: the Java kernels read
 * the segment directly (through a buffer view of it), the native kernels by address.
 *
 * <pre>{@code
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment logits = arena.allocate(ValueLayout.JAVA_FLOAT, (long) batch * vocab);
 *     // ... fill, or get it from a model runtime ...
 *     Segments.auto().softmaxF32(logits, logits, new int[] {batch, vocab}, -1, SoftmaxOptions.DEFAULT);
 * }
 * }</pre>
 *
 * <p>Checked before any work: a segment whose arena is closed ({@link IllegalStateException}),
 * one confined to another thread ({@link WrongThreadException}), a read-only output
 * ({@link IllegalArgumentException}), and every rule of {@link Logits4j}. A segment's memory is
 * used in place in every case: native segments go to the native kernels by address (one of up to
 * 2^31-1 bytes as a direct-buffer view, a larger one as raw memory), heap segments over a
 * {@code float[]}/{@code double[]}/{@code int[]}/{@code long[]} of the operand's type as that
 * array, a heap segment over {@code byte[]} through a view. The rest (a read-only heap segment, one
 * over an array of another type, one at a byte offset that is no multiple of the element size)
 * cannot be viewed by the JDK: it is copied into a Java array for the call, and an output copied
 * back when the call returns. The selection ops (argmax, topK, topLogProbs, sample; int32 or int64
 * indices and tokens, the draws as a float64 segment or a {@code double[]}) never run in place: an
 * output that shares a byte with another operand of the call is refused
 * ({@link IllegalArgumentException}) whatever memory it lives in; they view native memory on
 * every backend, so each of their operands must fit in 2^31-1 bytes (split larger batches by
 * rows). <b>Liveness:</b> the FFM API checks that the
 * arena is open when the call starts; as for any native call that receives an address, the
 * caller must not close a shared arena from another thread while a call that uses it runs.
 * Semantics, errors, accuracy, threads and allocation are those of {@link Logits4j} and
 * {@link Ops}. Thread-safe and immutable.
 */
public final class Segments {
    private static final Segments AUTO = new Segments(Backend.auto());

    private final Backend backend;
    private final KernelSource kernels;

    private Segments(Backend backend) {
        this.backend = backend;
        this.kernels = backend.source();
    }

    /**
     * The ops on the JVM-wide backend ({@link Backend#auto()}).
     *
     * @return the ops on the JVM-wide backend
     */
    public static Segments auto() {
        return AUTO;
    }

    /**
     * The ops on one backend.
     *
     * @param backend the backend to run on
     * @return the ops on that backend
     */
    public static Segments with(Backend backend) {
        return new Segments(Checks.notNull(backend, "backend"));
    }

    /**
     * The backend these ops run on.
     *
     * @return the backend these ops run on
     */
    public Backend backend() {
        return backend;
    }

    // ---- float32

    /**
     * softmax of a float32 tensor; {@code y} may be {@code x} (in place).
     *
     * @param x the input
     * @param y the output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code SoftmaxOptions.DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void softmaxF32(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        Call c = new Call();
        normalise(c.in(x, DType.F32, "x"), c.out(y, DType.F32, "y"), shape, axis, options, false);
        c.finish();
    }

    /**
     * log-softmax of a float32 tensor; {@code y} may be {@code x} (in place).
     *
     * @param x the input
     * @param y the output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code SoftmaxOptions.DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void logSoftmaxF32(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        Call c = new Call();
        normalise(c.in(x, DType.F32, "x"), c.out(y, DType.F32, "y"), shape, axis, options, true);
        c.finish();
    }

    /**
     * log-sum-exp of a float32 tensor over one axis into {@code y} (the shape without that axis).
     *
     * @param x the input
     * @param y the output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void logSumExpF32(MemorySegment x, MemorySegment y, int[] shape, int axis) {
        Call c = new Call();
        LogSumExpPlan.run(kernels, c.in(x, DType.F32, "x"), c.out(y, DType.F32, "y"), shape, axis, -1);
        c.finish();
    }

    /**
     * Cross-entropy of float32 logits with class-index targets (int64 when {@code int64Targets},
     * else int32). With reduction NONE the per-position losses go to {@code out} (required);
     * otherwise the reduced value is returned, and written to {@code out} when it is not null.
     *
     * @param logits the logits, shape (C), (N, C) or (N, C, d1..dk)
     * @param shape the logits' shape (read once)
     * @param targets one class index per position
     * @param int64Targets whether the targets are int64 (else int32)
     * @param out the per-position losses or the reduced value (may be null unless NONE)
     * @param options the options ({@code CrossEntropyOptions.DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public float crossEntropyF32(MemorySegment logits, int[] shape, MemorySegment targets, boolean int64Targets,
                                 MemorySegment out, CrossEntropyOptions options) {
        Call c = new Call();
        double loss = crossEntropy(c.in(logits, DType.F32, "logits"), shape,
                c.in(targets, int64Targets ? DType.I64 : DType.I32, "targets"), false,
                out == null ? null : c.out(out, DType.F32, "out"), options);
        c.finish();
        return (float) loss;
    }

    /**
     * Cross-entropy of float32 logits with class-probability targets of the logits' shape.
     *
     * @param logits the logits, shape (C), (N, C) or (N, C, d1..dk)
     * @param shape the logits' shape (read once)
     * @param probabilities class probabilities, the logits' shape
     * @param out the per-position losses or the reduced value (may be null unless NONE)
     * @param options the options ({@code CrossEntropyOptions.DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public float crossEntropyWithProbabilitiesF32(MemorySegment logits, int[] shape, MemorySegment probabilities,
                                                  MemorySegment out, CrossEntropyOptions options) {
        Call c = new Call();
        double loss = crossEntropy(c.in(logits, DType.F32, "logits"), shape,
                c.in(probabilities, DType.F32, "probabilities"), true,
                out == null ? null : c.out(out, DType.F32, "out"), options);
        c.finish();
        return (float) loss;
    }

    // ---- float64

    /**
     * softmax of a float64 tensor; {@code y} may be {@code x} (in place).
     *
     * @param x the input
     * @param y the output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code SoftmaxOptions.DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void softmaxF64(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        Call c = new Call();
        normalise(c.in(x, DType.F64, "x"), c.out(y, DType.F64, "y"), shape, axis, options, false);
        c.finish();
    }

    /**
     * log-softmax of a float64 tensor; {@code y} may be {@code x} (in place).
     *
     * @param x the input
     * @param y the output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code SoftmaxOptions.DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void logSoftmaxF64(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        Call c = new Call();
        normalise(c.in(x, DType.F64, "x"), c.out(y, DType.F64, "y"), shape, axis, options, true);
        c.finish();
    }

    /**
     * log-sum-exp of a float64 tensor over one axis into {@code y} (the shape without that axis).
     *
     * @param x the input
     * @param y the output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void logSumExpF64(MemorySegment x, MemorySegment y, int[] shape, int axis) {
        Call c = new Call();
        LogSumExpPlan.run(kernels, c.in(x, DType.F64, "x"), c.out(y, DType.F64, "y"), shape, axis, -1);
        c.finish();
    }

    /**
     * As {@link #crossEntropyF32}, on float64 logits.
     *
     * @param logits the logits, shape (C), (N, C) or (N, C, d1..dk)
     * @param shape the logits' shape (read once)
     * @param targets one class index per position
     * @param int64Targets whether the targets are int64 (else int32)
     * @param out the per-position losses or the reduced value (may be null unless NONE)
     * @param options the options ({@code CrossEntropyOptions.DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public double crossEntropyF64(MemorySegment logits, int[] shape, MemorySegment targets, boolean int64Targets,
                                  MemorySegment out, CrossEntropyOptions options) {
        Call c = new Call();
        double loss = crossEntropy(c.in(logits, DType.F64, "logits"), shape,
                c.in(targets, int64Targets ? DType.I64 : DType.I32, "targets"), false,
                out == null ? null : c.out(out, DType.F64, "out"), options);
        c.finish();
        return loss;
    }

    /**
     * As {@link #crossEntropyWithProbabilitiesF32}, on float64 logits and probabilities.
     *
     * @param logits the logits, shape (C), (N, C) or (N, C, d1..dk)
     * @param shape the logits' shape (read once)
     * @param probabilities class probabilities, the logits' shape
     * @param out the per-position losses or the reduced value (may be null unless NONE)
     * @param options the options ({@code CrossEntropyOptions.DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public double crossEntropyWithProbabilitiesF64(MemorySegment logits, int[] shape, MemorySegment probabilities,
                                                   MemorySegment out, CrossEntropyOptions options) {
        Call c = new Call();
        double loss = crossEntropy(c.in(logits, DType.F64, "logits"), shape,
                c.in(probabilities, DType.F64, "probabilities"), true,
                out == null ? null : c.out(out, DType.F64, "out"), options);
        c.finish();
        return loss;
    }

    // ---- float16 / bfloat16 logits (issue 13): 16-bit values in the CPU's byte order, float32 results

    /**
     * softmax of float16 or bfloat16 logits into float32 ({@link HalfType}: the float32 softmax of
     * the exactly converted input).
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code x}
     * @param x the 16-bit input
     * @param y the float32 output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code SoftmaxOptions.DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void softmaxHalf(HalfType type, MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        DType t = HalfType.dtype(type);
        Call c = new Call();
        normalise(c.in(x, t, "x"), c.out(y, DType.F32, "y"), shape, axis, options, false);
        c.finish();
    }

    /**
     * log-softmax of float16 or bfloat16 logits into float32.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code x}
     * @param x the 16-bit input
     * @param y the float32 output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code SoftmaxOptions.DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void logSoftmaxHalf(HalfType type, MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        DType t = HalfType.dtype(type);
        Call c = new Call();
        normalise(c.in(x, t, "x"), c.out(y, DType.F32, "y"), shape, axis, options, true);
        c.finish();
    }

    /**
     * logSumExp of float16 or bfloat16 logits into float32, one value per slice along {@code axis}.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code x}
     * @param x the 16-bit input
     * @param y the float32 output
     * @param shape the tensor's shape (read once)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void logSumExpHalf(HalfType type, MemorySegment x, MemorySegment y, int[] shape, int axis) {
        DType t = HalfType.dtype(type);
        Call c = new Call();
        LogSumExpPlan.run(kernels, c.in(x, t, "x"), c.out(y, DType.F32, "y"), shape, axis, -1);
        c.finish();
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code logits}
     * @param logits the 16-bit logits, shape (C), (N, C) or (N, C, d1..dk)
     * @param shape the logits' shape (read once)
     * @param targets one class index per position
     * @param int64Targets whether the targets are int64 (else int32)
     * @param out the float32 per-position losses or the reduced value (may be null unless NONE)
     * @param options the options ({@code CrossEntropyOptions.DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public float crossEntropyHalf(HalfType type, MemorySegment logits, int[] shape, MemorySegment targets,
                                  boolean int64Targets, MemorySegment out, CrossEntropyOptions options) {
        DType t = HalfType.dtype(type);
        Call c = new Call();
        double loss = crossEntropy(c.in(logits, t, "logits"), shape,
                c.in(targets, int64Targets ? DType.I64 : DType.I32, "targets"), false,
                out == null ? null : c.out(out, DType.F32, "out"), options);
        c.finish();
        return (float) loss;
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets of the logits'
     * shape, computed in float32.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code logits}
     * @param logits the 16-bit logits, shape (C), (N, C) or (N, C, d1..dk)
     * @param shape the logits' shape (read once)
     * @param probabilities float32 class probabilities, the logits' shape
     * @param out the float32 per-position losses or the reduced value (may be null unless NONE)
     * @param options the options ({@code CrossEntropyOptions.DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM), or the sum of the losses for NONE
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output, or a read-only output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public float crossEntropyWithProbabilitiesHalf(HalfType type, MemorySegment logits, int[] shape,
                                                   MemorySegment probabilities, MemorySegment out,
                                                   CrossEntropyOptions options) {
        DType t = HalfType.dtype(type);
        Call c = new Call();
        double loss = crossEntropy(c.in(logits, t, "logits"), shape,
                c.in(probabilities, DType.F32, "probabilities"), true,
                out == null ? null : c.out(out, DType.F32, "out"), options);
        c.finish();
        return (float) loss;
    }

    // ---- selection and sampling (issue 12): argmax, top-k, top log-probs, sample; outputs never
    // share memory with another operand (refused before any work, as for arrays)

    /**
     * The index of the maximum along {@code axis} of a float32 tensor (first maximum; a NaN counts as
     * the maximum and the first NaN wins, as {@code torch.argmax}); see
     * {@link Ops#argmax(float[], int, int[], int, long[], int)}.
     *
     * @param x the input
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis}): int64 when
     *        {@code int64Out}, else int32
     * @param int64Out whether {@code out} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void argmaxF32(MemorySegment x, int[] shape, int axis, MemorySegment out, boolean int64Out) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "out"}, x, out);
        ArgmaxPlan.run(kernels, c.in(x, DType.F32, "x"), c.out(out, int64Out ? DType.I64 : DType.I32, "out"), shape, axis);
        c.finish();
    }

    /**
     * The k largest values along the last axis of a float32 tensor with their indices, by value
     * descending, ties by lower index first (NaN counts as the largest), found by selection without
     * sorting the row. See {@link Ops#topK(float[], int, int[], int, float[], int, long[], int)}.
     *
     * @param x the input
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]} (float32)
     * @param indices the k indices per row, {@code [..., k]}: int64 when {@code int64Indices}, else int32
     * @param int64Indices whether {@code indices} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void topKF32(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices,
                        boolean int64Indices) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "values", "indices"}, x, values, indices);
        TopKPlan.run(kernels, c.in(x, DType.F32, "x"), shape, k, false, c.out(values, DType.F32, "values"),
                c.out(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
        c.finish();
    }

    /**
     * The k largest log-probabilities {@code log_softmax(x)} along the last axis of a float32
     * tensor with their indices (OpenAI's {@code top_logprobs}), by value descending, ties by lower
     * index first, computed as {@code x - logsumexp(x)}; a row holding NaN or +inf, or all -inf,
     * gives NaN values. See {@link Ops#topLogProbs(float[], int, int[], int, float[], int, long[], int)}.
     *
     * @param x the input
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k log-probs per row, {@code [..., k]} (float32)
     * @param indices the k indices per row, {@code [..., k]}: int64 when {@code int64Indices}, else int32
     * @param int64Indices whether {@code indices} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void topLogProbsF32(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices,
                               boolean int64Indices) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "values", "indices"}, x, values, indices);
        TopKPlan.run(kernels, c.in(x, DType.F32, "x"), shape, k, true, c.out(values, DType.F32, "values"),
                c.out(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
        c.finish();
    }

    /**
     * One token per row of float32 logits through the sampling pipeline of docs/SAMPLING.md (logit
     * bias, penalties, temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by
     * inverse CDF in vocabulary order with the row's draw {@code u}. A row without a distribution
     * (NaN, +inf, all -inf after bias and penalties) gets token -1 and log-prob NaN. See
     * {@link Ops#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one float64 draw in [0, 1) per row (read once, before any work)
     * @param tokens the chosen token per row (-1 for a row without a distribution): int64 when
     *        {@code int64Tokens}, else int32
     * @param int64Tokens whether {@code tokens} holds int64 (else int32) tokens
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (float32), or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void sampleF32(MemorySegment logits, int[] shape, SamplingOptions options, MemorySegment uniform,
                          MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        Call c = new Call();
        c.disjoint(2, new String[] {"logits", "uniform", "tokens", "logProbs"}, logits, uniform, tokens, logProbs);
        SamplePlan.run(kernels, c.in(logits, DType.F32, "logits"), shape, settings(options), c.in(uniform, DType.F64, "uniform"),
                c.out(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"),
                logProbs == null ? null : c.out(logProbs, DType.F32, "logProbs"));
        c.finish();
    }

    /**
     * One token per row of float32 logits through the sampling pipeline of docs/SAMPLING.md (logit
     * bias, penalties, temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by
     * inverse CDF in vocabulary order with the row's draw {@code u}. A row without a distribution
     * (NaN, +inf, all -inf after bias and penalties) gets token -1 and log-prob NaN. See
     * {@link Ops#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row, from index 0 (read once, before any work)
     * @param tokens the chosen token per row (-1 for a row without a distribution): int64 when
     *        {@code int64Tokens}, else int32
     * @param int64Tokens whether {@code tokens} holds int64 (else int32) tokens
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (float32), or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void sampleF32(MemorySegment logits, int[] shape, SamplingOptions options, double[] uniform,
                          MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        Call c = new Call();
        c.disjoint(1, new String[] {"logits", "tokens", "logProbs"}, logits, tokens, logProbs);
        SamplePlan.run(kernels, c.in(logits, DType.F32, "logits"), shape, settings(options), Operand.of(uniform, 0, "uniform"),
                c.out(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"),
                logProbs == null ? null : c.out(logProbs, DType.F32, "logProbs"));
        c.finish();
    }

    /**
     * The index of the maximum along {@code axis} of a float64 tensor (first maximum; a NaN counts as
     * the maximum and the first NaN wins, as {@code torch.argmax}); see
     * {@link Ops#argmax(double[], int, int[], int, long[], int)}.
     *
     * @param x the input
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis}): int64 when
     *        {@code int64Out}, else int32
     * @param int64Out whether {@code out} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void argmaxF64(MemorySegment x, int[] shape, int axis, MemorySegment out, boolean int64Out) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "out"}, x, out);
        ArgmaxPlan.run(kernels, c.in(x, DType.F64, "x"), c.out(out, int64Out ? DType.I64 : DType.I32, "out"), shape, axis);
        c.finish();
    }

    /**
     * The k largest values along the last axis of a float64 tensor with their indices, by value
     * descending, ties by lower index first (NaN counts as the largest), found by selection without
     * sorting the row. See {@link Ops#topK(double[], int, int[], int, double[], int, long[], int)}.
     *
     * @param x the input
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]} (float64)
     * @param indices the k indices per row, {@code [..., k]}: int64 when {@code int64Indices}, else int32
     * @param int64Indices whether {@code indices} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void topKF64(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices,
                        boolean int64Indices) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "values", "indices"}, x, values, indices);
        TopKPlan.run(kernels, c.in(x, DType.F64, "x"), shape, k, false, c.out(values, DType.F64, "values"),
                c.out(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
        c.finish();
    }

    /**
     * The k largest log-probabilities {@code log_softmax(x)} along the last axis of a float64
     * tensor with their indices (OpenAI's {@code top_logprobs}), by value descending, ties by lower
     * index first, computed as {@code x - logsumexp(x)}; a row holding NaN or +inf, or all -inf,
     * gives NaN values. See {@link Ops#topLogProbs(double[], int, int[], int, double[], int, long[], int)}.
     *
     * @param x the input
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k log-probs per row, {@code [..., k]} (float64)
     * @param indices the k indices per row, {@code [..., k]}: int64 when {@code int64Indices}, else int32
     * @param int64Indices whether {@code indices} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void topLogProbsF64(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices,
                               boolean int64Indices) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "values", "indices"}, x, values, indices);
        TopKPlan.run(kernels, c.in(x, DType.F64, "x"), shape, k, true, c.out(values, DType.F64, "values"),
                c.out(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
        c.finish();
    }

    /**
     * One token per row of float64 logits through the sampling pipeline of docs/SAMPLING.md (logit
     * bias, penalties, temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by
     * inverse CDF in vocabulary order with the row's draw {@code u}. A row without a distribution
     * (NaN, +inf, all -inf after bias and penalties) gets token -1 and log-prob NaN. See
     * {@link Ops#sample(double[], int, int[], SamplingOptions, double[], int, int[], int, double[], int)}.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one float64 draw in [0, 1) per row (read once, before any work)
     * @param tokens the chosen token per row (-1 for a row without a distribution): int64 when
     *        {@code int64Tokens}, else int32
     * @param int64Tokens whether {@code tokens} holds int64 (else int32) tokens
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (float64), or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void sampleF64(MemorySegment logits, int[] shape, SamplingOptions options, MemorySegment uniform,
                          MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        Call c = new Call();
        c.disjoint(2, new String[] {"logits", "uniform", "tokens", "logProbs"}, logits, uniform, tokens, logProbs);
        SamplePlan.run(kernels, c.in(logits, DType.F64, "logits"), shape, settings(options), c.in(uniform, DType.F64, "uniform"),
                c.out(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"),
                logProbs == null ? null : c.out(logProbs, DType.F64, "logProbs"));
        c.finish();
    }

    /**
     * One token per row of float64 logits through the sampling pipeline of docs/SAMPLING.md (logit
     * bias, penalties, temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by
     * inverse CDF in vocabulary order with the row's draw {@code u}. A row without a distribution
     * (NaN, +inf, all -inf after bias and penalties) gets token -1 and log-prob NaN. See
     * {@link Ops#sample(double[], int, int[], SamplingOptions, double[], int, int[], int, double[], int)}.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row, from index 0 (read once, before any work)
     * @param tokens the chosen token per row (-1 for a row without a distribution): int64 when
     *        {@code int64Tokens}, else int32
     * @param int64Tokens whether {@code tokens} holds int64 (else int32) tokens
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (float64), or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void sampleF64(MemorySegment logits, int[] shape, SamplingOptions options, double[] uniform,
                          MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        Call c = new Call();
        c.disjoint(1, new String[] {"logits", "tokens", "logProbs"}, logits, tokens, logProbs);
        SamplePlan.run(kernels, c.in(logits, DType.F64, "logits"), shape, settings(options), Operand.of(uniform, 0, "uniform"),
                c.out(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"),
                logProbs == null ? null : c.out(logProbs, DType.F64, "logProbs"));
        c.finish();
    }

    // ---- one operand per segment, then one plan (as Ops)

    private static SamplingSettings settings(SamplingOptions options) {
        return Checks.notNull(options, "options").settings();
    }


    private void normalise(Operand x, Operand y, int[] shape, int axis, SoftmaxOptions options, boolean log) {
        Checks.notNull(options, "options");
        SoftmaxPlan.run(kernels, x, y, shape, axis, options.temperature(), options.maskedRowsZero(), log, -1);
    }

    private double crossEntropy(Operand logits, int[] shape, Operand targets, boolean probabilities,
                                Operand out, CrossEntropyOptions options) {
        Checks.notNull(options, "options");
        return CrossEntropyPlan.of(logits, shape, targets, probabilities, out, options.weightInternal(),
                options.ignoreIndex(), options.reduction(), options.labelSmoothing()).execute(kernels);
    }

    /**
     * The operands of one call: segments become operands in place where they can; the few that
     * cannot are copied into arrays, and outputs among them written back by {@link #finish()}.
     */
    private static final class Call {
        private final java.util.List<Pending> pending = new java.util.ArrayList<>(2);
        private MemorySegment inputSegment;
        private DType inputType;
        private Object inputCopy;

        /** An output copied into an array for the call, written back by {@link #finish()}. */
        private record Pending(MemorySegment segment, Object array, DType type) {}

        Operand in(MemorySegment s, DType type, String name) {
            return operand(s, type, name, false);
        }

        Operand out(MemorySegment s, DType type, String name) {
            usable(s, name, true);
            return operand(s, type, name, true);
        }

        /**
         * For the ops that never run in place: after every segment's own checks (liveness,
         * thread, read-only outputs), refuses an output (those from {@code firstOutput} on) that
         * shares a byte with any other operand, in any kind of memory. Null segments are skipped
         * (the op says whether it may be null).
         */
        void disjoint(int firstOutput, String[] names, MemorySegment... segments) {
            for (int i = 0; i < segments.length; i++) {
                if (segments[i] != null) {
                    usable(segments[i], names[i], i >= firstOutput);
                }
            }
            for (int i = firstOutput; i < segments.length; i++) {
                for (int j = 0; j < segments.length; j++) {
                    // (an empty segment shares no byte, even inside another one's range)
                    if (j != i && segments[i] != null && segments[j] != null && (j < firstOutput || j > i)
                            && segments[i].byteSize() > 0 && segments[j].byteSize() > 0
                            && segments[i].asOverlappingSlice(segments[j]).isPresent()) {
                        throw new IllegalArgumentException(names[i] + " shares memory with " + names[j] + " ("
                                + segments[i] + ", " + segments[j] + "): an output of this op must not overlap "
                                + "another operand");
                    }
                }
            }
        }

        private static void usable(MemorySegment s, String name, boolean output) {
            Checks.notNull(s, name);
            if (!s.scope().isAlive()) {
                throw new IllegalStateException(name + ": the segment's arena is already closed (" + s + ")");
            }
            if (!s.isAccessibleBy(Thread.currentThread())) {
                throw new WrongThreadException(name + ": the segment is confined to another thread (" + s + ")");
            }
            if (output && s.isReadOnly()) {
                throw new IllegalArgumentException(name + " is a read-only segment (" + s + "): an output must be writable");
            }
        }

        private Operand operand(MemorySegment s, DType type, String name, boolean output) {
            usable(s, name, false);
            long count = s.byteSize() / type.bytes;
            Optional<Object> heap = s.heapBase();
            if (heap.isPresent() && holds(heap.get(), type) && s.address() % type.bytes == 0) {
                // For a heap segment address() is the byte offset into its array.
                return Operand.slice(heap.get(), s.address() / type.bytes, count, type, name);
            }
            if (s.isNative() && s.byteSize() > Integer.MAX_VALUE) {
                return Operand.raw(OffHeap.checkAddress(s.address(), count, type.bytes, name), count, type, name);
            }
            if (s.isNative() || heap.map(a -> a instanceof byte[]).orElse(false)) {
                // Native memory as a direct buffer (by address to the native kernels, read directly
                // by the Java ones); a byte[] heap segment as a view.
                ByteBuffer b = s.asSlice(0, count * type.bytes).asByteBuffer().order(ByteOrder.nativeOrder());
                if (type.isHalf()) {
                    return Operand.of(b.asShortBuffer(), type, name);   // 16-bit logits (issue 13)
                }
                return Operand.of(type == DType.F32 ? b.asFloatBuffer() : type == DType.F64 ? b.asDoubleBuffer()
                        : type == DType.I32 ? b.asIntBuffer() : b.asLongBuffer(), name);
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(name + ": a heap segment of " + count + " elements that "
                        + "cannot be viewed in place is too large to copy");
            }
            // The same segment as input and output (in place, one type): one copy, read and written back.
            Object copy = s == inputSegment && output && type == inputType ? inputCopy : copyOf(s, type, (int) count);
            if (output) {
                pending.add(new Pending(s, copy, type));
            } else {
                inputSegment = s;
                inputType = type;
                inputCopy = copy;
            }
            return Operand.slice(copy, 0, count, type, name);
        }

        void finish() {
            for (Pending p : pending) {
                MemorySegment.copy(p.array(), 0, p.segment(), layout(p.type()), 0,
                        java.lang.reflect.Array.getLength(p.array()));
            }
        }
    }

    private static Object copyOf(MemorySegment s, DType type, int count) {
        MemorySegment part = s.asSlice(0, (long) count * type.bytes);
        return switch (type) {
            case F32 -> part.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
            case F64 -> part.toArray(ValueLayout.JAVA_DOUBLE_UNALIGNED);
            case I32 -> part.toArray(ValueLayout.JAVA_INT_UNALIGNED);
            case I64 -> part.toArray(ValueLayout.JAVA_LONG_UNALIGNED);
            case F16, BF16 -> part.toArray(ValueLayout.JAVA_SHORT_UNALIGNED);   // issue 13
        };
    }

    private static ValueLayout layout(DType type) {
        return switch (type) {
            case F32 -> ValueLayout.JAVA_FLOAT_UNALIGNED;
            case F64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED;
            case I32 -> ValueLayout.JAVA_INT_UNALIGNED;
            case I64 -> ValueLayout.JAVA_LONG_UNALIGNED;
            case F16, BF16 -> ValueLayout.JAVA_SHORT_UNALIGNED;   // issue 13
        };
    }

    private static boolean holds(Object array, DType type) {
        return type == DType.F32 ? array instanceof float[] : type == DType.F64 ? array instanceof double[]
                : type == DType.I32 ? array instanceof int[] : type.isHalf() ? array instanceof short[]
                : array instanceof long[];
    }

    // ---- 16-bit logits for the selection ops (issues 12 and 13) ----

    /**
     * Of float16 or bfloat16 logits ({@link HalfType}): the result of the float32 op on the
     * exactly up-converted input; values and log-probs are float32.
     *
     * <p>The index of the maximum along {@code axis} of a float32 tensor (first maximum; a NaN counts as
     * the maximum and the first NaN wins, as {@code torch.argmax}); see
     * {@link Ops#argmax(float[], int, int[], int, long[], int)}.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code x}
     * @param x the 16-bit the input
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis}): int64 when
     *        {@code int64Out}, else int32
     * @param int64Out whether {@code out} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void argmaxHalf(HalfType type, MemorySegment x, int[] shape, int axis, MemorySegment out, boolean int64Out) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "out"}, x, out);
        ArgmaxPlan.run(kernels, c.in(x, HalfType.dtype(type), "x"), c.out(out, int64Out ? DType.I64 : DType.I32, "out"), shape, axis);
        c.finish();
    }

    /**
     * Of float16 or bfloat16 logits ({@link HalfType}): the result of the float32 op on the
     * exactly up-converted input; values and log-probs are float32.
     *
     * <p>The k largest values along the last axis of a float32 tensor with their indices, by value
     * descending, ties by lower index first (NaN counts as the largest), found by selection without
     * sorting the row. See {@link Ops#topK(float[], int, int[], int, float[], int, long[], int)}.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code x}
     * @param x the 16-bit the input
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]} (float32)
     * @param indices the k indices per row, {@code [..., k]}: int64 when {@code int64Indices}, else int32
     * @param int64Indices whether {@code indices} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void topKHalf(HalfType type, MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices,
                        boolean int64Indices) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "values", "indices"}, x, values, indices);
        TopKPlan.run(kernels, c.in(x, HalfType.dtype(type), "x"), shape, k, false, c.out(values, DType.F32, "values"),
                c.out(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
        c.finish();
    }

    /**
     * Of float16 or bfloat16 logits ({@link HalfType}): the result of the float32 op on the
     * exactly up-converted input; values and log-probs are float32.
     *
     * <p>The k largest log-probabilities {@code log_softmax(x)} along the last axis of a float32
     * tensor with their indices (OpenAI's {@code top_logprobs}), by value descending, ties by lower
     * index first, computed as {@code x - logsumexp(x)}; a row holding NaN or +inf, or all -inf,
     * gives NaN values. See {@link Ops#topLogProbs(float[], int, int[], int, float[], int, long[], int)}.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code x}
     * @param x the 16-bit the input
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k log-probs per row, {@code [..., k]} (float32)
     * @param indices the k indices per row, {@code [..., k]}: int64 when {@code int64Indices}, else int32
     * @param int64Indices whether {@code indices} holds int64 (else int32) indices
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void topLogProbsHalf(HalfType type, MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices,
                               boolean int64Indices) {
        Call c = new Call();
        c.disjoint(1, new String[] {"x", "values", "indices"}, x, values, indices);
        TopKPlan.run(kernels, c.in(x, HalfType.dtype(type), "x"), shape, k, true, c.out(values, DType.F32, "values"),
                c.out(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
        c.finish();
    }

    /**
     * Of float16 or bfloat16 logits ({@link HalfType}): the result of the float32 op on the
     * exactly up-converted input; values and log-probs are float32.
     *
     * <p>One token per row of float32 logits through the sampling pipeline of docs/SAMPLING.md (logit
     * bias, penalties, temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by
     * inverse CDF in vocabulary order with the row's draw {@code u}. A row without a distribution
     * (NaN, +inf, all -inf after bias and penalties) gets token -1 and log-prob NaN. See
     * {@link Ops#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code logits}
     * @param logits the 16-bit the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one float64 draw in [0, 1) per row (read once, before any work)
     * @param tokens the chosen token per row (-1 for a row without a distribution): int64 when
     *        {@code int64Tokens}, else int32
     * @param int64Tokens whether {@code tokens} holds int64 (else int32) tokens
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (float32), or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void sampleHalf(HalfType type, MemorySegment logits, int[] shape, SamplingOptions options, MemorySegment uniform,
                          MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        Call c = new Call();
        c.disjoint(2, new String[] {"logits", "uniform", "tokens", "logProbs"}, logits, uniform, tokens, logProbs);
        SamplePlan.run(kernels, c.in(logits, HalfType.dtype(type), "logits"), shape, settings(options), c.in(uniform, DType.F64, "uniform"),
                c.out(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"),
                logProbs == null ? null : c.out(logProbs, DType.F32, "logProbs"));
        c.finish();
    }

    /**
     * Of float16 or bfloat16 logits ({@link HalfType}): the result of the float32 op on the
     * exactly up-converted input; values and log-probs are float32.
     *
     * <p>One token per row of float32 logits through the sampling pipeline of docs/SAMPLING.md (logit
     * bias, penalties, temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by
     * inverse CDF in vocabulary order with the row's draw {@code u}. A row without a distribution
     * (NaN, +inf, all -inf after bias and penalties) gets token -1 and log-prob NaN. See
     * {@link Ops#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}.
     *
     * @param type float16 or bfloat16: how to read the 16-bit values of {@code logits}
     * @param logits the 16-bit the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row, from index 0 (read once, before any work)
     * @param tokens the chosen token per row (-1 for a row without a distribution): int64 when
     *        {@code int64Tokens}, else int32
     * @param int64Tokens whether {@code tokens} holds int64 (else int32) tokens
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (float32), or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw, a read-only
     *         output or an output sharing memory with another operand (the message names the
     *         argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when a segment's arena is closed, or {@code -Dlogits4j.backend=native}
     *         or {@code -Dlogits4j.isa} asked for native code this JVM cannot load or run
     * @throws WrongThreadException when a segment is confined to another thread
     */
    public void sampleHalf(HalfType type, MemorySegment logits, int[] shape, SamplingOptions options, double[] uniform,
                          MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        Call c = new Call();
        c.disjoint(1, new String[] {"logits", "tokens", "logProbs"}, logits, tokens, logProbs);
        SamplePlan.run(kernels, c.in(logits, HalfType.dtype(type), "logits"), shape, settings(options), Operand.of(uniform, 0, "uniform"),
                c.out(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"),
                logProbs == null ? null : c.out(logProbs, DType.F32, "logProbs"));
        c.finish();
    }
}
