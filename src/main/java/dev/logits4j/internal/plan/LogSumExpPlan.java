package dev.logits4j.internal.plan;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;

/** logSumExp: the checks, then one kernel call (output: one value per slice along the axis). */
public final class LogSumExpPlan {
    private LogSumExpPlan() {}

    /**
     * log-sum-exp of each slice along {@code d}'s axis into {@code y}: dtypes, capacities and
     * overlap checked, then one kernel call.
     *
     * @param chooseFor as in {@link SoftmaxPlan#run}
     */
    public static void run(KernelSource backend, Operand x, Operand y, Dims d,
                           long chooseFor) {
        int[] shape = d.shape;
        long count = d.count;
        Checks.logits(x);
        Checks.valuesType(x, y);
        long outCount = d.slices;
        Checks.capacity(x.name, x.available, count, shape);
        Checks.capacity(y.name, y.available, outCount, shape);
        // in place only when each slice is one element (the output then is the input)
        if (x.type.isHalf()) {
            Memory.noOverlapBytes(x.name, x.base, x.index, x.type.bytes(), count, y.name, y.base,
                    y.index, y.type.bytes(), outCount);
        } else {
            Memory.noOverlap(x.name, x.base, x.index, count, y.name, y.base, y.index, outCount,
                    x.type.bytes(), d.n == 1);
        }
        if (outCount == 0) {
            return;
        }
        if (Memory.hidesOverlap(x.base, y.base)) {
            x = Memory.privateCopy(x, count);
        }
        Kernels k = backend.forElements(chooseFor > 0 ? chooseFor : count);
        if (!k.takesRawAddresses()) {
            x = Memory.viewIfRaw(x, count);
            y = Memory.viewIfRaw(y, outCount);
        }
        k.logSumExp(x.type, x.base, x.index, y.base, y.index, d.outer, d.n, d.inner);
    }

}
