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
        long count = d.count;
        checks(x, y, d);
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

    /**
     * Every check of a softmax call (dtypes, capacities, overlap), in this order, before any
     * kernel runs. Apart from {@link #run} so that {@code run} stays small enough for the JIT to
     * inline into the caller: a 1 x 10 call is tens of nanoseconds, and an out-of-line {@code run}
     * (its arguments passed, its branches on {@code log} and the dtype not folded) was a
     * measurable part of them.
     */
    static void checks(Operand x, Operand y, Dims d) {
        long count = d.count;
        if (x.type != y.type || (x.type != DType.F32 && x.type != DType.F64)) {
            // anything but the common F32 -> F32 or F64 -> F64 (which passes both): the checks
            Checks.logits(x);
            Checks.valuesType(x, y);
        }
        Checks.capacity(x.name, x.available, count, d.shape);
        Checks.capacity(y.name, y.available, count, d.shape);
        if (x.javaArray && y.javaArray) {
            // Memory.noOverlap's and hidesOverlap's rule for Java arrays, without their type tests:
            // the same array is compared by index, distinct arrays never overlap
            if (x.base == y.base) {
                Checks.noOverlap(x.name, x.index, count, y.name, y.index, count, true);
            }
            return;
        }
        if (x.type.isHalf()) {
            // 16-bit input, float32 output: never in place (checked by bytes)
            Memory.noOverlapBytes(x, count, y, count);
        } else {
            Memory.noOverlap(x, count, y, count, true);
        }
    }
}
