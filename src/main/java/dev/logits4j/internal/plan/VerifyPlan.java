package dev.logits4j.internal.plan;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.CheckOnly;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import dev.logits4j.internal.select.SpeculativeVerifier;

/**
 * Speculative verification: target logits {@code [..., k + 1, vocab]}, draft tokens
 * {@code [..., k]} (int32/int64), draft probabilities {@code [..., k, vocab]} (the target's values
 * dtype: float32 for 16-bit logits), draws {@code [..., k + 1]} (float64 in [0, 1)), out
 * {@code [..., k + 2]} (int32/int64). Shapes, dtypes, capacities and overlaps are checked, and the
 * draft tokens and draws read once into private memory and checked, before any work.
 */
public final class VerifyPlan {
    private VerifyPlan() {}

    private static final ScratchPool<int[][]> DRAFTS = new ScratchPool<>(() -> new int[1][]);

    public static void run(KernelSource backend, Operand target, Dims d, SamplingSettings s,
                           Operand drafts, Operand q, Operand u, Operand out) {
        int[] shape = d.shape;
        Checks.logits(target);
        if (shape.length < 2) {
            throw new IllegalArgumentException(target.name + " has shape "
                    + java.util.Arrays.toString(shape) + ": it must be [..., k + 1, vocab]");
        }
        int n = d.n;
        int k = shape[shape.length - 2] - 1;
        if (k < 0 || n == 0) {
            throw new IllegalArgumentException(target.name + " has shape "
                    + java.util.Arrays.toString(shape) + ": it needs k + 1 >= 1 rows of a vocabulary >= 1");
        }
        long batch = d.outer / (k + 1);
        Checks.indexType(drafts);
        Checks.indexType(out);
        Checks.valuesType(target, q);
        if (u.type != DType.F64) {
            throw new IllegalArgumentException(u.name + " must hold float64 draws, not " + u.type);
        }
        if (hasHistory(s)) {
            throw new IllegalArgumentException("options carry a history: verify does not apply "
                    + "penalties yet (each position's history would need the draft tokens before it)");
        }
        Checks.capacity(target.name, target.available, d.count, shape);
        Checks.capacity(drafts.name, drafts.available, batch * k, shape);
        Checks.capacity(q.name, q.available, batch * k * n, shape);
        Checks.capacity(u.name, u.available, batch * (k + 1), shape);
        Checks.capacity(out.name, out.available, batch * (k + 2), shape);
        long outCount = batch * (k + 2);
        for (Operand in : new Operand[] {target, drafts, q, u}) {
            long count = in == target ? d.count : in == drafts ? batch * k : in == q ? batch * k * n
                    : batch * (k + 1);
            if (in.type == out.type) {
                Memory.noOverlap(in, count, out, outCount, false);
            } else {
                Memory.noOverlapBytes(in, count, out, outCount);
            }
        }
        SamplingParams params = SamplePlan.resolve(s, 1, n);
        if (batch == 0) {
            return;
        }
        double[][] keptDraws = SamplePlan.DRAWS.acquire();
        int[][] keptDrafts = DRAFTS.acquire();
        try {
            double[] draws = SamplePlan.read(u, batch * (k + 1), keptDraws);
            int[] ids = readDrafts(drafts, batch * k, n, keptDrafts);
            Kernels kernels = backend.forElements(d.count);
            if (kernels == CheckOnly.INSTANCE) {
                return;
            }
            if (Memory.hidesOverlap(target.base, out.base)) {
                target = Memory.privateCopy(target, d.count);
            }
            if (Memory.hidesOverlap(q.base, out.base)) {
                q = Memory.privateCopy(q, batch * k * n);
            }
            Operand tv = Memory.selectionViewIfRaw(target, d.count, n);
            Operand qv = Memory.selectionViewIfRaw(q, batch * k * n, n);
            Operand ov = Memory.selectionViewIfRaw(out, outCount, k + 2);
            SpeculativeVerifier.verify(kernels, tv.type, tv.base, tv.index, n, k, batch, ids, qv.base,
                    qv.index, draws, params, ov.base, ov.index);
        } finally {
            SamplePlan.DRAWS.release(keptDraws);
            DRAFTS.release(keptDrafts);
        }
    }

    /** Whether the options carry any history id (an empty history changes nothing). */
    private static boolean hasHistory(SamplingSettings s) {
        if (s.penaltyStates != null) {
            return true;
        }
        if (s.history != null) {
            for (int[] h : s.history) {
                if (h.length > 0) {
                    return true;
                }
            }
        }
        if (s.paddedHistory != null) {
            for (long id : s.paddedHistory) {
                if (id >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The draft tokens, read once into private memory and checked against the vocabulary. */
    private static int[] readDrafts(Operand drafts, long count, int vocab, int[][] kept) {
        Operand v = Memory.selectionViewIfRaw(drafts, count, 1);
        int m = (int) count;
        int[] ids = kept[0];
        if (ids == null || ids.length < m) {
            ids = new int[m];
            if (m <= 4096) {
                kept[0] = ids;
            }
        }
        for (int i = 0; i < m; i++) {
            long id = Elements.readIndex(v.base, v.index + i);
            if (id < 0 || id >= vocab) {
                Checks.tokenId(drafts.name + "[" + i + "]", id, vocab);
            }
            ids[i] = (int) id;
        }
        return ids;
    }
}
