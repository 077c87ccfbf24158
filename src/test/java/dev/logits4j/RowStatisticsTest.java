package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * entropy and KL divergence against float64 references written here another way: a
 * log-softmax row first ({@code log P = (x - m) - log s}), then {@code H = -sum P log P} and
 * {@code KL = sum P (log P - log Q)} term by term, terms with P = 0 dropped. Every backend, dtype (16-bit
 * logits rounded first, so the reference sees the same values), a strided axis, arrays, direct
 * buffers in both byte orders and the parallel form; special values (-inf tokens, a -inf in Q
 * where P > 0, NaN, +inf, all -inf, empty) decided in the docs. The maximum error found is
 * asserted: float64 outputs within 1e-12 relative (+1e-13 absolute for KL near 0), float32
 * outputs within 2 ulp-ish relative 4e-7 (+1e-6 absolute).
 */
class RowStatisticsTest {
    /** log_softmax of x in float64, as (x - m) - log s (every digit of log s kept for large m). */
    private static double[] logSoftmax(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v - m);
        }
        double[] l = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            l[j] = (x[j] - m) - Math.log(s);
        }
        return l;
    }

    private static boolean noDistribution(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                return true;
            }
            m = Math.max(m, v);
        }
        return x.length == 0 || m == Double.NEGATIVE_INFINITY;
    }

    static double entropyRef(double[] x) {
        if (noDistribution(x)) {
            return Double.NaN;
        }
        double[] l = logSoftmax(x);
        double h = 0;
        for (double lp : l) {
            double p = Math.exp(lp);
            if (p > 0) {
                h -= p * lp;
            }
        }
        return h;
    }

    static double klRef(double[] a, double[] b) {
        if (noDistribution(a) || noDistribution(b)) {
            return Double.NaN;
        }
        double[] la = logSoftmax(a);
        double[] lb = logSoftmax(b);
        double k = 0;
        for (int j = 0; j < a.length; j++) {
            if (a[j] > Double.NEGATIVE_INFINITY) {
                k += Math.exp(la[j]) * (la[j] - lb[j]);
            }
        }
        return k;
    }

    private static double[] row(Random r, int n, int kind) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = r.nextGaussian() * (kind == 1 ? 20 : 2) + (kind == 2 ? 1e4 : 0);
        }
        if (kind == 3 && n > 2) {
            x[1] = Double.NEGATIVE_INFINITY;
            x[n - 1] = Double.NEGATIVE_INFINITY;
        }
        return x;
    }

    /** The values the op sees for a dtype (16-bit rounding, float32 rounding). */
    private static double[] asSeen(double[] x, DType t) {
        double[] y = x.clone();
        for (int j = 0; j < y.length; j++) {
            y[j] = switch (t) {
                case F64 -> x[j];
                case F32 -> (float) x[j];
                case BF16 -> Float.intBitsToFloat(Float.floatToRawIntBits((float) x[j]) & 0xffff0000);
                default -> halfToFloat(toHalf((float) x[j]));
            };
        }
        return y;
    }

    /** The largest relative errors seen (|want| > 1e-3), float64 and float32 outputs: for the docs. */
    private static final double[] WORST = new double[2];

    private static boolean close(double got, double want, boolean f64) {
        if (Math.abs(want) > 1e-3 && Double.isFinite(want) && Double.isFinite(got)) {
            WORST[f64 ? 0 : 1] = Math.max(WORST[f64 ? 0 : 1], Math.abs(got - want) / Math.abs(want));
        }
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            return Double.compare(got, want) == 0 || (Double.isNaN(want) && Double.isNaN(got));
        }
        double tol = f64 ? 1e-12 * Math.abs(want) + 1e-13 : 4e-7 * Math.abs(want) + 1e-6;
        return Math.abs(got - want) <= tol;
    }

    @Test
    void entropyAndKlAreTheReferenceOnEveryBackendDtypeAndMemoryKind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try {
            Random r = new Random(5);
            for (int n : new int[] {1, 2, 7, 16, 33, 1000}) {
                for (int kind = 0; kind < 4; kind++) {
                    int rows = 3;
                    double[][] a = new double[rows][];
                    double[][] b = new double[rows][];
                    for (int i = 0; i < rows; i++) {
                        a[i] = row(r, n, kind);
                        b[i] = row(r, n, kind);
                    }
                    for (DType t : new DType[] {DType.F32, DType.F64, DType.F16, DType.BF16}) {
                        if (t.isHalf() && kind == 2) {
                            continue;   // 1e4 + noise is a handful of values in 16 bits: fine, but float32 tells more
                        }
                        double[] flatA = new double[rows * n];
                        double[] flatB = new double[rows * n];
                        double[] wantH = new double[rows];
                        double[] wantK = new double[rows];
                        for (int i = 0; i < rows; i++) {
                            double[] sa = asSeen(a[i], t);
                            double[] sb = asSeen(b[i], t);
                            System.arraycopy(sa, 0, flatA, i * n, n);
                            System.arraycopy(sb, 0, flatB, i * n, n);
                            wantH[i] = entropyRef(sa);
                            wantK[i] = klRef(sa, sb);
                        }
                        for (Backend be : AllBackends.all()) {
                            for (int mem = 0; mem < 4; mem++) {
                                Ops ops = mem == 3 ? Logits4j.with(be).parallel(pool, 2) : Logits4j.with(be);
                                Tensor ta = view(flatA, t, mem, rows, n);
                                Tensor tb = view(flatB, t, mem, rows, n);
                                double[] gotH = new double[rows];
                                double[] gotK = new double[rows];
                                if (t == DType.F64) {
                                    ops.entropy(ta, Tensor.of(gotH), -1);
                                    ops.klDivergence(ta, tb, Tensor.of(gotK), 1);
                                } else {
                                    float[] h = new float[rows];
                                    float[] k = new float[rows];
                                    ops.entropy(ta, Tensor.of(h), -1);
                                    ops.klDivergence(ta, tb, Tensor.of(k), 1);
                                    for (int i = 0; i < rows; i++) {
                                        gotH[i] = h[i];
                                        gotK[i] = k[i];
                                    }
                                }
                                for (int i = 0; i < rows; i++) {
                                    checked += 2;
                                    boolean f64 = t == DType.F64;
                                    double wh = f64 ? wantH[i] : (float) wantH[i];
                                    double wk = f64 ? wantK[i] : (float) wantK[i];
                                    if (!close(gotH[i], wh, f64) || !close(gotK[i], wk, f64)) {
                                        wrong.add(be.name() + " " + t + " mem " + mem + " n " + n + " kind " + kind
                                                + " row " + i + ": H " + gotH[i] + " want " + wh + ", KL " + gotK[i]
                                                + " want " + wk);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong of " + checked + ":\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(20, wrong.size()))));
        assertTrue(checked > 2000, "checked " + checked);
        System.out.printf("RowStatisticsTest: largest relative error, float64 outputs %.3g, float32 outputs %.3g%n",
                WORST[0], WORST[1]);
    }

    /** mem 0: array; 1: direct little-endian; 2: direct big-endian; 3: array (parallel form). */
    private static Tensor view(double[] v, DType t, int mem, int... shape) {
        if (mem == 0 || mem == 3) {
            switch (t) {
                case F64: return Tensor.of(v.clone(), shape);
                case F32: {
                    float[] f = new float[v.length];
                    for (int i = 0; i < v.length; i++) {
                        f[i] = (float) v[i];
                    }
                    return Tensor.of(f, shape);
                }
                default: break;
            }
        }
        ByteBuffer b = ByteBuffer.allocateDirect(v.length * t.bytes())
                .order(mem == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            switch (t) {
                case F64 -> b.putDouble(i * 8, v[i]);
                case F32 -> b.putFloat(i * 4, (float) v[i]);
                case BF16 -> b.putShort(i * 2, (short) (Float.floatToRawIntBits((float) v[i]) >>> 16));
                default -> b.putShort(i * 2, toHalf((float) v[i]));
            }
        }
        return Tensor.of(b, t, shape);
    }

    /** float16 bits of a float (normal range rounded toward zero, tiny to zero, infinities kept): test data. */
    private static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        if (Float.isInfinite(f)) {
            return (short) (sign | 0x7c00);
        }
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        if (exp <= 0) {
            return (short) sign;
        }
        return (short) (sign | (Math.min(exp, 30) << 10) | ((bits >>> 13) & 0x3ff));
    }

    private static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int man = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (man << 13));
        }
        if (exp == 0) {
            return sign != 0 ? -0f : 0f;   // toHalf never makes subnormals
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (man << 13));
    }

    /** Along a strided axis (axis 0 of [n, 3]): the same as the rows of the transpose. */
    @Test
    void aStridedAxisIsTheTransposesRows() {
        Random r = new Random(3);
        int n = 50;
        double[] x = new double[n * 3];
        double[][] cols = new double[3][n];
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < 3; c++) {
                x[j * 3 + c] = r.nextGaussian() * 4;
                cols[c][j] = x[j * 3 + c];
            }
        }
        for (Backend be : AllBackends.all()) {
            double[] h = new double[3];
            Logits4j.with(be).entropy(Tensor.of(x, n, 3), Tensor.of(h), 0);
            for (int c = 0; c < 3; c++) {
                assertTrue(close(h[c], entropyRef(cols[c]), true), be.name() + " col " + c + ": " + h[c]);
            }
        }
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        Ops ops = Logits4j.ops();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.klDivergence(Tensor.of(new float[6], 2, 3), Tensor.of(new float[6], 3, 2),
                        Tensor.of(new float[2]), -1));
        assertTrue(e.getMessage().contains("q") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.entropy(Tensor.of(new float[6], 2, 3), Tensor.of(new double[2]), -1));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> ops.entropy(Tensor.of(new float[6], 2, 3), Tensor.of(new float[1]), -1));
        float[] shared = new float[8];
        assertThrows(IllegalArgumentException.class,
                () -> ops.entropy(Tensor.of(shared, 0, new int[] {2, 3}), Tensor.of(shared, 4, new int[] {2}), -1));
        assertEquals(0f, shared[4]);
    }
}
