package dev.logits4j;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.CrossEntropyPlan;
import dev.logits4j.internal.plan.LogSumExpPlan;
import dev.logits4j.internal.plan.Operand;
import dev.logits4j.internal.plan.SoftmaxPlan;
import dev.logits4j.internal.plan.ArgmaxPlan;
import dev.logits4j.internal.plan.SamplePlan;
import dev.logits4j.internal.plan.TopKPlan;
import dev.logits4j.internal.plan.DType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.random.RandomGenerator;
import java.nio.ShortBuffer;

/**
 * Every op of {@link Logits4j} on one {@link Backend}: {@code Logits4j.with(Backend.java())} runs
 * the pure-Java implementation, {@code Logits4j.with(Backend.nativeVariant("avx2"))} one native
 * variant, whatever the JVM-wide choice is. The static methods of {@link Logits4j} are this class
 * on {@link Backend#auto()}. Semantics, errors and accuracy are those of the static methods; each
 * method here builds one {@code Operand} per memory argument and runs one plan. Thread-safe and
 * immutable.
 */
public final class Ops {
    private final Backend backend;
    private final KernelSource kernels;

    Ops(Backend backend) {
        this.backend = backend;
        this.kernels = backend.source();
    }

    /**
     * The backend these ops run on.
     *
     * @return the backend these ops run on
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Which implementation this backend runs, and why.
     *
     * @return the implementation this backend runs, and why
     */
    public BackendInfo info() {
        return backend.info();
    }

    // ---- the plans: every public method below is one of these with its operands built

    private void normalise(Operand x, Operand y, int[] shape, int axis, SoftmaxOptions options, boolean log) {
        Checks.notNull(options, "options");
        SoftmaxPlan.run(kernels, x, y, shape, axis, options.temperature(), options.maskedRowsZero(), log, -1);
    }

    /** normalise() for float32 heap arrays: the checks of Operand.of and normalise, in their order. */
    private void normaliseArrays(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                                 SoftmaxOptions options, boolean log) {
        Checks.arrayOffset("x", Checks.notNull(x, "x").length, xOffset);
        Checks.arrayOffset("y", Checks.notNull(y, "y").length, yOffset);
        Checks.notNull(options, "options");
        SoftmaxPlan.runArrays(kernels, x, xOffset, y, yOffset, shape, axis, options.temperature(),
                options.maskedRowsZero(), log);
    }

    private void logSumExp(Operand x, Operand y, int[] shape, int axis) {
        LogSumExpPlan.run(kernels, x, y, shape, axis, -1);
    }

    private double crossEntropy(Operand logits, int[] shape, Operand targets, boolean probabilities,
                                Operand out, CrossEntropyOptions options) {
        Checks.notNull(options, "options");
        return CrossEntropyPlan.of(logits, shape, targets, probabilities, out, options.weightInternal(),
                options.ignoreIndex(), options.reduction(), options.labelSmoothing()).execute(kernels);
    }

    /**
     * {@link Logits4j#softmax(float[], int, float[], int, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        normaliseArrays(x, xOffset, y, yOffset, shape, axis, options, false);
    }

    /**
     * {@link Logits4j#softmax(FloatBuffer, FloatBuffer, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input (from its position to its limit)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void softmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, "x"), Operand.output(y, "y"), shape, axis, options, false);
    }

    /**
     * {@link Logits4j#softmax(float[])} on this backend.
     *
     * @param x the input
     * @return a new array with the result
     */
    public float[] softmax(float[] x) {
        float[] y = new float[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, false);
        return y;
    }

    /**
     * {@link Logits4j#softmax(float[], int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return a new array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float[] softmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        float[] y = new float[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), shape, axis, options, false);
        return y;
    }

    /**
     * {@link Logits4j#logSoftmax(float[], int, float[], int, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        normaliseArrays(x, xOffset, y, yOffset, shape, axis, options, true);
    }

    /**
     * {@link Logits4j#logSoftmax(FloatBuffer, FloatBuffer, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input (from its position to its limit)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSoftmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, "x"), Operand.output(y, "y"), shape, axis, options, true);
    }

    /**
     * {@link Logits4j#logSoftmax(float[])} on this backend.
     *
     * @param x the input
     * @return a new array with the result
     */
    public float[] logSoftmax(float[] x) {
        float[] y = new float[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, true);
        return y;
    }

