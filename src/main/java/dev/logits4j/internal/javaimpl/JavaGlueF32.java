package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.internal.kernels.Targets;

/**
 * The float32 half of the Java implementation's glue: for each call, the Vector API kernels
 * ({@link JavaF32Accel}, when present and worth it) or the scalar ones ({@link JavaF32}), by call
 * shape and memory kind. {@code JavaGlueF64} is generated from this file by
 * {@code src/main/codegen/gen-f64.sh}: edit this file and rerun the script.
 */
final class JavaGlueF32 {
    private final JavaF32Accel accel;

    JavaGlueF32(JavaF32Accel accel) {
        this.accel = accel;
    }

    private static double[] f64(ClassWeights w) {
        return w == null ? null : w.f64();
    }

    /**
     * Whether a call is one short row in arrays that the scalar kernel runs anyway: it then goes
     * straight to the row kernel. A 1 x 10 call is a few tens of nanoseconds, and the general
     * dispatch below (vector or scalar, memory kind, rows loop) measured several of them.
     */
    private boolean oneScalarRow(Object x, Object y, long outer, int n, long inner) {
        return outer == 1 && inner == 1 && n > 0 && n <= JavaF32.SHORT_ROW && x instanceof float[]
                && y instanceof float[] && (accel == null || !accel.worthIt(1, n));
    }

    void softmax(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {
        if (oneScalarRow(x, y, outer, n, inner)) {
            JavaF32.softmaxRow((float[]) x, (int) xi, (float[]) y, (int) yi, n, invT,
                    (flags & Kernels.LOG) != 0, (flags & Kernels.MASKED_ROWS_ZERO) != 0);
            return;
        }
        if (accel != null && n > 0) {
            if (inner == 1 && x instanceof float[] && y instanceof float[]) {
                if (accel.worthIt(outer, n)) {
                    accel.softmax((float[]) x, (int) xi, (float[]) y, (int) yi, outer, n, invT, flags);
                    return;
                }
            } else if (inner == 1) {
                // Buffers: runs of rows through a scratch array, cut where an array call would
                // start a block, so every memory kind gives bit-identical results.
                int per = rowsPerCopy(n);
                float[] buf = Scratch.get().f32a(per * n);
                for (long o = 0; o < outer; o += per) {
                    int k = (int) Math.min(per, outer - o);
                    JavaF32.gather(x, xi + o * n, 1, buf, k * n);
                    accel.softmax(buf, 0, buf, 0, k, n, invT, flags);
                    JavaF32.scatter(buf, k * n, y, yi + o * n, 1);
                }
                return;
            } else if (accel.worthIt(1, n)) {
                // Other axes: each slice through a scratch row (a strided copy costs far less
                // than scalar exps).
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
        }
        JavaF32.softmax(x, xi, y, yi, outer, n, inner, invT, flags);
    }

    void logSumExp(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        if (oneScalarRow(x, y, outer, n, inner)) {
            ((float[]) y)[(int) yi] = (float) JavaF32.logSumExpRow((float[]) x, (int) xi, n);
            return;
        }
        if (accel != null && n > 0) {
            if (inner == 1 && x instanceof float[] && y instanceof float[]) {
                if (accel.worthIt(outer, n)) {
                    accel.logSumExp((float[]) x, (int) xi, (float[]) y, (int) yi, outer, n);
                    return;
                }
            } else if (inner == 1) {
                int per = rowsPerCopy(n);
                Scratch s = Scratch.get();
                float[] buf = s.f32a(per * n);
                float[] res = s.f32b(per);
                for (long o = 0; o < outer; o += per) {
                    int k = (int) Math.min(per, outer - o);
                    JavaF32.gather(x, xi + o * n, 1, buf, k * n);
                    accel.logSumExp(buf, 0, res, 0, k, n);
                    JavaF32.scatter(res, k, y, yi + o, 1);
                }
                return;
            } else if (accel.worthIt(1, n)) {
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
        }
        JavaF32.logSumExp(x, xi, y, yi, outer, n, inner);
    }

    double crossEntropyIndex(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        if (accel != null && eps == 0 && c > 0) {
            if (inner == 1 && logits instanceof float[] && (out == null || out instanceof float[])) {
                if (accel.worthIt(outer, c)) {
                    return accel.crossEntropyIndex((float[]) logits, (int) li, targets, ti, outer, c,
                            f64(weight), ignoreIndex, (float[]) out, (int) oi);
                }
            } else if (inner == 1) {
                int per = rowsPerCopy(c);
                Scratch s = Scratch.get();
                float[] buf = s.f32a(per * c);
                float[] losses = out == null ? null : s.f32b(per);
                double total = 0;
                for (long o = 0; o < outer; o += per) {
                    int k = (int) Math.min(per, outer - o);
                    JavaF32.gather(logits, li + o * c, 1, buf, k * c);
                    total += accel.crossEntropyIndex(buf, 0, targets, ti + o, k, c, f64(weight),
                            ignoreIndex, losses, 0);
                    if (out != null) {
                        JavaF32.scatter(losses, k, out, oi + o, 1);
                    }
                }
                return total;
            } else if (accel.worthIt(1, c)) {
                float[] row = Scratch.get().f32a(c);
                double total = 0;
                for (long o = 0; o < outer; o++) {
                    for (long i = 0; i < inner; i++) {
                        long pos = o * inner + i;
                        double loss = 0;
                        if (Targets.get(targets, ti + pos) != ignoreIndex) {
                            JavaF32.gather(logits, li + o * c * inner + i, inner, row, c);
                            loss = accel.crossEntropyIndex(row, 0, targets, ti + pos, 1, c,
                                    f64(weight), ignoreIndex, null, 0);
                            total += loss;
                        }
                        if (out != null) {
                            JavaF32.put(out, oi + pos, (float) loss);
                        }
                    }
                }
                return total;
            }
        }
        return JavaF32.crossEntropyIndex(logits, li, targets, ti, outer, c, inner, f64(weight),
                ignoreIndex, eps, out, oi);
    }

    double crossEntropyProb(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps, Object out,
                                      long oi) {
        return JavaF32.crossEntropyProb(logits, li, probs, pi, outer, c, inner, f64(weight), eps, out, oi);
    }

    /**
     * Rows per scratch copy for contiguous rows in buffers: 64 (a whole number of the vector
     * kernels' blocks of short rows, counted from the call's first row as for arrays) when rows
     * are short enough for blocks, else one.
     */
    private int rowsPerCopy(int n) {
        return n < accel.blockRowsBelow() ? 64 : 1;
    }
}
