package dev.logits4j.internal.kernels;

import dev.logits4j.DType;

/**
 * One implementation of every op: the pure-Java one, or a native variant. One method per op (and
 * one per primitive of the selection pipeline); the logits' {@link DType} travels with their
 * memory, so an implementation adapts each memory kind and dtype in one place. Internal: the plans
 * have checked every argument (shapes, capacities, dtypes, overlap) before calling, so
 * implementations check nothing and stay plain and comparable.
 *
 * <p>Memory arguments come in pairs {@code (base, index)}: {@code base} is a primitive array of
 * the operand's dtype (index = array index; 16-bit logits are a {@code short[]} of their bits), an
 * NIO buffer of it (index = absolute buffer index; either byte order), or {@link
 * dev.logits4j.internal.memory.RawMemory#INSTANCE} (index = address) for kernels that
 * {@link #takesRawAddresses}. Outputs, probability targets and weights have the logits' dtype,
 * float32 for 16-bit logits. A slice along the reduced axis has {@code n} (or {@code c})
 * elements {@code inner} apart, and there are {@code outer * inner} slices.
 */
public interface Kernels {
    /** Flag for {@link #softmax}: compute log-softmax. */
    int LOG = 1;
    /** Flag for {@link #softmax}: an all -inf slice gives 0 (log: -inf) instead of NaN. */
    int MASKED_ROWS_ZERO = 2;

    /** A short name for {@code info()} and test assertions, e.g. {@code "java"}. */
    String name();

    /**
     * Whether raw native memory can be passed as {@code (RawMemory.INSTANCE, address)}; when not
     * (the Java kernels), the plans pass direct-buffer views of it instead.
     */
    boolean takesRawAddresses();

    /** softmax (or with {@link #LOG} log-softmax) of {@code x * invT} along the slices. */
    void softmax(DType type, Object x, long xi, Object y, long yi, long outer, int n, long inner,
                 double invT, int flags);

    /** log-sum-exp of each slice into {@code y} ({@code outer * inner} values). */
    void logSumExp(DType type, Object x, long xi, Object y, long yi, long outer, int n, long inner);

    /**
     * Cross-entropy of logits of {@code type} against {@code targets} of {@code targetType}:
     * class indices ({@link DType#I32}, {@link DType#I64}; positions whose target equals
     * {@code ignoreIndex} are skipped) or probabilities (a floating dtype: the logits' values
     * dtype, and the logits' shape; {@code ignoreIndex} unused). Writes each position's loss to
     * {@code out} unless it is null, and returns the float64 sum of the losses.
     */
    double crossEntropy(DType type, Object logits, long li, DType targetType, Object targets,
                        long ti, long outer, int c, long inner, ClassWeights weight,
                        long ignoreIndex, double eps, Object out, long oi);

    /**
     * {@link #crossEntropy}'s loss (the same float64 sum, bit for bit, as {@code out == null}
     * returns) and its gradient with respect to the logits into {@code grad} (the logits' values
     * dtype and layout; may be the logits themselves, same index: in place). Position p's
     * gradient is {@code k_p (A_p softmax(x_p) - a_p)}, where the loss of p is
     * {@code -sum_c a_pc log softmax(x_p)_c}, {@code A_p = sum_c a_pc}, and
     * {@code k_p = scale * upstream[ui + p]} ({@code scale} alone when {@code upstream} is null);
     * an ignored position's gradient is 0.
     */
    double crossEntropyWithGradient(DType type, Object logits, long li, DType targetType,
                                    Object targets, long ti, long outer, int c, long inner,
                                    ClassWeights weight, long ignoreIndex, double eps, double scale,
                                    Object upstream, long ui, Object grad, long gi);

    /**
     * The vector-Jacobian product of softmax ({@code gx = y (g - <g, y>)}) or, with {@code log},
     * of log-softmax ({@code gx = g - exp(y) sum g}) from the forward output {@code y} and the
     * upstream gradient {@code g}, along the slices; y, g and gx have one dtype (float32 or
     * float64), and gx may be y or g (same index: in place).
     */
    void softmaxBackward(DType type, Object y, long yi, Object g, long gi, Object gx, long gxi,
                         long outer, int n, long inner, boolean log);

    // ---- the primitives of the selection pipeline (argmax, top-k, top log-probs, sample run in
    // internal.select on whichever kernels the backend gives) ---------------------------------

