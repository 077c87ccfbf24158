package dev.logits4j.internal;

/**
 * The pure-Java implementation: works on every JVM, and is the parity partner of native.
 * Contiguous float32 rows of heap arrays run on the Vector API kernels when
 * {@link JavaAccelProvider} enabled them; everything else runs on {@link JavaF32} / {@link JavaF64}.
 */
public final class JavaKernels implements Kernels {
    /** The Java implementation the facade uses: with the Vector API kernels when available. */
    public static final JavaKernels INSTANCE = new JavaKernels(JavaAccelProvider.ACCEL);
    /** Scalar only, whatever the JVM offers (agreement tests compare it with {@link #INSTANCE}). */
    public static final JavaKernels SCALAR = new JavaKernels(null);

    private final JavaF32Accel accel;

    private JavaKernels(JavaF32Accel accel) {
        this.accel = accel;
    }

    /** What the float32 Java kernels run on in this JVM, and why (for {@code info()}). */
    public static String accelerationStatus() {
        return JavaAccelProvider.STATUS;
    }

    /** Whether this instance uses the Vector API kernels. */
    public boolean vectorized() {
        return accel != null;
    }

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
        if (accel != null && n > 0) {
            if (inner == 1 && x instanceof float[] && y instanceof float[]) {
                accel.softmax((float[]) x, (int) xi, (float[]) y, (int) yi, outer, n, invT, flags);
                return;
            }
            // Buffers and other axes: each slice through a scratch row (a bulk copy costs far
            // less than scalar exps).
            float[] row = Scratch.get().f32a(n);
            for (long o = 0; o < outer; o++) {
                for (long i = 0; i < inner; i++) {
                    long base = o * n * inner + i;
                    JavaF32.gather(x, xi + base, inner, row, n);
                    accel.softmax(row, 0, row, 0, 1, n, invT, flags);
                    JavaF32.scatter(row, n, y, yi + base, inner);
                }
            }
            return;
        }
        JavaF32.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
    }

    @Override
    public void softmaxF64(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {
        JavaF64.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
    }

    @Override
    public void logSumExpF32(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        if (accel != null && n > 0) {
            if (inner == 1 && x instanceof float[] && y instanceof float[]) {
                accel.logSumExp((float[]) x, (int) xi, (float[]) y, (int) yi, outer, n);
                return;
            }
            Scratch s = Scratch.get();
            float[] row = s.f32a(n);
            float[] one = s.f32b(1);
            for (long o = 0; o < outer; o++) {
                for (long i = 0; i < inner; i++) {
                    JavaF32.gather(x, xi + o * n * inner + i, inner, row, n);
                    accel.logSumExp(row, 0, one, 0, 1, n);
                    JavaF32.put(y, yi + o * inner + i, one[0]);
                }
            }
            return;
        }
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
        if (accel != null && eps == 0 && c > 0) {
            if (inner == 1 && logits instanceof float[] && (out == null || out instanceof float[])) {
                return accel.crossEntropyIndex((float[]) logits, (int) li, targets, ti, outer, c,
                        f64(weight), ignoreIndex, (float[]) out, (int) oi);
            }
            float[] row = Scratch.get().f32a(c);
            double total = 0;
            for (long o = 0; o < outer; o++) {
                for (long i = 0; i < inner; i++) {
                    long pos = o * inner + i;
                    double loss = 0;
                    if (Targets.get(targets, ti + pos) != ignoreIndex) {
                        JavaF32.gather(logits, li + o * c * inner + i, inner, row, c);
                        loss = accel.crossEntropyIndex(row, 0, targets, ti + pos, 1, c, f64(weight),
                                ignoreIndex, null, 0);
                        total += loss;
                    }
                    if (out != null) {
                        JavaF32.put(out, oi + pos, (float) loss);
                    }
                }
            }
            return total;
        }
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
