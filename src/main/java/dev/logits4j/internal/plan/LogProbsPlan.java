package dev.logits4j.internal.plan;

import dev.logits4j.Reduction;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/**
 * The log-probs of given tokens ("selective log-softmax"): {@code log_softmax(x)[p, t_p]} per
 * position along the last axis, and their sum per sequence. Both are class-index cross-entropy
 * without weights or smoothing, negated: the same kernels (native where the backend is), one
 * read of each row, no log-softmax row written.
 */
public final class LogProbsPlan {
    private LogProbsPlan() {}

    /**
     * {@code out[p] = log_softmax(logits[p, :])[tokens[p]]}, 0 where {@code tokens[p] ==
     * ignoreIndex}; with {@code entropy} also each row's entropy (a second read of the rows).
     */
    public static void tokens(KernelSource backend, Operand logits, Dims d, Operand tokens,
                              long ignoreIndex, Operand out, Operand entropy) {
        Checks.logits(logits);
        Checks.indexType(tokens);
        Checks.valuesType(logits, out);
        Checks.capacity(out.name, out.available, d.slices, d.shape);
        if (entropy != null) {
            // every overlap of the second output checked before the first is written
            Checks.valuesType(logits, entropy);
            Checks.capacity(entropy.name, entropy.available, d.slices, d.shape);
            Memory.noOverlap(out, d.slices, entropy, d.slices, false);
            noOverlap(logits, d.count, entropy, d.slices);
            Memory.noOverlapBytes(tokens, d.slices, entropy, d.slices);
        }
        out = Memory.viewIfRaw(out, d.slices);
        CrossEntropyPlan.run(backend, logits, d, tokens, false, out, null, ignoreIndex,
                Reduction.NONE, 0);
        if (backend.forElements(d.count) == dev.logits4j.internal.kernels.CheckOnly.INSTANCE) {
            return;
        }
        for (long p = 0; p < d.slices; p++) {
            double loss = Elements.readValue(out.base, out.index + p);
            Elements.writeValue(out.base, out.index + p, loss == 0 ? 0.0 : -loss);
        }
        if (entropy != null) {
            RowStatisticsPlan.entropy(backend, logits, entropy, d);
        }
    }

    /**
     * {@code out[b] = sum_s log_softmax(logits[b, s, :])[tokens[b, s]]} over the positions
     * {@code s < lengths[b]} (every position when {@code lengths} is null) whose token is not
     * {@code ignoreIndex}. logits {@code [..., S, V]}, tokens {@code [..., S]}, lengths and out
     * one per sequence (the product of the dimensions before S); with {@code entropy} also every
     * position's entropy (a second read of the rows).
     */
    public static void sequences(KernelSource backend, Operand logits, Dims d, Operand tokens,
                                 Operand lengths, long ignoreIndex, Operand out, Operand entropy) {
        int[] shape = d.shape;
        if (shape.length < 2) {
            throw new IllegalArgumentException("logits shape " + java.util.Arrays.toString(shape)
                    + " has no sequence axis: sequenceLogProbs needs [..., S, V]");
        }
        Checks.logits(logits);
        Checks.indexType(tokens);
        Checks.valuesType(logits, out);
        int steps = shape[shape.length - 2];   // d.shape is the call's private copy: read freely
        long sequences = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            sequences *= shape[i];
        }
        Checks.capacity(logits.name, logits.available, d.count, shape);
        Checks.capacity(tokens.name, tokens.available, d.slices, shape);
        Checks.capacity(out.name, out.available, sequences, shape);
        if (entropy != null) {
            Checks.valuesType(logits, entropy);
            Checks.capacity(entropy.name, entropy.available, d.slices, shape);
            Memory.noOverlap(out, sequences, entropy, d.slices, false);
            noOverlap(logits, d.count, entropy, d.slices);
            Memory.noOverlapBytes(tokens, d.slices, entropy, d.slices);
        }
        if (lengths != null) {
            Checks.indexType(lengths);
            Checks.capacity(lengths.name, lengths.available, sequences, shape);
            lengths = Memory.viewIfRaw(lengths, sequences);
        }
        noOverlap(logits, d.count, out, sequences);
        Memory.noOverlapBytes(tokens, d.slices, out, sequences);
        if (lengths != null) {
            // out[b] is written before lengths[b + 1] is read: they must not share memory
            Memory.noOverlapBytes(lengths, sequences, out, sequences);
            if (entropy != null) {
                Memory.noOverlapBytes(lengths, sequences, entropy, d.slices);
            }
        }
        tokens = Memory.viewIfRaw(tokens, d.slices);
        out = Memory.viewIfRaw(out, sequences);
        Checks.indexTargets(tokens.name, tokens.base, tokens.index, d.slices, d.n, ignoreIndex, null);
        Kernels k = backend.forElements(d.count);
        if (k == dev.logits4j.internal.kernels.CheckOnly.INSTANCE) {
            return;
        }
        if (!k.takesRawAddresses()) {
            logits = Memory.viewIfRaw(logits, d.count);
        }
        // a sequence's first logit: raw memory is indexed by byte address, views by element
        long perSequence = (long) steps * d.n * (logits.isRaw() ? logits.type.bytes() : 1);
        for (long b = 0; b < sequences; b++) {
            long len = steps;
            if (lengths != null) {
                len = Elements.readIndex(lengths.base, lengths.index + b);   // read once, then checked
                if (len < 0 || len > steps) {
                    throw new IllegalArgumentException(lengths.name + "[" + b + "] = " + len
                            + " is outside [0, " + steps + "]: a sequence has at most S = "
                            + steps + " positions");
                }
            }
            double total = len == 0 || d.n == 0 ? 0
                    : k.crossEntropy(logits.type, logits.base, logits.index + b * perSequence,
                    tokens.type, tokens.base, tokens.index + b * steps, len, d.n, 1, null,
                    ignoreIndex, 0, null, 0);
            Elements.writeValue(out.base, out.index + b, total == 0 ? 0.0 : -total);
        }
        if (entropy != null) {
            RowStatisticsPlan.entropy(backend, logits, entropy, d);
        }
    }

    /** An input and an output of the logits' values type or another: no shared byte. */
    private static void noOverlap(Operand in, long inCount, Operand out, long outCount) {
        if (in.type == out.type) {
            Memory.noOverlap(in, inCount, out, outCount, false);
        } else {
            Memory.noOverlapBytes(in, inCount, out, outCount);
        }
    }
}
