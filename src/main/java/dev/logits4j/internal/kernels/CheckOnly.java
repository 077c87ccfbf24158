package dev.logits4j.internal.kernels;

import dev.logits4j.internal.kernels.ClassWeights;

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
    public void softmaxF32(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {}

    @Override
    public void softmaxF64(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {}

    @Override
    public void logSumExpF32(Object x, long xi, Object y, long yi, long outer, int n, long inner) {}

    @Override
    public void logSumExpF64(Object x, long xi, Object y, long yi, long outer, int n, long inner) {}

    @Override
    public double crossEntropyIndexF32(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        return 0;
    }

    @Override
    public double crossEntropyIndexF64(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        return 0;
    }

    @Override
    public double crossEntropyProbF32(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps,
                                      Object out, long oi) {
        return 0;
    }

    @Override
    public double crossEntropyProbF64(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps,
                                      Object out, long oi) {
        return 0;
    }


    @Override
    public int collectTop(Object x, long xi, int n, int keep, boolean firstTies, Candidates c) {
        throw new UnsupportedOperationException("check-only kernels select nothing");
    }

    @Override
    public double rowLogProb(Object x, long xi, int n, int t) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }

    @Override
    public double sumExpBlocks(Object x, long xi, int n, double max, double invT, int[] ids,
                               double[] values, int m, double[] blockSums) {
        throw new UnsupportedOperationException("check-only kernels compute nothing");
    }

    @Override
    public void softmaxHalf(boolean bf16, Object x, long xi, Object y, long yi, long outer, int n,
                            long inner, double invT, int flags) {}

    @Override
    public void logSumExpHalf(boolean bf16, Object x, long xi, Object y, long yi, long outer,
                              int n, long inner) {}

    @Override
    public double crossEntropyIndexHalf(boolean bf16, Object logits, long li, Object targets,
                                        long ti, long outer, int c, long inner,
                                        ClassWeights weight, long ignoreIndex, double eps,
                                        Object out, long oi) {
        return 0;
    }

    @Override
    public double crossEntropyProbHalf(boolean bf16, Object logits, long li, Object probs,
                                       long pi, long outer, int c, long inner,
                                       ClassWeights weight, double eps, Object out, long oi) {
        return 0;
    }
}
