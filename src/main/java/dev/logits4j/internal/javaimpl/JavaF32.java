package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.Targets;

import java.nio.FloatBuffer;

/**
 * Pure-Java float32 kernels. Arguments were checked by the facade: nothing here validates.
 *
 * <p>Memory is a {@code float[]} (index = array index) or a {@link FloatBuffer} (index = absolute
 * buffer index). A slice along the reduced axis is {@code n} elements {@code inner} apart. Last-axis
 * slices of arrays are processed in place; every other slice is gathered into a per-thread scratch
 * row, processed, and scattered back, so each algorithm is written once, for a contiguous row.
 *
 * <p>Numerics: the maximum is taken in the input type (exact); exponent arguments
 * {@code x/T - max} and every sum are computed in double, so float32 results carry about one
 * float32 rounding error whatever the row length.
 *
 * <p>{@code JavaF64} is generated from this file by {@code src/main/codegen/gen-f64.sh}: edit this
 * file and rerun the script.
 */
final class JavaF32 {
    private JavaF32() {}

    /** Elements per summation block: keeps every partial sum short (see {@link #sumExp}). */
    private static final int BLOCK = 256;
    /** Rows up to this long (with T = 1) take {@link #sumExpShort}. */
    static final int SHORT_ROW = 16;

    // ---------------------------------------------------------------------------------------------
    // softmax / log-softmax

