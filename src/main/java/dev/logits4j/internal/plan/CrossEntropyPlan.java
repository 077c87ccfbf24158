package dev.logits4j.internal.plan;

import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.DType;
import dev.logits4j.Reduction;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/**
 * Cross-entropy from logits: {@link #run} checks everything (the positions, the MEAN divisor,
 * the output count, overlaps) and runs the kernels a backend gives. Targets are class indices
 * (int32/int64) or probabilities (the logits' type and shape). Static, with every intermediate a
 * local: a call allocates nothing (an object holding the checked call would escape into the
 * kernel call, which the JIT does not inline). The parallel form runs {@link #run} per chunk with
 * reduction SUM and finishes with {@link #finish}.
 */
public final class CrossEntropyPlan {
    private CrossEntropyPlan() {}

    /**
     * Checks the call and computes it: the mean or sum (written to {@code out}'s first element when
     * {@code out} is given), or with reduction NONE the per-position losses into {@code out} and
     * their float64 sum returned.
     */
    public static double run(KernelSource backend, Operand logits, Dims d, Operand targets,
                             boolean probabilities, Operand out, ClassWeights weight,
                             long ignoreIndex, Reduction reduction, double eps) {
        int[] shape = d.shape;
        long outCount = checkedOutCount(logits, d, targets, probabilities, out, weight, reduction);
        if (out != null) {
            logits = checkedAgainstOut(logits, d.count, out, outCount);
        }
        targets = probabilities ? probabilityTargets(targets, d, shape, ignoreIndex, out, outCount)
                : indexTargets(targets, d, shape, out, outCount);
        double divisor = probabilities ? d.slices
                : Checks.indexTargets(targets.name, targets.base, targets.index, d.slices, d.n, ignoreIndex, weight);
        if (out != null && out.isRaw()) {
            // viewed (once per operand): the reduced value, the no-class shortcut and the Java
            // kernels then write it like any buffer; native kernels still write it by address
            out = Memory.viewIfRaw(out, outCount);
        }
        if (d.n == 0 || d.slices == 0) {
            // No classes: every loss is 0 (an empty sum), however many positions the shape names;
            // only NONE writes them, and its output was checked to hold them all.
            double zero = reduction == Reduction.MEAN ? 0.0 / divisor : 0.0;
            for (long p = 0; out != null && p < outCount; p++) {
                Memory.putScalar(out.base, out.index + p, zero);
            }
            return zero;
        }
        Kernels k = backend.forElements(d.count);
        if (!k.takesRawAddresses() && (logits.isRaw() || targets.isRaw())) {
            logits = Memory.viewIfRaw(logits, d.count);
            targets = Memory.viewIfRaw(targets, d.count);  // probabilities (index targets are views already)
        }
        double total = kernel(k, logits, targets, reduction == Reduction.NONE ? out : null,
                probabilities, d, weight, ignoreIndex, eps);
        return finish(out, reduction, divisor, total);
    }

    /** The divisor of a MEAN: the summed weights of the counted class targets, or the positions. */
    public static double divisor(Operand targets, Dims d, boolean probabilities, ClassWeights weight,
                                 long ignoreIndex) {
        if (probabilities) {
            return d.slices;
        }
        Operand t = targets.isRaw() ? Memory.viewIfRaw(targets, d.slices) : targets;
        return Checks.indexTargets(t.base, t.index, d.slices, d.n, ignoreIndex, weight);
    }

    /**
     * The call's result from the sum of its losses: the mean (over {@code divisor}) or the sum,
     * written to {@code out} when reduced.
     */
    public static double finish(Operand out, Reduction reduction, double divisor, double total) {
        if (out != null && out.isRaw()) {
            out = Memory.viewIfRaw(out, 1);
        }
        double result = reduction == Reduction.MEAN ? total / divisor : total;
        if (out != null && reduction != Reduction.NONE) {
            Memory.putScalar(out.base, out.index, result);
        }
        return result;
    }

    /**
     * The checks of the call that need no memory read (the shape, the dtypes, the logits' and the
     * output's capacities, the weights' length, an output for NONE), in this order; returns how
     * many values the call writes to {@code out}. Apart from {@link #run} so that {@code run}
     * stays small enough for the JIT to inline into the caller (see {@link SoftmaxPlan#checks}).
     */
    private static long checkedOutCount(Operand logits, Dims d, Operand targets, boolean probabilities,
                                        Operand out, ClassWeights weight, Reduction reduction) {
        int[] shape = d.shape;
        Checks.logitsShape(shape);
        Checks.logits(logits);
        if (probabilities) {
            Checks.valuesType(logits, targets);   // the logits' type (float32 for 16-bit logits)
        } else {
            Checks.indexType(targets);
        }
        if (out != null) {
            Checks.valuesType(logits, out);
        }
        Checks.capacity(logits.name, logits.available, d.count, shape);
        Checks.weight(weight, d.n);
        if (out == null && reduction == Reduction.NONE) {
            throw new IllegalArgumentException("reduction NONE gives one loss per position: "
                    + "pass an output view (out) to receive them");
        }
        long outCount = reduction == Reduction.NONE ? d.slices : 1;
        if (out != null) {
            Checks.capacity(out.name, out.available, outCount, shape);
        }
        return outCount;
    }

    private static Operand probabilityTargets(Operand targets, Dims d, int[] shape, long ignoreIndex,
                                              Operand out, long outCount) {
        Checks.ignoreIndexWithProbabilities(ignoreIndex);
        Checks.capacity(targets.name, targets.available, d.count, shape);
        return checkedAgainstOut(targets, d.count, out, outCount);
    }

    private static Operand indexTargets(Operand targets, Dims d, int[] shape, Operand out, long outCount) {
        Checks.capacity(targets.name, targets.available, d.slices, shape);
        if (targets.isRaw()) {
            // Viewed as a buffer so the targets can be checked (and read by any kernel).
            targets = Memory.viewIfRaw(targets, d.slices);
        }
        return out == null ? targets : checkedAgainstOut(targets, d.slices, out, outCount);
    }

    private static void noOverlap(Operand in, long inCount, Operand out, long outCount) {
        if (in.type == out.type) {
            Memory.noOverlap(in, inCount, out, outCount, false);
        } else {
            Memory.noOverlapBytes(in, inCount, out, outCount);
        }
    }

    private static Operand checkedAgainstOut(Operand in, long count, Operand out, long outCount) {
        if (out == null) {
            return in;
        }
        noOverlap(in, count, out, outCount);
        return Memory.hidesOverlap(in.base, out.base) ? Memory.privateCopy(in, count) : in;
    }

    /** Runs the plan: returns the reduced loss (the sum of the losses for NONE). */
    private static double kernel(Kernels k, Operand l, Operand t, Operand o, boolean probabilities,
                                 Dims dims, ClassWeights weight, long ignoreIndex, double eps) {
        Object ob = o == null ? null : o.base;
        long oi = o == null ? 0 : o.index;
        return k.crossEntropy(l.type, l.base, l.index, t.type, t.base, t.index, dims.outer, dims.n,
                dims.inner, weight, probabilities ? 0 : ignoreIndex, eps, ob, oi);
    }
}