    /**
     * {@link Logits4j#logSoftmax(float[], int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return a new array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float[] logSoftmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        float[] y = new float[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), shape, axis, options, true);
        return y;
    }

    /**
     * {@link Logits4j#logSumExp(float[], int, float[], int, int[], int)} on this backend.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        Checks.arrayOffset("x", Checks.notNull(x, "x").length, xOffset);
        Checks.arrayOffset("y", Checks.notNull(y, "y").length, yOffset);
        LogSumExpPlan.runArrays(kernels, x, xOffset, y, yOffset, shape, axis);
    }

    /**
     * {@link Logits4j#logSumExp(FloatBuffer, FloatBuffer, int[], int)} on this backend.
     *
     * @param x the input (from its position to its limit)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSumExp(FloatBuffer x, FloatBuffer y, int[] shape, int axis) {
        logSumExp(Operand.of(x, "x"), Operand.output(y, "y"), shape, axis);
    }

    /**
     * {@link Logits4j#logSumExp(float[])} on this backend.
     *
     * @param x the input
     * @return {@code log(sum(exp(x)))} over the whole array (-inf when it is empty)
     */
    public float logSumExp(float[] x) {
        float[] y = new float[1];
        logSumExp(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0);
        return y[0];
    }

    /**
     * {@link Logits4j#logSumExp(float[], int[], int)} on this backend.
     *
     * @param x the input
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @return a new array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float[] logSumExp(float[] x, int[] shape, int axis) {
        Checks.notNull(x, "x");
        float[] y = new float[LogSumExpPlan.outputLength(shape, axis)];
        logSumExp(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), shape, axis);
        return y;
    }

    /**
     * {@link Logits4j#crossEntropy(float[], int, int[], int[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(float[], int, int[], int[], int, float[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param out receives the per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropy(FloatBuffer, int[], IntBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(FloatBuffer, int[], IntBuffer, FloatBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param out receives the per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, Operand.output(out, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropy(float[], int, int[], long[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(float[], int, int[], long[], int, float[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param out receives the per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropy(FloatBuffer, int[], LongBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(FloatBuffer, int[], LongBuffer, FloatBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param out receives the per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, Operand.output(out, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(float[], int, int[], float[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param probabilitiesOffset index of the first probability in {@code probabilities}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(probabilities, probabilitiesOffset, "probabilities"), true, null, options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(float[], int, int[], float[], int, float[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param probabilitiesOffset index of the first probability in {@code probabilities}
     * @param out receives the per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(probabilities, probabilitiesOffset, "probabilities"), true, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(FloatBuffer, int[], FloatBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(probabilities, "probabilities"), true, null, options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(FloatBuffer, int[], FloatBuffer, FloatBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param out receives the per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(probabilities, "probabilities"), true, Operand.output(out, "out"), options);
    }

    /**
     * {@link Logits4j#softmax(double[], int, double[], int, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void softmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, xOffset, "x"), Operand.of(y, yOffset, "y"), shape, axis, options, false);
    }

    /**
     * {@link Logits4j#softmax(DoubleBuffer, DoubleBuffer, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input (from its position to its limit)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void softmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, "x"), Operand.output(y, "y"), shape, axis, options, false);
    }

    /**
     * {@link Logits4j#softmax(double[])} on this backend.
     *
     * @param x the input
     * @return a new array with the result
     */
    public double[] softmax(double[] x) {
        double[] y = new double[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, false);
        return y;
    }

    /**
     * {@link Logits4j#softmax(double[], int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return a new array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double[] softmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        double[] y = new double[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), shape, axis, options, false);
        return y;
    }

    /**
     * {@link Logits4j#logSoftmax(double[], int, double[], int, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSoftmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, xOffset, "x"), Operand.of(y, yOffset, "y"), shape, axis, options, true);
    }

    /**
     * {@link Logits4j#logSoftmax(DoubleBuffer, DoubleBuffer, int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input (from its position to its limit)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSoftmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, "x"), Operand.output(y, "y"), shape, axis, options, true);
    }

    /**
     * {@link Logits4j#logSoftmax(double[])} on this backend.
     *
     * @param x the input
     * @return a new array with the result
     */
    public double[] logSoftmax(double[] x) {
        double[] y = new double[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, true);
        return y;
    }

