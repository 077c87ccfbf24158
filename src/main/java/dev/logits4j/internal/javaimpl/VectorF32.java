package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.Targets;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JavaF32Accel} on the JDK's incubating Vector API: the native kernels' algorithm
 * (native/generic/kernels.inl) in Java. Loaded only by {@link JavaAccelProvider}, reflectively,
 * when {@code jdk.incubator.vector} is present; compiled with {@code --add-modules} like the rest.
 *
 * <p>Numerics are the native float32 ones: the maximum in float32, exponent arguments
 * {@code x * (1/T) - m} in float32 (the maximum scaled the same way, so its argument is exactly
 * 0), the same exp (range reduction and degree-5 polynomial, constants from
 * native/generic/exp_constants.h), one float32 accumulator per block of 16 vectors, the blocks
 * added into a double total with Neumaier's compensation. A row whose maximum is not finite (NaN anywhere, +inf, all -inf), or
 * whose values overflow once divided by T, is handed whole to {@link JavaF32}, which implements
 * the special-value rules.
 *
 * <p>{@code VectorF64} is generated from this file by {@code src/main/codegen/gen-f64.sh}
 * (the regions marked f32-only are replaced by their float64 forms in that script).
 *
 * <p>No masked loads or stores (a masked access that may reach past an array's end costs 20-30
 * ns on JDK 17, on every 1 x 10 call): a row end shorter than a vector is the row's last W
 * elements, loaded before anything is written; its lanes the previous vectors already covered
 * are blended out of sums in registers. No float-to-double {@code convertShape} (JDK 17 does not
 * intrinsify it), and the block state lives in {@link Scratch}. Vectors must not cross a call
 * C2 does not inline (it boxes them): each loop has one {@link #exp} call site (C2 stops
 * inlining at its node-count cutoff), and block methods exchange lanes through arrays. Measured
 * with ThreadMXBean once warm: float32 allocates 0-176 bytes per call; the float64 form, whose
 * exp is larger, still boxes (768 bytes at 1 x 1000, ~33 KB at 64 x 10).
 */
