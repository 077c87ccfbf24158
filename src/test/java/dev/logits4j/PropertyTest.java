package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.logits4j.testutil.Gen;
import dev.logits4j.testutil.Reference;
import dev.logits4j.testutil.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random shapes, axes, temperatures and values against the float64 {@link Reference}, element by
 * element within the conformance tolerance rule ({@link Tolerance}); outputs are written between
 * guard values that must stay untouched.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class PropertyTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;

    PropertyTest(Backend backend) {
        this.ops = Legacy.with(backend);
    }
    private static final double[] TEMPERATURES = {1, 1, 0.7, 0.01, 100};
    private static final float GUARD = 12345.678f;

    @Test
    void randomShapesAxesAndValuesFloat32() {
        randomCases(true, 1500);
    }

    @Test
    void randomShapesAxesAndValuesFloat64() {
        randomCases(false, 1500);
    }

    @Test
    void everyRowLengthFrom1To70() {
        Random r = new Random(70);
        for (boolean f32 : new boolean[] {true, false}) {
            for (int n = 1; n <= 70; n++) {
                for (String kind : Gen.KINDS) {
                    int[] shape = {3, n};
                    double[] x = Gen.values(r, 3 * n, f32, kind, n);
                    checkAllOps(x, shape, -1, 1.0, kind.equals("masked-rows"), f32, "n=" + n + " " + kind);
                }
            }
        }
    }

    @Test
    void largeRows() {
        Random r = new Random(128256);
        for (boolean f32 : new boolean[] {true, false}) {
            for (String kind : new String[] {"randn", "offset", "neg-inf", "overflow-range"}) {
                int n = 128256;
                double[] x = Gen.values(r, n, f32, kind, n);
                checkAllOps(x, new int[] {1, n}, 1, 1.0, false, f32, "128256 " + kind);
            }
            double[] x = Gen.values(r, 2 * 32000, f32, "randn", 32000);
            checkAllOps(x, new int[] {2, 32000}, -1, 0.7, false, f32, "2x32000 T=0.7");
        }
    }

    /** One 0 and many entries whose exp is just below half an ulp of the running sum. */
    @Test
    void summationStressRow() {
        for (boolean f32 : new boolean[] {true, false}) {
            int n = 128256;
            double u = f32 ? Tolerance.U32 : Tolerance.U64;
            double v = Math.log(u * 0.99);
            double[] x = new double[n];
            Arrays.fill(x, f32 ? (double) (float) v : v);
            x[0] = 0;
            checkAllOps(x, new int[] {n}, 0, 1.0, false, f32, "sum-stress");
        }
    }

    private void randomCases(boolean f32, int count) {
        Random r = new Random(f32 ? 32 : 64);
        for (int c = 0; c < count; c++) {
            int[] shape = Gen.shape(r, 4000);
            int axis = r.nextInt(2 * shape.length) - shape.length;
            String kind = Gen.KINDS[r.nextInt(Gen.KINDS.length)];
            int count1 = (int) Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
            double[] x = Gen.values(r, count1, f32, kind, shape[shape.length - 1]);
            double t = TEMPERATURES[r.nextInt(TEMPERATURES.length)];
            checkAllOps(x, shape, axis, t, r.nextBoolean(), f32,
                    "case " + c + " shape " + Arrays.toString(shape) + " axis " + axis + " " + kind + " T=" + t);
        }
    }

    void checkAllOps(double[] x, int[] shape, int axis, double t, boolean masked, boolean f32, String what) {
        SoftmaxOptions o = SoftmaxOptions.DEFAULT.withTemperature(t).withMaskedRowsZero(masked);
        for (String op : new String[] {"softmax", "log-softmax", "logsumexp"}) {
            double[] got = run(op, x, shape, axis, o, f32);
            check(op, x, shape, axis, t, masked, f32, got, what);
        }
    }

    /** Runs one op through the API on arrays at an offset, with guard values around the output. */
    double[] run(String op, double[] x, int[] shape, int axis, SoftmaxOptions o, boolean f32) {
        int outN = op.equals("logsumexp") ? Reference.logSumExp(new double[x.length], shape, axis).length : x.length;
        int off = 3;
        if (f32) {
            float[] xa = new float[x.length + 2 * off];
            float[] y = new float[outN + 2 * off];
            Arrays.fill(y, GUARD);
            System.arraycopy(Gen.toFloats(x), 0, xa, off, x.length);
            float[] before = xa.clone();
            switch (op) {
                case "softmax" -> ops.softmax(xa, off, y, off, shape, axis, o);
                case "log-softmax" -> ops.logSoftmax(xa, off, y, off, shape, axis, o);
                default -> ops.logSumExp(xa, off, y, off, shape, axis);
            }
            for (int i = 0; i < off; i++) {
                assertEquals(GUARD, y[i], "guard before the output");
                assertEquals(GUARD, y[off + outN + i], "guard after the output");
            }
            assertTrue(Arrays.equals(before, xa), "input unchanged");
            double[] out = new double[outN];
            for (int i = 0; i < outN; i++) {
                out[i] = y[off + i];
            }
            return out;
        }
        double[] xa = new double[x.length + 2 * off];
        double[] y = new double[outN + 2 * off];
        Arrays.fill(y, GUARD);
        System.arraycopy(x, 0, xa, off, x.length);
        switch (op) {
            case "softmax" -> ops.softmax(xa, off, y, off, shape, axis, o);
            case "log-softmax" -> ops.logSoftmax(xa, off, y, off, shape, axis, o);
            default -> ops.logSumExp(xa, off, y, off, shape, axis);
        }
        for (int i = 0; i < off; i++) {
            assertEquals(GUARD, y[i], "guard before the output");
            assertEquals(GUARD, y[off + outN + i], "guard after the output");
        }
        return Arrays.copyOfRange(y, off, off + outN);
    }

    /** Compares {@code got} with the reference, slice by slice, within the tolerance rule. */
    static void check(String op, double[] x, int[] shape, int axis, double t, boolean masked,
                      boolean f32, double[] got, String what) {
        double u = f32 ? Tolerance.U32 : Tolerance.U64;
        double minNormal = f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        Reference.Layout l = Reference.Layout.of(shape, axis);
        for (long o = 0; o < l.outer(); o++) {
            for (long i = 0; i < l.inner(); i++) {
                double[] xs = l.slice(x, o, i);
                double[] ref;
                double[] gs;
                if (op.equals("logsumexp")) {
                    ref = new double[] {Reference.logSumExpSlice(xs)};
                    gs = new double[] {got[(int) (o * l.inner() + i)]};
                } else {
                    ref = Reference.softmaxSlice(xs, t, op.equals("log-softmax"), masked);
                    gs = l.slice(got, o, i);
                }
                boolean finiteSlice = Arrays.stream(xs).noneMatch(v -> Double.isNaN(v) || v == Double.POSITIVE_INFINITY)
                        && Arrays.stream(xs).anyMatch(v -> v != Double.NEGATIVE_INFINITY);
                double[] tol = finiteSlice ? Tolerance.slice(op, xs, op.equals("logsumexp") ? 1 : t, u, minNormal) : new double[ref.length];
                for (int j = 0; j < ref.length; j++) {
                    double e = f32 ? (double) (float) ref[j] : ref[j];
                    double g = gs[j];
                    boolean ok;
                    if (Double.isNaN(e)) {
                        ok = Double.isNaN(g);
                    } else if (Double.isInfinite(e)) {
                        ok = g == e;
                    } else {
                        // The float32 rounding of the reference is within tol (half an ulp).
                        ok = Double.isFinite(g) && Math.abs(g - ref[j]) <= tol[j] + Math.abs(e - ref[j]);
                    }
                    if (!ok) {
                        fail(op + " " + (f32 ? "f32" : "f64") + " " + what + ": slice (" + o + "," + i
                                + ") element " + j + " got " + g + " expected " + ref[j] + " tol " + tol[j]
                                + " masked=" + masked + (xs.length <= 8 ? " slice " + Arrays.toString(xs) : ""));
                    }
                }
            }
        }
    }
}
