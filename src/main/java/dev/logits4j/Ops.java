package dev.logits4j;

import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.plan.ArgmaxPlan;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.CrossEntropyPlan;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.LogSumExpPlan;
import dev.logits4j.internal.plan.Operand;
import dev.logits4j.internal.plan.RowStatisticsPlan;
import dev.logits4j.internal.plan.SamplePlan;
import dev.logits4j.internal.plan.SoftmaxPlan;
import dev.logits4j.internal.plan.TopKPlan;
import dev.logits4j.internal.plan.VerifyPlan;
import dev.logits4j.internal.select.MaskedSelection;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Every op, on {@link Tensor} views, on one {@link Backend}: {@link Logits4j#ops()} runs the
 * automatic choice, {@code Logits4j.with(Backend.java())} the pure-Java implementation,
 * {@code Logits4j.with(Backend.nativeVariant("avx2"))} one native variant. One method per op; the
 * views carry the memory, the dtype and the input's shape, so every op takes every dtype and
 * every kind of memory. {@link #parallel} gives the same ops split across an executor ({@link
 * #verify} excepted: it runs on the caller's thread).
 * Immutable and thread-safe.
 *
 * <h2>Semantics</h2>
 * PyTorch's (SPEC.md in the repository; docs/SEMANTICS.md): softmax and log-softmax of
 * {@code x / T} along {@code axis}, log-sum-exp, cross-entropy from logits with every option of
 * {@code torch.nn.functional.cross_entropy}, argmax, top-k, top log-probs and the sampling
 * pipeline of docs/SAMPLING.md. Log-space results come from log-sum-exp directly, never from the
 * log of a softmax. The results of 16-bit logits are {@link DType#F32}; the results of F32 and
 * F64 logits have their dtype.
 *
 * <h2>Errors</h2>
 * Every argument is checked before any work, with a message that names the argument and the
 * value: {@link IllegalArgumentException} for a bad axis, option, dtype, target, token id, draw
 * or overlap of an input and an output (softmax and log-softmax may write over their input: the
 * same memory, the same first element), {@link IndexOutOfBoundsException} when an output holds
 * fewer elements than the op writes, {@link NullPointerException} for a null argument,
 * {@link java.nio.ReadOnlyBufferException} for a read-only output, {@link IllegalStateException}
 * when a forced native backend cannot load. No argument makes the library touch memory outside
 * the views passed, and memory rewritten by another thread during a call gives wrong numbers in
 * that call's outputs or an exception, never a crash.
 *
 * <h2>Allocation</h2>
 * With views made once and reused, a call allocates nothing on a platform thread (measured per
 * op, memory kind and backend by {@code AllocationTest}); the methods that return a new array
 * allocate it, and the parallel form allocates its tasks.
 */
public final class Ops {
    private final Backend backend;
    private final KernelSource kernels;
    private final Executor executor;   // null: every call runs on the caller's thread
    private final int tasks;
    private final Training training;

    Ops(Backend backend) {
        this(backend, null, 1);
    }

    private Ops(Backend backend, Executor executor, int tasks) {
        this.backend = backend;
        this.kernels = backend.source();
        this.executor = executor;
        this.tasks = tasks;
        this.training = new Training(kernels);
    }

    /**
     * The backend these ops run on.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Which implementation this backend runs, and why.
     *
     * @return the implementation and the reason it was chosen
     */
    public BackendInfo info() {
        return backend.info();
    }

    /**
     * The ops around the loss on this backend: token log-probs, cross-entropy with its gradient,
     * softmax's and log-softmax's backward (on the calling thread, also for parallel ops).
     *
     * @return the training ops
     */
    public Training training() {
        return training;
    }

    /**
     * The same ops, each call split by leading rows into at most {@code tasks} chunks run on
     * {@code executor}. The calling thread runs chunks too, so a busy, saturated or shut-down
     * executor slows a call but never hangs it. Results equal the serial call's bit for bit
     * (every chunk runs the kernels chosen for the whole call), except that a mean or sum
     * cross-entropy adds the chunks' float64 sums in chunk order.
     *
     * @param executor runs the chunks (the caller's pool; never shut down by this library)
     * @param tasks the most chunks one call is split into (1: serial)
     * @return ops on this backend that split their calls
     */
    public Ops parallel(Executor executor, int tasks) {
        Checks.notNull(executor, "executor");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks " + tasks + " must be at least 1");
        }
        return new Ops(backend, executor, tasks);
    }

    // ---- softmax, log-softmax, log-sum-exp ----------------------------------------------------

    /**
     * Softmax along {@code axis}: {@code y = exp(x - m) / sum(exp(x - m))}, {@code m = max(x)}.
     * A slice with NaN or +inf gives NaN everywhere; an all -inf slice gives NaN (see
     * {@link SoftmaxOptions#withMaskedRowsZero}).
     *
     * @param x the input (F32, F64, F16 or BF16)
     * @param y the output: x's dtype (F32 for 16-bit x), at least x's size; may be x (in place)
     * @param axis the axis, in {@code [-rank, rank)}
     */
    public void softmax(Tensor x, Tensor y, int axis) {
        normalise(x, y, axis, SoftmaxOptions.DEFAULT, false);
    }

    /**
     * Softmax of {@code x / T} along {@code axis}, with the options' temperature and masked-row
     * rule.
     *
     * @param x the input (F32, F64, F16 or BF16)
     * @param y the output: x's dtype (F32 for 16-bit x), at least x's size; may be x (in place)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param options temperature and masked rows ({@link SoftmaxOptions#DEFAULT})
     */
    public void softmax(Tensor x, Tensor y, int axis, SoftmaxOptions options) {
        normalise(x, y, axis, options, false);
    }

    /**
     * Log-softmax along {@code axis}: {@code y = (x - m) - log(sum(exp(x - m)))}, computed from
     * the log-sum-exp directly.
     *
     * @param x the input (F32, F64, F16 or BF16)
     * @param y the output: x's dtype (F32 for 16-bit x), at least x's size; may be x (in place)
     * @param axis the axis, in {@code [-rank, rank)}
     */
    public void logSoftmax(Tensor x, Tensor y, int axis) {
        normalise(x, y, axis, SoftmaxOptions.DEFAULT, true);
    }

    /**
     * Log-softmax of {@code x / T} along {@code axis}, with the options' temperature and
     * masked-row rule.
     *
     * @param x the input (F32, F64, F16 or BF16)
     * @param y the output: x's dtype (F32 for 16-bit x), at least x's size; may be x (in place)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param options temperature and masked rows ({@link SoftmaxOptions#DEFAULT})
     */
    public void logSoftmax(Tensor x, Tensor y, int axis, SoftmaxOptions options) {
        normalise(x, y, axis, options, true);
    }

    /**
     * Log-sum-exp along {@code axis}, one value per slice (x's shape without the axis): NaN for any
     * NaN, +inf for any +inf, -inf for an all -inf or empty slice.
     *
     * @param x the input (F32, F64, F16 or BF16)
     * @param y the output: x's dtype (F32 for 16-bit x), at least one element per slice
     * @param axis the axis, in {@code [-rank, rank)}
     */
    public void logSumExp(Tensor x, Tensor y, int axis) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Dims d = x.dims(axis);
        if (executor == null) {
            LogSumExpPlan.run(kernels, x.input("x"), y.output("y"), d, -1);
            return;
        }
        LogSumExpPlan.run(CHECK_ONLY, x.input("x"), y.output("y"), d, -1);
        KernelSource whole = wholeCall(d.count);
        split(d, true, (first, count) -> LogSumExpPlan.run(whole,
                rows(x, d, first, count).input("x"), outRows(y, d, first, count).output("y"),
                d.withOuter(count), -1));
    }

    /**
     * The entropy of {@code softmax(x)} along {@code axis}, one value per slice (nats):
     * {@code -sum p log p}, computed from the logits in float64 as {@code log s - sum e (x - m) / s}
     * (m the slice's maximum, e = exp(x - m), s = sum e), never from a softmax row. A token of logit
     * -inf adds 0; NaN for a slice with a NaN or +inf, all -inf, or empty. The same Java code on
     * every backend.
     *
     * @param x the logits (F32, F64, F16 or BF16)
     * @param y the output: x's dtype (F32 for 16-bit x), at least one element per slice
     * @param axis the axis, in {@code [-rank, rank)}
     */
    public void entropy(Tensor x, Tensor y, int axis) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Dims d = x.dims(axis);
        if (executor == null) {
            RowStatisticsPlan.entropy(kernels, x.input("x"), y.output("y"), d);
            return;
        }
        RowStatisticsPlan.entropy(CHECK_ONLY, x.input("x"), y.output("y"), d);
        KernelSource whole = wholeCall(d.count);
        split(d, true, (first, count) -> RowStatisticsPlan.entropy(whole,
                rows(x, d, first, count).input("x"), outRows(y, d, first, count).output("y"),
                d.withOuter(count)));
    }

    /**
     * {@code KL(softmax(p) || softmax(q))} along {@code axis}, one value per slice (nats):
     * {@code sum P (log P - log Q)} from the logits in float64, in log space (log P and log Q from
     * each slice's log-sum-exp, never a softmax row). A token with P = 0 adds 0; P > 0 where
     * Q = 0 gives +inf; NaN when either slice has a NaN or +inf, is all -inf, or is empty. The
     * same Java code on every backend.
     *
     * @param p the logits of P (F32, F64, F16 or BF16)
     * @param q the logits of Q: p's dtype and shape
     * @param y the output: p's dtype (F32 for 16-bit p), at least one element per slice
     * @param axis the axis, in {@code [-rank, rank)}
     */
    public void klDivergence(Tensor p, Tensor q, Tensor y, int axis) {
        Checks.notNull(p, "p");
        Checks.notNull(q, "q");
        Checks.notNull(y, "y");
        Dims d = p.dims(axis);
        Dims dq = q.dims(axis);
        if (Tensor.segments(p, q, y, null)) {
            Tensor.refuseSharedSegments(2, KL_NAMES, p, q, y);
        }
        if (executor == null) {
            RowStatisticsPlan.kl(kernels, p.input("p"), q.input("q"), dq, y.output("y"), d);
            return;
        }
        RowStatisticsPlan.kl(CHECK_ONLY, p.input("p"), q.input("q"), dq, y.output("y"), d);
        KernelSource whole = wholeCall(d.count);
        split(d, true, (first, count) -> RowStatisticsPlan.kl(whole,
                rows(p, d, first, count).input("p"), rows(q, dq, first, count).input("q"),
                dq.withOuter(count), outRows(y, d, first, count).output("y"), d.withOuter(count)));
    }

    private void normalise(Tensor x, Tensor y, int axis, SoftmaxOptions options, boolean log) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.notNull(options, "options");
        Dims d = x.dims(axis);
        double t = options.temperature();
        boolean zero = options.maskedRowsZero();
        if (executor == null) {
            SoftmaxPlan.run(kernels, x.input("x"), y.output("y"), d, t, zero, log, -1);
            return;
        }
        SoftmaxPlan.run(CHECK_ONLY, x.input("x"), y.output("y"), d, t, zero, log, -1);
        KernelSource whole = wholeCall(d.count);
        split(d, true, (first, count) -> SoftmaxPlan.run(whole, rows(x, d, first, count).input("x"),
                rows(y, d, first, count).output("y"), d.withOuter(count), t, zero, log, -1));
    }

    // ---- cross-entropy ---------------------------------------------------------------------

    /**
     * Cross-entropy from logits, reduced (mean or sum): as {@code torch.nn.functional.cross_entropy}
     * with the options' class weights, ignore index, label smoothing and reduction.
     *
     * @param logits {@code [N, C, d1, ...]} or {@code [C]} (F32, F64, F16 or BF16)
     * @param targets class indices (I32 or I64, shape {@code [N, d1, ...]}) or class
     *        probabilities (the logits' dtype, F32 for 16-bit logits, the logits' shape)
     * @param options weights, ignore index, label smoothing, reduction MEAN or SUM
     * @return the loss
     */
    public double crossEntropy(Tensor logits, Tensor targets, CrossEntropyOptions options) {
        return crossEntropyRun(logits, targets, null, options);
    }

    /**
     * Cross-entropy from logits into {@code out}: one loss per position for reduction NONE, the
     * reduced loss in {@code out}'s first element otherwise.
     *
     * @param logits {@code [N, C, d1, ...]} or {@code [C]} (F32, F64, F16 or BF16)
     * @param targets class indices (I32 or I64, shape {@code [N, d1, ...]}) or class
     *        probabilities (the logits' dtype, F32 for 16-bit logits, the logits' shape)
     * @param out the losses: the logits' dtype (F32 for 16-bit logits)
     * @param options weights, ignore index, label smoothing, reduction
     * @return the reduced loss (for reduction NONE: the float64 sum of the losses written)
     */
    public double crossEntropy(Tensor logits, Tensor targets, Tensor out, CrossEntropyOptions options) {
        return crossEntropyRun(logits, targets, Checks.notNull(out, "out"), options);
    }

    private double crossEntropyRun(Tensor logits, Tensor targets, Tensor out,
                                   CrossEntropyOptions options) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(options, "options");
        Dims d = logits.dims(logits.rank() >= 2 ? 1 : 0);
        if (executor == null || d.outer <= 1) {
            return CrossEntropyPlan.run(kernels, logits.input("logits"), d, targets.input("targets"),
                    targets.dtype().isFloating(), out == null ? null : out.output("out"),
                    options.weightInternal(), options.ignoreIndex(), options.reduction(),
                    options.labelSmoothing());
        }
        return CrossEntropySplit.run(this, logits, targets, out, d, options);
    }

    // ---- selection and sampling ----------------------------------------------------------------

    /**
     * The index of the maximum along {@code axis} (the first maximum; a NaN counts as the maximum
     * and the first NaN wins, as {@code torch.argmax}).
     *
     * @param x the input (F32, F64, F16 or BF16)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out one index per slice (I32 or I64)
     */
    public void argmax(Tensor x, int axis, Tensor out) {
        Checks.notNull(x, "x");
        Checks.notNull(out, "out");
        Dims d = x.dims(axis);
        if (Tensor.segments(x, out, null, null)) {
            Tensor.refuseSharedSegments(1, ARGMAX_NAMES, x, out);
        }
        if (executor == null) {
            ArgmaxPlan.run(kernels, x.input("x"), out.output("out"), d);
            return;
        }
        ArgmaxPlan.run(CHECK_ONLY, x.input("x"), out.output("out"), d);
        KernelSource whole = wholeCall(d.count);
        split(d, false, (first, count) -> ArgmaxPlan.run(whole, rows(x, d, first, count).input("x"),
                outRows(out, d, first, count).output("out"), d.withOuter(count)));
    }

    /**
     * {@link #argmax(Tensor, int, Tensor)} along the last axis over each row's allowed tokens
     * (the argmax of the row with the disallowed tokens at -inf, but never a disallowed token):
     * -1 for a row allowing none.
     *
     * @param x the input {@code [..., n]} (F32, F64, F16 or BF16)
     * @param mask {@code [rows, words]} int32 words (I32), bit {@code j % 32} of word
     *        {@code j / 32} set = token j allowed (see {@link #sample(Tensor, Tensor,
     *        SamplingOptions, Tensor, Tensor, Tensor)})
     * @param out one index per row (I32 or I64)
     */
    public void argmax(Tensor x, Tensor mask, Tensor out) {
        Checks.notNull(x, "x");
        Checks.notNull(mask, "mask");
        Checks.notNull(out, "out");
        Dims d = x.dims(-1);
        Dims md = mask.dims(-1);
        if (Tensor.segments(x, mask, out, null)) {
            Tensor.refuseSharedSegments(2, MASKED_ARGMAX_NAMES, x, mask, out);
        }
        if (executor == null) {
            ArgmaxPlan.run(kernels, x.input("x"), mask.input("mask"), md, out.output("out"), d);
            return;
        }
        ArgmaxPlan.run(CHECK_ONLY, x.input("x"), mask.input("mask"), md, out.output("out"), d);
        KernelSource whole = wholeCall(d.count);
        split(d, false, (first, count) -> ArgmaxPlan.run(whole, rows(x, d, first, count).input("x"),
                rows(mask, md, first, count).input("mask"), md.withOuter(count),
                outRows(out, d, first, count).output("out"), d.withOuter(count)));
    }

    /**
     * The {@code k} largest values of each row of the last axis, by value descending, ties by
     * lower index first (as {@code torch.topk(sorted=True)}; a NaN counts as the largest).
     *
     * @param x the logits {@code [..., n]} (F32, F64, F16 or BF16)
     * @param k how many per row, in {@code [0, n]}
     * @param values {@code k} values per row: x's dtype (F32 for 16-bit x)
     * @param indices {@code k} indices per row (I32 or I64)
     */
    public void topK(Tensor x, int k, Tensor values, Tensor indices) {
        select(x, k, false, values, indices);
    }

    /**
     * The {@code k} most likely tokens of each row of the last axis with their log-probabilities
     * ({@code log_softmax(x)} at those tokens, computed from the row's log-sum-exp), in top-k
     * order.
     *
     * @param x the logits {@code [..., n]} (F32, F64, F16 or BF16)
     * @param k how many per row, in {@code [0, n]}
     * @param values {@code k} log-probs per row: x's dtype (F32 for 16-bit x)
     * @param indices {@code k} token ids per row (I32 or I64)
     */
    public void topLogProbs(Tensor x, int k, Tensor values, Tensor indices) {
        select(x, k, true, values, indices);
    }

    /**
     * {@link #topK(Tensor, int, Tensor, Tensor)} over each row's allowed tokens: the top k of the
     * row with the disallowed tokens at -inf, but never a disallowed token: a row allowing fewer
     * than k tokens fills the slots past them with index -1 and value -inf.
     *
     * @param x the logits {@code [..., n]} (F32, F64, F16 or BF16)
     * @param mask {@code [rows, words]} int32 words (I32), bit {@code j % 32} of word
     *        {@code j / 32} set = token j allowed
     * @param k how many per row, in {@code [0, n]}
     * @param values {@code k} values per row: x's dtype (F32 for 16-bit x)
     * @param indices {@code k} indices per row (I32 or I64)
     */
    public void topK(Tensor x, Tensor mask, int k, Tensor values, Tensor indices) {
        Checks.notNull(mask, "mask");
        select(x, mask, k, MaskedSelection.VALUES, values, indices);
    }

    /**
     * {@link #topLogProbs(Tensor, int, Tensor, Tensor)} over each row's allowed tokens (slots
     * past them: index -1, log-prob -inf). The log-probs are either the model's,
     * {@code log_softmax(x)} over the whole row ({@code renormalize} false: what the unmasked
     * call reports for the same tokens, and what {@code sample} reports under a mask), or
     * renormalised over the allowed tokens, {@code log_softmax} of the row with the disallowed
     * tokens at -inf ({@code renormalize} true: the distribution a masked T = 1 sample draws
     * from).
     *
     * @param x the logits {@code [..., n]} (F32, F64, F16 or BF16)
     * @param mask {@code [rows, words]} int32 words (I32), bit {@code j % 32} of word
     *        {@code j / 32} set = token j allowed
     * @param k how many per row, in {@code [0, n]}
     * @param renormalize log-probs over the allowed tokens (true) or the whole row (false)
     * @param values {@code k} log-probs per row: x's dtype (F32 for 16-bit x)
     * @param indices {@code k} token ids per row (I32 or I64)
     */
    public void topLogProbs(Tensor x, Tensor mask, int k, boolean renormalize, Tensor values,
                            Tensor indices) {
        Checks.notNull(mask, "mask");
        select(x, mask, k, renormalize ? MaskedSelection.RENORMALISED : MaskedSelection.RAW,
                values, indices);
    }

    private void select(Tensor x, int k, boolean logProbs, Tensor values, Tensor indices) {
        select(x, null, k, logProbs ? MaskedSelection.RAW : MaskedSelection.VALUES, values, indices);
    }

    private void select(Tensor x, Tensor mask, int k, int mode, Tensor values, Tensor indices) {
        Checks.notNull(x, "x");
        Checks.notNull(values, "values");
        Checks.notNull(indices, "indices");
        Dims d = x.dims(-1);
        Dims md = mask == null ? null : mask.dims(-1);
        if (Tensor.segments(x, values, indices, mask)) {
            Tensor.refuseSharedSegments(2, TOPK_NAMES, x, mask, values, indices);
        }
        if (executor == null) {
            TopKPlan.run(kernels, x.input("x"), d, mask == null ? null : mask.input("mask"), md, k,
                    mode, values.output("values"), indices.output("indices"));
            return;
        }
        TopKPlan.run(CHECK_ONLY, x.input("x"), d, mask == null ? null : mask.input("mask"), md, k,
                mode, values.output("values"), indices.output("indices"));
        KernelSource whole = wholeCall(d.count);
        split(d, false, (first, count) -> TopKPlan.run(whole, rows(x, d, first, count).input("x"),
                d.withOuter(count),
                mask == null ? null : rows(mask, md, first, count).input("mask"),
                mask == null ? null : md.withOuter(count), k, mode,
                values.rows(first * k, count * k, new int[] {(int) (count * k)}).output("values"),
                indices.rows(first * k, count * k, new int[] {(int) (count * k)}).output("indices")));
    }

    /**
     * One token per row through the sampling pipeline of docs/SAMPLING.md (logit bias, penalties,
     * temperature with T = 0 greedy, top-k keeping ties, top-p, min-p), drawn by inverse CDF in
     * vocabulary order with the row's draw {@code u}: the token is the first index whose running
     * sum of kept probabilities exceeds {@code u * S}. A row whose processed logits hold a NaN or
     * +inf, or are all -inf, has no distribution: its token is -1 and its log-prob NaN.
     *
     * @param logits {@code [..., vocab]}: every leading position is a row (F32, F64, F16, BF16)
     * @param options the pipeline ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (F64), read once before any work
     * @param tokens the chosen token per row (I32 or I64)
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]} (the logits' dtype,
     *        F32 for 16-bit logits), or null for none
     */
    public void sample(Tensor logits, SamplingOptions options, Tensor uniform, Tensor tokens,
                       Tensor logProbs) {
        Checks.notNull(logits, "logits");
        Checks.notNull(options, "options");
        Checks.notNull(uniform, "uniform");
        Checks.notNull(tokens, "tokens");
        Dims d = logits.dims(-1);
        if (Tensor.segments(logits, uniform, tokens, logProbs)) {
            Tensor.refuseSharedSegments(2, SAMPLE_NAMES, logits, uniform, tokens, logProbs);
        }
        if (executor == null) {
            SamplePlan.run(kernels, logits.input("logits"), d, options.settings(),
                    uniform.input("uniform"), tokens.output("tokens"),
                    logProbs == null ? null : logProbs.output("logProbs"));
            return;
        }
        SampleSplit.run(this, logits, d, options, uniform, tokens, logProbs);
    }

    /**
     * {@link #sample(Tensor, SamplingOptions, Tensor, Tensor, Tensor)} restricted to each row's
     * allowed tokens (structured output: the bitmask a grammar engine such as XGrammar or
     * llguidance produces every step). A disallowed token's processed logit is -inf whatever its
     * logit, bias or penalties, so it is never returned; a row allowing no token of finite logit
     * has no distribution (token -1). The mask is read, never written into the logits; the
     * log-probs stay those of the unmasked row ({@code log_softmax(logits)[token]}).
     *
     * @param logits {@code [..., vocab]}: every leading position is a row
     * @param mask {@code [rows, words]} int32 words (I32): bit {@code j % 32} of word {@code j / 32}
     *        set = token j allowed; a row of fewer than {@code ceil(vocab / 32)} words disallows
     *        the tokens past it, bits past the vocabulary are ignored
     * @param options the pipeline ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row (F64), read once before any work
     * @param tokens the chosen token per row (I32 or I64)
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     */
    public void sample(Tensor logits, Tensor mask, SamplingOptions options, Tensor uniform,
                       Tensor tokens, Tensor logProbs) {
        Checks.notNull(logits, "logits");
        Checks.notNull(mask, "mask");
        Checks.notNull(options, "options");
        Checks.notNull(uniform, "uniform");
        Checks.notNull(tokens, "tokens");
        Dims d = logits.dims(-1);
        Dims md = mask.dims(-1);
        if (Tensor.segments(logits, uniform, tokens, logProbs) || mask.isSegment()) {
            Tensor.refuseSharedSegments(3, MASKED_SAMPLE_NAMES, logits, mask, uniform, tokens,
                    logProbs);
        }
        if (executor == null) {
            SamplePlan.run(kernels, logits.input("logits"), d, options.settings(),
                    mask.input("mask"), md, uniform.input("uniform"), tokens.output("tokens"),
                    logProbs == null ? null : logProbs.output("logProbs"));
            return;
        }
        SampleSplit.run(this, logits, d, mask, md, options, uniform, tokens, logProbs);
    }

    /**
     * {@link #sample(Tensor, SamplingOptions, Tensor, Tensor, Tensor)} with the draws taken from
     * {@code random} (one {@code nextDouble()} per row, in row order, once every argument has been
     * checked: a refused call draws nothing), into a new array.
     *
     * @param logits {@code [..., vocab]}: every leading position is a row
     * @param options the pipeline ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param random the caller-seeded generator (e.g. {@code new SplittableRandom(seed)})
     * @return the token per row
     */
    public int[] sample(Tensor logits, SamplingOptions options, RandomGenerator random) {
        Checks.notNull(logits, "logits");
        Checks.notNull(options, "options");
        Checks.notNull(random, "random");
        Dims d = logits.dims(-1);
        if (executor == null) {
            return SamplePlan.newTokens(kernels, logits.input("logits"), d, options.settings(), null,
                    random);
        }
        // checked and drawn for the whole call first, then sampled in chunks from those draws
        double[] draws = SamplePlan.checkedDraws(logits.input("logits"), d, options.settings(),
                random);
        int[] tokens = new int[draws.length];
        sample(logits, options, Tensor.of(draws), Tensor.of(tokens), null);
        return tokens;
    }

    /**
     * Speculative decoding's verification step: k draft tokens drawn by a draft model from its
     * distributions q, checked against the target model's logits for those k + 1 positions, with
     * this sampling pipeline ({@code options}) applied to each target row. Position i accepts its
     * draft token x when {@code u[i] * q_i(x) < p_i(x)} (probability min(1, p/q)); the first
     * rejection ends the step with a token drawn with {@code u[k]} from
     * {@code norm(max(0, p_i - q_i))}; when all k are accepted, a bonus token is drawn with
     * {@code u[k]} from the last target row. With T = 0 the draft token is accepted when it is
     * the target row's greedy token, and the step ends with the first disagreeing row's greedy
     * token (or the last row's). Each emitted token follows the target pipeline's distribution
     * (Leviathan et al. 2023, Chen et al. 2023). Leading dimensions are independent steps.
     *
     * @param target the target logits {@code [..., k + 1, vocab]} (F32, F64, F16, BF16)
     * @param drafts the draft tokens {@code [..., k]} (I32 or I64), ids in [0, vocab)
     * @param draftProbs the draft's probabilities {@code [..., k, vocab]}: the target's dtype
     *        (F32 for 16-bit logits), as given (negative, NaN or infinite values count as 0)
     * @param options the target's pipeline (no history: penalties are not applied here yet)
     * @param uniform {@code [..., k + 1]} draws in [0, 1) (F64): one per position, the last for
     *        the final token
     * @param out {@code [..., k + 2]} (I32 or I64): the accepted count a, the a accepted draft
     *        tokens, the final token (-1 when its row has no distribution), then -1
     */
    public void verify(Tensor target, Tensor drafts, Tensor draftProbs, SamplingOptions options,
                       Tensor uniform, Tensor out) {
        Checks.notNull(target, "target");
        Checks.notNull(drafts, "drafts");
        Checks.notNull(draftProbs, "draftProbs");
        Checks.notNull(options, "options");
        Checks.notNull(uniform, "uniform");
        Checks.notNull(out, "out");
        Dims d = target.dims(-1);
        if (Tensor.segments(target, drafts, draftProbs, out) || Tensor.segments(uniform, out, null, null)) {
            Tensor.refuseSharedSegments(4, VERIFY_NAMES, target, drafts, draftProbs, uniform, out);
        }
        VerifyPlan.run(kernels, target.input("target"), d, options.settings(), drafts.input("drafts"),
                draftProbs.input("draftProbs"), uniform.input("uniform"), out.output("out"));
    }

    // ---- shortcuts for one float32 row ----------------------------------------------------------
    // Each is its op on a 1-d view of the array, with the same checks and the same plan. On the
    // serial ops they hand the plan the arrays' operands directly: a view (its shape copy, its
    // dimensions per axis, its description for messages) is worth making once and reusing, and
    // these make their views on every call (a 1 x 10 softmax shortcut took 2.1 times as long as
    // the array call before views).

    /**
     * Softmax of a 1-d array, into a new array.
     *
     * @param x the logits
     * @return {@code softmax(x)}
     */
    public float[] softmax(float[] x) {
        return normalise(x, false);
    }

    /**
     * Log-softmax of a 1-d array, into a new array.
     *
     * @param x the logits
     * @return {@code log_softmax(x)}
     */
    public float[] logSoftmax(float[] x) {
        return normalise(x, true);
    }

    private float[] normalise(float[] x, boolean log) {
        float[] y = new float[Checks.notNull(x, "x").length];
        if (executor != null) {
            normalise(Tensor.of(x), Tensor.of(y), 0, SoftmaxOptions.DEFAULT, log);
            return y;
        }
        SoftmaxOptions o = SoftmaxOptions.DEFAULT;
        SoftmaxPlan.run(kernels, Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), Dims.row(x.length),
                o.temperature(), o.maskedRowsZero(), log, -1);
        return y;
    }

    /**
     * Log-sum-exp of a 1-d array.
     *
     * @param x the values
     * @return {@code log(sum(exp(x)))}, -inf for an empty array
     */
    public float logSumExp(float[] x) {
        float[] y = new float[1];
        if (executor != null) {
            logSumExp(Tensor.of(Checks.notNull(x, "x")), Tensor.of(y), 0);
            return y[0];
        }
        LogSumExpPlan.run(kernels, Operand.of(x, 0, "x"), Operand.of(y, 0, "y"), Dims.row(x.length), -1);
        return y[0];
    }

    /**
     * The index of the first maximum of a non-empty 1-d array (the first NaN if any).
     *
     * @param x the values
     * @return the index
     */
    public int argmax(float[] x) {
        int[] out = new int[1];
        if (executor != null) {
            argmax(Tensor.of(Checks.notNull(x, "x")), 0, Tensor.of(out));
            return out[0];
        }
        ArgmaxPlan.run(kernels, Operand.of(x, 0, "x"), Operand.of(out, 0, "out"), Dims.row(x.length));
        return out[0];
    }

    /**
     * {@link Logits4j#crossEntropy(float[], int[])}: the default options' loss of {@code n} rows
     * of {@code c} logits, {@code n * c == logits.length}, {@code n == targets.length} (checked
     * by the caller).
     */
    double crossEntropyRows(float[] logits, int n, int c, int[] targets) {
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT;
        if (executor != null) {
            return crossEntropy(Tensor.of(logits, n, c), Tensor.of(targets), o);
        }
        return CrossEntropyPlan.run(kernels, Operand.of(logits, 0, "logits"),
                Dims.of(new int[] {n, c}, 1, "shape"), Operand.of(targets, 0, "targets"), false, null,
                o.weightInternal(), o.ignoreIndex(), o.reduction(), o.labelSmoothing());
    }

    /** {@link Logits4j#sample(float[], SamplingOptions, RandomGenerator)}: one row's token. */
    int sampleRow(float[] logits, SamplingOptions options, RandomGenerator random) {
        Checks.notNull(logits, "logits");
        if (executor != null) {
            return sample(Tensor.of(logits), options, random)[0];
        }
        Checks.notNull(options, "options");
        Checks.notNull(random, "random");
        return SamplePlan.newTokens(kernels, Operand.of(logits, 0, "logits"), Dims.row(logits.length),
                options.settings(), null, random)[0];
    }

    // ---- the parallel form: the whole call checked, then chunks of leading rows ------------------

    static final KernelSource CHECK_ONLY = dev.logits4j.internal.kernels.CheckOnly.SOURCE;
    private static final String[] ARGMAX_NAMES = {"x", "out"};
    private static final String[] TOPK_NAMES = {"x", "mask", "values", "indices"};
    private static final String[] MASKED_ARGMAX_NAMES = {"x", "mask", "out"};
    private static final String[] KL_NAMES = {"p", "q", "y"};
    private static final String[] VERIFY_NAMES = {"target", "drafts", "draftProbs", "uniform", "out"};
    private static final String[] SAMPLE_NAMES = {"logits", "uniform", "tokens", "logProbs"};
    private static final String[] MASKED_SAMPLE_NAMES =
            {"logits", "mask", "uniform", "tokens", "logProbs"};

    /** The kernels chosen for the whole call (as the serial call chooses them), for every chunk. */
    KernelSource wholeCall(long elements) {
        return KernelSource.of(kernels.forElements(elements));
    }

    Executor executor() {
        return executor;
    }

    int tasks() {
        return tasks;
    }

    /**
     * Rows of {@code d.outer} in chunks. Short contiguous rows are computed in blocks of up to 64
     * rows counted from the call's first row: with {@code blockAligned} chunks start at multiples
     * of 64 rows, so every row lands in the same block as in the serial call (bit for bit).
     */
    void split(Dims d, boolean blockAligned, ParallelChunks.Chunk chunk) {
        long align = blockAligned && d.inner == 1 && d.n < 64 ? 64 : 1;
        ParallelChunks.runChunks(d.outer, align, executor, tasks, chunk);
    }

    /** The leading rows [first, first + count) of a tensor whose shape is {@code d}'s. */
    static Tensor rows(Tensor t, Dims d, long first, long count) {
        long block = (long) d.n * d.inner;
        return t.rows(first * block, count * block, new int[] {(int) count, d.n, (int) d.inner});
    }

    /** The outputs of rows [first, first + count): one per slice, {@code inner} per row. */
    static Tensor outRows(Tensor t, Dims d, long first, long count) {
        return t.rows(first * d.inner, count * d.inner, new int[] {(int) (count * d.inner)});
    }
}
