package dev.logits4j.internal.plan;

import dev.logits4j.internal.kernels.CheckOnly;
import dev.logits4j.internal.select.MaskedSelection;
import dev.logits4j.internal.select.TopSelection;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/**
 * top-k and top log-probs along the last axis: values {@code [..., k]} of the input's type and
 * indices {@code [..., k]} (int32 or int64), by value descending, ties by lower index first.
 */
public final class TopKPlan {
    private TopKPlan() {}

    public static void run(KernelSource backend, Operand x, Dims d, int k, boolean logProbs,
                           Operand values, Operand indices) {
        run(backend, x, d, null, null, k, logProbs ? MaskedSelection.RAW : MaskedSelection.VALUES,
                values, indices);
    }

    /**
     * With a token mask ({@code mask} null: none): the top k of the allowed tokens, slots past
     * them index -1 and value -inf; {@code mode} is one of {@link MaskedSelection}'s VALUES, RAW
     * (log-probs of the whole row) or RENORMALISED (over the allowed tokens: masked only).
     */
    public static void run(KernelSource backend, Operand x, Dims d, Operand mask, Dims maskDims,
                           int k, int mode, Operand values, Operand indices) {
        boolean logProbs = mode != MaskedSelection.VALUES;
        int[] shape = d.shape;
        Checks.rows("shape", shape, d.n, d.outer, false);
        Checks.k(k, d.n);
        Checks.logits(x);
        Checks.valuesType(x, values);
        Checks.indexType(indices);
        long outCount = d.outer * k;   // <= count: no overflow
        Checks.capacity(x.name, x.available, d.count, shape);
        Checks.capacity(values.name, values.available, outCount, shape);
        Checks.capacity(indices.name, indices.available, outCount, shape);
        if (x.type.isHalf()) {
            // 16-bit input, float32 values: different element types, compared by bytes
            Memory.noOverlapBytes(x, d.count, values, outCount);
        } else {
            Memory.noOverlap(x, d.count, values, outCount, false);
        }
        Memory.noOverlapBytes(x, d.count, indices, outCount);
        Memory.noOverlapBytes(values, outCount, indices, outCount);
        if (mask != null) {
            MaskChecks.check(mask, maskDims, d.outer, shape);
            MaskChecks.noOverlap(mask, maskDims.count, values, outCount);
            MaskChecks.noOverlap(mask, maskDims.count, indices, outCount);
        }
        if (outCount == 0) {
            return;
        }
        if (Memory.hidesOverlap(x.base, values.base) || Memory.hidesOverlap(x.base, indices.base)) {
            x = Memory.privateCopy(x, d.count);
        }
        Kernels kernels = backend.forElements(d.count);
        x = Memory.selectionViewIfRaw(x, d.count, d.n);
        values = Memory.selectionViewIfRaw(values, outCount, k);
        indices = Memory.selectionViewIfRaw(indices, outCount, k);
        if (kernels == CheckOnly.INSTANCE) {
            return;
        }
        if (mask != null) {
            Operand mv = MaskChecks.forPipeline(mask, maskDims, values, indices);
            MaskedSelection.topK(kernels, x.type, x.base, x.index, d.outer, d.n, k, mode, mv.base,
                    mv.index, maskDims.n, values.base, values.index, indices.base, indices.index);
        } else {
            TopSelection.topK(kernels, x.type, x.base, x.index, d.outer, d.n, k, logProbs,
                    values.base, values.index, indices.base, indices.index);
        }
    }
}