    /**
     * {@link Logits4j#logSoftmax(double[], int[], int, SoftmaxOptions)} on this backend.
     *
     * @param x the input
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return a new array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double[] logSoftmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        double[] y = new double[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), shape, axis, options, true);
        return y;
    }

    /**
     * {@link Logits4j#logSumExp(double[], int, double[], int, int[], int)} on this backend.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSumExp(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis) {
        logSumExp(Operand.of(x, xOffset, "x"), Operand.of(y, yOffset, "y"), shape, axis);
    }

    /**
     * {@link Logits4j#logSumExp(DoubleBuffer, DoubleBuffer, int[], int)} on this backend.
     *
     * @param x the input (from its position to its limit)
     * @param y the output (may be {@code x} for in-place softmax and log-softmax) (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSumExp(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis) {
        logSumExp(Operand.of(x, "x"), Operand.output(y, "y"), shape, axis);
    }

    /**
     * {@link Logits4j#logSumExp(double[])} on this backend.
     *
     * @param x the input
     * @return {@code log(sum(exp(x)))} over the whole array (-inf when it is empty)
     */
    public double logSumExp(double[] x) {
        double[] y = new double[1];
        logSumExp(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0);
        return y[0];
    }

    /**
     * {@link Logits4j#logSumExp(double[], int[], int)} on this backend.
     *
     * @param x the input
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @return a new array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double[] logSumExp(double[] x, int[] shape, int axis) {
        Checks.notNull(x, "x");
        double[] y = new double[LogSumExpPlan.outputLength(shape, axis)];
        logSumExp(Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), shape, axis);
        return y;
    }

    /**
     * {@link Logits4j#crossEntropy(double[], int, int[], int[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (double) crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(double[], int, int[], int[], int, double[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param out receives the per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropy(DoubleBuffer, int[], IntBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (double) crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(DoubleBuffer, int[], IntBuffer, DoubleBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param out receives the per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, Operand.output(out, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropy(double[], int, int[], long[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (double) crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(double[], int, int[], long[], int, double[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param out receives the per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropy(DoubleBuffer, int[], LongBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (double) crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, null, options);
    }

    /**
     * {@link Logits4j#crossEntropy(DoubleBuffer, int[], LongBuffer, DoubleBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param out receives the per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(targets, "targets"), false, Operand.output(out, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(double[], int, int[], double[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param probabilitiesOffset index of the first probability in {@code probabilities}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (double) crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(probabilities, probabilitiesOffset, "probabilities"), true, null, options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(double[], int, int[], double[], int, double[], int, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param probabilitiesOffset index of the first probability in {@code probabilities}
     * @param out receives the per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, "logits"), shape,
                Operand.of(probabilities, probabilitiesOffset, "probabilities"), true, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(DoubleBuffer, int[], DoubleBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public double crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, CrossEntropyOptions options) {
        return (double) crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(probabilities, "probabilities"), true, null, options);
    }

    /**
     * {@link Logits4j#crossEntropyWithProbabilities(DoubleBuffer, int[], DoubleBuffer, DoubleBuffer, CrossEntropyOptions)} on this backend.
     *
     * @param logits the logits (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities class probabilities, the logits' shape and type
     * @param out receives the per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, DoubleBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, "logits"), shape,
                Operand.of(probabilities, "probabilities"), true, Operand.output(out, "out"), options);
    }

    // ---- selection and sampling (issue 12): argmax, topK, topLogProbs, sample ------------------

    private static dev.logits4j.internal.plan.SamplingSettings settings(SamplingOptions options) {
        return Checks.notNull(options, "options").settings();
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void argmax(float[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        ArgmaxPlan.run(kernels, Operand.of(x, xOffset, "x"), Operand.of(out, outOffset, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void argmax(float[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        ArgmaxPlan.run(kernels, Operand.of(x, xOffset, "x"), Operand.of(out, outOffset, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void argmax(double[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        ArgmaxPlan.run(kernels, Operand.of(x, xOffset, "x"), Operand.of(out, outOffset, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void argmax(double[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        ArgmaxPlan.run(kernels, Operand.of(x, xOffset, "x"), Operand.of(out, outOffset, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void argmax(FloatBuffer x, int[] shape, int axis, LongBuffer out) {
        ArgmaxPlan.run(kernels, Operand.of(x, "x"), Operand.output(out, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void argmax(FloatBuffer x, int[] shape, int axis, IntBuffer out) {
        ArgmaxPlan.run(kernels, Operand.of(x, "x"), Operand.output(out, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void argmax(DoubleBuffer x, int[] shape, int axis, LongBuffer out) {
        ArgmaxPlan.run(kernels, Operand.of(x, "x"), Operand.output(out, "out"), shape, axis);
    }

    /**
     * The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void argmax(DoubleBuffer x, int[] shape, int axis, IntBuffer out) {
        ArgmaxPlan.run(kernels, Operand.of(x, "x"), Operand.output(out, "out"), shape, axis);
    }

    /**
     * The index of the maximum of a 1-D array (first maximum; first NaN wins).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @return the index
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public int argmax(float[] x) {
        long[] out = new long[1];
        ArgmaxPlan.run(kernels, Operand.of(x, 0, "x"), Operand.of(out, 0, "out"), new int[] {Checks.notNull(x, "x").length}, 0);
        return (int) out[0];
    }

    /**
     * The index of the maximum of a 1-D array (first maximum; first NaN wins).
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @return the index
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public int argmax(double[] x) {
        long[] out = new long[1];
        ArgmaxPlan.run(kernels, Operand.of(x, 0, "x"), Operand.of(out, 0, "out"), new int[] {Checks.notNull(x, "x").length}, 0);
        return (int) out[0];
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, false, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, false, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, false, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, false, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, false, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, false, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, false, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, false, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, true, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, true, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, true, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, "x"), shape, k, true, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, true, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, true, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, true, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param x the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, "x"), shape, k, true, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        SamplePlan.run(kernels, Operand.of(logits, logitsOffset, "logits"), shape, settings(options), Operand.of(uniform, uOffset, "uniform"), Operand.of(tokens, tOffset, "tokens"), logProbs == null ? null : Operand.of(logProbs, lpOffset, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        SamplePlan.run(kernels, Operand.of(logits, logitsOffset, "logits"), shape, settings(options), Operand.of(uniform, uOffset, "uniform"), Operand.of(tokens, tOffset, "tokens"), logProbs == null ? null : Operand.of(logProbs, lpOffset, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        SamplePlan.run(kernels, Operand.of(logits, logitsOffset, "logits"), shape, settings(options), Operand.of(uniform, uOffset, "uniform"), Operand.of(tokens, tOffset, "tokens"), logProbs == null ? null : Operand.of(logProbs, lpOffset, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        SamplePlan.run(kernels, Operand.of(logits, logitsOffset, "logits"), shape, settings(options), Operand.of(uniform, uOffset, "uniform"), Operand.of(tokens, tOffset, "tokens"), logProbs == null ? null : Operand.of(logProbs, lpOffset, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        SamplePlan.run(kernels, Operand.of(logits, "logits"), shape, settings(options), Operand.of(uniform, "uniform"), Operand.output(tokens, "tokens"), logProbs == null ? null : Operand.output(logProbs, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        SamplePlan.run(kernels, Operand.of(logits, "logits"), shape, settings(options), Operand.of(uniform, "uniform"), Operand.output(tokens, "tokens"), logProbs == null ? null : Operand.output(logProbs, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, DoubleBuffer logProbs) {
        SamplePlan.run(kernels, Operand.of(logits, "logits"), shape, settings(options), Operand.of(uniform, "uniform"), Operand.output(tokens, "tokens"), logProbs == null ? null : Operand.output(logProbs, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, DoubleBuffer logProbs) {
        SamplePlan.run(kernels, Operand.of(logits, "logits"), shape, settings(options), Operand.of(uniform, "uniform"), Operand.output(tokens, "tokens"), logProbs == null ? null : Operand.output(logProbs, "logProbs"));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     * Returns the tokens in a new array.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @return the token per row
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public int[] sample(float[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        return SamplePlan.newTokens(kernels, Operand.of(logits, 0, "logits"), shape, settings(options),
                Operand.of(uniform, 0, "uniform"), null);
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected). The
     * draws come from {@code random} (seed it yourself, e.g. {@code new SplittableRandom(seed)};
     * nothing global is used). Returns the tokens in a new array.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param random the caller-seeded generator the draws come from (one {@code nextDouble()} per row, in
     *        row order, once every argument has been checked: a refused call draws nothing)
     * @return the token per row
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public int[] sample(float[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        Checks.notNull(random, "random");
        // drawn inside the plan, after every check: a refused call leaves the generator as it was
        return SamplePlan.newTokens(kernels, Operand.of(logits, 0, "logits"), shape, settings(options), null, random);
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     * Returns the tokens in a new array.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @return the token per row
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public int[] sample(double[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        return SamplePlan.newTokens(kernels, Operand.of(logits, 0, "logits"), shape, settings(options),
                Operand.of(uniform, 0, "uniform"), null);
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected). The
     * draws come from {@code random} (seed it yourself, e.g. {@code new SplittableRandom(seed)};
     * nothing global is used). Returns the tokens in a new array.
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param random the caller-seeded generator the draws come from (one {@code nextDouble()} per row, in
     *        row order, once every argument has been checked: a refused call draws nothing)
     * @return the token per row
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public int[] sample(double[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        Checks.notNull(random, "random");
        // drawn inside the plan, after every check: a refused call leaves the generator as it was
        return SamplePlan.newTokens(kernels, Operand.of(logits, 0, "logits"), shape, settings(options), null, random);
    }

    // ---- float16 / bfloat16 inputs, float32 results (issue 13) --------------------------------
    // Each overload: the HalfType checked, one Operand per argument, the same plans as float32.

    /**
     * softmax of float16 or bfloat16 logits into float32: the float32 softmax of the exactly up-converted input. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits
     * @param xOffset first element of the input in {@code x}
     * @param y the float32 output
     * @param yOffset first element of the output in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void softmax(HalfType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, xOffset, HalfType.dtype(type), "x"), Operand.of(y, yOffset, "y"), shape, axis, options, false);
    }

    /**
     * softmax of float16 or bfloat16 logits in a buffer (heap or direct, either byte order) into a float32 buffer. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param y the float32 output (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void softmax(HalfType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, HalfType.dtype(type), "x"), Operand.output(y, "y"), shape, axis, options, false);
    }

    /**
     * softmax of a whole float16 or bfloat16 vector into a new float32 array. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits
     * @return a new float32 array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float[] softmax(HalfType type, short[] x) {
        DType t = HalfType.dtype(type);
        float[] y = new float[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, t, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0, SoftmaxOptions.DEFAULT, false);
        return y;
    }

    /**
     * logSoftmax of float16 or bfloat16 logits into float32: the float32 logSoftmax of the exactly up-converted input. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits
     * @param xOffset first element of the input in {@code x}
     * @param y the float32 output
     * @param yOffset first element of the output in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSoftmax(HalfType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, xOffset, HalfType.dtype(type), "x"), Operand.of(y, yOffset, "y"), shape, axis, options, true);
    }

    /**
     * logSoftmax of float16 or bfloat16 logits in a buffer (heap or direct, either byte order) into a float32 buffer. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param y the float32 output (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSoftmax(HalfType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        normalise(Operand.of(x, HalfType.dtype(type), "x"), Operand.output(y, "y"), shape, axis, options, true);
    }

    /**
     * logSoftmax of a whole float16 or bfloat16 vector into a new float32 array. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits
     * @return a new float32 array with the result
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float[] logSoftmax(HalfType type, short[] x) {
        DType t = HalfType.dtype(type);
        float[] y = new float[Checks.notNull(x, "x").length];
        normalise(Operand.of(x, 0, t, "x"), Operand.of(y, 0, "y"), new int[] {x.length}, 0, SoftmaxOptions.DEFAULT, true);
        return y;
    }

    /**
     * logSumExp of float16 or bfloat16 logits into float32 (one value per slice along {@code axis}). On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits
     * @param xOffset first element of the input in {@code x}
     * @param y the float32 output
     * @param yOffset first element of the output in {@code y}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSumExp(HalfType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        logSumExp(Operand.of(x, xOffset, HalfType.dtype(type), "x"), Operand.of(y, yOffset, "y"), shape, axis);
    }

    /**
     * logSumExp of float16 or bfloat16 logits in a buffer (either byte order) into a float32 buffer. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param y the float32 output (from its position to its limit)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void logSumExp(HalfType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis) {
        logSumExp(Operand.of(x, HalfType.dtype(type), "x"), Operand.output(y, "y"), shape, axis);
    }

    /**
     * logSumExp of a whole float16 or bfloat16 vector. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param x the input, float16/bfloat16 bits
     * @return {@code log(sum(exp(x)))} in float32 (-inf when empty)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float logSumExp(HalfType type, short[] x) {
        DType t = HalfType.dtype(type);
        float[] y = new float[1];
        logSumExp(Operand.of(x, 0, t, "x"), Operand.of(y, 0, "y"), new int[] {Checks.notNull(x, "x").length}, 0);
        return y[0];
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(HalfType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, null, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(HalfType type, short[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, null, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32, the losses (NONE) or the reduced value written to {@code out}. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param out receives the float32 per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(HalfType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, targetsOffset, "targets"), false, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32 (buffers: either byte order). On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(HalfType type, ShortBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, "targets"), false, null, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32 (buffers: either byte order). On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropy(HalfType type, ShortBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, "targets"), false, null, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32, written to a float32 buffer. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param out receives the float32 per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(HalfType type, ShortBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, "targets"), false, Operand.output(out, "out"), options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities float32 class probabilities, the logits' shape
     * @param probabilitiesOffset index of the first probability in {@code probabilities}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropyWithProbabilities(HalfType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape,
                Operand.of(probabilities, probabilitiesOffset, "probabilities"), true, null, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32, written to {@code out}. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities float32 class probabilities, the logits' shape
     * @param probabilitiesOffset index of the first probability in {@code probabilities}
     * @param out receives the float32 per-position losses (NONE) or the reduced value
     * @param outOffset index of the first output element in {@code out}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropyWithProbabilities(HalfType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape,
                Operand.of(probabilities, probabilitiesOffset, "probabilities"), true, Operand.of(out, outOffset, "out"), options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32 (buffers: either byte order). On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities float32 class probabilities, the logits' shape (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public float crossEntropyWithProbabilities(HalfType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return (float) crossEntropy(Operand.of(logits, HalfType.dtype(type), "logits"), shape,
                Operand.of(probabilities, "probabilities"), true, null, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32, written to a float32 buffer. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param probabilities float32 class probabilities, the logits' shape (from its position to its limit)
     * @param out receives the float32 per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropyWithProbabilities(HalfType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, HalfType.dtype(type), "logits"), shape,
                Operand.of(probabilities, "probabilities"), true, Operand.output(out, "out"), options);
    }
    /**
     * Cross-entropy of float16 or bfloat16 logits with int64 class-index targets, computed in float32, written to a float32 buffer. On this backend; see {@link HalfType}.
     *
     * @param type float16 or bfloat16: how to read the bits of the input
     * @param logits the logits, float16/bfloat16 bits (from its position to its limit; either byte order)
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position (from its position to its limit)
     * @param out receives the float32 per-position losses (NONE) or the reduced value (from its position to its limit)
     * @param options the options ({@code DEFAULT} for the defaults)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument (or {@code type}) is null
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void crossEntropy(HalfType type, ShortBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        crossEntropy(Operand.of(logits, HalfType.dtype(type), "logits"), shape,
                Operand.of(targets, "targets"), false, Operand.output(out, "out"), options);
    }

    // ---- 16-bit logits for the selection ops (issues 12 and 13): float32 results -------------

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void argmax(HalfType type, short[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        ArgmaxPlan.run(kernels, Operand.of(x, xOffset, HalfType.dtype(type), "x"), Operand.of(out, outOffset, "out"), shape, axis);
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void argmax(HalfType type, short[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        ArgmaxPlan.run(kernels, Operand.of(x, xOffset, HalfType.dtype(type), "x"), Operand.of(out, outOffset, "out"), shape, axis);
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void argmax(HalfType type, ShortBuffer x, int[] shape, int axis, LongBuffer out) {
        ArgmaxPlan.run(kernels, Operand.of(x, HalfType.dtype(type), "x"), Operand.output(out, "out"), shape, axis);
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The index of the maximum along {@code axis} (first maximum; a NaN counts as the maximum and the
     * first NaN wins, as {@code torch.argmax}).
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void argmax(HalfType type, ShortBuffer x, int[] shape, int axis, IntBuffer out) {
        ArgmaxPlan.run(kernels, Operand.of(x, HalfType.dtype(type), "x"), Operand.output(out, "out"), shape, axis);
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topK(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, HalfType.dtype(type), "x"), shape, k, false, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topK(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, HalfType.dtype(type), "x"), shape, k, false, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topK(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, HalfType.dtype(type), "x"), shape, k, false, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest values along the last axis with their indices, by value descending, ties by lower
     * index first (NaN counts as the largest), found by selection without sorting the row.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topK(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, HalfType.dtype(type), "x"), shape, k, false, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topLogProbs(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, HalfType.dtype(type), "x"), shape, k, true, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void topLogProbs(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        TopKPlan.run(kernels, Operand.of(x, xOffset, HalfType.dtype(type), "x"), shape, k, true, Operand.of(values, vOffset, "values"), Operand.of(indices, iOffset, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topLogProbs(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, HalfType.dtype(type), "x"), shape, k, true, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>The k largest {@code log_softmax(x)} values along the last axis with their indices (OpenAI's
     * {@code top_logprobs}), by value descending, ties by lower index first; computed as {@code x -
     * logsumexp(x)}, never as log(softmax). A row holding NaN or +inf, or all -inf, gives NaN values.
     *
     * @param type the 16-bit format of {@code x}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param x the float16 or bfloat16 bits of the input (an array from its offset, a buffer from its position to its limit)
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}, by value descending (ties: lower index first)
     * @param indices the k indices per row, {@code [..., k]}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void topLogProbs(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        TopKPlan.run(kernels, Operand.of(x, HalfType.dtype(type), "x"), shape, k, true, Operand.output(values, "values"), Operand.output(indices, "indices"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param type the 16-bit format of {@code logits}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param logits the float16 or bfloat16 bits of the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void sample(HalfType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        SamplePlan.run(kernels, Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape, settings(options), Operand.of(uniform, uOffset, "uniform"), Operand.of(tokens, tOffset, "tokens"), logProbs == null ? null : Operand.of(logProbs, lpOffset, "logProbs"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param type the 16-bit format of {@code logits}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param logits the float16 or bfloat16 bits of the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public void sample(HalfType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        SamplePlan.run(kernels, Operand.of(logits, logitsOffset, HalfType.dtype(type), "logits"), shape, settings(options), Operand.of(uniform, uOffset, "uniform"), Operand.of(tokens, tOffset, "tokens"), logProbs == null ? null : Operand.of(logProbs, lpOffset, "logProbs"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param type the 16-bit format of {@code logits}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param logits the float16 or bfloat16 bits of the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void sample(HalfType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        SamplePlan.run(kernels, Operand.of(logits, HalfType.dtype(type), "logits"), shape, settings(options), Operand.of(uniform, "uniform"), Operand.output(tokens, "tokens"), logProbs == null ? null : Operand.output(logProbs, "logProbs"));
    }

    /**
     * Of float16 or bfloat16 logits: the result of this op on the exactly up-converted float32
     * input ({@code op(x.float())}); values and log-probs are float32.
     *
     * <p>One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, repetition /
     * presence / frequency penalties, temperature with T = 0 greedy, top-k keeping ties, top-p,
     * min-p), drawn by inverse CDF in vocabulary order: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. Thresholds are found by radix selection, never
     * by sorting the vocabulary. A row whose processed logits hold a NaN or +inf, or are all -inf,
     * has no distribution: its token is -1 and its log-prob NaN (the other rows are unaffected).
     *
     * @param type the 16-bit format of {@code logits}: {@link HalfType#FLOAT16} or {@link HalfType#BFLOAT16}
     * @param logits the float16 or bfloat16 bits of the logits {@code [..., vocab]}: every leading position is a row
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (float64)
     * @param tokens the chosen token per row (-1 for a row without a distribution, see {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)})
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @throws IllegalArgumentException for a bad shape, parameter, token id, draw or overlap (the
     *         message names the argument and the value), before any work
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     * @throws java.nio.ReadOnlyBufferException when a destination buffer is read-only
     */
    public void sample(HalfType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        SamplePlan.run(kernels, Operand.of(logits, HalfType.dtype(type), "logits"), shape, settings(options), Operand.of(uniform, "uniform"), Operand.output(tokens, "tokens"), logProbs == null ? null : Operand.output(logProbs, "logProbs"));
    }
}
