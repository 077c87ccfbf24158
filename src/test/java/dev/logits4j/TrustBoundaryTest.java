package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.kernels.Targets;
import dev.logits4j.testutil.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust boundary, case by case (the memory-kind fuzzer and the race torture test cover the
 * same ground at random): a buffer in either byte order gives bit for bit the result of the same
 * values in a Java array, on every operand; temperatures whose reciprocal is not a normal float32
 * are refused; label-smoothed cross-entropy near float32 overflow matches the float64 reference;
 * targets that change after the check are refused where they are read. Runs once per
 * implementation (pom.xml: logits4j.parity.tests).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class TrustBoundaryTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;

    TrustBoundaryTest(Backend backend) {
        this.ops = Legacy.with(backend);
    }
    private static final ByteOrder[] ORDERS = {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN};
    private static final int[][] SHAPES = {{3, 17}, {2, 40}, {4, 5, 3}, {70}};

    private static FloatBuffer direct(float[] v, ByteOrder order) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * v.length + 4).order(order).asFloatBuffer();
        b.put(1, v).position(1);
        return b.slice();   // a slice of a view keeps its byte order
    }

    private static DoubleBuffer direct(double[] v, ByteOrder order) {
        return ByteBuffer.allocateDirect(8 * v.length).order(order).asDoubleBuffer().put(0, v);
    }

    /** A heap view with no accessible array (read and written through the buffer API). */
    private static FloatBuffer heapView(float[] v, ByteOrder order) {
        return ByteBuffer.allocate(4 * v.length).order(order).asFloatBuffer().put(0, v);
    }

    private static float[] read(FloatBuffer b, int n) {
        float[] a = new float[n];
        b.get(0, a);
        return a;
    }

    private static float[] values(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 4);
        }
        return v;
    }

    @Test
    void everyByteOrderGivesTheArrayResultBitForBit() {
        Random r = new Random(11);
        SoftmaxOptions t07 = SoftmaxOptions.DEFAULT.withTemperature(0.7);
        int cases = 0;
        for (int[] shape : SHAPES) {
            int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] x = values(r, count);
            for (int axis = -1; axis < shape.length; axis++) {
                for (boolean log : new boolean[] {false, true}) {
                    float[] expected = new float[count];
                    if (log) {
                        ops.logSoftmax(x, 0, expected, 0, shape, axis, t07);
                    } else {
                        ops.softmax(x, 0, expected, 0, shape, axis, t07);
                    }
                    for (ByteOrder xo : ORDERS) {
                        for (ByteOrder yo : ORDERS) {
                            for (boolean heap : new boolean[] {false, true}) {
                                FloatBuffer xb = heap ? heapView(x, xo) : direct(x, xo);
                                FloatBuffer yb = heap ? heapView(new float[count], yo) : direct(new float[count], yo);
                                if (log) {
                                    ops.logSoftmax(xb, yb, shape, axis, t07);
                                } else {
                                    ops.softmax(xb, yb, shape, axis, t07);
                                }
                                String what = Arrays.toString(shape) + " axis " + axis + " log " + log
                                        + " " + xo + " -> " + yo + (heap ? " heap views" : " direct");
                                assertArrayEquals(expected, read(yb, count), what);
                                // in place, in one byte order
                                if (log) {
                                    ops.logSoftmax(xb, xb, shape, axis, t07);
                                } else {
                                    ops.softmax(xb, xb, shape, axis, t07);
                                }
                                assertArrayEquals(expected, read(xb, count), what + " in place");
                                cases += 2;
                            }
                        }
                    }
                }
                int slices = count / (shape.length == 0 ? 1 : shape[axis < 0 ? shape.length + axis : axis]);
                float[] lse = new float[slices];
                ops.logSumExp(x, 0, lse, 0, shape, axis);
                for (ByteOrder xo : ORDERS) {
                    for (ByteOrder yo : ORDERS) {
                        FloatBuffer yb = direct(new float[slices], yo);
                        ops.logSumExp(direct(x, xo), yb, shape, axis);
                        assertArrayEquals(lse, read(yb, slices), "logSumExp " + xo + " -> " + yo);
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 400, "cases run: " + cases);
    }

    @Test
    void float64EveryByteOrder() {
        Random r = new Random(12);
        int[] shape = {3, 33};
        double[] x = new double[99];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * 4;
        }
        double[] expected = new double[99];
        ops.logSoftmax(x, 0, expected, 0, shape, -1, SoftmaxOptions.DEFAULT);
        for (ByteOrder xo : ORDERS) {
            for (ByteOrder yo : ORDERS) {
                DoubleBuffer y = direct(new double[99], yo);
                ops.logSoftmax(direct(x, xo), y, shape, -1, SoftmaxOptions.DEFAULT);
                double[] got = new double[99];
                y.get(0, got);
                assertArrayEquals(expected, got, xo + " -> " + yo);
            }
        }
    }

    @Test
    void crossEntropyEveryOperandInEitherByteOrder() {
        Random r = new Random(13);
        int[][] shapes = {{6, 19}, {2, 7, 5}, {40, 4}};
        for (int[] shape : shapes) {
            int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            int classes = shape[1];
            int positions = count / classes;
            float[] logits = values(r, count);
            int[] targets = new int[positions];
            for (int p = 0; p < positions; p++) {
                targets[p] = p % 5 == 3 ? -100 : r.nextInt(classes);
            }
            long[] targets64 = Arrays.stream(targets).asLongStream().toArray();
            float[] probs = new float[count];
            for (int i = 0; i < count; i++) {
                probs[i] = r.nextFloat();
            }
            double[] w = new double[classes];
            for (int c = 0; c < classes; c++) {
                w[c] = 0.5 + r.nextDouble();
            }
            for (CrossEntropyOptions o : new CrossEntropyOptions[] {
                    CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE),
                    CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE).withWeight(w).withLabelSmoothing(0.2)}) {
                float[] expected = new float[positions];
                ops.crossEntropy(logits, 0, shape, targets, 0, expected, 0, o);
                float[] expectedProb = new float[positions];
                ops.crossEntropyWithProbabilities(logits, 0, shape, probs, 0, expectedProb, 0, o);
                for (ByteOrder lo : ORDERS) {
                    for (ByteOrder to : ORDERS) {
                        for (ByteOrder oo : ORDERS) {
                            String what = Arrays.toString(shape) + " " + o + " logits " + lo + " targets " + to + " out " + oo;
                            IntBuffer t32 = ByteBuffer.allocateDirect(4 * positions).order(to).asIntBuffer().put(0, targets);
                            LongBuffer t64 = ByteBuffer.allocateDirect(8 * positions).order(to).asLongBuffer().put(0, targets64);
                            FloatBuffer out = direct(new float[positions], oo);
                            ops.crossEntropy(direct(logits, lo), shape, t32, out, o);
                            assertArrayEquals(expected, read(out, positions), what + " int32");
                            out = direct(new float[positions], oo);
                            ops.crossEntropy(direct(logits, lo), shape, t64, out, o);
                            assertArrayEquals(expected, read(out, positions), what + " int64");
                            out = direct(new float[positions], oo);
                            ops.crossEntropyWithProbabilities(direct(logits, lo), shape, direct(probs, to), out, o);
                            assertArrayEquals(expectedProb, read(out, positions), what + " probabilities");
                        }
                    }
                }
                // the reduced forms through big-endian memory
                CrossEntropyOptions mean = o.withReduction(Reduction.MEAN);
                float m = ops.crossEntropy(logits, 0, shape, targets, 0, mean);
                IntBuffer big = ByteBuffer.allocateDirect(4 * positions).asIntBuffer().put(0, targets);
                assertEquals(m, ops.crossEntropy(direct(logits, ByteOrder.BIG_ENDIAN), shape, big, mean));
            }
        }
    }

    @Test
    void ignoredTargetsInBigEndianMemoryAreIgnored() {
        // -100 stored big-endian reads as 0x9cffffff if taken for native order: it must be -100.
        int[] shape = {4, 16};
        float[] logits = values(new Random(14), 64);
        IntBuffer t = ByteBuffer.allocateDirect(16).order(ByteOrder.BIG_ENDIAN).asIntBuffer()
                .put(0, new int[] {-100, -100, -100, -100});
        float sum = ops.crossEntropy(direct(logits, ByteOrder.BIG_ENDIAN), shape, t,
                CrossEntropyOptions.DEFAULT.withReduction(Reduction.SUM));
        assertEquals(0f, sum);
        assertTrue(Float.isNaN(ops.crossEntropy(direct(logits, ByteOrder.BIG_ENDIAN), shape, t,
                CrossEntropyOptions.DEFAULT)), "MEAN with every position ignored is NaN");
    }

    @Test
    void temperaturesWhoseReciprocalIsNotANormalFloatAreRefused() {
        for (double t : new double[] {Double.MIN_VALUE, 1e-40, Math.nextDown(0x1p-126), Math.nextUp(0x1p126),
                7e44, Double.MAX_VALUE, 0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SoftmaxOptions.DEFAULT.withTemperature(t), "T = " + t);
            assertTrue(e.getMessage().contains("temperature " + t), e.getMessage());
        }
        // The ends of the range work, and agree with the float64 reference.
        float[] x = {1f, 3f, -2f, 3f, 0.5f, -1e-3f, 2.5f, 1e-3f, 0f, -0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f};
        int[] shape = {1, x.length};
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        for (double t : new double[] {0x1p-126, 0x1p126, 1e-30, 1e30}) {
            SoftmaxOptions o = SoftmaxOptions.DEFAULT.withTemperature(t);
            float[] y = ops.softmax(x, shape, -1, o);
            double[] ref = Reference.softmax(xd, shape, -1, t, false, false);
            for (int i = 0; i < x.length; i++) {
                assertEquals(ref[i], y[i], 1e-6 + 1e-6 * Math.abs(ref[i]), "T = " + t + " element " + i);
            }
        }
    }

    @Test
    void labelSmoothingNearFloat32OverflowMatchesFloat64() {
        float big = 3.0e38f;
        float[] logits = {big, -big, 1e38f, 0f, -big, big, -3e38f, 2e38f};
        int[] shape = {2, 4};
        double[] ld = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            ld[i] = logits[i];
        }
        for (double[] w : new double[][] {null, {1, 2, 0.5, 3}, {1, -1, 2, 0.25}}) {
            CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE).withLabelSmoothing(0.1);
            if (w != null) {
                o = o.withWeight(w);
            }
            int[] targets = {0, 1};
            float[] out = new float[2];
            ops.crossEntropy(logits, 0, shape, targets, 0, out, 0, o);
            double[] ref = Reference.crossEntropyIndex(ld, shape, new long[] {0, 1}, w, -100, 0.1);
            float[] probs = {0.25f, 0.25f, 0.25f, 0.25f, 0.1f, 0.2f, 0.3f, 0.4f};
            double[] pd = new double[8];
            for (int i = 0; i < 8; i++) {
                pd[i] = probs[i];
            }
            float[] outP = new float[2];
            ops.crossEntropyWithProbabilities(logits, 0, shape, probs, 0, outP, 0, o);
            double[] refP = Reference.crossEntropyProb(ld, shape, pd, w, 0.1);
            for (int p = 0; p < 2; p++) {
                String what = "weights " + Arrays.toString(w) + " position " + p;
                assertTrue(Double.isFinite(ref[p]), "the reference is finite: " + ref[p]);
                // rounded to float32 as the result is (a loss past FLT_MAX is +inf there)
                assertEquals((float) ref[p], out[p], (float) (1e-5 * Math.abs(ref[p])), what + " index targets");
                assertEquals((float) refP[p], outP[p], (float) (1e-5 * Math.abs(refP[p])), what + " probability targets");
            }
        }
    }

    @Test
    void aTargetOutOfRangeWhenAKernelReadsItIsRefusedThere() {
        // What a kernel sees when another thread rewrote a target after the facade's check.
        int[] t = {3, -100, 7, 1 << 30, -5};
        assertEquals(3, Targets.classAt(t, 0, 0, 8, -100));
        assertEquals(-100, Targets.classAt(t, 1, 1, 8, -100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Targets.classAt(t, 2, 2, 7, -100));
        assertTrue(e.getMessage().contains("targets[2] = 7") && e.getMessage().contains("changed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Targets.classAt(t, 3, 3, 8, -100));
        assertThrows(IllegalArgumentException.class, () -> Targets.classAt(t, 4, 4, 8, -100));
    }

    /**
     * Batches of short rows (2 and 5 classes: the gathered native blocks of 8 or 16 rows, the
     * chunked unweighted total, and the Java facade's one-pass target check for arrays) while
     * another thread rewrites the targets with values out of range and back: every call either
     * returns or refuses with a message naming a target, on int[], long[] with an offset, a
     * direct LongBuffer in the non-native byte order, a read-only heap IntBuffer view, for the
     * mean (no weights), per-row losses and class weights; once the writer stops, the mean is the
     * float64 reference's.
     */
    @Test
    void targetsRewrittenDuringShortRowBatchesAreRefusedOrHarmless() throws Exception {
        int rows = 4096;
        long[] hostile = {-1, -100, 2, 5, 1 << 30, Integer.MIN_VALUE, Long.MAX_VALUE, 7};
        for (int c : new int[] {2, 5}) {
            Random r = new Random(c);
            float[] x = new float[rows * c];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * 3);
            }
            int[] valid = new int[rows];
            for (int p = 0; p < rows; p++) {
                valid[p] = r.nextInt(c);
            }
            int[] ti = valid.clone();
            long[] tl = new long[rows + 3];
            LongBuffer direct = ByteBuffer.allocateDirect(8 * rows).order(
                    ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                    .asLongBuffer();
            IntBuffer heap = ByteBuffer.allocate(4 * rows).order(ByteOrder.BIG_ENDIAN).asIntBuffer();
            Runnable restore = () -> {
                for (int p = 0; p < rows; p++) {
                    ti[p] = valid[p];
                    tl[p + 3] = valid[p];
                    direct.put(p, valid[p]);
                    heap.put(p, valid[p]);
                }
            };
            restore.run();
            IntBuffer readOnlyHeap = heap.asReadOnlyBuffer();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> {
                Random w = new Random(7);
                started.countDown();
                while (!stop.get()) {
                    int p = w.nextInt(rows);
                    long v = hostile[w.nextInt(hostile.length)];
                    ti[p] = (int) v;
                    tl[p + 3] = v;
                    direct.put(p, v);
                    heap.put(p, (int) v);
                    for (int spin = 0; spin < 200; spin++) {
                        Thread.onSpinWait();   // hostile for a few microseconds
                    }
                    ti[p] = valid[p];
                    tl[p + 3] = valid[p];
                    direct.put(p, valid[p]);
                    heap.put(p, valid[p]);
                    // Valid most of the time, so that most calls pass the facade's check and
                    // some meet a hostile value only where a kernel reads it.
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000);
                }
            });
            writer.start();
            started.await();
            java.util.Map<String, Integer> refused = new java.util.TreeMap<>();
            CrossEntropyOptions mean = CrossEntropyOptions.DEFAULT;
            CrossEntropyOptions none = mean.withReduction(Reduction.NONE);
            float[] w = new float[c];
            Arrays.fill(w, 0.5f);
            CrossEntropyOptions weighted = mean.withWeight(w);
            float[] out = new float[rows];
            FloatBuffer xb = FloatBuffer.wrap(x);
            int[] shape = {rows, c};
            try {
                // At least 600 calls; on until one met a rewritten target in a kernel (at most 2 s).
                long until = System.nanoTime() + 2_000_000_000L;
                for (int k = 0; k < 600 || (!refused.containsKey("in a kernel") && System.nanoTime() < until); k++) {
                    try {
                        switch (k % 6) {
                            case 0 -> ops.crossEntropy(x, 0, shape, ti, 0, mean);
                            case 1 -> ops.crossEntropy(x, 0, shape, tl, 3, mean);
                            case 2 -> ops.crossEntropy(x, 0, shape, ti, 0, out, 0, none);
                            case 3 -> ops.crossEntropy(xb, shape, direct, mean);
                            case 4 -> ops.crossEntropy(xb, shape, readOnlyHeap, mean);
                            default -> ops.crossEntropy(x, 0, shape, tl, 3, weighted);
                        }
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().contains("targets["), e.getMessage());
                        refused.merge(e.getMessage().contains("changed") ? "in a kernel" : "by the facade", 1, Integer::sum);
                    }
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            restore.run();
            long[] t64 = new long[rows];
            for (int p = 0; p < rows; p++) {
                t64[p] = valid[p];
            }
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            double want = Reference.sum(Reference.crossEntropyIndex(xd, shape, t64, null, -100, 0)) / rows;
            for (float got : new float[] {ops.crossEntropy(x, 0, shape, ti, 0, mean),
                    ops.crossEntropy(x, 0, shape, tl, 3, mean), ops.crossEntropy(xb, shape, direct, mean),
                    ops.crossEntropy(xb, shape, readOnlyHeap, mean)}) {
                assertEquals(want, got, 1e-5 * Math.abs(want), "c = " + c + " after the writer stopped");
            }
        }
    }

    @Test
    void theAllocatingLogSumExpRefusesAnOutputNoArrayCanHold() {
        int[] shape = {1 << 16, 0, 1 << 16};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.logSumExp(new float[0], shape, 1));
        assertTrue(e.getMessage().contains("4294967296"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ops.logSumExp(new double[0], shape, 1));
    }

    @Test
    void partialOverlapIsRefusedTheSameWayOnEveryBackend() {
        float[] a = new float[64];
        Arrays.fill(a, 1f);
        // the same array through an array-backed buffer and the array itself
        assertThrows(IllegalArgumentException.class, () -> ops.softmax(FloatBuffer.wrap(a, 0, 40),
                FloatBuffer.wrap(a, 8, 40).slice(), new int[] {40}, -1, SoftmaxOptions.DEFAULT));
        // two views of one direct buffer
        ByteBuffer d = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
        FloatBuffer v1 = d.asFloatBuffer();
        FloatBuffer v2 = d.position(32).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
        assertThrows(IllegalArgumentException.class,
                () -> ops.softmax(v1, v2, new int[] {40}, -1, SoftmaxOptions.DEFAULT));
        // the same direct memory in the other byte order, "in place"
        FloatBuffer big = d.duplicate().clear().order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        FloatBuffer little = d.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.softmax(big, little, new int[] {40}, -1, SoftmaxOptions.DEFAULT));
        assertTrue(e.getMessage().contains("byte order"), e.getMessage());
    }

    @Test
    void overlapNoCheckCanSeeGivesTheOutOfPlaceResult() {
        // A read-only view of an array and the array itself, shifted by 3: the view has no
        // accessible array, so it is read through a private copy whatever the backend.
        float[] a = values(new Random(15), 60);
        float[] x = Arrays.copyOf(a, 50);
        float[] expected = ops.softmax(x, new int[] {2, 25}, -1, SoftmaxOptions.DEFAULT);
        FloatBuffer in = FloatBuffer.wrap(a, 0, 50).asReadOnlyBuffer();
        ops.softmax(in, FloatBuffer.wrap(a, 3, 50).slice(), new int[] {2, 25}, -1, SoftmaxOptions.DEFAULT);
        assertArrayEquals(expected, Arrays.copyOfRange(a, 3, 53));
    }
}
