package dev.logits4j;

import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.GradientPlan;
import dev.logits4j.internal.plan.LogProbsPlan;

/**
 * The ops around the loss, for training and evaluation on the same {@code [positions, vocab]}
 * logits: the log-probs of given tokens (per position and per sequence: DPO, PPO, GRPO), and
 * gradients (cross-entropy's with its loss in one call, softmax's and log-softmax's backward).
 * Got from {@link Ops#training()}, on that backend. Semantics and accuracy: docs/SEMANTICS.md
 * ("Gradients and token log-probs"). Every call runs on the calling thread (an {@link Ops}
 * made by {@link Ops#parallel} does not split these).
 *
 * <pre>{@code
 * Training t = Ops.auto().training();
 * double loss = t.crossEntropyWithGradient(logits, targets, CrossEntropyOptions.DEFAULT, logits);
 * // logits now hold d loss / d logits (in place)
 * }</pre>
 */
public final class Training {
    private static final String[] GRAD_NAMES = {"logits", "targets", "upstream", "grad"};
    private static final String[] BACKWARD_NAMES = {"y", "g", "gradIn"};
    private final KernelSource kernels;

    Training(KernelSource kernels) {
        this.kernels = kernels;
    }

    /**
     * The log-prob of each position's token, {@code log_softmax(logits)[..., tokens[...]]}
     * along the last axis, from each row's log-sum-exp (no log-softmax row is written); 0 where
     * the token equals {@code ignoreIndex}. As PyTorch's
     * {@code log_softmax(x, -1).gather(-1, t[..., None])}.
     *
     * @param logits {@code [..., V]} (F32, F64, F16 or BF16)
     * @param tokens {@code [...]}: one class index per row (I32 or I64), in [0, V) or ignoreIndex
     * @param ignoreIndex the token value whose positions get 0 (e.g. -100 for padding)
     * @param out one log-prob per row: the logits' dtype (F32 for 16-bit logits)
     */
    public void tokenLogProbs(Tensor logits, Tensor tokens, long ignoreIndex, Tensor out) {
        tokenLogProbs(logits, tokens, ignoreIndex, out, null);
    }

    /**
     * {@link #tokenLogProbs(Tensor, Tensor, long, Tensor)}, and each row's entropy (nats, as
     * {@link Ops#entropy}; PPO's entropy bonus) into {@code entropy} when it is not null (a
     * second read of the rows).
     *
     * @param logits {@code [..., V]} (F32, F64, F16 or BF16)
     * @param tokens {@code [...]}: one class index per row (I32 or I64), in [0, V) or ignoreIndex
     * @param ignoreIndex the token value whose positions get 0
     * @param out one log-prob per row: the logits' dtype (F32 for 16-bit logits)
     * @param entropy one entropy per row (out's dtype), or null
     */
    public void tokenLogProbs(Tensor logits, Tensor tokens, long ignoreIndex, Tensor out,
                              Tensor entropy) {
        Checks.notNull(logits, "logits");
        Checks.notNull(tokens, "tokens");
        Checks.notNull(out, "out");
        Dims d = logits.dims(-1);
        LogProbsPlan.tokens(kernels, logits.input("logits"), d, tokens.input("tokens"), ignoreIndex,
                out.output("out"), entropy == null ? null : entropy.output("entropy"));
    }

    /**
     * The sum of the token log-probs of each sequence (the DPO / PPO sequence log-likelihood):
     * {@code out[b] = sum over s < lengths[b] of log_softmax(logits[b, s, :])[tokens[b, s]]},
     * positions whose token is {@code ignoreIndex} adding 0.
     *
     * @param logits {@code [..., S, V]} (F32, F64, F16 or BF16)
     * @param tokens {@code [..., S]} class indices (I32 or I64)
     * @param lengths one length in [0, S] per sequence (I32 or I64), or null: every position
     * @param ignoreIndex the token value whose positions add 0
     * @param out one sum per sequence: the logits' dtype (F32 for 16-bit logits)
     */
    public void sequenceLogProbs(Tensor logits, Tensor tokens, Tensor lengths, long ignoreIndex,
                                 Tensor out) {
        sequenceLogProbs(logits, tokens, lengths, ignoreIndex, out, null);
    }

    /**
     * {@link #sequenceLogProbs(Tensor, Tensor, Tensor, long, Tensor)}, and every position's
     * entropy ({@code [..., S]}, nats, as {@link Ops#entropy}; PPO's entropy bonus) into
     * {@code entropy} when it is not null (a second read of the rows).
     *
     * @param logits {@code [..., S, V]} (F32, F64, F16 or BF16)
     * @param tokens {@code [..., S]} class indices (I32 or I64)
     * @param lengths one length in [0, S] per sequence (I32 or I64), or null: every position
     * @param ignoreIndex the token value whose positions add 0
     * @param out one sum per sequence: the logits' dtype (F32 for 16-bit logits)
     * @param entropy one entropy per position (out's dtype), or null
     */
    public void sequenceLogProbs(Tensor logits, Tensor tokens, Tensor lengths, long ignoreIndex,
                                 Tensor out, Tensor entropy) {
        Checks.notNull(logits, "logits");
        Checks.notNull(tokens, "tokens");
        Checks.notNull(out, "out");
        LogProbsPlan.sequences(kernels, logits.input("logits"), logits.dims(-1), tokens.input("tokens"),
                lengths == null ? null : lengths.input("lengths"), ignoreIndex, out.output("out"),
                entropy == null ? null : entropy.output("entropy"));
    }

