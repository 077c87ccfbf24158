package dev.logits4j.internal.plan;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.backend.Kernels;

/** logSumExp: the checks, then one kernel call (output: one value per slice along the axis). */
public final class LogSumExpPlan {
    private LogSumExpPlan() {}

    /** {@link #run} for float32 heap arrays (as {@link SoftmaxPlan#runArrays}, which says why). */
    public static void runArrays(KernelSource backend, float[] x, int xOffset, float[] y, int yOffset,
                                 int[] shape, int axis) {
        Dims d = Dims.of(shape, axis, "shape");
        long count = d.count;
        long outCount = d.slices;
        Checks.capacity("x", x.length - (long) xOffset, count, shape);
        Checks.capacity("y", y.length - (long) yOffset, outCount, shape);
        if (x == y) {
            Checks.noOverlap("x", xOffset, count, "y", yOffset, outCount, d.n == 1);
        }
        if (outCount == 0) {
            return;
        }
        backend.forElements(count).logSumExpF32(x, xOffset, y, yOffset, d.outer, d.n, d.inner);
    }

    /** @param chooseFor as in {@link SoftmaxPlan#run} */
    public static void run(KernelSource backend, Operand x, Operand y, int[] shape, int axis,
                           long chooseFor) {
        Dims d = Dims.of(shape, axis, "shape");
        long count = d.count;
        long outCount = d.slices;
        Checks.capacity(x.name, x.available, count, shape);
        Checks.capacity(y.name, y.available, outCount, shape);
        // in place only when each slice is one element (the output then is the input)
        if (x.type.isHalf()) {
            Memory.noOverlapBytes(x.name, x.base, x.index, x.type.bytes, count, y.name, y.base,
                    y.index, y.type.bytes, outCount);
        } else {
            Memory.noOverlap(x.name, x.base, x.index, count, y.name, y.base, y.index, outCount,
                    x.type.bytes, d.n == 1);
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
        if (x.type.isHalf()) {
            k.logSumExpHalf(x.type == DType.BF16, x.base, x.index, y.base, y.index, d.outer, d.n,
                    d.inner);
        } else if (x.type == DType.F64) {
            k.logSumExpF64(x.base, x.index, y.base, y.index, d.outer, d.n, d.inner);
        } else {
            k.logSumExpF32(x.base, x.index, y.base, y.index, d.outer, d.n, d.inner);
        }
    }

    /** The number of outputs for {@code shape} along {@code axis} (for allocating helpers). */
    public static int outputLength(int[] shape, int axis) {
        return Checks.newArrayLength("logSumExp output", Dims.of(shape, axis, "shape").slices);
    }
}
