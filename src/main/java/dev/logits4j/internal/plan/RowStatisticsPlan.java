package dev.logits4j.internal.plan;

import dev.logits4j.internal.kernels.CheckOnly;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.select.RowStatistics;

/**
 * entropy and KL divergence along an axis: one value per slice, of the logits' values dtype
 * (float32 for 16-bit logits); the checks, then the shared Java row code
 * ({@link RowStatistics}), on every backend.
 */
public final class RowStatisticsPlan {
    private RowStatisticsPlan() {}

    public static void entropy(KernelSource backend, Operand x, Operand y, Dims d) {
        checks(x, null, y, d);
        if (d.slices == 0 || backend.forElements(d.count) == CheckOnly.INSTANCE) {
            return;
        }
        x = readable(x, y, d);
        y = Memory.selectionViewIfRaw(y, d.slices, 1);
        RowStatistics.entropy(x.type, x.base, x.index, d.outer, d.n, d.inner, y.base, y.index);
    }

    /** KL(softmax(p) || softmax(q)): p and q of one dtype and shape. */
    public static void kl(KernelSource backend, Operand p, Operand q, Dims dq, Operand y, Dims d) {
        if (!java.util.Arrays.equals(d.shape, dq.shape)) {
            throw new IllegalArgumentException(q.name + " has shape "
                    + java.util.Arrays.toString(dq.shape) + " but " + p.name + " has shape "
                    + java.util.Arrays.toString(d.shape) + ": they must match");
        }
        checks(p, q, y, d);
        if (d.slices == 0 || backend.forElements(d.count) == CheckOnly.INSTANCE) {
            return;
        }
        p = readable(p, y, d);
        q = readable(q, y, d);
        y = Memory.selectionViewIfRaw(y, d.slices, 1);
        RowStatistics.kl(p.type, p.base, p.index, q.base, q.index, d.outer, d.n, d.inner, y.base,
                y.index);
    }

    private static void checks(Operand x, Operand q, Operand y, Dims d) {
        Checks.logits(x);
        if (q != null) {
            Checks.sameType(x, q);
            Checks.capacity(q.name, q.available, d.count, d.shape);
        }
        Checks.valuesType(x, y);
        Checks.capacity(x.name, x.available, d.count, d.shape);
        Checks.capacity(y.name, y.available, d.slices, d.shape);
        noOverlap(x, y, d);
        if (q != null) {
            noOverlap(q, y, d);
        }
    }

    private static void noOverlap(Operand x, Operand y, Dims d) {
        if (x.type == y.type) {
            Memory.noOverlap(x, d.count, y, d.slices, false);
        } else {
            Memory.noOverlapBytes(x, d.count, y, d.slices);
        }
    }

    /** The input as the row code reads it: a private copy where an overlap could hide, raw memory viewed. */
    private static Operand readable(Operand x, Operand y, Dims d) {
        if (Memory.hidesOverlap(x.base, y.base)) {
            x = Memory.privateCopy(x, d.count);
        }
        return Memory.selectionViewIfRaw(x, d.count, (long) d.n * d.inner);
    }
}