    static void softmax(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                        double invT, int flags) {
        if (n == 0 || outer == 0 || inner == 0) {
            return;
        }
        boolean log = (flags & Kernels.LOG) != 0;
        boolean maskedZero = (flags & Kernels.MASKED_ROWS_ZERO) != 0;
        if (inner == 1 && x instanceof float[] && y instanceof float[]) {
            float[] xa = (float[]) x;
            float[] ya = (float[]) y;
            for (long o = 0; o < outer; o++) {
                long off = o * n;
                softmaxRow(xa, (int) (xi + off), ya, (int) (yi + off), n, invT, log, maskedZero);
            }
            return;
        }
        float[] row = Scratch.get().f32a(n);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long base = o * n * inner + i;
                gather(x, xi + base, inner, row, n);
                softmaxRow(row, 0, row, 0, n, invT, log, maskedZero);
                scatter(row, n, y, yi + base, inner);
            }
        }
    }

    /** Softmax or log-softmax of one contiguous row; {@code y} may be {@code x} at the same offset. */
    static void softmaxRow(float[] x, int xo, float[] y, int yo, int n, double invT,
                           boolean log, boolean maskedZero) {
        float max = max(x, xo, n);
        if (!(max > Float.NEGATIVE_INFINITY && max < Float.POSITIVE_INFINITY)) {
            // +inf (inf - inf), an all -inf row, or a row with nothing but NaN and -inf.
            float fill = Float.NaN;
            if (max == Float.NEGATIVE_INFINITY && maskedZero && !hasNaN(x, xo, n)) {
                fill = log ? Float.NEGATIVE_INFINITY : (float) 0;
            }
            fill(y, yo, n, fill);
            return;
        }
        double m = max * invT;
        if (log) {
            // A NaN anywhere makes the sum NaN and so every output NaN, as the spec asks.
            double logS = Math.log(sumExp(x, xo, n, invT, m, null, 0));
            for (int j = 0; j < n; j++) {
                y[yo + j] = (float) ((x[xo + j] * invT - m) - logS);
            }
        } else {
            double invS = 1.0 / sumExp(x, xo, n, invT, m, y, yo);
            for (int j = 0; j < n; j++) {
                y[yo + j] = (float) (y[yo + j] * invS);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // logsumexp

    static void logSumExp(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        if (outer == 0 || inner == 0) {
            return;
        }
        if (n == 0) {
            for (long p = 0; p < outer * inner; p++) {
                put(y, yi + p, Float.NEGATIVE_INFINITY);
            }
            return;
        }
        boolean direct = inner == 1 && x instanceof float[];
        float[] row = direct ? (float[]) x : Scratch.get().f32a(n);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long base = o * n * inner + i;
                int ro = 0;
                if (direct) {
                    ro = (int) (xi + base);
                } else {
                    gather(x, xi + base, inner, row, n);
                }
                put(y, yi + o * inner + i, (float) logSumExpRow(row, ro, n));
            }
        }
    }

    /** log(sum(exp(row))) with PyTorch's special values; n >= 1. */
    static double logSumExpRow(float[] x, int xo, int n) {
        float max = max(x, xo, n);
        if (max == Float.POSITIVE_INFINITY || max == Float.NEGATIVE_INFINITY) {
            // An infinite maximum is not subtracted: the answer is that infinity, or NaN.
            return hasNaN(x, xo, n) ? Double.NaN : max;
        }
        if (max != max) {
            return Double.NaN;
        }
        return max + Math.log(sumExp(x, xo, n, 1.0, max, null, 0));
    }

    // ---------------------------------------------------------------------------------------------
    // cross-entropy

    /**
     * Cross-entropy with class-index targets. Returns the sum of the per-position losses; writes
     * them to {@code out} (in this type) when it is not null.
     */
    static double crossEntropyIndex(Object logits, long li, Object targets, long ti, long outer,
                                    int c, long inner, double[] weight, long ignoreIndex,
                                    double eps, Object out, long oi) {
        if (outer == 0 || inner == 0) {
            return 0; // no positions (and no scratch row to size, however large C is)
        }
        boolean direct = inner == 1 && logits instanceof float[];
        Scratch s = Scratch.get();
        float[] row = direct ? (float[]) logits : s.f32a(c);
        double[] acc = s.pair();
        double weightSum = weightSum(weight, c);
        double total = 0;
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long pos = o * inner + i;
                long t = Targets.classAt(targets, ti + pos, pos, c, ignoreIndex);
                double loss = 0;
                if (t != ignoreIndex) {
                    long base = o * c * inner + i;
                    int ro = 0;
                    if (direct) {
                        ro = (int) (li + base);
                    } else {
                        gather(logits, li + base, inner, row, c);
                    }
                    loss = indexLossRow(row, ro, c, (int) t, weight, weightSum, eps, acc);
                    total += loss;
                }
                if (out != null) {
                    put(out, oi + pos, (float) loss);
                }
            }
        }
        return total;
    }

    /** {@code (1-eps)*nll + (eps/C)*smooth} for one row, computed from log-sum-exp, never lp. */
    static double indexLossRow(float[] x, int xo, int c, int target, double[] weight,
                               double weightSum, double eps, double[] acc) {
        double m = max(x, xo, c);
        double sum;
        if (eps > 0) {
            // One pass gives the sum of exp and the sum of w_c * (x_c - m) for the smoothing term.
            sum = sumExpAndWeighted(x, xo, c, m, weight, null, 0, acc, 1.0, 0.0);
        } else {
            sum = sumExp(x, xo, c, 1.0, m, null, 0);
        }
        double logS = Math.log(sum);
        double wt = weight == null ? 1.0 : weight[target];
        double nll = -wt * ((x[xo + target] - m) - logS);
        if (eps == 0) {
            // PyTorch computes no smoothing term at all: a -inf logit elsewhere does not matter.
            return nll;
        }
        // smooth = -sum_c w_c (d_c - logS); both terms are >= 0 for w >= 0: no cancellation.
        double smooth = weightSum * logS - acc[0];
        return (1 - eps) * nll + (eps / c) * smooth;
    }

    static double weightSum(double[] weight, int c) {
        if (weight == null) {
            return c;
        }
        double s = 0;
        for (double w : weight) {
            s += w;
        }
        return s;
    }

    /** Cross-entropy with probability targets of this type; returns the sum of the losses. */
    static double crossEntropyProb(Object logits, long li, Object probs, long pi, long outer, int c,
                                   long inner, double[] weight, double eps, Object out, long oi) {
        if (outer == 0 || inner == 0) {
            return 0;
        }
        boolean direct = inner == 1 && logits instanceof float[] && probs instanceof float[];
        Scratch s = Scratch.get();
        float[] row = direct ? (float[]) logits : s.f32a(c);
        float[] prow = direct ? (float[]) probs : s.f32b(c);
        double[] acc = s.pair();
        double total = 0;
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long base = o * c * inner + i;
                int ro = 0;
                int po = 0;
                if (direct) {
                    ro = (int) (li + base);
                    po = (int) (pi + base);
                } else {
                    gather(logits, li + base, inner, row, c);
                    gather(probs, pi + base, inner, prow, c);
                }
                double m = max(row, ro, c);
                // t' = t (1 - eps) + eps / C;  loss = logS * sum(w t') - sum(w t' (x - m)).
                double sum = sumExpAndWeighted(row, ro, c, m, weight, prow, po, acc, 1 - eps, eps / c);
                // C = 0: an empty sum, loss 0 (log(0) * 0 would be NaN).
                double loss = c == 0 ? 0 : Math.log(sum) * acc[1] - acc[0];
                total += loss;
                if (out != null) {
                    put(out, oi + o * inner + i, (float) loss);
                }
            }
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------------
    // row building blocks

    /** Maximum ignoring NaN (NaN is found later through the sum); -inf for a row without numbers. */
    static float max(float[] x, int xo, int n) {
        float m0 = Float.NEGATIVE_INFINITY;
        float m1 = Float.NEGATIVE_INFINITY;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            float a = x[xo + j];
            float b = x[xo + j + 1];
            m0 = a > m0 ? a : m0;
            m1 = b > m1 ? b : m1;
        }
        if (j < n) {
            float a = x[xo + j];
            m0 = a > m0 ? a : m0;
        }
        return m0 > m1 ? m0 : m1;
    }

    static boolean hasNaN(float[] x, int xo, int n) {
        for (int j = 0; j < n; j++) {
            if (x[xo + j] != x[xo + j]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sum of exp(x*invT - m), storing each exp into {@code e} (when not null).
     *
     * <p>Blocks of {@value #BLOCK} elements are summed with four accumulators and the block sums are
     * then added: no partial sum ever absorbs more than 64 terms, so a row of many tiny terms next
     * to one large one (the conformance "sum-stress" rows) loses nothing measurable.
     */
    static double sumExp(float[] x, int xo, int n, double invT, double m, float[] e, int eo) {
        if (n <= SHORT_ROW && invT == 1.0) {
            return sumExpShort(x, xo, n, m, e, eo);
        }
        double total = 0;
        for (int b = 0; b < n; b += BLOCK) {
            int end = Math.min(n, b + BLOCK);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = b;
            for (; j + 3 < end; j += 4) {
                double e0 = JavaExp.expForF32(x[xo + j] * invT - m);
                double e1 = JavaExp.expForF32(x[xo + j + 1] * invT - m);
                double e2 = JavaExp.expForF32(x[xo + j + 2] * invT - m);
                double e3 = JavaExp.expForF32(x[xo + j + 3] * invT - m);
                if (e != null) {
                    e[eo + j] = (float) e0;
                    e[eo + j + 1] = (float) e1;
                    e[eo + j + 2] = (float) e2;
                    e[eo + j + 3] = (float) e3;
                }
                s0 += e0;
                s1 += e1;
                s2 += e2;
                s3 += e3;
            }
            for (; j < end; j++) {
                double e0 = JavaExp.expForF32(x[xo + j] * invT - m);
                if (e != null) {
                    e[eo + j] = (float) e0;
                }
                s0 += e0;
            }
            total += (s0 + s1) + (s2 + s3);
        }
        return total;
    }

    /**
     * {@link #sumExp} of a row of at most {@value #SHORT_ROW} elements with T = 1: one loop, two
     * accumulators, no blocks and no multiply by 1/T. A 1 x 10 call is one dependent chain (max,
     * exps, sum, divide) whose middle this is; the blocked loop cost about 8 ns more per call on
     * this machine (a loop harness, best of 15 batches; docs/perf/avx2-compute-bound.md). At
     * most 16 terms per sum, so the blocks' accuracy argument holds trivially.
     */
    static double sumExpShort(float[] x, int xo, int n, double m, float[] e, int eo) {
        double s0 = 0;
        double s1 = 0;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            double e0 = JavaExp.expForF32(x[xo + j] - m);
            double e1 = JavaExp.expForF32(x[xo + j + 1] - m);
            if (e != null) {
                e[eo + j] = (float) e0;
                e[eo + j + 1] = (float) e1;
            }
            s0 += e0;
            s1 += e1;
        }
        if (j < n) {
            double e0 = JavaExp.expForF32(x[xo + j] - m);
            if (e != null) {
                e[eo + j] = (float) e0;
            }
            s0 += e0;
        }
        return s0 + s1;
    }

    /**
     * Sum of exp(x - m), and into {@code acc[0]} the sum of a_c * (x_c - m) with
     * a_c = w_c (index targets: {@code probs} null) or a_c = w_c * (t_c * keep + add) (probability
     * targets); {@code acc[1]} gets the sum of a_c. Weights may be null (all 1).
     */
    static double sumExpAndWeighted(float[] x, int xo, int n, double m, double[] weight,
                                    float[] probs, int po, double[] acc, double keep, double add) {
        double sum = 0;
        double weighted = 0;
        double aSum = 0;
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - m;
            sum += JavaExp.expForF32(d);
            double a = weight == null ? 1.0 : weight[j];
            if (probs != null) {
                a *= probs[po + j] * keep + add;
            }
            weighted += a * d;
            aSum += a;
        }
        acc[0] = weighted;
        acc[1] = aSum;
        return sum;
    }

    // ---------------------------------------------------------------------------------------------
    // memory

    static void fill(float[] y, int yo, int n, float v) {
        for (int j = 0; j < n; j++) {
            y[yo + j] = v;
        }
    }

    static void put(Object y, long index, float v) {
        if (y instanceof float[]) {
            ((float[]) y)[(int) index] = v;
        } else {
            ((FloatBuffer) y).put((int) index, v);
        }
    }

    /** Copies n elements, {@code stride} apart from {@code index}, into {@code row[0..n)}. */
    static void gather(Object src, long index, long stride, float[] row, int n) {
        if (src instanceof float[]) {
            float[] a = (float[]) src;
            if (stride == 1) {
                System.arraycopy(a, (int) index, row, 0, n);
            } else {
                for (int j = 0; j < n; j++) {
                    row[j] = a[(int) (index + j * stride)];
                }
            }
        } else {
            FloatBuffer b = (FloatBuffer) src;
            if (stride == 1) {
                b.get((int) index, row, 0, n);
            } else {
                for (int j = 0; j < n; j++) {
                    row[j] = b.get((int) (index + j * stride));
                }
            }
        }
    }

    /** The inverse of {@link #gather}. */
    static void scatter(float[] row, int n, Object dst, long index, long stride) {
        if (dst instanceof float[]) {
            float[] a = (float[]) dst;
            if (stride == 1) {
                System.arraycopy(row, 0, a, (int) index, n);
            } else {
                for (int j = 0; j < n; j++) {
                    a[(int) (index + j * stride)] = row[j];
                }
            }
        } else {
            FloatBuffer b = (FloatBuffer) dst;
            if (stride == 1) {
                b.put((int) index, row, 0, n);
            } else {
                for (int j = 0; j < n; j++) {
                    b.put((int) (index + j * stride), row[j]);
                }
            }
        }
    }
}
