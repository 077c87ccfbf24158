package dev.logits4j.internal.kernels;

import dev.logits4j.internal.kernels.ClassWeights;

/**
 * One implementation of every op: the pure-Java one, or a native variant. Internal: the facade
 * ({@code dev.logits4j.Logits4j}) has checked every argument before calling, so implementations
 * check nothing and stay plain and comparable.
 *
 * <p>Memory arguments come in pairs {@code (base, index)}: {@code base} is a primitive array of
 * the op's type (index = array index) or an NIO buffer of that type (index = absolute buffer
 * index). A slice along the reduced axis has {@code n} (or {@code c}) elements {@code inner}
 * apart, and there are {@code outer * inner} slices.
 */
public interface Kernels {
    /** Flag for {@link #softmaxF32}: compute log-softmax. */
    int LOG = 1;
    /** Flag for {@link #softmaxF32}: an all -inf slice gives 0 (log: -inf) instead of NaN. */
    int MASKED_ROWS_ZERO = 2;

    /** A short name for {@code info()} and test assertions, e.g. {@code "java"}. */
    String name();

    /**
     * Whether raw native memory can be passed as {@code (RawMemory.INSTANCE, address)}; when not
     * (the Java kernels), the plans pass direct-buffer views of it instead.
     */
    boolean takesRawAddresses();

    void softmaxF32(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                    double invT, int flags);

    void softmaxF64(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                    double invT, int flags);

    void logSumExpF32(Object x, long xi, Object y, long yi, long outer, int n, long inner);

    void logSumExpF64(Object x, long xi, Object y, long yi, long outer, int n, long inner);

    /**
     * Cross-entropy with class-index targets ({@code int[]}, {@code long[]}, {@code IntBuffer} or
     * {@code LongBuffer}); positions whose target equals {@code ignoreIndex} are skipped. Writes
     * each position's loss to {@code out} (the logits' type) unless it is null, and returns the
     * float64 sum of the losses.
     */
    double crossEntropyIndexF32(Object logits, long li, Object targets, long ti, long outer, int c,
                                long inner, ClassWeights weight, long ignoreIndex, double eps,
                                Object out, long oi);

    double crossEntropyIndexF64(Object logits, long li, Object targets, long ti, long outer, int c,
                                long inner, ClassWeights weight, long ignoreIndex, double eps,
                                Object out, long oi);

    /** Cross-entropy with probability targets of the logits' type and shape. */
    double crossEntropyProbF32(Object logits, long li, Object probs, long pi, long outer, int c,
                               long inner, ClassWeights weight, double eps, Object out, long oi);

    double crossEntropyProbF64(Object logits, long li, Object probs, long pi, long outer, int c,
                               long inner, ClassWeights weight, double eps, Object out, long oi);

    // ---- the primitives of the selection pipeline (argmax, top-k, top log-probs, sample run in
    // internal.select on whichever kernels the backend gives) ---------------------------------
    // x is float32 or float64 memory (float[], double[], FloatBuffer, DoubleBuffer) or 16-bit
    // logits wrapped in a HalfInput.




    /**
     * The candidates of one contiguous row {@code x[xi, xi + n)} for selection: every element not
     * below the row's {@code keep}-th largest (ties kept), positions ascending, into {@code c}
     * (which has room for {@link Candidates#capacityFor}{@code (keep)}). Returns their count, or
     * {@link Candidates#NAN_FOUND} when the row holds a NaN, or {@link Candidates#TOO_MANY_TIES}.
     * {@code 1 <= keep}; x as for {@link #argmax}. With {@code firstTies} the caller needs only
     * the first keep in (value descending, index ascending) order (top-k, argmax): of the ties at
     * the threshold the kernel may then return only the first ones, keep entries in all.
     */
    int collectTop(Object x, long xi, int n, int keep, boolean firstTies, Candidates c);

    /**
     * The log-prob of {@code x[xi + t]} in the row {@code x[xi, xi + n)} as log-softmax gives it:
     * {@code (x[t] - m) - log(sum(exp(x - m)))} with m the row's maximum, in float64 (to float32
     * accuracy for float32 rows). Never {@code x[t] - logsumexp(x)}: that difference cancels
     * every digit of the log when |m| is large. With t the position of a maximum it is
     * {@code -log(s)}, from which any other log-prob is {@code (v - m) - log(s)}. NaN when the row
     * holds a NaN or +inf or is all -inf (every log-prob is then NaN, as
     * {@code torch.log_softmax}), or t is outside [0, n).
     */
    double rowLogProb(Object x, long xi, int n, int t);

    /** Elements per block of {@link #sumExpBlocks}. */
    int SUM_BLOCK = 256;

    /**
     * For sampling without top-k: the sum over the row {@code x[xi, xi + n)} of
     * {@code exp((z - max) * invT)} in float64, where z is x except at the sorted token ids
     * {@code ids[0, m)}, whose values are {@code values[0, m)}; the sum of each block of
     * {@link #SUM_BLOCK} elements into {@code blockSums}. x as for {@link #collectTop}.
     */
    double sumExpBlocks(Object x, long xi, int n, double max, double invT, int[] ids,
                        double[] values, int m, double[] blockSums);

    // ---- 16-bit inputs ----------------------------------------------------------------------
    // The logits are float16 (bf16 false) or bfloat16 bits in a short[] or ShortBuffer (absolute
    // index, either byte order), or raw memory for kernels that take addresses; outputs,
    // probability targets and weights are float32, as in the F32 methods. The Java kernels convert
    // a bounded block at a time into float32 scratch and run their F32 kernels (HalfBlocks); the
    // native kernels convert as they load.

    void softmaxHalf(boolean bf16, Object x, long xi, Object y, long yi, long outer, int n,
                     long inner, double invT, int flags);

    void logSumExpHalf(boolean bf16, Object x, long xi, Object y, long yi, long outer, int n,
                       long inner);

    double crossEntropyIndexHalf(boolean bf16, Object logits, long li, Object targets, long ti,
                                 long outer, int c, long inner, ClassWeights weight,
                                 long ignoreIndex, double eps, Object out, long oi);

    double crossEntropyProbHalf(boolean bf16, Object logits, long li, Object probs, long pi,
                                long outer, int c, long inner, ClassWeights weight, double eps,
                                Object out, long oi);
}
