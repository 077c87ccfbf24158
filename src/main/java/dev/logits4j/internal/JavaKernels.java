package dev.logits4j.internal;

/** The pure-Java implementation: works on every JVM, and is the parity partner of native. */
public final class JavaKernels implements Kernels {
    public static final JavaKernels INSTANCE = new JavaKernels();

    private JavaKernels() {}

    private static double[] f64(ClassWeights w) {
        return w == null ? null : w.f64();
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void softmaxF32(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {
        JavaF32.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
    }

    @Override
    public void softmaxF64(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {
        JavaF64.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
    }

    @Override
    public void logSumExpF32(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        JavaF32.logSumExp(x, xi, y, yi, outer, n, inner);
    }

    @Override
    public void logSumExpF64(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        JavaF64.logSumExp(x, xi, y, yi, outer, n, inner);
    }

    @Override
    public double crossEntropyIndexF32(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        return JavaF32.crossEntropyIndex(logits, li, targets, ti, outer, c, inner, f64(weight),
                ignoreIndex, eps, out, oi);
    }

    @Override
    public double crossEntropyIndexF64(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        return JavaF64.crossEntropyIndex(logits, li, targets, ti, outer, c, inner, f64(weight),
                ignoreIndex, eps, out, oi);
    }

    @Override
    public double crossEntropyProbF32(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps, Object out,
                                      long oi) {
        return JavaF32.crossEntropyProb(logits, li, probs, pi, outer, c, inner, f64(weight), eps, out, oi);
    }

    @Override
    public double crossEntropyProbF64(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps, Object out,
                                      long oi) {
        return JavaF64.crossEntropyProb(logits, li, probs, pi, outer, c, inner, f64(weight), eps, out, oi);
    }
}