    /**
     * The candidates of one contiguous row {@code x[xi, xi + n)} for selection: every element not
     * below the row's {@code keep}-th largest (ties kept), positions ascending, into {@code c}
     * (which has room for {@link Candidates#capacityFor}{@code (keep)}). Returns their count, or
     * {@link Candidates#NAN_FOUND} when the row holds a NaN, or {@link Candidates#TOO_MANY_TIES}.
     * {@code 1 <= keep}. With {@code firstTies} the caller needs only the first keep in (value
     * descending, index ascending) order (top-k, argmax): of the ties at the threshold the kernel
     * may then return only the first ones, keep entries in all.
     */
    int collectTop(DType type, Object x, long xi, int n, int keep, boolean firstTies, Candidates c);

    /**
     * The log-prob of {@code x[xi + t]} in the row {@code x[xi, xi + n)} as log-softmax gives it:
     * {@code (x[t] - m) - log(sum(exp(x - m)))} with m the row's maximum, in float64 (to float32
     * accuracy for float32 rows). Never {@code x[t] - logsumexp(x)}: that difference cancels
     * every digit of the log when |m| is large. With t the position of a maximum it is
     * {@code -log(s)}, from which any other log-prob is {@code (v - m) - log(s)}. NaN when the row
     * holds a NaN or +inf or is all -inf (every log-prob is then NaN, as
     * {@code torch.log_softmax}), or t is outside [0, n).
     */
    double rowLogProb(DType type, Object x, long xi, int n, int t);

    /** Elements per block of {@link #sumExpBlocks}. */
    int SUM_BLOCK = 256;

    /**
     * For sampling without top-k: the sum over the row {@code x[xi, xi + n)} of
     * {@code exp((z - max) * invT)} in float64, where z is x except at the sorted token ids
     * {@code ids[0, m)}, whose values are {@code values[0, m)}; the sum of each block of
     * {@link #SUM_BLOCK} elements into {@code blockSums}.
     */
    double sumExpBlocks(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                        double[] values, int m, double[] blockSums);

    /** {@link #massDigit}'s scratch: 8 copies of 4096 buckets, a spare slot per 64, a sink. */
    int MASS_HIST = 8 * (4096 + 64 + 1);

    /**
     * Top-p without top-k over a whole vocabulary (issue 23), on the processed row z of
     * {@link #sumExpBlocks} with the weights {@code exp((z - max) * invT)}: over the tokens whose
     * unsigned order-preserving key ({@code internal.select.RadixSelect.key} with its sign bit
     * flipped) has the top {@code prefixBits} bits of {@code prefix}, the sum of their weights per
     * value b of the next {@code digitBits} bits into {@code hist[b]}, b < 2^digitBits ({@code hist}:
     * scratch of at least {@link #MASS_HIST}, cleared here; {@code digitBits <= 12},
     * {@code prefixBits + digitBits <= 64}); {@code stats[0..2]} = the smallest and largest such
     * key (unsigned) and their count. Returns their total weight. The sums need only be accurate
     * (float64 sums of float64 exps, in any order): the caller certifies its answer.
     */
    double massDigit(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                     double[] values, int m, long prefix, int prefixBits, int digitBits,
                     double[] hist, long[] stats);

    /**
     * For {@link #massDigit}'s caller's draw: the weight per block of {@link #SUM_BLOCK} into
     * {@code blockSums} of the kept tokens, those whose unsigned key is above {@code boundary}, or
     * equal to it and among the first {@code tiesKept} such in index order; {@code lastTie[0]} =
     * the index of the last of those ties (-1: none). Returns the total.
     */
    double keptBlockSums(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                         double[] values, int m, long boundary, long tiesKept, double[] blockSums,
                         long[] lastTie);

    /**
     * Tie floods (issue 23): bit {@code j % 32} of {@code out[j / 32]} is set when
     * {@code x[xi + j] == v} as values (-0.0 equals 0.0, a NaN equals nothing), for j < n; the
     * bits past n are 0. {@code out} has at least ceil(n / 32) words. Returns how many are set.
     * The sampling pipeline counts and locates the members of a flood of tokens tied at one
     * value in these words instead of expanding it ({@code internal.select.TieClass}).
     */
    int equalBits(DType type, Object x, long xi, int n, double v, int[] out);
}
