package dev.logits4j.internal.plan;

import dev.logits4j.DType;
import dev.logits4j.Reduction;
import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.backend.Kernels;

/**
 * Cross-entropy from logits: {@link #of} checks everything and fixes what the call computes (the
 * shape read once, positions, the MEAN divisor, the output count); {@link #execute} runs it on the
 * kernels a backend gives. Targets are class indices (int32/int64) or probabilities (the logits'
 * type and shape).
 */
public final class CrossEntropyPlan {
    private final Operand logits;
    private final Operand targets;
    private final Operand out;
    private final boolean probabilities;
    private final Dims dims;
    private final ClassWeights weight;
    private final long ignoreIndex;
    private final Reduction reduction;
    private final double eps;
    private final double divisor;
    private final long outCount;

    private CrossEntropyPlan(Operand logits, Operand targets, Operand out, boolean probabilities,
                             Dims dims, ClassWeights weight, long ignoreIndex, Reduction reduction,
                             double eps, double divisor, long outCount) {
        this.logits = logits;
        this.targets = targets;
        this.out = out;
        this.probabilities = probabilities;
        this.dims = dims;
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
        this.eps = eps;
        this.divisor = divisor;
        this.outCount = outCount;
    }

    /**
     * Checks a call and fixes its plan. {@code out} may be null unless the reduction is NONE.
     * {@code probabilities}: the targets are class probabilities of the logits' shape.
     */
    public static CrossEntropyPlan of(Operand logits, Dims d, Operand targets,
                                      boolean probabilities, Operand out, ClassWeights weight,
                                      long ignoreIndex, Reduction reduction, double eps) {
        int[] shape = d.shape;
        Checks.logitsShape(shape);
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
        if (out != null) {
            logits = checkedAgainstOut(logits, d.count, out, outCount);
        }
        // Kept small (and its parts in helpers) so the JIT inlines it and the plan never leaves
        // the caller's frame: a cross-entropy call then allocates nothing.
        targets = probabilities ? probabilityTargets(targets, d, shape, ignoreIndex, out, outCount)
                : indexTargets(targets, d, shape, out, outCount);
        double divisor = probabilities ? d.slices
                : Checks.indexTargets(targets.base, targets.index, d.slices, d.n, ignoreIndex, weight);
        if (out != null && out.isRaw()) {
            // Viewed once: the reduced value, the no-class shortcut and the Java kernels then write
            // it like any buffer; native kernels still write it by address.
            out = Memory.viewIfRaw(out, outCount);
        }
        return new CrossEntropyPlan(logits, targets, out, probabilities, d, weight, ignoreIndex,
                reduction, eps, divisor, outCount);
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
            Memory.noOverlap(in.name, in.base, in.index, inCount, out.name, out.base, out.index,
                    outCount, in.type.bytes(), false);
        } else {
            Memory.noOverlapBytes(in.name, in.base, in.index, in.type.bytes(), inCount, out.name,
                    out.base, out.index, out.type.bytes(), outCount);
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
    public double execute(KernelSource backend) {
        if (dims.n == 0 || dims.slices == 0) {
            // No classes: every loss is 0 (an empty sum), however many positions the shape names;
            // only NONE writes them, and its output was checked to hold them all.
            double zero = reduction == Reduction.MEAN ? 0.0 / divisor : 0.0;
            for (long p = 0; out != null && p < outCount; p++) {
                Memory.putScalar(out.base, out.index + p, zero);
            }
            return zero;
        }
        Kernels k = backend.forElements(dims.count);
        Operand l = logits;
        Operand t = targets;
        if (!k.takesRawAddresses() && (l.isRaw() || t.isRaw())) {
            l = Memory.viewIfRaw(l, dims.count);
            t = Memory.viewIfRaw(t, dims.count);  // probabilities (index targets are views already)
        }
        Operand perPosition = reduction == Reduction.NONE ? out : null;
        return finish(run(k, l, t, perPosition));
    }

    /**
     * The call's result from the sum of its losses: the mean (over the weights of the counted
     * targets) or the sum, written to {@code out} when reduced. The parallel form sums the
     * chunks' plans and finishes with the whole call's.
     */
    public double finish(double total) {
        double result = reduction == Reduction.MEAN ? total / divisor : total;
        if (out != null && reduction != Reduction.NONE) {
            Memory.putScalar(out.base, out.index, result);
        }
        return result;
    }

    private double run(Kernels k, Operand l, Operand t, Operand o) {
        Object ob = o == null ? null : o.base;
        long oi = o == null ? 0 : o.index;
        if (l.type.isHalf()) {
            boolean bf16 = l.type == DType.BF16;
            return probabilities
                    ? k.crossEntropyProbHalf(bf16, l.base, l.index, t.base, t.index, dims.outer,
                            dims.n, dims.inner, weight, eps, ob, oi)
                    : k.crossEntropyIndexHalf(bf16, l.base, l.index, t.base, t.index, dims.outer,
                            dims.n, dims.inner, weight, ignoreIndex, eps, ob, oi);
        }
        boolean f64 = l.type == DType.F64;
        if (probabilities) {
            return f64
                    ? k.crossEntropyProbF64(l.base, l.index, t.base, t.index, dims.outer, dims.n,
                            dims.inner, weight, eps, ob, oi)
                    : k.crossEntropyProbF32(l.base, l.index, t.base, t.index, dims.outer, dims.n,
                            dims.inner, weight, eps, ob, oi);
        }
        return f64
                ? k.crossEntropyIndexF64(l.base, l.index, t.base, t.index, dims.outer, dims.n,
                        dims.inner, weight, ignoreIndex, eps, ob, oi)
                : k.crossEntropyIndexF32(l.base, l.index, t.base, t.index, dims.outer, dims.n,
                        dims.inner, weight, ignoreIndex, eps, ob, oi);
    }
}
