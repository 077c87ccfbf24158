package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.kernels.Targets;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * W rows of n < {@code VectorF32.SHORT_ROW} elements, transposed into a per-thread block
 * ({@code block[j * W + l]} = element j of row l) so that every vector holds one element of
 * each of W rows. A method returns false (cross-entropy: NaN) without writing anything when a
 * row of the block has a special value; the caller then runs those W rows one by one.
 */
final class VectorBlockF32 {
    private static final VectorSpecies<Float> S = VectorF32.S;
    private static final int W = VectorF32.W;
    private static final boolean SCATTER = VectorF32.SCATTER;

    int n = -1;
    float[] b;
    final float[] lane = new float[W];
    final float[] part = new float[W];
    /** Per-lane maxima or minima. */
    final float[] ext = new float[W];
    /** Per-lane negated (scaled) maxima. */
    final float[] negm = new float[W];
    final double[] sums = new double[W];
    final int[] rowStarts = new int[W];

    /** This thread's block, set up for rows of n (nothing allocated once warm). */
    static VectorBlockF32 of(int n) {
        Scratch scratch = Scratch.get();
        VectorBlockF32 k = (VectorBlockF32) scratch.vectorBlockF32();
        if (k == null) {
            k = new VectorBlockF32();
            scratch.vectorBlockF32(k);
        }
        if (k.n != n) {
            k.n = n;
            for (int l = 0; l < W; l++) {
                k.rowStarts[l] = l * n;
            }
        }
        k.b = scratch.block(n * W);
        return k;
    }

    private void transposeIn(float[] x, int xr) {
        // Gathers (one per column) beat a scalar transpose on AVX2 and AVX-512 alike.
        for (int j = 0; j < n; j++) {
            FloatVector.fromArray(S, x, xr + j, rowStarts, 0).intoArray(b, j * W);
        }
    }

    private void transposeOut(float[] y, int yr) {
        if (SCATTER) {
            for (int j = 0; j < n; j++) {
                FloatVector.fromArray(S, b, j * W).intoArray(y, yr + j, rowStarts, 0);
            }
            return;
        }
        for (int l = 0; l < W; l++) {
            int dst = yr + l * n;
            for (int j = 0; j < n; j++) {
                y[dst + j] = b[j * W + l];
            }
        }
    }

    /**
     * Per-lane maxima (NaN where a row holds a NaN) into {@link #ext}. No vector crosses a
     * method boundary in this class: C2 does not always inline these methods, and a vector
     * passed to or returned from a call it did not inline is boxed.
     */
    private void laneMax() {
        FloatVector m = FloatVector.fromArray(S, b, 0);
        for (int j = 1; j < n; j++) {
            m = m.max(FloatVector.fromArray(S, b, j * W));
        }
        m.intoArray(ext, 0);
    }

    private void laneMin() {
        FloatVector m = FloatVector.fromArray(S, b, 0);
        for (int j = 1; j < n; j++) {
            m = m.min(FloatVector.fromArray(S, b, j * W));
        }
        m.intoArray(ext, 0);
    }

    /** {@link #ext} times t into {@link #negm}, negated; false if a lane is not finite. */
    private boolean negatedMax(float t) {
        for (int l = 0; l < W; l++) {
            float m = ext[l] * t;
            if (!(m > Float.NEGATIVE_INFINITY && m < Float.POSITIVE_INFINITY)) {
                return false;
            }
            negm[l] = -m;
        }
        return true;
    }

    /** Per-lane sums of VectorF32.exp(x * t + negm) into {@link #sums}; stores the exps when asked. */
    private void sumExp(float t, boolean store) {
        boolean scaled = t != 1f;
        FloatVector vm = FloatVector.fromArray(S, negm, 0);
        // Each lane adds its row's terms one after another: Kahan-compensated (as the native
        // strided kernels), then folded into doubles.
        FloatVector sum = FloatVector.zero(S);
        FloatVector lost = sum;
        for (int j = 0; j < n; j++) {
            FloatVector v = FloatVector.fromArray(S, b, j * W);
            FloatVector e = VectorF32.exp((scaled ? v.mul(t) : v).add(vm));
            if (store) {
                e.intoArray(b, j * W);
            }
            FloatVector yv = e.sub(lost);
            FloatVector tv = sum.add(yv);
            lost = tv.sub(sum).sub(yv);
            sum = tv;
        }
        sum.intoArray(lane, 0);
        lost.intoArray(part, 0);
        for (int l = 0; l < W; l++) {
            sums[l] = (double) lane[l] - part[l];
        }
    }

    boolean softmax(float[] x, int xr, float[] y, int yr, float t, boolean log) {
        transposeIn(x, xr);
        laneMax();
        if (!negatedMax(t)) {
            return false;
        }
        if (t > 1) {
            laneMin();
            for (int l = 0; l < W; l++) {
                if (!(ext[l] * t > Float.NEGATIVE_INFINITY)) {
                    return false;
                }
            }
        }
        sumExp(t, !log);
        for (int l = 0; l < W; l++) {
            lane[l] = log ? (float) Math.log(sums[l]) : (float) (1.0 / sums[l]);
        }
        FloatVector f = FloatVector.fromArray(S, lane, 0);
        FloatVector vm = FloatVector.fromArray(S, negm, 0);
        boolean scaled = t != 1f;
        for (int j = 0; j < n; j++) {
            FloatVector v = FloatVector.fromArray(S, b, j * W);
            FloatVector r = log ? (scaled ? v.mul(t) : v).add(vm).sub(f) : v.mul(f);
            r.intoArray(b, j * W);
        }
        transposeOut(y, yr);
        return true;
    }

    boolean logSumExp(float[] x, int xr, float[] y, int yr) {
        transposeIn(x, xr);
        laneMax();
        if (!negatedMax(1f)) {
            return false;
        }
        sumExp(1f, false);
        for (int l = 0; l < W; l++) {
            y[yr + l] = (float) (ext[l] + Math.log(sums[l]));
        }
        return true;
    }

    /** The block's loss sum (writing each loss when {@code out} is set), or NaN. */
    double crossEntropy(float[] x, int xr, Object targets, long ti, double[] weight,
                        long ignoreIndex, float[] out, int oo) {
        transposeIn(x, xr);
        laneMax();
        if (!negatedMax(1f)) {
            return Double.NaN;
        }
        sumExp(1f, false);
        double total = 0;
        for (int l = 0; l < W; l++) {
            long target = Targets.classAt(targets, ti + l, ti + l, n, ignoreIndex);
            double loss = 0;
            if (target != ignoreIndex) {
                double wt = weight == null ? 1.0 : weight[(int) target];
                loss = -wt * (((double) x[xr + l * n + (int) target] - ext[l])
                        - Math.log(sums[l]));
                total += loss;
            }
            if (out != null) {
                out[oo + l] = (float) loss;
            }
        }
        return total;
    }
}
