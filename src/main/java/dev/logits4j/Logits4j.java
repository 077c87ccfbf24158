package dev.logits4j;

import dev.logits4j.internal.plan.Checks;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.random.RandomGenerator;
import java.nio.ShortBuffer;

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
 * reference; the error table of docs/ACCURACY.md gives the maximum errors measured: for the scalar Java
 * kernels about 1 float32 ulp for float32 results (they compute in double); the native and
 * Vector API kernels compute float32 in float32 (up to about 2.5 ulp in log space); a few
 * float64 ulps for float64 results.
 *
 * <h2>Threads and allocation</h2>
 * All methods are thread-safe and keep no shared mutable state. The shape and every small
 * argument are read once before they are checked, and each class-index target is checked again by
 * the kernel that uses it: a caller whose other threads rewrite the memory of a running call gets
 * garbage numbers in its own output or an {@link IllegalArgumentException}, never a crash and
 * never an access outside the operands. A call builds a few small objects (one operand per memory
 * argument, and a plan for cross-entropy): for softmax, log-softmax and logSumExp the JIT removes
 * them once warm (0 bytes per call measured), cross-entropy keeps about 100 bytes per call; the
 * native and scalar Java kernels allocate nothing once warm (the Vector API kernels a little: see
 * docs/IMPLEMENTATIONS.md); the methods that return a new array allocate it.
 *
 * <p><b>Retained memory, bounded.</b> Kernels reuse per-thread work memory between calls: the Java
 * kernels keep heap rows of up to 2<sup>18</sup> elements (at most about 6 MiB per thread, a
 * larger row is allocated for the one call); the native kernels, for the rare calls they must
 * stage (a heap buffer without an accessible array, a direct buffer in the other byte order, a mix
 * of arrays and off-heap memory), keep native memory of up to 3 &times; 1 MiB + 16 bytes per
 * platform thread and free larger staging when the call ends. Virtual threads do not keep their
 * own: they borrow from a shared pool of max(2, processors) such sets, so a server with a virtual
 * thread per request retains at most that many (measured: 10,000 virtual threads, 0.5 MB
 * retained). Memory in native byte order passed by address (arrays, native-order direct buffers,
 * raw memory) is never staged.
 *
 * <h2>Implementation</h2>
 * Calls run on the native kernels when they are loaded and the call is large enough to repay the
 * JNI crossing, and on the pure-Java kernels otherwise; {@code -Dlogits4j.backend=auto|java|native}
 * forces the choice. {@link #info()} says which is in use and why.
 */
public final class Logits4j {
    private Logits4j() {}

    private static final Ops AUTO = new Ops(Backend.auto());

    /**
     * Which implementation {@link Backend#auto()} uses, and why. Resolves the choice if needed.
     *
     * @return the implementation in use, and why
     */
    public static BackendInfo info() {
        return AUTO.info();
    }

    /**
     * The ops of this class on one backend, e.g. {@code Logits4j.with(Backend.java())}: for A/B
     * checks, tests and tools that must name the implementation, whatever the JVM-wide choice.
     *
     * @param backend the backend to run on
     * @return the ops on {@code backend}
     */
    public static Ops with(Backend backend) {
        return new Ops(Checks.notNull(backend, "backend"));
    }

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
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(x, xOffset, y, yOffset, shape, axis, options);
    }

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)}, along {@code axis}, from {@code x}'s position to {@code y}'s position (buffers' positions
     * and limits are left unchanged). Heap and direct buffers are accepted; {@code y} may be
     * {@code x} (in place).
     *
     * @see #softmax(float[], int, float[], int, int[], int, SoftmaxOptions)
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
    public static void softmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(x, y, shape, axis, options);
    }

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)} of a 1-D array, T = 1, into a new array.
     *
     * @param x the input
     * @return a new array with the result
     */
    public static float[] softmax(float[] x) {
        return AUTO.softmax(x);
    }

    /**
     * Softmax {@code y = exp(x/T - m) / sum(exp(x/T - m))}, {@code m = max(x/T)} of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array.
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
    public static float[] softmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        return AUTO.softmax(x, shape, axis, options);
    }

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
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(x, xOffset, y, yOffset, shape, axis, options);
    }

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax), along {@code axis}, from {@code x}'s position to {@code y}'s position (buffers' positions
     * and limits are left unchanged). Heap and direct buffers are accepted; {@code y} may be
     * {@code x} (in place).
     *
     * @see #logSoftmax(float[], int, float[], int, int[], int, SoftmaxOptions)
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
    public static void logSoftmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(x, y, shape, axis, options);
    }

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax) of a 1-D array, T = 1, into a new array.
     *
     * @param x the input
     * @return a new array with the result
     */
    public static float[] logSoftmax(float[] x) {
        return AUTO.logSoftmax(x);
    }

    /**
     * Log-softmax {@code y = x/T - m - log(sum(exp(x/T - m)))} (never log of softmax) of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array.
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
    public static float[] logSoftmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        return AUTO.logSoftmax(x, shape, axis, options);
    }

    /**
     * {@code log(sum(exp(x)))} along {@code axis}, computed as {@code m + log(sum(exp(x - m)))}
     * with {@code m} the slice maximum, written to {@code y} in the order of the remaining axes
     * (the output shape is {@code shape} without {@code axis}; with PyTorch's {@code keepdims} it
     * has size 1 there, which is the same memory layout). NaN if the slice has a NaN; +inf if it
     * has a +inf; -inf if it is all -inf or empty.
     *
     * @param y output, {@code count(shape) / shape[axis]} elements from {@code yOffset}; it must
     *          not overlap the input
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
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
    public static void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        AUTO.logSumExp(x, xOffset, y, yOffset, shape, axis);
    }

    /**
     * As {@link #logSumExp(float[], int, float[], int, int[], int)}, from the buffers' positions.
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
    public static void logSumExp(FloatBuffer x, FloatBuffer y, int[] shape, int axis) {
        AUTO.logSumExp(x, y, shape, axis);
    }

    /**
     * {@code log(sum(exp(x)))} over a whole 1-D array (-inf when it is empty).
     *
     * @param x the input
     * @return {@code log(sum(exp(x)))} over the whole array (-inf when it is empty)
     */
    public static float logSumExp(float[] x) {
        return AUTO.logSumExp(x);
    }

    /**
     * logSumExp of {@code x} (all of it, with {@code shape}) along {@code axis}, into a new array.
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
    public static float[] logSumExp(float[] x, int[] shape, int axis) {
        return AUTO.logSumExp(x, shape, axis);
    }

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
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     */
    public static float crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, options);
    }

    /**
     * Cross-entropy with class-index targets written to {@code out}: one loss per position (0
     * where ignored) for reduction NONE, else the single reduced value at {@code outOffset}.
     *
     * @see #crossEntropy(float[], int, int[], int[], int, CrossEntropyOptions)
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
    public static void crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, out, outOffset, options);
    }

    /**
     * Cross-entropy (MEAN or SUM) from buffers' positions; see the array overload.
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
    public static float crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, shape, targets, options);
    }

    /**
     * Cross-entropy into {@code out} from buffers' positions; see the array overload.
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
    public static void crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, shape, targets, out, options);
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
     * @param logits the logits
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once; rank 0 or more)
     * @param targets class-index targets, one per position
     * @param targetsOffset index of the first target in {@code targets}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @return the reduced loss (MEAN or SUM)
     */
    public static float crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, options);
    }

    /**
     * Cross-entropy with class-index targets written to {@code out}: one loss per position (0
     * where ignored) for reduction NONE, else the single reduced value at {@code outOffset}.
     *
     * @see #crossEntropy(float[], int, int[], long[], int, CrossEntropyOptions)
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
    public static void crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, out, outOffset, options);
    }

    /**
     * Cross-entropy (MEAN or SUM) from buffers' positions; see the array overload.
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
    public static float crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, shape, targets, options);
    }

    /**
     * Cross-entropy into {@code out} from buffers' positions; see the array overload.
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
    public static void crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, shape, targets, out, options);
    }

    /**
     * Cross-entropy of float32 {@code logits} with class-probability targets of the same shape,
     * reduced by {@code options.reduction()} (MEAN or SUM): per position
     * {@code loss = -sum_c w[c] * t'[c] * lp[c]} with {@code t' = t*(1-eps) + eps/C}. MEAN divides
     * by the number of positions N*d1*..*dk (not by weights). {@code ignoreIndex} must be
     * negative (it has no meaning here). A zero probability on a -inf logit gives NaN, as 0*-inf.
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
    public static float crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropyWithProbabilities(logits, logitsOffset, shape, probabilities, probabilitiesOffset, options);
    }

    /**
     * Probability-target cross-entropy into {@code out} (per position for NONE, else one value).
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
    public static void crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropyWithProbabilities(logits, logitsOffset, shape, probabilities, probabilitiesOffset, out, outOffset, options);
    }

    /**
     * Probability-target cross-entropy (MEAN or SUM) from buffers' positions.
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
    public static float crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return AUTO.crossEntropyWithProbabilities(logits, shape, probabilities, options);
    }

    /**
     * Probability-target cross-entropy into {@code out} from buffers' positions.
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
    public static void crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropyWithProbabilities(logits, shape, probabilities, out, options);
    }

    /**
     * The float64 form of {@link #softmax(float[], int, float[], int, int[], int, SoftmaxOptions)}.
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
    public static void softmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(x, xOffset, y, yOffset, shape, axis, options);
    }

    /**
     * The float64 form of {@link #softmax(FloatBuffer, FloatBuffer, int[], int, SoftmaxOptions)}.
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
    public static void softmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(x, y, shape, axis, options);
    }

    /**
     * The float64 form of {@link #softmax(float[])}.
     *
     * @param x the input
     * @return a new array with the result
     */
    public static double[] softmax(double[] x) {
        return AUTO.softmax(x);
    }

    /**
     * The float64 form of {@link #softmax(float[], int[], int, SoftmaxOptions)}.
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
    public static double[] softmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        return AUTO.softmax(x, shape, axis, options);
    }

    /**
     * The float64 form of {@link #logSoftmax(float[], int, float[], int, int[], int, SoftmaxOptions)}.
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
    public static void logSoftmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(x, xOffset, y, yOffset, shape, axis, options);
    }

    /**
     * The float64 form of {@link #logSoftmax(FloatBuffer, FloatBuffer, int[], int, SoftmaxOptions)}.
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
    public static void logSoftmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(x, y, shape, axis, options);
    }

    /**
     * The float64 form of {@link #logSoftmax(float[])}.
     *
     * @param x the input
     * @return a new array with the result
     */
    public static double[] logSoftmax(double[] x) {
        return AUTO.logSoftmax(x);
    }

    /**
     * The float64 form of {@link #logSoftmax(float[], int[], int, SoftmaxOptions)}.
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
    public static double[] logSoftmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        return AUTO.logSoftmax(x, shape, axis, options);
    }

    /**
     * The float64 form of {@link #logSumExp(float[], int, float[], int, int[], int)}.
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
    public static void logSumExp(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis) {
        AUTO.logSumExp(x, xOffset, y, yOffset, shape, axis);
    }

    /**
     * The float64 form of {@link #logSumExp(FloatBuffer, FloatBuffer, int[], int)}.
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
    public static void logSumExp(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis) {
        AUTO.logSumExp(x, y, shape, axis);
    }

    /**
     * The float64 form of {@link #logSumExp(float[])}.
     *
     * @param x the input
     * @return {@code log(sum(exp(x)))} over the whole array (-inf when it is empty)
     */
    public static double logSumExp(double[] x) {
        return AUTO.logSumExp(x);
    }

    /**
     * The float64 form of {@link #logSumExp(float[], int[], int)}.
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
    public static double[] logSumExp(double[] x, int[] shape, int axis) {
        return AUTO.logSumExp(x, shape, axis);
    }

    /**
     * The float64 form of {@link #crossEntropy(float[], int, int[], int[], int, CrossEntropyOptions)}.
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
    public static double crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(float[], int, int[], int[], int, float[], int, CrossEntropyOptions)}.
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
    public static void crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, out, outOffset, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(FloatBuffer, int[], IntBuffer, CrossEntropyOptions)}.
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
    public static double crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, shape, targets, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(FloatBuffer, int[], IntBuffer, FloatBuffer, CrossEntropyOptions)}.
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
    public static void crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, shape, targets, out, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(float[], int, int[], long[], int, CrossEntropyOptions)}.
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
    public static double crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(float[], int, int[], long[], int, float[], int, CrossEntropyOptions)}.
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
    public static void crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, logitsOffset, shape, targets, targetsOffset, out, outOffset, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(FloatBuffer, int[], LongBuffer, CrossEntropyOptions)}.
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
    public static double crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return AUTO.crossEntropy(logits, shape, targets, options);
    }

    /**
     * The float64 form of {@link #crossEntropy(FloatBuffer, int[], LongBuffer, FloatBuffer, CrossEntropyOptions)}.
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
    public static void crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(logits, shape, targets, out, options);
    }

    /**
     * The float64 form of {@link #crossEntropyWithProbabilities(float[], int, int[], float[], int, CrossEntropyOptions)}.
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
    public static double crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropyWithProbabilities(logits, logitsOffset, shape, probabilities, probabilitiesOffset, options);
    }

    /**
     * The float64 form of {@link #crossEntropyWithProbabilities(float[], int, int[], float[], int, float[], int, CrossEntropyOptions)}.
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
    public static void crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropyWithProbabilities(logits, logitsOffset, shape, probabilities, probabilitiesOffset, out, outOffset, options);
    }

    /**
     * The float64 form of {@link #crossEntropyWithProbabilities(FloatBuffer, int[], FloatBuffer, CrossEntropyOptions)}.
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
    public static double crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, CrossEntropyOptions options) {
        return AUTO.crossEntropyWithProbabilities(logits, shape, probabilities, options);
    }

    /**
     * The float64 form of {@link #crossEntropyWithProbabilities(FloatBuffer, int[], FloatBuffer, FloatBuffer, CrossEntropyOptions)}.
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
    public static void crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, DoubleBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropyWithProbabilities(logits, shape, probabilities, out, options);
    }

    // ---- selection and sampling (issue 12): argmax, topK, topLogProbs, sample ------------------

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
    public static void argmax(float[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        AUTO.argmax(x, xOffset, shape, axis, out, outOffset);
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
    public static void argmax(float[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        AUTO.argmax(x, xOffset, shape, axis, out, outOffset);
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
    public static void argmax(double[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        AUTO.argmax(x, xOffset, shape, axis, out, outOffset);
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
    public static void argmax(double[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        AUTO.argmax(x, xOffset, shape, axis, out, outOffset);
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
    public static void argmax(FloatBuffer x, int[] shape, int axis, LongBuffer out) {
        AUTO.argmax(x, shape, axis, out);
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
    public static void argmax(FloatBuffer x, int[] shape, int axis, IntBuffer out) {
        AUTO.argmax(x, shape, axis, out);
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
    public static void argmax(DoubleBuffer x, int[] shape, int axis, LongBuffer out) {
        AUTO.argmax(x, shape, axis, out);
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
    public static void argmax(DoubleBuffer x, int[] shape, int axis, IntBuffer out) {
        AUTO.argmax(x, shape, axis, out);
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
    public static int argmax(float[] x) {
        return AUTO.argmax(x);
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
    public static int argmax(double[] x) {
        return AUTO.argmax(x);
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
    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topK(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topK(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topK(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topK(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topK(x, shape, k, values, indices);
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
    public static void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topK(x, shape, k, values, indices);
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
    public static void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        AUTO.topK(x, shape, k, values, indices);
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
    public static void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        AUTO.topK(x, shape, k, values, indices);
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
    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topLogProbs(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topLogProbs(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topLogProbs(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topLogProbs(x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topLogProbs(x, shape, k, values, indices);
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
    public static void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topLogProbs(x, shape, k, values, indices);
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
    public static void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        AUTO.topLogProbs(x, shape, k, values, indices);
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
    public static void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        AUTO.topLogProbs(x, shape, k, values, indices);
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
    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(logits, logitsOffset, shape, options, uniform, uOffset, tokens, tOffset, logProbs, lpOffset);
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
    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(logits, logitsOffset, shape, options, uniform, uOffset, tokens, tOffset, logProbs, lpOffset);
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
    public static void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        AUTO.sample(logits, logitsOffset, shape, options, uniform, uOffset, tokens, tOffset, logProbs, lpOffset);
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
    public static void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        AUTO.sample(logits, logitsOffset, shape, options, uniform, uOffset, tokens, tOffset, logProbs, lpOffset);
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
    public static void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(logits, shape, options, uniform, tokens, logProbs);
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
    public static void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(logits, shape, options, uniform, tokens, logProbs);
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
    public static void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, DoubleBuffer logProbs) {
        AUTO.sample(logits, shape, options, uniform, tokens, logProbs);
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
    public static void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, DoubleBuffer logProbs) {
        AUTO.sample(logits, shape, options, uniform, tokens, logProbs);
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
    public static int[] sample(float[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        return AUTO.sample(logits, shape, options, uniform);
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
    public static int[] sample(float[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        return AUTO.sample(logits, shape, options, random);
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
    public static int[] sample(double[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        return AUTO.sample(logits, shape, options, uniform);
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
    public static int[] sample(double[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        return AUTO.sample(logits, shape, options, random);
    }

    // ---- float16 / bfloat16 inputs, float32 results (issue 13) --------------------------------

    /**
     * softmax of float16 or bfloat16 logits into float32: the float32 softmax of the exactly up-converted input. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void softmax(HalfType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(type, x, xOffset, y, yOffset, shape, axis, options);
    }

    /**
     * softmax of float16 or bfloat16 logits in a buffer (heap or direct, either byte order) into a float32 buffer. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void softmax(HalfType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(type, x, y, shape, axis, options);
    }

    /**
     * softmax of a whole float16 or bfloat16 vector into a new float32 array. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float[] softmax(HalfType type, short[] x) {
        return AUTO.softmax(type, x);
    }

    /**
     * logSoftmax of float16 or bfloat16 logits into float32: the float32 logSoftmax of the exactly up-converted input. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void logSoftmax(HalfType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(type, x, xOffset, y, yOffset, shape, axis, options);
    }

    /**
     * logSoftmax of float16 or bfloat16 logits in a buffer (heap or direct, either byte order) into a float32 buffer. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void logSoftmax(HalfType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(type, x, y, shape, axis, options);
    }

    /**
     * logSoftmax of a whole float16 or bfloat16 vector into a new float32 array. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float[] logSoftmax(HalfType type, short[] x) {
        return AUTO.logSoftmax(type, x);
    }

    /**
     * logSumExp of float16 or bfloat16 logits into float32 (one value per slice along {@code axis}). Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void logSumExp(HalfType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        AUTO.logSumExp(type, x, xOffset, y, yOffset, shape, axis);
    }

    /**
     * logSumExp of float16 or bfloat16 logits in a buffer (either byte order) into a float32 buffer. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void logSumExp(HalfType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis) {
        AUTO.logSumExp(type, x, y, shape, axis);
    }

    /**
     * logSumExp of a whole float16 or bfloat16 vector. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float logSumExp(HalfType type, short[] x) {
        return AUTO.logSumExp(type, x);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float crossEntropy(HalfType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropy(type, logits, logitsOffset, shape, targets, targetsOffset, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float crossEntropy(HalfType type, short[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropy(type, logits, logitsOffset, shape, targets, targetsOffset, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32, the losses (NONE) or the reduced value written to {@code out}. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void crossEntropy(HalfType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(type, logits, logitsOffset, shape, targets, targetsOffset, out, outOffset, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32 (buffers: either byte order). Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float crossEntropy(HalfType type, ShortBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return AUTO.crossEntropy(type, logits, shape, targets, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32 (buffers: either byte order). Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float crossEntropy(HalfType type, ShortBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return AUTO.crossEntropy(type, logits, shape, targets, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with class-index targets, computed in float32, written to a float32 buffer. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void crossEntropy(HalfType type, ShortBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(type, logits, shape, targets, out, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float crossEntropyWithProbabilities(HalfType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return AUTO.crossEntropyWithProbabilities(type, logits, logitsOffset, shape, probabilities, probabilitiesOffset, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32, written to {@code out}. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void crossEntropyWithProbabilities(HalfType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropyWithProbabilities(type, logits, logitsOffset, shape, probabilities, probabilitiesOffset, out, outOffset, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32 (buffers: either byte order). Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static float crossEntropyWithProbabilities(HalfType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return AUTO.crossEntropyWithProbabilities(type, logits, shape, probabilities, options);
    }

    /**
     * Cross-entropy of float16 or bfloat16 logits with float32 probability targets, computed in float32, written to a float32 buffer. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void crossEntropyWithProbabilities(HalfType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropyWithProbabilities(type, logits, shape, probabilities, out, options);
    }
    /**
     * Cross-entropy of float16 or bfloat16 logits with int64 class-index targets, computed in float32, written to a float32 buffer. Semantics: {@link HalfType}; the float32 overload's special values and accuracy.
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
    public static void crossEntropy(HalfType type, ShortBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(type, logits, shape, targets, out, options);
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
    public static void argmax(HalfType type, short[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        AUTO.argmax(type, x, xOffset, shape, axis, out, outOffset);
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
    public static void argmax(HalfType type, short[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        AUTO.argmax(type, x, xOffset, shape, axis, out, outOffset);
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
    public static void argmax(HalfType type, ShortBuffer x, int[] shape, int axis, LongBuffer out) {
        AUTO.argmax(type, x, shape, axis, out);
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
    public static void argmax(HalfType type, ShortBuffer x, int[] shape, int axis, IntBuffer out) {
        AUTO.argmax(type, x, shape, axis, out);
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
    public static void topK(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topK(type, x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topK(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topK(type, x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topK(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topK(type, x, shape, k, values, indices);
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
    public static void topK(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topK(type, x, shape, k, values, indices);
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
    public static void topLogProbs(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topLogProbs(type, x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topLogProbs(HalfType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topLogProbs(type, x, xOffset, shape, k, values, vOffset, indices, iOffset);
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
    public static void topLogProbs(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topLogProbs(type, x, shape, k, values, indices);
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
    public static void topLogProbs(HalfType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topLogProbs(type, x, shape, k, values, indices);
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
    public static void sample(HalfType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(type, logits, logitsOffset, shape, options, uniform, uOffset, tokens, tOffset, logProbs, lpOffset);
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
    public static void sample(HalfType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(type, logits, logitsOffset, shape, options, uniform, uOffset, tokens, tOffset, logProbs, lpOffset);
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
    public static void sample(HalfType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(type, logits, shape, options, uniform, tokens, logProbs);
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
    public static void sample(HalfType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(type, logits, shape, options, uniform, tokens, logProbs);
    }
}
