package dev.logits4j.internal.javaimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.ClassWeights;

/**
 * The pure-Java implementation: works on every JVM, and is the parity partner of native.
 * When {@link JavaAccelProvider} enabled them, the Vector API kernels ({@link JavaF32Accel},
 * {@link JavaF64Accel}) run softmax, log-softmax, logsumexp and unsmoothed class-index
 * cross-entropy; the rest runs on {@link JavaF32} / {@link JavaF64}.
 */
public final class JavaKernels implements Kernels {
    /** The Java implementation the facade uses: with the Vector API kernels when available. */
    public static final JavaKernels INSTANCE =
            new JavaKernels(JavaAccelProvider.ACCEL, JavaAccelProvider.ACCEL64);
    /** Scalar only, whatever the JVM offers (agreement tests compare it with {@link #INSTANCE}). */
    public static final JavaKernels SCALAR = new JavaKernels(null, null);

    private final JavaF32Accel accel;
    private final JavaF64Accel accel64;
    private final JavaGlueF32 f32;
    private final JavaGlueF64 f64;

    private JavaKernels(JavaF32Accel accel, JavaF64Accel accel64) {
        this.accel = accel;
        this.accel64 = accel64;
        this.f32 = new JavaGlueF32(accel);
        this.f64 = new JavaGlueF64(accel64);
    }

    /** What the float32 Java kernels run on in this JVM, and why (for {@code info()}). */
    public static String accelerationStatus() {
        return JavaAccelProvider.STATUS;
    }

    /** Whether this instance uses the Vector API kernels. */
    public boolean vectorized() {
        return accel != null;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean takesRawAddresses() {
        return false;
    }

    // Each op: float32 and float64 on their glue (the Vector API kernels where enabled), 16-bit
    // logits a bounded block at a time into float32 scratch, then the float32 kernels.

    @Override
    public void softmax(DType type, Object x, long xi, Object y, long yi, long outer, int n,
                        long inner, double invT, int flags) {
        switch (type) {
            case F32 -> f32.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
            case F64 -> f64.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
            default -> HalfBlocks.softmax(this, type == DType.BF16, x, xi, y, yi, outer, n, inner,
                    invT, flags);
        }
    }

    @Override
    public void logSumExp(DType type, Object x, long xi, Object y, long yi, long outer, int n,
                          long inner) {
        switch (type) {
            case F32 -> f32.logSumExp(x, xi, y, yi, outer, n, inner);
            case F64 -> f64.logSumExp(x, xi, y, yi, outer, n, inner);
            default -> HalfBlocks.logSumExp(this, type == DType.BF16, x, xi, y, yi, outer, n, inner);
        }
    }

    @Override
    public double crossEntropy(DType type, Object logits, long li, DType targetType,
                               Object targets, long ti, long outer, int c, long inner,
                               ClassWeights weight, long ignoreIndex, double eps, Object out,
                               long oi) {
        boolean probs = targetType.isFloating();
        switch (type) {
            case F32:
                return probs
                        ? f32.crossEntropyProb(logits, li, targets, ti, outer, c, inner, weight, eps, out, oi)
                        : f32.crossEntropyIndex(logits, li, targets, ti, outer, c, inner, weight,
                                ignoreIndex, eps, out, oi);
            case F64:
                return probs
                        ? f64.crossEntropyProb(logits, li, targets, ti, outer, c, inner, weight, eps, out, oi)
                        : f64.crossEntropyIndex(logits, li, targets, ti, outer, c, inner, weight,
                                ignoreIndex, eps, out, oi);
            default:
                boolean bf16 = type == DType.BF16;
                return probs
                        ? HalfBlocks.crossEntropyProb(this, bf16, logits, li, targets, ti, outer, c,
                                inner, weight, eps, out, oi)
                        : HalfBlocks.crossEntropyIndex(this, bf16, logits, li, targetType, targets,
                                ti, outer, c, inner, weight, ignoreIndex, eps, out, oi);
        }
    }

    @Override
    public double crossEntropyWithGradient(DType type, Object logits, long li, DType targetType,
                                           Object targets, long ti, long outer, int c, long inner,
                                           ClassWeights weight, long ignoreIndex, double eps,
                                           double scale, Object upstream, long ui, Object grad,
                                           long gi) {
        // the loss first, by crossEntropy itself (so it is that op's bit for bit), then the
        // gradient pass: in place is safe, every logit is read before its gradient is written
        double total = crossEntropy(type, logits, li, targetType, targets, ti, outer, c, inner,
                weight, ignoreIndex, eps, null, 0);
        dev.logits4j.internal.kernels.GradientRows.crossEntropy(type, logits, li, targetType, targets, ti, outer, c, inner,
                weight, ignoreIndex, eps, scale, upstream, ui, grad, gi);
        return total;
    }

    @Override
    public void softmaxBackward(DType type, Object y, long yi, Object g, long gi, Object gx,
                                long gxi, long outer, int n, long inner, boolean log) {
        dev.logits4j.internal.kernels.GradientRows.softmaxBackward(y, yi, g, gi, gx, gxi, outer, n, inner, log);
    }

    // ---- the selection primitives (the pipeline on them is internal.select) ----------------------

    @Override
    public int collectTop(DType type, Object x, long xi, int n, int keep, boolean firstTies,
                          Candidates c) {
        c.firstTies = firstTies;   // an allowance: the scan itself returns every tie
        return JavaCandidates.collect(type, x, xi, n, keep, c, accel, accel64);
    }

    @Override
    public double rowLogProb(DType type, Object x, long xi, int n, int t) {
        return JavaRowMath.rowLogProb(type, x, xi, n, t);
    }

    @Override
    public double sumExpBlocks(DType type, Object x, long xi, int n, double max, double invT,
                               int[] ids, double[] values, int m, double[] blockSums) {
        return JavaRowMath.sumExpBlocks(type, x, xi, n, max, invT, ids, values, m, blockSums);
    }

    @Override
    public int equalBits(DType type, Object x, long xi, int n, double v, int[] out) {
        return JavaEqualBits.equalBits(type, x, xi, n, v, out);
    }

    @Override
    public double massDigit(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                            double[] values, int m, long prefix, int prefixBits, int digitBits,
                            double[] hist, long[] stats) {
        return JavaTopPMass.massDigit(type, x, xi, n, max, invT, ids, values, m, prefix, prefixBits,
                digitBits, hist, stats);
    }

    @Override
    public double keptBlockSums(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                                double[] values, int m, long boundary, long tiesKept, double[] blockSums,
                                long[] lastTie) {
        return JavaTopPMass.keptBlockSums(type, x, xi, n, max, invT, ids, values, m, boundary, tiesKept,
                blockSums, lastTie);
    }
}
