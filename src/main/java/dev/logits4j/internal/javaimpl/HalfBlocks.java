package dev.logits4j.internal.javaimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.internal.kernels.Kernels;

/**
 * float16 / bfloat16 inputs on kernels that only read float32 (the Java implementation): the
 * input is converted exactly, a bounded block at a time, into a per-thread float32 scratch array
 * that the float32 kernels then read, so every result is the float32 op of the up-converted
 * input ({@code op(x.float())}). A block is whole outer slices ({@code n * inner} elements): as
 * many as fit in {@link #BLOCK} elements (a multiple of 64 rows for short rows, as the Vector API
 * kernels' row blocks are counted), or one slice when a slice alone is larger (a 128,256-element
 * row is converted whole). The native kernels convert inside their first pass instead.
 */
public final class HalfBlocks {
    /** Elements per converted block when slices are small (64 KiB of float32). */
    static final int BLOCK = 1 << 14;
    /** Scratch arrays up to this many elements are kept per thread (1 MiB); larger ones per call. */
    static final int RETAINED = 1 << 18;
    private static final ThreadLocal<float[][]> LOCAL = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private HalfBlocks() {}

    private static float[] scratch(long count) {
        int n = Math.toIntExact(count);
        float[][] holder = LOCAL.get();
        if (holder[0].length >= n) {
            return holder[0];
        }
        float[] a = new float[n];
        if (n <= RETAINED) {
            holder[0] = a;
        }
        return a;
    }

    /** Outer slices per block for slices of {@code slice} elements. */
    private static long slicesPerBlock(long slice, long outer) {
        if (slice >= BLOCK) {
            return 1;
        }
        long k = BLOCK / slice;
        if (k >= 64) {
            k -= k % 64;
        }
        return Math.max(1, Math.min(k, outer));
    }

    public static void softmax(Kernels k, boolean bf16, Object x, long xi, Object y, long yi,
                               long outer, int n, long inner, double invT, int flags) {
        long slice = n * inner;
        if (slice == 0 || outer == 0) {
            return;
        }
        long per = slicesPerBlock(slice, outer);
        float[] buf = scratch(per * slice);
        for (long o = 0; o < outer; o += per) {
            long m = Math.min(per, outer - o);
            HalfConversion.convert(x, xi + o * slice, 1, buf, 0, (int) (m * slice), bf16);
            k.softmax(DType.F32, buf, 0, y, yi + o * slice, m, n, inner, invT, flags);
        }
    }

    public static void logSumExp(Kernels k, boolean bf16, Object x, long xi, Object y, long yi,
                                 long outer, int n, long inner) {
        if (n == 0 || outer == 0 || inner == 0) {
            k.logSumExp(DType.F32, new float[0], 0, y, yi, outer, n, inner);   // reads no input
            return;
        }
        long slice = n * inner;
        long per = slicesPerBlock(slice, outer);
        float[] buf = scratch(per * slice);
        for (long o = 0; o < outer; o += per) {
            long m = Math.min(per, outer - o);
            HalfConversion.convert(x, xi + o * slice, 1, buf, 0, (int) (m * slice), bf16);
            k.logSumExp(DType.F32, buf, 0, y, yi + o * inner, m, n, inner);
        }
    }

    public static double crossEntropyIndex(Kernels k, boolean bf16, Object logits, long li,
                                           DType targetType, Object targets, long ti, long outer, int c, long inner,
                                           ClassWeights weight, long ignoreIndex, double eps,
                                           Object out, long oi) {
        long slice = c * inner;
        if (slice == 0 || outer == 0) {
            return 0;
        }
        long per = slicesPerBlock(slice, outer);
        float[] buf = scratch(per * slice);
        double total = 0;
        for (long o = 0; o < outer; o += per) {
            long m = Math.min(per, outer - o);
            HalfConversion.convert(logits, li + o * slice, 1, buf, 0, (int) (m * slice), bf16);
            total += k.crossEntropy(DType.F32, buf, 0, targetType, targets, ti + o * inner, m, c, inner, weight,
                    ignoreIndex, eps, out, out == null ? 0 : oi + o * inner);
        }
        return total;
    }

    public static double crossEntropyProb(Kernels k, boolean bf16, Object logits, long li,
                                          Object probs, long pi, long outer, int c, long inner,
                                          ClassWeights weight, double eps, Object out, long oi) {
        long slice = c * inner;
        if (slice == 0 || outer == 0) {
            return 0;
        }
        long per = slicesPerBlock(slice, outer);
        float[] buf = scratch(per * slice);
        double total = 0;
        for (long o = 0; o < outer; o += per) {
            long m = Math.min(per, outer - o);
            HalfConversion.convert(logits, li + o * slice, 1, buf, 0, (int) (m * slice), bf16);
            total += k.crossEntropy(DType.F32, buf, 0, DType.F32, probs, pi + o * slice, m, c, inner, weight, 0, eps,
                    out, out == null ? 0 : oi + o * inner);
        }
        return total;
    }
}
