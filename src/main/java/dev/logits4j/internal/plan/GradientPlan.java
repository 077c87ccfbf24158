package dev.logits4j.internal.plan;

import dev.logits4j.DType;
import dev.logits4j.Reduction;
import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/**
 * The gradients: cross-entropy's d loss / d logits with its loss (one call), and the
 * vector-Jacobian products of softmax and log-softmax. Checks everything (shapes, dtypes,
 * capacities, the targets, overlaps: the gradient may be the logits, or y / g, exactly: in place)
 * before any kernel runs, then runs the kernels a backend gives.
 */
public final class GradientPlan {
    private GradientPlan() {}

    /**
     * Cross-entropy and its gradient into {@code grad}; returns the reduced loss (for NONE the
     * float64 sum of the losses). The gradient is that of the reduced loss times
     * {@code upstream}'s one value (1 when upstream is null: MEAN, SUM), or, for NONE, of each
     * position's loss times {@code upstream}'s value for that position.
     */
    public static double crossEntropy(KernelSource backend, Operand logits, Dims d, Operand targets,
                                      boolean probabilities, ClassWeights weight, long ignoreIndex,
                                      Reduction reduction, double eps, Operand upstream,
                                      Operand grad) {
        int[] shape = d.shape;
        Checks.logitsShape(shape);
        Checks.logits(logits);
        if (probabilities) {
            Checks.valuesType(logits, targets);
            Checks.ignoreIndexWithProbabilities(ignoreIndex);
            Checks.capacity(targets.name, targets.available, d.count, shape);
        } else {
            Checks.indexType(targets);
            Checks.capacity(targets.name, targets.available, d.slices, shape);
        }
        Checks.valuesType(logits, grad);
        Checks.capacity(logits.name, logits.available, d.count, shape);
        Checks.capacity(grad.name, grad.available, d.count, shape);
        Checks.weight(weight, d.n);
        if (reduction == Reduction.NONE) {
            if (upstream == null) {
                throw new IllegalArgumentException("reduction NONE has one loss per position: "
                        + "pass the upstream gradient of each (crossEntropyBackward)");
            }
            Checks.valuesType(logits, upstream);
            Checks.capacity(upstream.name, upstream.available, d.slices, shape);
        }
        double upstreamScalar = 1;
        if (reduction != Reduction.NONE && upstream != null) {
            // one value (d L / d loss), read once, here: the kernels take it as a scale
            Checks.valuesType(logits, upstream);
            Checks.capacity(upstream.name, upstream.available, 1, shape);
            Operand u = Memory.viewIfRaw(upstream, 1);
            upstreamScalar = dev.logits4j.internal.kernels.Elements.readValue(u.base, u.index);
            upstream = null;
        }
        // grad may be the logits exactly (in place); it overlaps no other operand
        logits = inputBeside(logits, d.count, grad, d.count, true);
        targets = inputBeside(targets, probabilities ? d.count : d.slices, grad, d.count, false);
        if (upstream != null) {
            upstream = inputBeside(upstream, d.slices, grad, d.count, false);
        }
        // the Java rows read buffers, not raw addresses; native code takes a direct buffer's
        logits = Memory.viewIfRaw(logits, d.count);
        targets = Memory.viewIfRaw(targets, probabilities ? d.count : d.slices);
        grad = Memory.viewIfRaw(grad, d.count);
        if (upstream != null) {
            upstream = Memory.viewIfRaw(upstream, d.slices);
        }
        double divisor = probabilities ? d.slices
                : Checks.indexTargets(targets.base, targets.index, d.slices, d.n, ignoreIndex, weight);
        if (d.n == 0 || d.slices == 0) {
            return reduction == Reduction.MEAN ? 0.0 / divisor : 0.0;   // no classes: as crossEntropy
        }
        double scale = reduction == Reduction.MEAN ? upstreamScalar / divisor
                : reduction == Reduction.SUM ? upstreamScalar : 1;
        Kernels k = backend.forElements(d.count);
        double total = k.crossEntropyWithGradient(logits.type, logits.base, logits.index, targets.type,
                targets.base, targets.index, d.outer, d.n, d.inner, weight,
                probabilities ? 0 : ignoreIndex, eps, scale, upstream == null ? null : upstream.base,
                upstream == null ? 0 : upstream.index, grad.base, grad.index);
        return reduction == Reduction.MEAN ? total / divisor : total;
    }

    /**
     * softmax's ({@code log} false) or log-softmax's backward: {@code gx} from the forward output
     * {@code y} and the upstream gradient {@code g}, all of one dtype (F32 or F64) and of y's
     * shape; gx may be y or g exactly.
     */
    public static void softmaxBackward(KernelSource backend, Operand y, Operand g, Dims dg,
                                       Operand gx, Dims d, boolean log) {
        if (y.type != DType.F32 && y.type != DType.F64) {
            throw new IllegalArgumentException(y.name + " holds " + y.type + ": the forward output "
                    + "is F32 or F64 (softmax of 16-bit logits writes F32)");
        }
        if (!java.util.Arrays.equals(d.shape, dg.shape)) {
            throw new IllegalArgumentException(g.name + " has shape "
                    + java.util.Arrays.toString(dg.shape) + " but " + y.name + " has shape "
                    + java.util.Arrays.toString(d.shape) + ": they must match");
        }
        Checks.sameType(y, g);
        Checks.sameType(y, gx);
        Checks.capacity(y.name, y.available, d.count, d.shape);
        Checks.capacity(g.name, g.available, d.count, d.shape);
        Checks.capacity(gx.name, gx.available, d.count, d.shape);
        y = inputBeside(y, d.count, gx, d.count, true);
        g = inputBeside(g, d.count, gx, d.count, true);
        if (d.count == 0) {
            return;
        }
        y = Memory.viewIfRaw(y, d.count);
        g = Memory.viewIfRaw(g, d.count);
        gx = Memory.viewIfRaw(gx, d.count);
        backend.forElements(d.count).softmaxBackward(y.type, y.base, y.index, g.base, g.index,
                gx.base, gx.index, d.outer, d.n, d.inner, log);
    }

    /**
     * An input checked against the output {@code out}: no overlap (the same elements allowed when
     * {@code sameOk}: in place), and read through a private copy where no check can see an
     * overlap (heap buffers without an array).
     */
    private static Operand inputBeside(Operand in, long inCount, Operand out, long outCount,
                                       boolean sameOk) {
        if (in.type == out.type) {
            Memory.noOverlap(in, inCount, out, outCount, sameOk);
        } else {
            Memory.noOverlapBytes(in, inCount, out, outCount);
        }
        return Memory.hidesOverlap(in.base, out.base) ? Memory.privateCopy(in, inCount) : in;
    }
}
