package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import java.util.random.RandomGenerator;

/**
 * Numerically stable softmax, log-softmax, log-sum-exp, cross-entropy and the serving step
 * (argmax, top-k, top log-probs, sampling) over float32, float64, float16 and bfloat16 tensors,
 * with PyTorch's semantics (see SPEC.md in the repository).
 *
 * <h2>Tensors</h2>
 * Every op takes {@link Tensor} views: contiguous row-major memory with a dtype and a shape, made
 * once from a Java array, an NIO buffer (heap or direct, either byte order), native memory
 * ({@link OffHeap}) or a {@code MemorySegment} ({@code Segments}). Ops reduce along {@code axis} in
 * {@code [-rank, rank)} (negative counts from the end). {@link #ops()} has one method per op;
 * this class holds shortcuts for one float32 row: the op on a 1-d view of the array, with the
 * same checks, without making the view on every call.
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
 * never an access outside the operands. With views made once and reused, a call allocates
 * nothing on a platform thread (see {@link Ops}); the methods that return a new array allocate
 * it.
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
     * Every op on views, on the automatic backend choice ({@link Backend#auto()}).
     *
     * @return the ops
     */
    public static Ops ops() {
        return AUTO;
    }

    /**
     * Every op on one backend, e.g. {@code Logits4j.with(Backend.java())}: for A/B checks, tests
     * and tools that must name the implementation, whatever the JVM-wide choice.
     *
     * @param backend the backend to run on
     * @return the ops on {@code backend}
     */
    public static Ops with(Backend backend) {
        return new Ops(Checks.notNull(backend, "backend"));
    }

    /**
     * Which implementation {@link Backend#auto()} uses, and why. Resolves the choice if needed.
     *
     * @return the implementation in use, and why
     */
    public static BackendInfo info() {
        return AUTO.info();
    }

    /**
     * Softmax of a 1-d array, into a new array ({@link Ops#softmax(Tensor, Tensor, int)}).
     *
     * @param x the logits
     * @return {@code softmax(x)}
     */
    public static float[] softmax(float[] x) {
        return AUTO.softmax(x);
    }

    /**
     * Log-softmax of a 1-d array, into a new array ({@link Ops#logSoftmax(Tensor, Tensor, int)}).
     *
     * @param x the logits
     * @return {@code log_softmax(x)}
     */
    public static float[] logSoftmax(float[] x) {
        return AUTO.logSoftmax(x);
    }

    /**
     * Log-sum-exp of a 1-d array ({@link Ops#logSumExp(Tensor, Tensor, int)}).
     *
     * @param x the values
     * @return {@code log(sum(exp(x)))}, -inf for an empty array
     */
    public static float logSumExp(float[] x) {
        return AUTO.logSumExp(x);
    }

    /**
     * The index of the first maximum of a non-empty 1-d array ({@link Ops#argmax(Tensor, int, Tensor)}).
     *
     * @param x the values
     * @return the index (of the first NaN if any)
     */
    public static int argmax(float[] x) {
        return AUTO.argmax(x);
    }

    /**
     * The mean cross-entropy of {@code targets.length} rows of logits
     * ({@link Ops#crossEntropy(Tensor, Tensor, CrossEntropyOptions)} with the defaults).
     *
     * @param logits {@code [N, C]} row-major, {@code N = targets.length}
     * @param targets the class of each row, in {@code [0, C)}
     * @return the mean loss
     */
    public static float crossEntropy(float[] logits, int[] targets) {
        Checks.notNull(logits, "logits");
        int n = Checks.notNull(targets, "targets").length;
        if (n == 0 || logits.length % n != 0) {
            throw new IllegalArgumentException("logits holds " + logits.length + " values, which is "
                    + "not a whole number of rows for " + n + " targets");
        }
        return (float) AUTO.crossEntropyRows(logits, n, logits.length / n, targets);
    }

    /**
     * One token drawn from one row of logits through the sampling pipeline
     * ({@link Ops#sample(Tensor, SamplingOptions, RandomGenerator)}).
     *
     * @param logits the row
     * @param options the pipeline ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param random the caller-seeded generator (one {@code nextDouble()})
     * @return the token, or -1 when the row has no distribution
     */
    public static int sample(float[] logits, SamplingOptions options, RandomGenerator random) {
        return AUTO.sampleRow(logits, options, random);
    }
}
