package dev.logits4j.internal.javaimpl;

/**
 * Faster float32 row kernels for the pure-Java implementation, on contiguous rows of heap
 * {@code float[]} arrays ({@link JavaKernels} brings buffers and other axes to them through
 * scratch arrays). Probability targets, label smoothing and rows with special values stay with
 * {@link JavaF32}.
 *
 * <p>The only implementation, {@code VectorF32}, uses the JDK's incubating Vector API and is
 * loaded by {@link JavaAccelProvider} only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; no other class refers to it, so the library never
 * needs that module (the Lucene way of shipping an optional vectorised path).
 */
interface JavaF32Accel {
    /** A short description for {@code info()}, e.g. {@code "Vector API, 512-bit"}. */
    String description();

    /**
     * Whether {@code outer} rows of {@code n} are worth the vector kernels: fewer rows than a
     * vector has lanes, each shorter than a vector, run the scalar kernels anyway.
     */
    boolean worthIt(long outer, int n);

    /** Rows shorter than this are computed in blocks of rows, counted from a call's first row. */
    int blockRowsBelow();

    void softmax(float[] x, int xo, float[] y, int yo, long outer, int n, double invT, int flags);

    void logSumExp(float[] x, int xo, float[] y, int yo, long outer, int n);

    /** Class-index cross-entropy of contiguous rows without label smoothing; see {@link Kernels}. */
    double crossEntropyIndex(float[] x, int xo, Object targets, long ti, long outer, int c,
                             double[] weight, long ignoreIndex, float[] out, int oo);

    /**
     * The first j in [from, to) with {@code a[j] >= thr} or {@code a[j]} NaN, or {@code to}:
     * the selection scan's skip ({@link JavaCandidates}).
     */
    int firstNotBelow(float[] a, int from, int to, float thr);
}
