package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.logits4j.internal.javaimpl.JavaKernels;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.testutil.Gen;
import dev.logits4j.testutil.Reference;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java implementation on heap arrays, where the Vector API kernels run when the JVM has
 * {@code jdk.incubator.vector} (the default-test and java-vector Surefire executions start it so;
 * {@code -Dlogits4j.test.expectJavaVector=true} makes that a requirement). Row counts around
 * multiples of 16 and lengths up to 70 go through the transposed block of short rows, its
 * remainder rows and the row-by-row path; every result is checked against the float64 reference
 * and its NaN/inf pattern against the scalar Java kernels.
 */
class JavaVectorTest {
    private static final float GUARD = -7777.25f;

    @Test
    void vectorKernelsRunWhereExpected() {
        if (Boolean.getBoolean("logits4j.test.expectJavaVector")) {
            assertTrue(JavaKernels.INSTANCE.vectorized(), JavaKernels.accelerationStatus());
            assertTrue(Logits4j.info().describe().contains("Vector API"), Logits4j.info().describe());
        }
        assertFalse(JavaKernels.SCALAR.vectorized());
    }

    @Test
    void softmaxLogSoftmaxAndLogSumExpOnArraysMatchTheReference() {
        Random r = new Random(2026);
        int[] rows = {1, 15, 16, 17, 33, 48, 70};
        int checked = 0;
        for (int n = 1; n <= 70; n++) {
            int rowCount = rows[r.nextInt(rows.length)];
            int[] shape = {rowCount, n};
            for (String kind : new String[] {"randn", Gen.KINDS[r.nextInt(Gen.KINDS.length)]}) {
                double[] x = Gen.values(r, rowCount * n, true, kind, n);
                // T < 1 makes x / T overflow-prone (the min check); T > 1 scales down.
                double t = new double[] {1.0, 0.7, 2.5, 1e-30}[r.nextInt(4)];
                boolean masked = r.nextBoolean();
                for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
                    boolean inPlace = !op.equals("logsumexp") && r.nextBoolean();
                    double[] got = run(JavaKernels.INSTANCE, op, x, shape, t, masked, inPlace);
                    String what = kind + " " + Arrays.toString(shape) + " T=" + t + (inPlace ? " in place" : "");
                    PropertyTest.check(op, x, shape, -1, t, masked, true, got, what);
                    double[] scalar = run(JavaKernels.SCALAR, op, x, shape, t, masked, false);
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(Double.isNaN(scalar[i]), Double.isNaN(got[i]), what + " NaN at " + i);
                        if (Double.isInfinite(scalar[i]) || Double.isInfinite(got[i])) {
                            assertEquals(scalar[i], got[i], what + " inf at " + i);
                        }
                    }
                    checked++;
                }
            }
        }
        for (int n : new int[] {127, 128, 129, 1000, 4099}) {
            double[] x = Gen.values(r, 3 * n, true, "randn", n);
            for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
                PropertyTest.check(op, x, new int[] {3, n}, -1, 0.7, false, true,
                        run(JavaKernels.INSTANCE, op, x, new int[] {3, n}, 0.7, false, false), "n=" + n);
                checked++;
            }
        }
        assertTrue(checked >= 400, "checked " + checked);
    }

    @Test
    void float64OnArraysMatchesTheReference() {
        Random r = new Random(64);
        int[] rows = {1, 7, 8, 9, 16, 33, 40};
        for (int n = 1; n <= 40; n++) {
            int rowCount = rows[r.nextInt(rows.length)];
            int[] shape = {rowCount, n};
            String kind = n % 3 == 0 ? Gen.KINDS[r.nextInt(Gen.KINDS.length)] : "randn";
            double[] x = Gen.values(r, rowCount * n, false, kind, n);
            double t = new double[] {1.0, 0.7, 2.5}[r.nextInt(3)];
            boolean masked = r.nextBoolean();
            for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
                double[] got = run64(JavaKernels.INSTANCE, op, x, shape, t, masked);
                String what = "f64 " + kind + " " + Arrays.toString(shape) + " T=" + t;
                PropertyTest.check(op, x, shape, -1, t, masked, false, got, what);
                double[] scalar = run64(JavaKernels.SCALAR, op, x, shape, t, masked);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Double.isNaN(scalar[i]), Double.isNaN(got[i]), what + " NaN at " + i);
                }
            }
        }
        double[] x = Gen.values(r, 2 * 1001, false, "randn", 1001);
        for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
            PropertyTest.check(op, x, new int[] {2, 1001}, -1, 1.0, false, false,
                    run64(JavaKernels.INSTANCE, op, x, new int[] {2, 1001}, 1.0, false), "f64 n=1001");
        }
    }

    private static double[] run64(Kernels k, String op, double[] x, int[] shape, double t, boolean masked) {
        int rowCount = shape[0];
        int n = shape[1];
        boolean lse = op.equals("logsumexp");
        int outCount = lse ? rowCount : x.length;
        double[] xa = new double[x.length + 4];
        System.arraycopy(x, 0, xa, 2, x.length);
        double[] y = new double[outCount + 4];
        Arrays.fill(y, GUARD);
        int flags = (op.equals("log-softmax") ? Kernels.LOG : 0) | (masked ? Kernels.MASKED_ROWS_ZERO : 0);
        if (lse) {
            k.logSumExp(DType.F64, xa, 2, y, 2, rowCount, n, 1);
        } else {
            k.softmax(DType.F64, xa, 2, y, 2, rowCount, n, 1, 1.0 / t, flags);
        }
        assertEquals(GUARD, y[1], 0.0);
        assertEquals(GUARD, y[outCount + 2], 0.0);
        return Arrays.copyOfRange(y, 2, 2 + outCount);
    }

    @Test
    void aSpecialValueInABlockOfShortRowsOnlyAffectsItsRow() {
        int n = 10;
        int rowCount = 32;
        Random r = new Random(5);
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] x = Gen.values(r, rowCount * n, true, "randn", n);
            x[7 * n + 3] = special;
            for (int j = 0; j < n; j++) {
                x[20 * n + j] = Double.NEGATIVE_INFINITY; // a fully masked row too
            }
            for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
                double[] got = run(JavaKernels.INSTANCE, op, x, new int[] {rowCount, n}, 1.0, true, false);
                PropertyTest.check(op, x, new int[] {rowCount, n}, -1, 1.0, true, true, got, "special " + special);
            }
        }
    }

    @Test
    void crossEntropyOnArraysMatchesTheReference() {
        Random r = new Random(77);
        for (int c = 0; c < 120; c++) {
            int classes = 1 + r.nextInt(70);
            int positions = new int[] {1, 15, 16, 17, 40, 64}[r.nextInt(6)];
            int[] shape = {positions, classes};
            double[] x = Gen.values(r, positions * classes, true, r.nextInt(4) == 0 ? "neg-inf" : "randn", classes);
            long ignore = r.nextBoolean() ? -100 : r.nextInt(classes);
            long[] t = new long[positions];
            for (int p = 0; p < positions; p++) {
                t[p] = r.nextInt(6) == 0 ? ignore : r.nextInt(classes);
            }
            double[] w = null;
            if (r.nextBoolean()) {
                w = new double[classes];
                for (int k = 0; k < classes; k++) {
                    w[k] = (float) (0.1 + 2 * r.nextDouble());
                }
            }
            double[] ref = Reference.crossEntropyIndex(x, shape, t, w, ignore, 0);
            double[] tol = CrossEntropyTest.tolerances(x, shape, t, null, w, ignore, 0, true);
            float[] xf = Gen.toFloats(x);
            float[] out = new float[positions + 4];
            Arrays.fill(out, GUARD);
            dev.logits4j.internal.kernels.ClassWeights cw = w == null ? null
                    : new dev.logits4j.internal.kernels.ClassWeights(w);
            double sum = JavaKernels.INSTANCE.crossEntropy(DType.F32, xf, 0, DType.I64, t, 0, positions, classes, 1,
                    cw, ignore, 0, out, 2);
            assertEquals(GUARD, out[1]);
            assertEquals(GUARD, out[positions + 2]);
            double refSum = 0;
            for (int p = 0; p < positions; p++) {
                double e = ref[p];
                double g = out[p + 2];
                boolean ok = Double.isNaN(e) ? Double.isNaN(g)
                        : Double.isInfinite(e) ? g == e
                        : Math.abs(g - e) <= tol[p] + Math.abs((float) e - e);
                if (!ok) {
                    fail("case " + c + " " + Arrays.toString(shape) + " position " + p + ": got " + g
                            + " expected " + e + " tol " + tol[p]);
                }
                refSum += e;
            }
            if (Double.isFinite(refSum)) {
                assertEquals(refSum, sum, Reference.sum(tol) + 1e-9 * Math.abs(refSum), "case " + c + " sum");
            }
        }
    }

    /** One op through the kernels on float[] at offsets, guards around the output. */
    private static double[] run(Kernels k, String op, double[] x, int[] shape, double t,
                                boolean masked, boolean inPlace) {
        int rowCount = shape[0];
        int n = shape[1];
        boolean lse = op.equals("logsumexp");
        int outCount = lse ? rowCount : x.length;
        int off = 5;
        float[] xa = new float[x.length + 2 * off];
        Arrays.fill(xa, GUARD);
        for (int i = 0; i < x.length; i++) {
            xa[off + i] = (float) x[i];
        }
        float[] y = inPlace ? xa : new float[outCount + 2 * off];
        if (!inPlace) {
            Arrays.fill(y, GUARD);
        }
        int flags = (op.equals("log-softmax") ? Kernels.LOG : 0) | (masked ? Kernels.MASKED_ROWS_ZERO : 0);
        if (lse) {
            k.logSumExp(DType.F32, xa, off, y, off, rowCount, n, 1);
        } else {
            k.softmax(DType.F32, xa, off, y, off, rowCount, n, 1, 1.0 / t, flags);
        }
        for (int i = 0; i < off; i++) {
            assertEquals(GUARD, y[i], k.name() + " guard before");
            assertEquals(GUARD, y[off + outCount + i], k.name() + " guard after");
        }
        double[] g = new double[outCount];
        for (int i = 0; i < outCount; i++) {
            g[i] = y[off + i];
        }
        return g;
    }
}
