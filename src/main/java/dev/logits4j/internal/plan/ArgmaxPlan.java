package dev.logits4j.internal.plan;

import dev.logits4j.internal.kernels.CheckOnly;
import dev.logits4j.internal.select.MaskedSelection;
import dev.logits4j.internal.select.TopSelection;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/** argmax along any axis: shape read once, capacities, index type, then one kernel call. */
public final class ArgmaxPlan {
    private ArgmaxPlan() {}

    public static void run(KernelSource backend, Operand x, Operand out, Dims d) {
        run(backend, x, null, null, out, d);
    }

    /**
     * With a token mask ({@code mask} null: none; d along the last axis): the first maximum of
     * the allowed tokens (a NaN among them the maximum), -1 for a row allowing none.
     */
    public static void run(KernelSource backend, Operand x, Operand mask, Dims maskDims,
                           Operand out, Dims d) {
        checks(x, mask, maskDims, out, d);
        if (d.count == 0) {
            return;
        }
        if (Memory.hidesOverlap(x.base, out.base)) {
            x = Memory.privateCopy(x, d.count);
        }
        Kernels k = backend.forElements(d.count);
        x = Memory.selectionViewIfRaw(x, d.count, (long) d.n * d.inner);
        out = Memory.selectionViewIfRaw(out, d.slices, d.inner);
        if (k == CheckOnly.INSTANCE) {
            return;
        }
        if (mask != null) {
            Operand mv = MaskChecks.forPipeline(mask, maskDims, out, null);
            MaskedSelection.topK(k, x.type, x.base, x.index, d.outer, d.n, 1,
                    MaskedSelection.VALUES, mv.base, mv.index, maskDims.n, null, 0, out.base,
                    out.index);
        } else {
            TopSelection.argmax(k, x.type, x.base, x.index, d.outer, d.n, d.inner, out.base, out.index);
        }
    }

    /**
     * Every check of an argmax call, in this order, before any kernel runs. Apart from
     * {@link #run} so that {@code run} stays small enough for the JIT to inline into the caller
     * (with the mask's checks it was 354 bytecodes, over C2's hot limit of 325; see
     * {@link SoftmaxPlan#checks}).
     */
    private static void checks(Operand x, Operand mask, Dims maskDims, Operand out, Dims d) {
        int[] shape = d.shape;
        Checks.logits(x);
        Checks.indexType(out);
        if (d.n == 0 && d.slices > 0) {
            throw new IllegalArgumentException("argmax over an empty axis " + d.axis + " of shape "
                    + java.util.Arrays.toString(shape) + " has no maximum");
        }
        Checks.capacity(x.name, x.available, d.count, shape);
        Checks.capacity(out.name, out.available, d.slices, shape);
        Memory.noOverlapBytes(x, d.count, out, d.slices);
        if (mask != null) {
            MaskChecks.check(mask, maskDims, d.outer, shape);
            MaskChecks.noOverlap(mask, maskDims.count, out, d.slices);
        }
    }
}