    /**
     * Cross-entropy (as {@link Ops#crossEntropy(Tensor, Tensor, CrossEntropyOptions)}, the same
     * value bit for bit) and its gradient with respect to the logits, {@code d loss / d logits},
     * into {@code grad}, from one call (the fused form Liger Kernel and Cut Cross-Entropy use to
     * keep training at the memory floor). Every option of the forward: class weights,
     * ignoreIndex (those positions' gradient is 0), label smoothing, probability targets,
     * reduction MEAN or SUM (for NONE see {@link #crossEntropyBackward}), K-dim shapes.
     *
     * @param logits {@code [N, C, d1, ...]} or {@code [C]} (F32, F64, F16 or BF16)
     * @param targets class indices (I32 or I64) or probabilities, as the forward
     * @param options weights, ignore index, label smoothing, reduction MEAN or SUM
     * @param grad the gradient: the logits' shape and dtype (F32 for 16-bit logits); may be
     *        {@code logits} itself (in place: the same result, bit for bit)
     * @return the loss
     */
    public double crossEntropyWithGradient(Tensor logits, Tensor targets, CrossEntropyOptions options,
                                           Tensor grad) {
        Checks.notNull(options, "options");
        if (options.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException("reduction NONE has one loss per position: use "
                    + "crossEntropyBackward with the upstream gradient of each");
        }
        return gradient(logits, targets, options, null, grad);
    }

    /**
     * The backward of {@link Ops#crossEntropy(Tensor, Tensor, Tensor, CrossEntropyOptions)}
     * given the upstream gradient of its result: for reduction NONE one value per position
     * ({@code d L / d loss_p}), for MEAN or SUM one value ({@code d L / d loss}).
     *
     * @param logits {@code [N, C, d1, ...]} or {@code [C]} (F32, F64, F16 or BF16)
     * @param targets class indices (I32 or I64) or probabilities, as the forward
     * @param options weights, ignore index, label smoothing, reduction
     * @param upstream the gradient of the forward's result: the logits' dtype (F32 for 16-bit
     *        logits), one value per position for NONE, one value otherwise
     * @param grad the gradient with respect to the logits: their shape and dtype (F32 for 16-bit
     *        logits); may be {@code logits} itself
     */
    public void crossEntropyBackward(Tensor logits, Tensor targets, CrossEntropyOptions options,
                                     Tensor upstream, Tensor grad) {
        Checks.notNull(options, "options");
        gradient(logits, targets, options, Checks.notNull(upstream, "upstream"), grad);
    }

    private double gradient(Tensor logits, Tensor targets, CrossEntropyOptions options,
                            Tensor upstream, Tensor grad) {
        Checks.notNull(logits, "logits");
        Checks.notNull(targets, "targets");
        Checks.notNull(grad, "grad");
        if (Tensor.segments(logits, targets, upstream, grad)) {
            // grad may be the logits (the plan compares them); never the targets or upstream
            Tensor.refuseSharedSegments(3, GRAD_NAMES, null, targets, upstream, grad);
        }
        Dims d = logits.dims(logits.rank() >= 2 ? 1 : 0);
        return GradientPlan.crossEntropy(kernels, logits.input("logits"), d, targets.input("targets"),
                targets.dtype().isFloating(), options.weightInternal(), options.ignoreIndex(),
                options.reduction(), options.labelSmoothing(),
                upstream == null ? null : upstream.input("upstream"), grad.output("grad"));
    }

    /**
     * Softmax's backward (its vector-Jacobian product) from the forward output:
     * {@code gradIn = y * (g - sum(g * y))} along {@code axis}, as autograd gives for
     * {@code softmax(x, axis)}.
     *
     * @param y the forward's output {@code softmax(x)} (F32 or F64)
     * @param g the gradient of the loss with respect to y: y's dtype and shape
     * @param gradIn the gradient with respect to x: y's dtype and shape; may be y or g (in place)
     * @param axis the axis the forward ran along, in {@code [-rank, rank)}
     */
    public void softmaxBackward(Tensor y, Tensor g, Tensor gradIn, int axis) {
        backward(y, g, gradIn, axis, false);
    }

    /**
     * Log-softmax's backward from the forward output:
     * {@code gradIn = g - exp(y) * sum(g)} along {@code axis}.
     *
     * @param y the forward's output {@code log_softmax(x)} (F32 or F64)
     * @param g the gradient of the loss with respect to y: y's dtype and shape
     * @param gradIn the gradient with respect to x: y's dtype and shape; may be y or g (in place)
     * @param axis the axis the forward ran along, in {@code [-rank, rank)}
     */
    public void logSoftmaxBackward(Tensor y, Tensor g, Tensor gradIn, int axis) {
        backward(y, g, gradIn, axis, true);
    }

    private void backward(Tensor y, Tensor g, Tensor gradIn, int axis, boolean log) {
        Checks.notNull(y, "y");
        Checks.notNull(g, "g");
        Checks.notNull(gradIn, "gradIn");
        GradientPlan.softmaxBackward(kernels, y.input("y"), g.input("g"), g.dims(axis),
                gradIn.output("gradIn"), y.dims(axis), log);
    }
}
