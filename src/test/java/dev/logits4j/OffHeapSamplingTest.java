package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.junit.jupiter.api.Test;

/** The selection ops on raw addresses and JavaCPP pointers give the array results, with the same checks. */
class OffHeapSamplingTest {
    private static final int ROWS = 3;
    private static final int V = 300;
    private static final int[] SHAPE = {ROWS, V};

    private static float[] logits() {
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[ROWS * V];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void sampleTopKAndArgmaxMatchTheArrays() {
        float[] x = logits();
        double[] u = {0.1, 0.5, 0.9};
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(20).withTopP(0.8)
                .withHistory(new int[][] {{1, 1, 2}});
        int[] want = new int[ROWS];
        float[] wantLp = new float[ROWS];
        Legacy.AUTO.sample(x, 0, SHAPE, o, u, 0, want, 0, wantLp, 0);
        float[] wantV = new float[ROWS * 5];
        long[] wantI = new long[ROWS * 5];
        Legacy.AUTO.topLogProbs(x, 0, SHAPE, 5, wantV, 0, wantI, 0);
        long[] wantA = new long[ROWS];
        Legacy.AUTO.argmax(x, 0, SHAPE, -1, wantA, 0);
        try (FloatPointer px = new FloatPointer(x); DoublePointer pu = new DoublePointer(u);
             LongPointer pt = new LongPointer(ROWS); FloatPointer pl = new FloatPointer(ROWS);
             FloatPointer pv = new FloatPointer(ROWS * 5); LongPointer pi = new LongPointer(ROWS * 5)) {
            LegacyOffHeap.sampleF32(px.address(), x.length, SHAPE, o, pu.address(), ROWS, pt.address(), ROWS,
                    pl.address(), ROWS);
            for (int r = 0; r < ROWS; r++) {
                assertEquals(want[r], pt.get(r), "raw token " + r);
                assertEquals(wantLp[r], pl.get(r), "raw logprob " + r);
            }
            pt.fill(0);
            LegacyOffHeap.sample(px, SHAPE, o, pu, pt, null);
            for (int r = 0; r < ROWS; r++) {
                assertEquals(want[r], pt.get(r), "pointer token " + r);
            }
            LegacyOffHeap.topKF32(px.address(), x.length, SHAPE, 5, true, pv.address(), ROWS * 5, pi.address(), ROWS * 5);
            float[] gotV = new float[ROWS * 5];
            long[] gotI = new long[ROWS * 5];
            pv.get(gotV);
            pi.get(gotI);
            assertArrayEquals(wantV, gotV);
            assertArrayEquals(wantI, gotI);
            LegacyOffHeap.argmaxF32(px.address(), x.length, SHAPE, -1, pt.address(), ROWS);
            for (int r = 0; r < ROWS; r++) {
                assertEquals(wantA[r], pt.get(r), "argmax " + r);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> LegacyOffHeap.sampleF32(px.address(), x.length - 1,
                    SHAPE, o, pu.address(), ROWS, pt.address(), ROWS, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> LegacyOffHeap.sampleF32(px.address(), x.length,
                    SHAPE, o.withHistory(new int[][] {{V}}), pu.address(), ROWS, pt.address(), ROWS, 0, 0));
        }
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        try (DoublePointer px = new DoublePointer(xd); DoublePointer pu = new DoublePointer(u);
             LongPointer pt = new LongPointer(ROWS)) {
            LegacyOffHeap.sampleF64(px.address(), xd.length, SHAPE, o, pu.address(), ROWS, pt.address(), ROWS, 0, 0);
            for (int r = 0; r < ROWS; r++) {
                assertEquals(want[r], pt.get(r), "float64 raw token " + r);
            }
        }
    }
}
