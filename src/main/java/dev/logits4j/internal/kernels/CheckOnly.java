package dev.logits4j.internal.kernels;

import dev.logits4j.DType;

/**
 * Kernels that do nothing: a plan run on them performs every check of the call and no work. The
 * parallel form of the ops runs the whole call's plan on these first, so a refused call is refused
 * before any chunk writes (an overlap between one chunk's input and another chunk's output is only
 * visible to the whole call's checks), then runs each chunk's plan on the real kernels.
 */
public final class CheckOnly implements Kernels {
    public static final CheckOnly INSTANCE = new CheckOnly();
    public static final KernelSource SOURCE = KernelSource.of(INSTANCE);

    private CheckOnly() {}

    @Override
    public String name() {
        return "check-only";
    }

    @Override
    public boolean takesRawAddresses() {
        return true;   // nothing is read: raw memory needs no view
    }

    @Override
    public void softmax(DType type, Object x, long xi, Object y, long yi, long outer, int n,
                        long inner, double invT, int flags) {}

    @Override
    public void logSumExp(DType type, Object x, long xi, Object y, long yi, long outer, int n,
                          long inner) {}

    @Override
    public double crossEntropy(DType type, Object logits, long li, DType targetType,
                               Object targets, long ti, long outer, int c, long inner,
                               ClassWeights weight, long ignoreIndex, double eps, Object out,
                               long oi) {
        return 0;
    }

    @Override
    public double crossEntropyWithGradient(DType type, Object logits, long li, DType targetType,
                                           Object targets, long ti, long outer, int c, long inner,
                                           ClassWeights weight, long ignoreIndex, double eps,
                                           double scale, Object upstream, long ui, Object grad,
                                           long gi) {
        return 0;
    }

    @Override
    public void softmaxBackward(DType type, Object y, long yi, Object g, long gi, Object gx,
                                long gxi, long outer, int n, long inner, boolean log) {}

    @Override
    public int collectTop(DType type, Object x, long xi, int n, int keep, boolean firstTies,
                          Candidates c) {
        throw new UnsupportedOperationException("check-only kernels select nothing");
    }

    @Override
    public double rowLogProb(DType type, Object x, long xi, int n, int t) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }

    @Override
    public double sumExpBlocks(DType type, Object x, long xi, int n, double max, double invT,
                               int[] ids, double[] values, int m, double[] blockSums) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }

    @Override
    public int equalBits(DType type, Object x, long xi, int n, double v, int[] out) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }

    @Override
    public double massDigit(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                            double[] values, int m, long prefix, int prefixBits, int digitBits,
                            double[] hist, long[] stats) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }

    @Override
    public double keptBlockSums(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                                double[] values, int m, long boundary, long tiesKept, double[] blockSums,
                                long[] lastTie) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }
}