final class VectorF32 implements JavaF32Accel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int W = S.length();
    /** Elements per partial-sum block: each accumulator lane adds at most 16 terms. */
    private static final int BLOCK = 16 * W;
    /**
     * Rows shorter than this run W at a time, transposed so that each lane is one row: no
     * horizontal reductions and no masked row ends per row.
     */
    private static final int SHORT_ROW = 4 * W;
    /**
     * Write a block back with scatters only where they exist in hardware (AVX-512): emulated
     * AVX2 scatters were measured slower than a scalar transpose (2.6 vs 2.0 ns per element on
     * 65536 x 10); AVX-512 scatters faster (1.26 vs 1.70).
     */
    static final boolean SCATTER = S.vectorBitSize() >= 512;

    // <f32-only constants>
    private static final float LOG2E = 0x1.715476p+0f;
    private static final float LN2_HI = 0x1.62E400p-1f;
    private static final float LN2_LO = 0x1.7F7D1Cp-20f;
    private static final float MAGIC_BIAS = 0x1.8000FEp23f;
    private static final float CUTOFF = -0x1.5D589Ep6f;
    private static final float C1 = 0x1.FFFFF6p-1f;
    private static final float C2 = 0x1.FFFDC6p-2f;
    private static final float C3 = 0x1.555A6Cp-3f;
    private static final float C4 = 0x1.573A5Ap-5f;
    private static final float C5 = 0x1.0FA806p-7f;
    // </f32-only>

    VectorF32() {
        if (S.vectorBitSize() < minimumBits()) {
            throw new IllegalStateException("preferred vectors are " + S.vectorBitSize() + "-bit");
        }
    }

    /**
     * The narrowest preferred vector these kernels accept. AArch64: 128 bits, NEON's width and so
     * every arm64 server without SVE (Graviton2, Altra); run for correctness under emulation
     * only, its speed against the scalar kernels is unmeasured. x86-64: 256 bits, since a
     * 128-bit preferred vector means a CPU without AVX2, where these kernels were never measured
     * to beat the scalar ones.
     */
    static int minimumBits() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("aarch64") || arch.equals("arm64") ? 128 : 256;
    }

    @Override
    public String description() {
        return "Vector API, " + S.vectorBitSize() + "-bit (" + W + " float lanes)";
    }

    @Override
    public boolean worthIt(long outer, int n) {
        return n >= W || outer >= W;
    }

    @Override
    public int blockRowsBelow() {
        return SHORT_ROW;
    }

    // ---------------------------------------------------------------------------------------------
    // ops

    @Override
    public void softmax(float[] x, int xo, float[] y, int yo, long outer, int n, double invT,
                        int flags) {
        boolean log = (flags & Kernels.LOG) != 0;
        float t = (float) invT;
        long o = 0;
        if (n < SHORT_ROW && outer >= W) {
            VectorBlockF32 b = VectorBlockF32.of(n);
            for (; o + W <= outer; o += W) {
                int xr = (int) (xo + o * n);
                int yr = (int) (yo + o * n);
                if (!b.softmax(x, xr, y, yr, t, log)) {
                    softmaxRows(x, xr, y, yr, W, n, invT, flags);
                }
            }
        }
        softmaxRows(x, (int) (xo + o * n), y, (int) (yo + o * n), outer - o, n, invT, flags);
    }

    /** Row by row. */
    private static void softmaxRows(float[] x, int xo, float[] y, int yo, long outer, int n,
                                    double invT, int flags) {
        boolean log = (flags & Kernels.LOG) != 0;
        boolean maskedZero = (flags & Kernels.MASKED_ROWS_ZERO) != 0;
        float t = (float) invT;
        for (long o = 0; o < outer; o++) {
            int xr = (int) (xo + o * n);
            int yr = (int) (yo + o * n);
            if (n < W) {
                // Rows shorter than a vector outside a block: scalar, whatever the row count,
                // so that a row's result never depends on how a batch was cut (the parallel form of the ops).
                JavaF32.softmaxRow(x, xr, y, yr, n, invT, log, maskedZero);
                continue;
            }
            float max = max(x, xr, n);
            double md = (double) max * t;
            if (!(fits(md) && (t <= 1 || fits((double) min(x, xr, n) * t)))) {
                // NaN, an infinity, or x / T overflowing: the scalar kernels know the rules.
                JavaF32.softmaxRow(x, xr, y, yr, n, invT, log, maskedZero);
                continue;
            }
            float negm = (float) -md;
            if (log) {
                float logS = (float) Math.log(sumExp(x, xr, n, t, negm, null, 0));
                shiftScaled(x, xr, y, yr, n, t, negm, logS);
            } else {
                float inv = (float) (1.0 / sumExp(x, xr, n, t, negm, y, yr));
                scale(y, yr, n, inv);
            }
        }
    }

    @Override
    public int firstNotBelow(float[] a, int from, int to, float thr) {
        FloatVector t = FloatVector.broadcast(S, thr);
        int j = from;
        for (; j + 4 * W <= to; j += 4 * W) {
            // x < thr is false for NaN, so "not below" also finds a NaN
            VectorMask<Float> m0 = FloatVector.fromArray(S, a, j).compare(VectorOperators.LT, t).not();
            VectorMask<Float> m1 = FloatVector.fromArray(S, a, j + W).compare(VectorOperators.LT, t).not();
            VectorMask<Float> m2 = FloatVector.fromArray(S, a, j + 2 * W).compare(VectorOperators.LT, t).not();
            VectorMask<Float> m3 = FloatVector.fromArray(S, a, j + 3 * W).compare(VectorOperators.LT, t).not();
            if (m0.or(m1).or(m2).or(m3).anyTrue()) {
                break;
            }
        }
        for (; j < to; j++) {
            if (!(a[j] < thr)) {
                return j;
            }
        }
        return to;
    }

    @Override
    public void logSumExp(float[] x, int xo, float[] y, int yo, long outer, int n) {
        long o = 0;
        if (n < SHORT_ROW && outer >= W) {
            VectorBlockF32 b = VectorBlockF32.of(n);
            for (; o + W <= outer; o += W) {
                if (!b.logSumExp(x, (int) (xo + o * n), y, (int) (yo + o))) {
                    logSumExpRows(x, (int) (xo + o * n), y, (int) (yo + o), W, n);
                }
            }
        }
        logSumExpRows(x, (int) (xo + o * n), y, (int) (yo + o), outer - o, n);
    }

    private static void logSumExpRows(float[] x, int xo, float[] y, int yo, long outer, int n) {
        for (long o = 0; o < outer; o++) {
            int xr = (int) (xo + o * n);
            if (n < W) {
                y[(int) (yo + o)] = (float) JavaF32.logSumExpRow(x, xr, n);
                continue;
            }
            float max = max(x, xr, n);
            double v = fits(max)
                    ? max + Math.log(sumExp(x, xr, n, 1f, -max, null, 0))
                    : JavaF32.logSumExpRow(x, xr, n);
            y[(int) (yo + o)] = (float) v;
        }
    }

    @Override
    public double crossEntropyIndex(float[] x, int xo, Object targets, long ti, long outer, int c,
                                    double[] weight, long ignoreIndex, float[] out, int oo) {
        double total = 0;
        long o = 0;
        if (c < SHORT_ROW && outer >= W) {
            VectorBlockF32 b = VectorBlockF32.of(c);
            for (; o + W <= outer; o += W) {
                double sum = b.crossEntropy(x, (int) (xo + o * c), targets, ti + o, weight,
                        ignoreIndex, out, (int) (oo + o));
                if (Double.isNaN(sum)) {
                    // A special value in the block: row by row (NaN losses come out again there).
                    sum = crossEntropyRows(x, (int) (xo + o * c), targets, ti + o, W, c, weight,
                            ignoreIndex, out, (int) (oo + o));
                }
                total += sum;
            }
        }
        return total + crossEntropyRows(x, (int) (xo + o * c), targets, ti + o, outer - o, c,
                weight, ignoreIndex, out, (int) (oo + o));
    }

    private static double crossEntropyRows(float[] x, int xo, Object targets, long ti, long outer,
                                           int c, double[] weight, long ignoreIndex, float[] out,
                                           int oo) {
        double total = 0;
        for (long o = 0; o < outer; o++) {
            long target = Targets.classAt(targets, ti + o, ti + o, c, ignoreIndex);
            double loss = 0;
            if (target != ignoreIndex) {
                int xr = (int) (xo + o * c);
                float max = c < W ? Float.NaN : max(x, xr, c); // short rows: scalar
                if (fits(max)) {
                    double logS = Math.log(sumExp(x, xr, c, 1f, -max, null, 0));
                    double wt = weight == null ? 1.0 : weight[(int) target];
                    loss = -wt * (((double) x[xr + (int) target] - max) - logS);
                } else {
                    loss = JavaF32.indexLossRow(x, xr, c, (int) target, weight, 0, 0,
                            Scratch.get().pair());
                }
                total += loss;
            }
            if (out != null) {
                out[(int) (oo + o)] = (float) loss;
            }
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------------
    // row building blocks


    private static boolean fits(double v) {
        return v >= -Float.MAX_VALUE && v <= Float.MAX_VALUE;
    }

    /** Maximum of the row; NaN when the row holds a NaN (Java's max propagates it). */
    private static float max(float[] x, int xo, int n) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        int j = 0;
        for (; j + 2 * W <= n; j += 2 * W) {
            m0 = m0.max(FloatVector.fromArray(S, x, xo + j));
            m1 = m1.max(FloatVector.fromArray(S, x, xo + j + W));
        }
        for (; j + W <= n; j += W) {
            m0 = m0.max(FloatVector.fromArray(S, x, xo + j));
        }
        if (j < n) {
            m1 = m1.max(FloatVector.fromArray(S, x, xo + n - W));
        }
        return m0.max(m1).reduceLanes(VectorOperators.MAX);
    }

    private static float min(float[] x, int xo, int n) {
        FloatVector m0 = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        int j = 0;
        for (; j + W <= n; j += W) {
            m0 = m0.min(FloatVector.fromArray(S, x, xo + j));
        }
        if (j < n) {
            m0 = m0.min(FloatVector.fromArray(S, x, xo + n - W));
        }
        return m0.reduceLanes(VectorOperators.MIN);
    }

    /**
     * Sum of exp(x_j * t + negm) (with t == 1: exp(x_j + negm)), each exp also stored to
     * {@code e} when it is not null ({@code e} may be {@code x} at the same offset).
     */
    private static double sumExp(float[] x, int xo, int n, float t, float negm, float[] e, int eo) {
        boolean scaled = t != 1f;
        // broadcast once per row: a scalar operand inside the loop is a broadcast per vector,
        // which C2 has been seen to leave unintrinsified (a boxed vector per iteration)
        FloatVector tv = FloatVector.broadcast(S, t);
        FloatVector mv = FloatVector.broadcast(S, negm);
        float[] lanes = Scratch.get().laneFloats(); // once per row, not per block
        // Block sums are added with Neumaier's compensation (one block per 16 vectors: a long
        // float64 row adds thousands of them).
        double total = 0;
        double comp = 0;
        // The row's last vector (n >= W), read before any exp is stored (e may be x).
        FloatVector last = FloatVector.fromArray(S, x, xo + n - W);
        int j = 0;
        while (j + W <= n) {
            int end = Math.min(n, j + BLOCK);
            // One exp call site per loop: C2 stops inlining at its node-count cutoff, and a
            // vector returned from a call it did not inline is boxed (4 unrolled sites were).
            FloatVector s0 = FloatVector.zero(S);
            for (; j + W <= end; j += W) {
                FloatVector e0 = exp(arg(x, xo + j, scaled, tv, mv));
                if (e != null) {
                    e0.intoArray(e, eo + j);
                }
                s0 = s0.add(e0);
            }
            double v = sumToDouble(s0, lanes);
            double tt = total + v;
            comp += Math.abs(total) >= Math.abs(v) ? (total - tt) + v : (v - tt) + total;
            total = tt;
        }
        int tail = n % W;
        if (tail > 0) {
            FloatVector e0 = exp((scaled ? last.mul(tv) : last).add(mv));
            if (e != null) {
                e0.intoArray(e, eo + n - W);
            }
            // Its first W - tail lanes were counted with the previous vectors.
            double v = sumToDouble(e0.blend(0f, S.indexInRange(0, W - tail)), lanes);
            double tt = total + v;
            comp += Math.abs(total) >= Math.abs(v) ? (total - tt) + v : (v - tt) + total;
            total = tt;
        }
        // NaN and infinities need no compensation (and would poison it).
        return Double.isFinite(total) ? total + comp : total;
    }

    private static FloatVector arg(float[] x, int i, boolean scaled, FloatVector t, FloatVector negm) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        return scaled ? v.mul(t).add(negm) : v.add(negm);
    }

    // <f32-only sum-exp>
    /**
     * The lanes' sum in double (no float32 rounding in the fold), through {@code lanes} (W
     * floats), as JDK 17 does not intrinsify the float-to-double convertShape (it allocated).
     */
    private static double sumToDouble(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        double s = 0;
        for (int l = 0; l < W; l++) {
            s += lanes[l];
        }
        return s;
    }

    /** exp(d) for d <= 0 (NaN stays NaN); below ln(FLT_MIN) the result is flushed to 0. */
    static FloatVector exp(FloatVector d) {
        VectorMask<Float> under = d.compare(VectorOperators.LT, CUTOFF);
        d = d.max(CUTOFF);
        FloatVector n = d.fma(LOG2E, MAGIC_BIAS);
        // n + 127 sits in the low mantissa bits: shifted into the exponent field it is 2^n.
        FloatVector s = n.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        n = n.sub(MAGIC_BIAS);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), d);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector q = r.fma(C5, C4);
        q = q.fma(r, FloatVector.broadcast(S, C3));
        q = q.fma(r, FloatVector.broadcast(S, C2));
        q = q.fma(r, FloatVector.broadcast(S, C1));
        FloatVector p = r.mul(q);
        return s.fma(p, s).blend(0f, under);
    }
    // </f32-only>

    private static void scale(float[] y, int yo, int n, float f) {
        FloatVector last = FloatVector.fromArray(S, y, yo + n - W);
        int j = 0;
        for (; j + W <= n; j += W) {
            FloatVector.fromArray(S, y, yo + j).mul(f).intoArray(y, yo + j);
        }
        if (j < n) {
            last.mul(f).intoArray(y, yo + n - W);
        }
    }

    /** y = (x * t + negm) - logS: the difference to the max first, then the log of the sum. */
    private static void shiftScaled(float[] x, int xo, float[] y, int yo, int n, float t,
                                    float negm, float logS) {
        boolean scaled = t != 1f;
        // scalars broadcast once per row (see sumExp)
        FloatVector tv = FloatVector.broadcast(S, t);
        FloatVector mv = FloatVector.broadcast(S, negm);
        FloatVector lv = FloatVector.broadcast(S, logS);
        FloatVector last = FloatVector.fromArray(S, x, xo + n - W);
        int j = 0;
        for (; j + W <= n; j += W) {
            arg(x, xo + j, scaled, tv, mv).sub(lv).intoArray(y, yo + j);
        }
        if (j < n) {
            (scaled ? last.mul(tv) : last).add(mv).sub(lv).intoArray(y, yo + n - W);
        }
    }
}
