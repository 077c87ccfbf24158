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
        long count = d.count;
        long outCount = d.slices;
        checks(x, y, d);
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

    /**
     * Every check of a log-sum-exp call (dtypes, capacities, overlap), in this order, before any
     * kernel runs. Apart from {@link #run} so that {@code run} stays small enough to be inlined
     * into the caller (see {@link SoftmaxPlan#checks}).
     */
    static void checks(Operand x, Operand y, Dims d) {
        long count = d.count;
        long outCount = d.slices;
        if (x.type != y.type || (x.type != DType.F32 && x.type != DType.F64)) {
            // anything but the common F32 -> F32 or F64 -> F64 (which passes both): the checks
            Checks.logits(x);
            Checks.valuesType(x, y);
        }
        Checks.capacity(x.name, x.available, count, d.shape);
        Checks.capacity(y.name, y.available, outCount, d.shape);
        // in place only when each slice is one element (the output then is the input)
        if (x.javaArray && y.javaArray) {
            // Memory.noOverlap's rule for Java arrays (see SoftmaxPlan.checks)
            if (x.base == y.base) {
                Checks.noOverlap(x.name, x.index, count, y.name, y.index, outCount, d.n == 1);
            }
            return;
        }
        if (x.type.isHalf()) {
            Memory.noOverlapBytes(x, count, y, outCount);
        } else {
            Memory.noOverlap(x, count, y, outCount, d.n == 1);
        }
    }
}
