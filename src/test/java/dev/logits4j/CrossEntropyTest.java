package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.logits4j.testutil.Gen;
import dev.logits4j.testutil.Reference;
import dev.logits4j.testutil.Tolerance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Cross-entropy against the float64 {@link Reference}, and PyTorch's corner cases one by one. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class CrossEntropyTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;

    CrossEntropyTest(Backend backend) {
        this.ops = Legacy.with(backend);
    }

    @Test
    void randomIndexTargetsAgainstReference() {
        indexTargetsAgainstReference(11, 600, CrossEntropyTest::ceShape,
                r -> r.nextInt(3) == 0 ? "neg-inf" : "randn");
    }

    /**
     * Batches of 8..37 rows of 2..16 classes: whole blocks of 8 rows (the native short-row paths,
     * which gather 8 rows into lanes and take their logs per chunk of blocks) and the rows after
     * them, with ignored positions, weights, smoothing and rows of -inf, NaN and +inf.
     */
    @Test
    void shortRowBatchesAgainstReference() {
        indexTargetsAgainstReference(12, 400, r -> new int[] {8 + r.nextInt(30), 2 + r.nextInt(15)},
                r -> new String[] {"randn", "neg-inf", "specials", "masked-rows"}[r.nextInt(4)]);
    }

    private void indexTargetsAgainstReference(long seed, int cases,
                                              java.util.function.Function<Random, int[]> shapes,
                                              java.util.function.Function<Random, String> kinds) {
        Random r = new Random(seed);
        for (int c = 0; c < cases; c++) {
            boolean f32 = c % 2 == 0;
            int[] shape = shapes.apply(r);
            int classes = shape.length == 1 ? shape[0] : shape[1];
            int count = (int) Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
            int positions = count / classes;
            double[] x = Gen.values(r, count, f32, kinds.apply(r), classes);
            long ignore = r.nextBoolean() ? -100 : r.nextInt(classes + 2) - 1;
            long[] t = new long[positions];
            for (int p = 0; p < positions; p++) {
                t[p] = r.nextInt(5) == 0 ? ignore : r.nextInt(classes);
                if (t[p] != ignore && (t[p] < 0 || t[p] >= classes)) {
                    t[p] = 0;
                }
            }
            double[] w = r.nextBoolean() ? null : randomWeights(r, classes, f32);
            double eps = new double[] {0, 0, 0.1, 0.25, 1}[r.nextInt(5)];
            CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withIgnoreIndex(ignore)
                    .withLabelSmoothing(eps).withWeight(w);
            double[] ref = Reference.crossEntropyIndex(x, shape, t, w, ignore, eps);
            double[] tol = tolerances(x, shape, t, null, w, ignore, eps, f32);
            double[] got = new double[positions];
            double sum;
            double mean;
            if (f32) {
                float[] out = new float[positions];
                float[] xf = Gen.toFloats(x);
                ops.crossEntropy(xf, 0, shape, t, 0, out, 0, o.withReduction(Reduction.NONE));
                for (int p = 0; p < positions; p++) {
                    got[p] = out[p];
                }
                sum = ops.crossEntropy(xf, 0, shape, t, 0, o.withReduction(Reduction.SUM));
                mean = ops.crossEntropy(xf, 0, shape, t, 0, o.withReduction(Reduction.MEAN));
            } else {
                ops.crossEntropy(x, 0, shape, t, 0, got, 0, o.withReduction(Reduction.NONE));
                sum = ops.crossEntropy(x, 0, shape, t, 0, o.withReduction(Reduction.SUM));
                mean = ops.crossEntropy(x, 0, shape, t, 0, o.withReduction(Reduction.MEAN));
            }
            String what = "case " + c + " shape " + Arrays.toString(shape) + " ignore " + ignore + " eps " + eps;
            for (int p = 0; p < positions; p++) {
                assertClose(got[p], ref[p], tol[p], f32, what + " position " + p);
            }
            double refSum = Reference.sum(ref);
            double tolSum = Reference.sum(tol) + 1e-12 * Math.abs(refSum);
            assertClose(sum, refSum, tolSum, f32, what + " sum");
            double weightSum = 0;
            for (int p = 0; p < positions; p++) {
                if (t[p] != ignore) {
                    weightSum += w == null ? 1 : w[(int) t[p]];
                }
            }
            double refMean = refSum / weightSum;
            assertClose(mean, refMean, tolSum / Math.abs(weightSum) + 1e-12 * Math.abs(refMean), f32, what + " mean");
        }
    }

    @Test
    void randomProbabilityTargetsAgainstReference() {
        Random r = new Random(12);
        for (int c = 0; c < 400; c++) {
            boolean f32 = c % 2 == 0;
            int[] shape = ceShape(r);
            int classes = shape.length == 1 ? shape[0] : shape[1];
            int count = (int) Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
            int positions = count / classes;
            double[] x = Gen.values(r, count, f32, "randn", classes);
            double[] probs = new double[count];
            for (int i = 0; i < count; i++) {
                probs[i] = f32 ? (float) r.nextDouble() : r.nextDouble();
            }
            double[] w = r.nextBoolean() ? null : randomWeights(r, classes, f32);
            double eps = new double[] {0, 0.1, 1}[r.nextInt(3)];
            CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withLabelSmoothing(eps).withWeight(w)
                    .withReduction(Reduction.NONE);
            double[] ref = Reference.crossEntropyProb(x, shape, probs, w, eps);
            double[] tol = tolerances(x, shape, null, probs, w, 0, eps, f32);
            double[] got = new double[positions];
            double mean;
            if (f32) {
                float[] out = new float[positions];
                ops.crossEntropyWithProbabilities(Gen.toFloats(x), 0, shape, Gen.toFloats(probs), 0, out, 0, o);
                for (int p = 0; p < positions; p++) {
                    got[p] = out[p];
                }
                mean = ops.crossEntropyWithProbabilities(Gen.toFloats(x), 0, shape, Gen.toFloats(probs), 0,
                        o.withReduction(Reduction.MEAN));
            } else {
                ops.crossEntropyWithProbabilities(x, 0, shape, probs, 0, got, 0, o);
                mean = ops.crossEntropyWithProbabilities(x, 0, shape, probs, 0, o.withReduction(Reduction.MEAN));
            }
            for (int p = 0; p < positions; p++) {
                assertClose(got[p], ref[p], tol[p], f32, "case " + c + " position " + p);
            }
            double refMean = Reference.sum(ref) / positions;
            assertClose(mean, refMean, Reference.sum(tol) / positions + 1e-12 * Math.abs(refMean), f32, "case " + c + " mean");
        }
    }

    private static int[] ceShape(Random r) {
        int rank = 1 + r.nextInt(4);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(i == 1 || rank == 1 ? 40 : 6);
        }
        return s;
    }

    private static double[] randomWeights(Random r, int classes, boolean f32) {
        double[] w = new double[classes];
        for (int i = 0; i < classes; i++) {
            w[i] = f32 ? (float) (r.nextDouble() * 2) : r.nextDouble() * 2;
        }
        return w;
    }

    /**
     * The cross-entropy bound of the conformance README (src/test/resources/conformance/public/README.md):
     * sum_c |a_c| B(r_c) + sigma(k) sum |a_c r_c| + 4u|loss|, x3.
     */
    static double[] tolerances(double[] x, int[] shape, long[] t, double[] probs, double[] w,
                                       long ignore, double eps, boolean f32) {
        double u = f32 ? Tolerance.U32 : Tolerance.U64;
        int classes = shape.length == 1 ? shape[0] : shape[1];
        Reference.Layout l = Reference.Layout.of(shape, shape.length == 1 ? 0 : 1);
        double[] tol = new double[(int) (l.outer() * l.inner())];
        for (long o = 0; o < l.outer(); o++) {
            for (long i = 0; i < l.inner(); i++) {
                int p = (int) (o * l.inner() + i);
                if (t != null && t[p] == ignore) {
                    continue;
                }
                double[] xs = l.slice(x, o, i);
                if (Arrays.stream(xs).allMatch(v -> v == Double.NEGATIVE_INFINITY)) {
                    continue;
                }
                double[] b = Tolerance.slice("log-softmax", xs, 1, u, 0);
                double[] lp = Reference.softmaxSlice(xs, 1, true, false);
                double[] ps = probs == null ? null : l.slice(probs, o, i);
                double sumAB = 0;
                double sumAR = 0;
                int k = 0;
                for (int c = 0; c < classes; c++) {
                    double wc = w == null ? 1 : w[c];
                    double a = probs != null ? wc * (ps[c] * (1 - eps) + eps / classes)
                            : (c == t[p] ? (1 - eps) * wc : 0) + (eps > 0 ? eps / classes * wc : 0);
                    if (a != 0 && Double.isFinite(lp[c])) {
                        sumAB += Math.abs(a) * b[c];
                        sumAR += Math.abs(a * lp[c]);
                        k++;
                    }
                }
                double sigma = k <= 1 ? 0 : u * (4 + 2 * Math.ceil(Math.log(k) / Math.log(2)) + Math.sqrt(k) / 2);
                tol[p] = sumAB + 3 * sigma * sumAR + 12 * u * sumAR + 3 * u;
            }
        }
        return tol;
    }

    private static void assertClose(double got, double ref, double tol, boolean f32, String what) {
        double e = f32 ? (double) (float) ref : ref;
        boolean ok;
        if (Double.isNaN(ref)) {
            ok = Double.isNaN(got);
        } else if (Double.isInfinite(e)) {
            ok = got == e;
        } else {
            ok = Double.isFinite(got) && Math.abs(got - ref) <= tol + Math.abs(e - ref);
        }
        if (!ok) {
            fail(what + ": got " + got + ", expected " + ref + " (tolerance " + tol + ")");
        }
    }

    // ---- PyTorch's corner cases, each with its expected value derived by hand ----

    private static final int[] NC = {2, 3};
    private static final float[] X = {1f, 2f, 3f, 0.5f, -1f, 4f};

    private static double lse(double... v) {
        double m = Arrays.stream(v).max().getAsDouble();
        return m + Math.log(Arrays.stream(v).map(a -> Math.exp(a - m)).sum());
    }

    @Test
    void meanDividesByTheSumOfTargetWeights() {
        double[] w = {0.5, 2, 3};
        float mean = ops.crossEntropy(X, 0, NC, new int[] {2, 0}, 0, CrossEntropyOptions.DEFAULT.withWeight(w));
        double l0 = -(3 - lse(1, 2, 3));
        double l1 = -(0.5 - lse(0.5, -1, 4));
        assertEquals((3 * l0 + 0.5 * l1) / 3.5, mean, 1e-6);
    }

    @Test
    void allIgnoredGivesNaNForMeanAndZeroForSum() {
        int[] t = {-100, -100};
        assertTrue(Float.isNaN(ops.crossEntropy(X, 0, NC, t, 0, CrossEntropyOptions.DEFAULT)));
        assertEquals(0f, ops.crossEntropy(X, 0, NC, t, 0, CrossEntropyOptions.DEFAULT.withReduction(Reduction.SUM)));
        float[] none = {7f, 7f};
        ops.crossEntropy(X, 0, NC, t, 0, none, 0, CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE));
        assertEquals(0f, none[0]);
        assertEquals(0f, none[1]);
    }

    @Test
    void ignoreIndexMayBeAValidClass() {
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withIgnoreIndex(1).withReduction(Reduction.SUM);
        float s = ops.crossEntropy(X, 0, NC, new int[] {1, 2}, 0, o);
        assertEquals(-(4 - lse(0.5, -1, 4)), s, 1e-6);
    }

    @Test
    void minus100IsOutOfRangeWhenIgnoreIndexIsMinus1() {
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withIgnoreIndex(-1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ops.crossEntropy(X, 0, NC, new int[] {0, -100}, 0, o));
        assertTrue(e.getMessage().contains("targets[1] = -100"), e.getMessage());
    }

    @Test
    void negativeInfinityLogits() {
        float[] x = {Float.NEGATIVE_INFINITY, 1f, 2f};
        int[] shape = {1, 3};
        assertEquals(Float.POSITIVE_INFINITY, ops.crossEntropy(x, 0, shape, new int[] {0}, 0, CrossEntropyOptions.DEFAULT));
        float noSmoothing = ops.crossEntropy(x, 0, shape, new int[] {2}, 0, CrossEntropyOptions.DEFAULT);
        assertEquals(-(2 - lse(1, 2)), noSmoothing, 1e-6);
        assertEquals(Float.POSITIVE_INFINITY, ops.crossEntropy(x, 0, shape, new int[] {2}, 0,
                CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1)));
        // 0 * -inf where that class's weight is 0
        assertTrue(Float.isNaN(ops.crossEntropy(x, 0, shape, new int[] {2}, 0,
                CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1).withWeight(new double[] {0, 1, 1}))));
    }

    @Test
    void nanInAnIgnoredRowDoesNotPropagate() {
        float[] x = {Float.NaN, 1f, 2f, 0f, 1f, 2f};
        float s = ops.crossEntropy(x, 0, NC, new int[] {-100, 2}, 0, CrossEntropyOptions.DEFAULT);
        assertEquals(-(2 - lse(0, 1, 2)), s, 1e-6);
    }

    @Test
    void oneClassGivesZeroLoss() {
        assertEquals(0f, ops.crossEntropy(new float[] {3f, -7f}, 0, new int[] {2, 1}, new int[] {0, 0}, 0,
                CrossEntropyOptions.DEFAULT));
    }

    @Test
    void zeroProbabilityOnMinusInfinityIsNaN() {
        float[] x = {Float.NEGATIVE_INFINITY, 1f};
        float[] p = {0f, 1f};
        assertTrue(Float.isNaN(ops.crossEntropyWithProbabilities(x, 0, new int[] {1, 2}, p, 0,
                CrossEntropyOptions.DEFAULT)));
    }

    @Test
    void unbatchedLogitsWithWeightReturnPlainLoss() {
        float[] x = {1f, 2f, 3f};
        float m = ops.crossEntropy(x, 0, new int[] {3}, new int[] {1}, 0,
                CrossEntropyOptions.DEFAULT.withWeight(new double[] {1, 5, 1}));
        assertEquals(-(2 - lse(1, 2, 3)), m, 1e-6);
    }

    @Test
    void everyTargetMemoryKindAgrees() {
        Random r = new Random(5);
        int[] shape = {6, 5, 3};
        float[] x = Gen.toFloats(Gen.values(r, 90, true, "randn", 5));
        int[] ti = new int[18];
        long[] tl = new long[18];
        for (int i = 0; i < 18; i++) {
            ti[i] = r.nextInt(5);
            tl[i] = ti[i];
        }
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1);
        float a = ops.crossEntropy(x, 0, shape, ti, 0, o);
        float b = ops.crossEntropy(x, 0, shape, tl, 0, o);
        FloatBuffer xd = ByteBuffer.allocateDirect(90 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer().put(x);
        xd.flip();
        IntBuffer id = ByteBuffer.allocateDirect(18 * 4).order(ByteOrder.nativeOrder()).asIntBuffer().put(ti);
        id.flip();
        LongBuffer ld = LongBuffer.wrap(tl);
        float c = ops.crossEntropy(xd, shape, id, o);
        float d = ops.crossEntropy(FloatBuffer.wrap(x), shape, ld, o);
        assertEquals(a, b);
        assertEquals(a, c);
        assertEquals(a, d);
        assertEquals(0, xd.position(), "buffer position unchanged");
    }
}
