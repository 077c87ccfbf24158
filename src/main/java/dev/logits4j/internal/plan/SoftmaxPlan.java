package dev.logits4j.internal.plan;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/**
 * softmax and log-softmax: the checks (shape read once, capacities, overlap), then one kernel call
 * on the implementation the backend gives for the call's size.
 */
public final class SoftmaxPlan {
    private SoftmaxPlan() {}

    /**
     * @param chooseFor when positive, the element count the implementation is chosen for
     *                  (the parallel form: the whole call's, so every chunk runs the same kernels)
     */
    public static void run(KernelSource backend, Operand x, Operand y, Dims d,
                           double temperature, boolean maskedRowsZero, boolean log, long chooseFor) {
        int[] shape = d.shape;
        long count = d.count;
        Checks.logits(x);
        Checks.valuesType(x, y);
        Checks.capacity(x.name, x.available, count, shape);
        Checks.capacity(y.name, y.available, count, shape);
        if (x.type.isHalf()) {
            // 16-bit input, float32 output: never in place (checked by bytes)
            Memory.noOverlapBytes(x.name, x.base, x.index, x.type.bytes(), count, y.name, y.base,
                    y.index, y.type.bytes(), count);
        } else {
            Memory.noOverlap(x.name, x.base, x.index, count, y.name, y.base, y.index, count, x.type.bytes(), true);
        }
        if (count == 0) {
            return;
        }
        if (Memory.hidesOverlap(x.base, y.base)) {
            x = Memory.privateCopy(x, count);
        }
        int flags = (log ? Kernels.LOG : 0) | (maskedRowsZero ? Kernels.MASKED_ROWS_ZERO : 0);
        double invT = 1.0 / temperature;
        Kernels k = backend.forElements(chooseFor > 0 ? chooseFor : count);
        if (!k.takesRawAddresses()) {
            x = Memory.viewIfRaw(x, count);
            y = Memory.viewIfRaw(y, count);
        }
        k.softmax(x.type, x.base, x.index, y.base, y.index, d.outer, d.n, d.inner, invT, flags);
    }
}
