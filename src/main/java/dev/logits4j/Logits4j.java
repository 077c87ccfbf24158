package dev.logits4j;

import dev.logits4j.internal.backend.Backends;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.ClassWeights;
import dev.logits4j.internal.javaimpl.JavaKernels;
import dev.logits4j.internal.backend.Kernels;
import dev.logits4j.internal.plan.Memory;
import dev.logits4j.internal.plan.RawMemory;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Numerically stable softmax, log-softmax, log-sum-exp and cross-entropy over float32 and
 * float64 tensors, with PyTorch's semantics (see SPEC.md in the repository).
 *
 * <h2>Tensors</h2>
 * A tensor is a contiguous row-major block given as memory plus a {@code shape}; ops reduce along
 * {@code axis} in {@code [-rank, rank)} (negative counts from the end). Memory is a Java array
 * from an offset, or an NIO buffer from its position to its limit (heap or direct, in either byte
 * order: native order is the fast path; a buffer's position and limit are read once and never
 * changed). Memory may be larger than the shape needs, never
 * smaller. The output of softmax and log-softmax may be the input itself (same memory, same
 * offset); any other overlap of input and output is refused.
 *
 * <h2>Special values</h2>
 * In softmax and log-softmax a slice containing NaN or +inf gives NaN everywhere; -inf entries
 * give 0 (log: -inf) when the slice has a finite maximum; an all -inf slice gives NaN, or 0 (log:
 * -inf) with {@link SoftmaxOptions#withMaskedRowsZero}. logSumExp gives NaN for any NaN, +inf for
 * any +inf, -inf for an all -inf or empty slice.
 *
 * <h2>Errors</h2>
 * Every argument is checked before any work: {@link IllegalArgumentException} for a bad shape,
 * axis, option, target or overlap, {@link IndexOutOfBoundsException} when memory is smaller than
 * the shape needs, {@link NullPointerException} for null arguments,
 * {@link java.nio.ReadOnlyBufferException} for a read-only destination. Messages name the argument
 * and the value. No argument can make the library touch memory outside what was passed.
 *
 * <h2>Accuracy</h2>
 * Results are within the error bounds of the conformance rule (SPEC.md, "Accuracy") of a float64
 * reference; the README's error table gives the maximum errors measured: for the pure-Java
 * implementation about 1 float32 ulp for float32 results (everything is computed in double), and
 * a few float64 ulps for float64 results.
 *
 * <h2>Threads and allocation</h2>
 * All methods are thread-safe and keep no shared mutable state. The shape and every small
 * argument are read once before they are checked, and each class-index target is checked again by
 * the kernel that uses it: a caller whose other threads rewrite the memory of a running call gets
 * garbage numbers in its own output or an {@link IllegalArgumentException}, never a crash and
 * never an access outside the operands. Methods that write into a
 * destination allocate nothing once warm; the ones that return a new array allocate it.
 *
 * <h2>Implementation</h2>
 * Calls run on the native kernels when they are loaded and the call is large enough to repay the
 * JNI crossing, and on the pure-Java kernels otherwise; {@code -Dlogits4j.backend=auto|java|native}
 * forces the choice. {@link #info()} says which is in use and why.
 */
public final class Logits4j {
    private Logits4j() {}

    /** Which implementation is in use, and why. Resolves the backend if that has not happened. */
    public static BackendInfo info() {
        return Backends.selection().info();
    }

    // ---------------------------------------------------------------------------------------------
    // softmax (float32)

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)}, along {@code axis}, written to {@code y}.
     *
     * @param x       input, {@code shape}'s element count from {@code xOffset}
     * @param xOffset first element of the input in {@code x}
     * @param y       output, same shape; may be {@code x} with {@code yOffset == xOffset} (in place)
     * @param yOffset first element of the output in {@code y}
     * @param shape   the tensor's shape (rank 0 or more)
     * @param axis    the axis to normalise over, in {@code [-rank, rank)}
     * @param options temperature and masked-rows handling ({@link SoftmaxOptions#DEFAULT}: T = 1)
     */
    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                               SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        softmaxCore(false, x, xOffset, x.length - xOffset, y, yOffset, y.length - yOffset, shape,
                axis, options, false);
    }

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)}, along {@code axis}, from {@code x}'s position to {@code y}'s position (buffers' positions
     * and limits are left unchanged). Heap and direct buffers are accepted; {@code y} may be
     * {@code x} (in place).
     *
     * @see #softmax(float[], int, float[], int, int[], int, SoftmaxOptions)
     */
    public static void softmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.writable(y, "y");
        softmaxBuffers(false, x, y, shape, axis, options, false);
    }

    /** Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)} of a 1-D array, T = 1, into a new array. */
    public static float[] softmax(float[] x) {
        Checks.notNull(x, "x");
        float[] y = new float[x.length];
        softmaxCore(false, x, 0, x.length, y, 0, y.length, new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, false);
        return y;
    }

    /** Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)} of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array. */
    public static float[] softmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        float[] y = new float[x.length];
        softmaxCore(false, x, 0, x.length, y, 0, y.length, shape, axis, options, false);
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // logSoftmax (float32)

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax), along {@code axis}, written to {@code y}.
     *
     * @param x       input, {@code shape}'s element count from {@code xOffset}
     * @param xOffset first element of the input in {@code x}
     * @param y       output, same shape; may be {@code x} with {@code yOffset == xOffset} (in place)
     * @param yOffset first element of the output in {@code y}
     * @param shape   the tensor's shape (rank 0 or more)
     * @param axis    the axis to normalise over, in {@code [-rank, rank)}
     * @param options temperature and masked-rows handling ({@link SoftmaxOptions#DEFAULT}: T = 1)
     */
    public static void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                               SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        softmaxCore(false, x, xOffset, x.length - xOffset, y, yOffset, y.length - yOffset, shape,
                axis, options, true);
    }

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax), along {@code axis}, from {@code x}'s position to {@code y}'s position (buffers' positions
     * and limits are left unchanged). Heap and direct buffers are accepted; {@code y} may be
     * {@code x} (in place).
     *
     * @see #logSoftmax(float[], int, float[], int, int[], int, SoftmaxOptions)
     */
    public static void logSoftmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.writable(y, "y");
        softmaxBuffers(false, x, y, shape, axis, options, true);
    }

    /** Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax) of a 1-D array, T = 1, into a new array. */
    public static float[] logSoftmax(float[] x) {
        Checks.notNull(x, "x");
        float[] y = new float[x.length];
        softmaxCore(false, x, 0, x.length, y, 0, y.length, new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, true);
        return y;
    }

    /** Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax) of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array. */
    public static float[] logSoftmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        float[] y = new float[x.length];
        softmaxCore(false, x, 0, x.length, y, 0, y.length, shape, axis, options, true);
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // logSumExp (float32)

    /**
     * {@code log(sum(exp(x)))} along {@code axis}, computed as {@code m + log(sum(exp(x - m)))}
     * with {@code m} the slice maximum, written to {@code y} in the order of the remaining axes
     * (the output shape is {@code shape} without {@code axis}; with PyTorch's {@code keepdims} it
     * has size 1 there, which is the same memory layout). NaN if the slice has a NaN; +inf if it
     * has a +inf; -inf if it is all -inf or empty.
     *
     * @param y output, {@code count(shape) / shape[axis]} elements from {@code yOffset}; it must
     *          not overlap the input
     */
    public static void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        logSumExpCore(false, x, xOffset, x.length - xOffset, y, yOffset, y.length - yOffset, shape,
                axis);
    }

    /**
     * As {@link #logSumExp(float[], int, float[], int, int[], int)}, from the buffers' positions.
     */
    public static void logSumExp(FloatBuffer x, FloatBuffer y, int[] shape, int axis) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.writable(y, "y");
        logSumExpBuffers(false, x, y, shape, axis);
    }

    /** {@code log(sum(exp(x)))} over a whole 1-D array (-inf when it is empty). */
    public static float logSumExp(float[] x) {
        Checks.notNull(x, "x");
        float[] y = new float[1];
        logSumExpCore(false, x, 0, x.length, y, 0, 1, new int[] {x.length}, 0);
        return y[0];
    }

    /** logSumExp of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array. */
    public static float[] logSumExp(float[] x, int[] shape, int axis) {
        Checks.notNull(x, "x");
        float[] y = new float[Checks.newArrayLength("logSumExp output", Dims.of(shape, axis, "shape").slices)];
        logSumExpCore(false, x, 0, x.length, y, 0, y.length, shape, axis);
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // cross-entropy with class-index targets (float32)

    /**
     * Cross-entropy of float32 {@code logits} with class-index targets (int), reduced to one value
     * by {@code options.reduction()} (MEAN or SUM).
     *
     * <p>Shapes as PyTorch: logits (C) with one target, (N, C) with N targets, (N, C, d1..dk)
     * with N*d1*..*dk targets in C order; the class axis is 1 (0 when unbatched). For each
     * position {@code loss = (1-eps)*nll + (eps/C)*smooth} with {@code nll = -w[y]*lp[y]},
     * {@code smooth = -sum_c w[c]*lp[c]}, {@code lp} the log-softmax over classes, computed
     * from log-sum-exp without materialising it. Targets equal to {@code ignoreIndex} are
     * skipped; others must lie in [0, C). MEAN divides by the sum of the targets' weights (NaN
     * when every position is ignored); SUM is 0 then. Positions are summed in float64.
     *
     * @throws IllegalArgumentException if the reduction is NONE (use the overload with an output),
     *         or for a bad shape, target or weight length
     */
    public static float crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets,
                                   int targetsOffset, CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        return (float) crossEntropyCore(false, logits, logitsOffset, logits.length - logitsOffset, shape,
                targets, targetsOffset, targets.length - targetsOffset, false, null, 0, 0, options);
    }

    /**
     * Cross-entropy with class-index targets written to {@code out}: one loss per position (0
     * where ignored) for reduction NONE, else the single reduced value at {@code outOffset}.
     *
     * @see #crossEntropy(float[], int, int[], int[], int, CrossEntropyOptions)
     */
    public static void crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets,
                                    int targetsOffset, float[] out, int outOffset,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        Checks.arrayOffset("out", out.length, outOffset);
        crossEntropyCore(false, logits, logitsOffset, logits.length - logitsOffset, shape, targets,
                targetsOffset, targets.length - targetsOffset, false, out, outOffset,
                out.length - outOffset, options);
    }

    /** Cross-entropy (MEAN or SUM) from buffers' positions; see the array overload. */
    public static float crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets,
                                   CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        return (float) crossEntropyBuffers(false, logits, shape, targets, false, null, options);
    }

    /** Cross-entropy into {@code out} from buffers' positions; see the array overload. */
    public static void crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.writable(out, "out");
        crossEntropyBuffers(false, logits, shape, targets, false, out, options);
    }

    /**
     * Cross-entropy of float32 {@code logits} with class-index targets (long), reduced to one value
     * by {@code options.reduction()} (MEAN or SUM).
     *
     * <p>Shapes as PyTorch: logits (C) with one target, (N, C) with N targets, (N, C, d1..dk)
     * with N*d1*..*dk targets in C order; the class axis is 1 (0 when unbatched). For each
     * position {@code loss = (1-eps)*nll + (eps/C)*smooth} with {@code nll = -w[y]*lp[y]},
     * {@code smooth = -sum_c w[c]*lp[c]}, {@code lp} the log-softmax over classes, computed
     * from log-sum-exp without materialising it. Targets equal to {@code ignoreIndex} are
     * skipped; others must lie in [0, C). MEAN divides by the sum of the targets' weights (NaN
     * when every position is ignored); SUM is 0 then. Positions are summed in float64.
     *
     * @throws IllegalArgumentException if the reduction is NONE (use the overload with an output),
     *         or for a bad shape, target or weight length
     */
    public static float crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets,
                                   int targetsOffset, CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        return (float) crossEntropyCore(false, logits, logitsOffset, logits.length - logitsOffset, shape,
                targets, targetsOffset, targets.length - targetsOffset, false, null, 0, 0, options);
    }

    /**
     * Cross-entropy with class-index targets written to {@code out}: one loss per position (0
     * where ignored) for reduction NONE, else the single reduced value at {@code outOffset}.
     *
     * @see #crossEntropy(float[], int, int[], long[], int, CrossEntropyOptions)
     */
    public static void crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets,
                                    int targetsOffset, float[] out, int outOffset,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        Checks.arrayOffset("out", out.length, outOffset);
        crossEntropyCore(false, logits, logitsOffset, logits.length - logitsOffset, shape, targets,
                targetsOffset, targets.length - targetsOffset, false, out, outOffset,
                out.length - outOffset, options);
    }

    /** Cross-entropy (MEAN or SUM) from buffers' positions; see the array overload. */
    public static float crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets,
                                   CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        return (float) crossEntropyBuffers(false, logits, shape, targets, false, null, options);
    }

    /** Cross-entropy into {@code out} from buffers' positions; see the array overload. */
    public static void crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.writable(out, "out");
        crossEntropyBuffers(false, logits, shape, targets, false, out, options);
    }

    // ---------------------------------------------------------------------------------------------
    // cross-entropy with probability targets (float32)

    /**
     * Cross-entropy of float32 {@code logits} with class-probability targets of the same shape,
     * reduced by {@code options.reduction()} (MEAN or SUM): per position
     * {@code loss = -sum_c w[c] * t'[c] * lp[c]} with {@code t' = t*(1-eps) + eps/C}. MEAN divides
     * by the number of positions N*d1*..*dk (not by weights). {@code ignoreIndex} must be
     * negative (it has no meaning here). A zero probability on a -inf logit gives NaN, as 0*-inf.
     */
    public static float crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape,
                                                    float[] probabilities, int probabilitiesOffset,
                                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("probabilities", probabilities.length, probabilitiesOffset);
        return (float) crossEntropyCore(false, logits, logitsOffset, logits.length - logitsOffset, shape,
                probabilities, probabilitiesOffset, probabilities.length - probabilitiesOffset, true,
                null, 0, 0, options);
    }

    /** Probability-target cross-entropy into {@code out} (per position for NONE, else one value). */
    public static void crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape,
                                                     float[] probabilities, int probabilitiesOffset,
                                                     float[] out, int outOffset,
                                                     CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        Checks.notNull(out, "out");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("probabilities", probabilities.length, probabilitiesOffset);
        Checks.arrayOffset("out", out.length, outOffset);
        crossEntropyCore(false, logits, logitsOffset, logits.length - logitsOffset, shape,
                probabilities, probabilitiesOffset, probabilities.length - probabilitiesOffset, true,
                out, outOffset, out.length - outOffset, options);
    }

    /** Probability-target cross-entropy (MEAN or SUM) from buffers' positions. */
    public static float crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities,
                                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        return (float) crossEntropyBuffers(false, logits, shape, probabilities, true, null, options);
    }

    /** Probability-target cross-entropy into {@code out} from buffers' positions. */
    public static void crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities,
                                                     FloatBuffer out, CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        Checks.notNull(out, "out");
        Checks.writable(out, "out");
        crossEntropyBuffers(false, logits, shape, probabilities, true, out, options);
    }

    // ---------------------------------------------------------------------------------------------
    // softmax (float64)

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)}, along {@code axis}, written to {@code y}.
     *
     * @param x       input, {@code shape}'s element count from {@code xOffset}
     * @param xOffset first element of the input in {@code x}
     * @param y       output, same shape; may be {@code x} with {@code yOffset == xOffset} (in place)
     * @param yOffset first element of the output in {@code y}
     * @param shape   the tensor's shape (rank 0 or more)
     * @param axis    the axis to normalise over, in {@code [-rank, rank)}
     * @param options temperature and masked-rows handling ({@link SoftmaxOptions#DEFAULT}: T = 1)
     */
    public static void softmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis,
                               SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        softmaxCore(true, x, xOffset, x.length - xOffset, y, yOffset, y.length - yOffset, shape,
                axis, options, false);
    }

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)}, along {@code axis}, from {@code x}'s position to {@code y}'s position (buffers' positions
     * and limits are left unchanged). Heap and direct buffers are accepted; {@code y} may be
     * {@code x} (in place).
     *
     * @see #softmax(double[], int, double[], int, int[], int, SoftmaxOptions)
     */
    public static void softmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.writable(y, "y");
        softmaxBuffers(true, x, y, shape, axis, options, false);
    }

    /** Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)} of a 1-D array, T = 1, into a new array. */
    public static double[] softmax(double[] x) {
        Checks.notNull(x, "x");
        double[] y = new double[x.length];
        softmaxCore(true, x, 0, x.length, y, 0, y.length, new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, false);
        return y;
    }

    /** Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)} of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array. */
    public static double[] softmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        double[] y = new double[x.length];
        softmaxCore(true, x, 0, x.length, y, 0, y.length, shape, axis, options, false);
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // logSoftmax (float64)

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax), along {@code axis}, written to {@code y}.
     *
     * @param x       input, {@code shape}'s element count from {@code xOffset}
     * @param xOffset first element of the input in {@code x}
     * @param y       output, same shape; may be {@code x} with {@code yOffset == xOffset} (in place)
     * @param yOffset first element of the output in {@code y}
     * @param shape   the tensor's shape (rank 0 or more)
     * @param axis    the axis to normalise over, in {@code [-rank, rank)}
     * @param options temperature and masked-rows handling ({@link SoftmaxOptions#DEFAULT}: T = 1)
     */
    public static void logSoftmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis,
                               SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        softmaxCore(true, x, xOffset, x.length - xOffset, y, yOffset, y.length - yOffset, shape,
                axis, options, true);
    }

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax), along {@code axis}, from {@code x}'s position to {@code y}'s position (buffers' positions
     * and limits are left unchanged). Heap and direct buffers are accepted; {@code y} may be
     * {@code x} (in place).
     *
     * @see #logSoftmax(double[], int, double[], int, int[], int, SoftmaxOptions)
     */
    public static void logSoftmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.writable(y, "y");
        softmaxBuffers(true, x, y, shape, axis, options, true);
    }

    /** Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax) of a 1-D array, T = 1, into a new array. */
    public static double[] logSoftmax(double[] x) {
        Checks.notNull(x, "x");
        double[] y = new double[x.length];
        softmaxCore(true, x, 0, x.length, y, 0, y.length, new int[] {x.length}, 0,
                SoftmaxOptions.DEFAULT, true);
        return y;
    }

    /** Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax) of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array. */
    public static double[] logSoftmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        Checks.notNull(x, "x");
        double[] y = new double[x.length];
        softmaxCore(true, x, 0, x.length, y, 0, y.length, shape, axis, options, true);
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // logSumExp (float64)

    /**
     * {@code log(sum(exp(x)))} along {@code axis}, computed as {@code m + log(sum(exp(x - m)))}
     * with {@code m} the slice maximum, written to {@code y} in the order of the remaining axes
     * (the output shape is {@code shape} without {@code axis}; with PyTorch's {@code keepdims} it
     * has size 1 there, which is the same memory layout). NaN if the slice has a NaN; +inf if it
     * has a +inf; -inf if it is all -inf or empty.
     *
     * @param y output, {@code count(shape) / shape[axis]} elements from {@code yOffset}; it must
     *          not overlap the input
     */
    public static void logSumExp(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        logSumExpCore(true, x, xOffset, x.length - xOffset, y, yOffset, y.length - yOffset, shape,
                axis);
    }

    /**
     * As {@link #logSumExp(double[], int, double[], int, int[], int)}, from the buffers' positions.
     */
    public static void logSumExp(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.writable(y, "y");
        logSumExpBuffers(true, x, y, shape, axis);
    }

    /** {@code log(sum(exp(x)))} over a whole 1-D array (-inf when it is empty). */
    public static double logSumExp(double[] x) {
        Checks.notNull(x, "x");
        double[] y = new double[1];
        logSumExpCore(true, x, 0, x.length, y, 0, 1, new int[] {x.length}, 0);
        return y[0];
    }

    /** logSumExp of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array. */
    public static double[] logSumExp(double[] x, int[] shape, int axis) {
        Checks.notNull(x, "x");
        double[] y = new double[Checks.newArrayLength("logSumExp output", Dims.of(shape, axis, "shape").slices)];
        logSumExpCore(true, x, 0, x.length, y, 0, y.length, shape, axis);
        return y;
    }

    // ---------------------------------------------------------------------------------------------
    // cross-entropy with class-index targets (float64)

    /**
     * Cross-entropy of float64 {@code logits} with class-index targets (int), reduced to one value
     * by {@code options.reduction()} (MEAN or SUM).
     *
     * <p>Shapes as PyTorch: logits (C) with one target, (N, C) with N targets, (N, C, d1..dk)
     * with N*d1*..*dk targets in C order; the class axis is 1 (0 when unbatched). For each
     * position {@code loss = (1-eps)*nll + (eps/C)*smooth} with {@code nll = -w[y]*lp[y]},
     * {@code smooth = -sum_c w[c]*lp[c]}, {@code lp} the log-softmax over classes, computed
     * from log-sum-exp without materialising it. Targets equal to {@code ignoreIndex} are
     * skipped; others must lie in [0, C). MEAN divides by the sum of the targets' weights (NaN
     * when every position is ignored); SUM is 0 then. Positions are summed in float64.
     *
     * @throws IllegalArgumentException if the reduction is NONE (use the overload with an output),
     *         or for a bad shape, target or weight length
     */
    public static double crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets,
                                   int targetsOffset, CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        return (double) crossEntropyCore(true, logits, logitsOffset, logits.length - logitsOffset, shape,
                targets, targetsOffset, targets.length - targetsOffset, false, null, 0, 0, options);
    }

    /**
     * Cross-entropy with class-index targets written to {@code out}: one loss per position (0
     * where ignored) for reduction NONE, else the single reduced value at {@code outOffset}.
     *
     * @see #crossEntropy(double[], int, int[], int[], int, CrossEntropyOptions)
     */
    public static void crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets,
                                    int targetsOffset, double[] out, int outOffset,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        Checks.arrayOffset("out", out.length, outOffset);
        crossEntropyCore(true, logits, logitsOffset, logits.length - logitsOffset, shape, targets,
                targetsOffset, targets.length - targetsOffset, false, out, outOffset,
                out.length - outOffset, options);
    }

    /** Cross-entropy (MEAN or SUM) from buffers' positions; see the array overload. */
    public static double crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets,
                                   CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        return (double) crossEntropyBuffers(true, logits, shape, targets, false, null, options);
    }

    /** Cross-entropy into {@code out} from buffers' positions; see the array overload. */
    public static void crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, DoubleBuffer out,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.writable(out, "out");
        crossEntropyBuffers(true, logits, shape, targets, false, out, options);
    }

    /**
     * Cross-entropy of float64 {@code logits} with class-index targets (long), reduced to one value
     * by {@code options.reduction()} (MEAN or SUM).
     *
     * <p>Shapes as PyTorch: logits (C) with one target, (N, C) with N targets, (N, C, d1..dk)
     * with N*d1*..*dk targets in C order; the class axis is 1 (0 when unbatched). For each
     * position {@code loss = (1-eps)*nll + (eps/C)*smooth} with {@code nll = -w[y]*lp[y]},
     * {@code smooth = -sum_c w[c]*lp[c]}, {@code lp} the log-softmax over classes, computed
     * from log-sum-exp without materialising it. Targets equal to {@code ignoreIndex} are
     * skipped; others must lie in [0, C). MEAN divides by the sum of the targets' weights (NaN
     * when every position is ignored); SUM is 0 then. Positions are summed in float64.
     *
     * @throws IllegalArgumentException if the reduction is NONE (use the overload with an output),
     *         or for a bad shape, target or weight length
     */
    public static double crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets,
                                   int targetsOffset, CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        return (double) crossEntropyCore(true, logits, logitsOffset, logits.length - logitsOffset, shape,
                targets, targetsOffset, targets.length - targetsOffset, false, null, 0, 0, options);
    }

    /**
     * Cross-entropy with class-index targets written to {@code out}: one loss per position (0
     * where ignored) for reduction NONE, else the single reduced value at {@code outOffset}.
     *
     * @see #crossEntropy(double[], int, int[], long[], int, CrossEntropyOptions)
     */
    public static void crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets,
                                    int targetsOffset, double[] out, int outOffset,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("targets", targets.length, targetsOffset);
        Checks.arrayOffset("out", out.length, outOffset);
        crossEntropyCore(true, logits, logitsOffset, logits.length - logitsOffset, shape, targets,
                targetsOffset, targets.length - targetsOffset, false, out, outOffset,
                out.length - outOffset, options);
    }

    /** Cross-entropy (MEAN or SUM) from buffers' positions; see the array overload. */
    public static double crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets,
                                   CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        return (double) crossEntropyBuffers(true, logits, shape, targets, false, null, options);
    }

    /** Cross-entropy into {@code out} from buffers' positions; see the array overload. */
    public static void crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, DoubleBuffer out,
                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(out, "out");
        Checks.writable(out, "out");
        crossEntropyBuffers(true, logits, shape, targets, false, out, options);
    }

    // ---------------------------------------------------------------------------------------------
    // cross-entropy with probability targets (float64)

    /**
     * Cross-entropy of float64 {@code logits} with class-probability targets of the same shape,
     * reduced by {@code options.reduction()} (MEAN or SUM): per position
     * {@code loss = -sum_c w[c] * t'[c] * lp[c]} with {@code t' = t*(1-eps) + eps/C}. MEAN divides
     * by the number of positions N*d1*..*dk (not by weights). {@code ignoreIndex} must be
     * negative (it has no meaning here). A zero probability on a -inf logit gives NaN, as 0*-inf.
     */
    public static double crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape,
                                                    double[] probabilities, int probabilitiesOffset,
                                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("probabilities", probabilities.length, probabilitiesOffset);
        return (double) crossEntropyCore(true, logits, logitsOffset, logits.length - logitsOffset, shape,
                probabilities, probabilitiesOffset, probabilities.length - probabilitiesOffset, true,
                null, 0, 0, options);
    }

    /** Probability-target cross-entropy into {@code out} (per position for NONE, else one value). */
    public static void crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape,
                                                     double[] probabilities, int probabilitiesOffset,
                                                     double[] out, int outOffset,
                                                     CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        Checks.notNull(out, "out");
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("probabilities", probabilities.length, probabilitiesOffset);
        Checks.arrayOffset("out", out.length, outOffset);
        crossEntropyCore(true, logits, logitsOffset, logits.length - logitsOffset, shape,
                probabilities, probabilitiesOffset, probabilities.length - probabilitiesOffset, true,
                out, outOffset, out.length - outOffset, options);
    }

    /** Probability-target cross-entropy (MEAN or SUM) from buffers' positions. */
    public static double crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities,
                                                    CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        return (double) crossEntropyBuffers(true, logits, shape, probabilities, true, null, options);
    }

    /** Probability-target cross-entropy into {@code out} from buffers' positions. */
    public static void crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities,
                                                     DoubleBuffer out, CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(probabilities, "probabilities");
        Checks.notNull(out, "out");
        Checks.writable(out, "out");
        crossEntropyBuffers(true, logits, shape, probabilities, true, out, options);
    }

    // ---------------------------------------------------------------------------------------------
    // buffers: each position and limit is read once (a buffer is not thread-safe, but whatever its
    // state the call must stay inside it), then the memory goes to the cores as (base, index)

    private static void softmaxBuffers(boolean f64, Buffer x, Buffer y, int[] shape, int axis,
                                       SoftmaxOptions options, boolean log) {
        int xp = x.position();
        int yp = y.position();
        softmaxCore(f64, base(x), index(x, xp), (long) x.limit() - xp, base(y), index(y, yp),
                (long) y.limit() - yp, shape, axis, options, log, -1);
    }

    private static void logSumExpBuffers(boolean f64, Buffer x, Buffer y, int[] shape, int axis) {
        int xp = x.position();
        int yp = y.position();
        logSumExpCore(f64, base(x), index(x, xp), (long) x.limit() - xp, base(y), index(y, yp),
                (long) y.limit() - yp, shape, axis, -1);
    }

    private static double crossEntropyBuffers(boolean f64, Buffer logits, int[] shape,
                                              Buffer targets, boolean probabilities, Buffer out,
                                              CrossEntropyOptions options) {
        int lp = logits.position();
        int tp = targets.position();
        int op = out == null ? 0 : out.position();
        return crossEntropyCore(f64, base(logits), index(logits, lp), (long) logits.limit() - lp,
                shape, base(targets), index(targets, tp), (long) targets.limit() - tp, 8,
                probabilities, out == null ? null : base(out), index(out, op),
                out == null ? 0 : (long) out.limit() - op, options);
    }

    // ---------------------------------------------------------------------------------------------
    // the shared checking core: every public method funnels here

    static void softmaxCore(boolean f64, Object x, long xi, long xAvail, Object y, long yi,
                                    long yAvail, int[] shape, int axis, SoftmaxOptions options,
                                    boolean log) {
        softmaxCore(f64, x, xi, xAvail, y, yi, yAvail, shape, axis, options, log, -1);
    }

    /**
     * As above; the implementation is chosen for {@code chooseFor} elements when it is
     * positive (ParallelLogits4j: the whole call's count, so that every chunk runs the kernels
     * the serial call would), else for this call's count.
     */
    static void softmaxCore(boolean f64, Object x, long xi, long xAvail, Object y, long yi,
                            long yAvail, int[] shape, int axis, SoftmaxOptions options,
                            boolean log, long chooseFor) {
        Checks.notNull(options, "options");
        Dims d = Dims.of(shape, axis, "shape");
        long count = d.count;
        Checks.capacity("x", xAvail, count, shape);
        Checks.capacity("y", yAvail, count, shape);
        Memory.noOverlap("x", x, xi, count, "y", y, yi, count, f64 ? 8 : 4, true);
        if (count == 0) {
            return;
        }
        if (Memory.hidesOverlap(x, y)) {
            x = Memory.privateCopy(x, xi, count);
            xi = 0;
        }
        int flags = (log ? Kernels.LOG : 0) | (options.maskedRowsZero() ? Kernels.MASKED_ROWS_ZERO : 0);
        double invT = 1.0 / options.temperature();
        Kernels k = Backends.selection().forElements(chooseFor > 0 ? chooseFor : count);
        if (k instanceof JavaKernels) {
            // Raw memory reaches the Java kernels as direct-buffer views.
            if (x == RawMemory.INSTANCE) {
                x = Memory.view(xi, count, f64 ? 'd' : 'f');
                xi = 0;
            }
            if (y == RawMemory.INSTANCE) {
                y = Memory.view(yi, count, f64 ? 'd' : 'f');
                yi = 0;
            }
        }
        if (f64) {
            k.softmaxF64(x, xi, y, yi, d.outer, d.n, d.inner, invT, flags);
        } else {
            k.softmaxF32(x, xi, y, yi, d.outer, d.n, d.inner, invT, flags);
        }
    }

    static void logSumExpCore(boolean f64, Object x, long xi, long xAvail, Object y, long yi,
                                      long yAvail, int[] shape, int axis) {
        logSumExpCore(f64, x, xi, xAvail, y, yi, yAvail, shape, axis, -1);
    }

    /** As above, the implementation chosen for {@code chooseFor} elements when positive. */
    static void logSumExpCore(boolean f64, Object x, long xi, long xAvail, Object y, long yi,
                              long yAvail, int[] shape, int axis, long chooseFor) {
        Dims d = Dims.of(shape, axis, "shape");
        long count = d.count;
        long outCount = d.slices;
        Checks.capacity("x", xAvail, count, shape);
        Checks.capacity("y", yAvail, outCount, shape);
        Memory.noOverlap("x", x, xi, count, "y", y, yi, outCount, f64 ? 8 : 4, d.n == 1);
        if (outCount == 0) {
            return;
        }
        if (Memory.hidesOverlap(x, y)) {
            x = Memory.privateCopy(x, xi, count);
            xi = 0;
        }
        Kernels k = Backends.selection().forElements(chooseFor > 0 ? chooseFor : count);
        if (k instanceof JavaKernels) {
            if (x == RawMemory.INSTANCE) {
                x = Memory.view(xi, count, f64 ? 'd' : 'f');
                xi = 0;
            }
            if (y == RawMemory.INSTANCE) {
                y = Memory.view(yi, outCount, f64 ? 'd' : 'f');
                yi = 0;
            }
        }
        if (f64) {
            k.logSumExpF64(x, xi, y, yi, d.outer, d.n, d.inner);
        } else {
            k.logSumExpF32(x, xi, y, yi, d.outer, d.n, d.inner);
        }
    }

    /** Returns the reduced loss (MEAN or SUM) when {@code out} is null, else writes to it. */
    static double crossEntropyCore(boolean f64, Object logits, long li, long lAvail,
                                   int[] shape, Object targets, long ti, long tAvail,
                                   boolean probabilities, Object out, long oi, long oAvail,
                                   CrossEntropyOptions options) {
        return crossEntropyCore(f64, logits, li, lAvail, shape, targets, ti, tAvail, 8, probabilities,
                out, oi, oAvail, options);
    }

    /**
     * The cross-entropy core; {@code targetBytes} (4 or 8) matters only for class-index targets in
     * raw memory, whose element type the base alone does not say.
     */
    static double crossEntropyCore(boolean f64, Object logits, long li, long lAvail,
                                   int[] shape, Object targets, long ti, long tAvail, int targetBytes,
                                   boolean probabilities, Object out, long oi, long oAvail,
                                   CrossEntropyOptions options) {
        if (targets instanceof int[] || targets instanceof IntBuffer) {
            targetBytes = 4;
        } else if (targets instanceof long[] || targets instanceof LongBuffer) {
            targetBytes = 8;
        }
        Checks.notNull(options, "options");
        Checks.logitsShape(Checks.notNull(shape, "shape"));
        Dims d = Dims.of(shape, shape.length >= 2 ? 1 : 0, "shape");
        long count = d.count;
        int classes = d.n;
        long positions = d.slices;
        ClassWeights weight = options.weightInternal();
        Reduction reduction = options.reduction();
        Checks.capacity("logits", lAvail, count, shape);
        Checks.weight(weight, classes);
        if (out == null && reduction == Reduction.NONE) {
            throw new IllegalArgumentException("reduction NONE gives one loss per position: "
                    + "pass an output array or buffer (out) to receive them");
        }
        int es = f64 ? 8 : 4;
        long outCount = reduction == Reduction.NONE ? positions : 1;
        if (out != null) {
            Checks.capacity("out", oAvail, outCount, shape);
            Memory.noOverlap("logits", logits, li, count, "out", out, oi, outCount, es, false);
        }
        if (Memory.hidesOverlap(logits, out)) {
            logits = Memory.privateCopy(logits, li, count);
            li = 0;
        }
        double divisor;
        if (probabilities) {
            Checks.ignoreIndexWithProbabilities(options.ignoreIndex());
            Checks.capacity("probabilities", tAvail, count, shape);
            if (out != null) {
                Memory.noOverlap("probabilities", targets, ti, count, "out", out, oi, outCount, es, false);
            }
            if (Memory.hidesOverlap(targets, out)) {
                targets = Memory.privateCopy(targets, ti, count);
                ti = 0;
            }
            divisor = positions;
        } else {
            Checks.capacity("targets", tAvail, positions, shape);
            if (out != null) {
                Memory.noOverlapBytes("targets", targets, ti, targetBytes, positions, "out", out, oi,
                        es, outCount);
            }
            if (targets == RawMemory.INSTANCE) {
                // Viewed as a buffer so the targets can be checked (and read by any kernel).
                targets = Memory.view(ti, positions, targetBytes == 4 ? 'i' : 'l');
                ti = 0;
            }
            if (Memory.hidesOverlap(targets, out)) {
                targets = Memory.privateCopy(targets, ti, positions);
                ti = 0;
            }
            divisor = Checks.indexTargets(targets, ti, positions, classes, options.ignoreIndex(),
                    weight);
        }
        double eps = options.labelSmoothing();
        if (out == RawMemory.INSTANCE) {
            // A raw output is viewed as a direct buffer once: every path below (the reduced value,
            // the no-class shortcut, Java kernels) then writes it like any buffer, and native
            // kernels still write it by address.
            out = Memory.view(oi, outCount, f64 ? 'd' : 'f');
            oi = 0;
        }
        if (classes == 0 || positions == 0) {
            // No classes: every loss is 0 (an empty sum), however many positions the shape names;
            // only NONE writes them, and its output was checked to hold them all.
            double zero = reduction == Reduction.MEAN ? 0.0 / divisor : 0.0;
            if (out != null) {
                for (long p = 0; p < outCount; p++) {
                    putScalar(out, oi + p, zero);
                }
            }
            return zero;
        }
        Kernels k = Backends.selection().forElements(count);
        if (k instanceof JavaKernels) {
            if (logits == RawMemory.INSTANCE) {
                logits = Memory.view(li, count, f64 ? 'd' : 'f');
                li = 0;
            }
            if (targets == RawMemory.INSTANCE) {
                targets = Memory.view(ti, count, f64 ? 'd' : 'f');  // probabilities
                ti = 0;
            }
        }
        Object perPosition = reduction == Reduction.NONE ? out : null;
        double total = crossEntropyKernel(k, f64, probabilities, logits, li, targets, ti, d, weight,
                options.ignoreIndex(), eps, perPosition, oi);
        double result = reduction == Reduction.MEAN ? total / divisor : total;
        if (out != null && reduction != Reduction.NONE) {
            putScalar(out, oi, result);
        }
        return result;
    }

    private static double crossEntropyKernel(Kernels k, boolean f64, boolean probabilities,
                                             Object logits, long li, Object targets, long ti,
                                             Dims d, ClassWeights weight, long ignoreIndex,
                                             double eps, Object out, long oi) {
        if (probabilities) {
            return f64
                    ? k.crossEntropyProbF64(logits, li, targets, ti, d.outer, d.n, d.inner, weight,
                            eps, out, oi)
                    : k.crossEntropyProbF32(logits, li, targets, ti, d.outer, d.n, d.inner, weight,
                            eps, out, oi);
        }
        return f64
                ? k.crossEntropyIndexF64(logits, li, targets, ti, d.outer, d.n, d.inner, weight,
                        ignoreIndex, eps, out, oi)
                : k.crossEntropyIndexF32(logits, li, targets, ti, d.outer, d.n, d.inner, weight,
                        ignoreIndex, eps, out, oi);
    }

    private static void putScalar(Object out, long index, double v) {
        int i = (int) index;
        if (out instanceof float[]) {
            ((float[]) out)[i] = (float) v;
        } else if (out instanceof double[]) {
            ((double[]) out)[i] = v;
        } else if (out instanceof FloatBuffer) {
            ((FloatBuffer) out).put(i, (float) v);
        } else {
            ((DoubleBuffer) out).put(i, v);
        }
    }

    static long outerCount(int[] shape, int axis) {
        long c = 1;
        for (int i = 0; i < axis && i < shape.length; i++) {
            c *= shape[i];
        }
        return c;
    }

    static long innerCount(int[] shape, int axis) {
        long c = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            c *= shape[i];
        }
        return c;
    }

    /** The backing array of a writable heap buffer (processed as an array), else the buffer. */
    private static Object base(Buffer b) {
        return b.hasArray() ? b.array() : b;
    }

    /** The index in {@link #base} of a buffer's element {@code position} (read once by the caller). */
    private static long index(Buffer b, int position) {
        return b == null ? 0 : b.hasArray() ? b.arrayOffset() + (long) position : position;
    }
}
