package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Gen;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.junit.jupiter.api.Test;

/** Raw addresses and JavaCPP pointers give the array results, with the same checks. */
class OffHeapTest {
    private static final int[] SHAPE = {6, 37};

    private static float[] data(int seed) {
        return Gen.toFloats(Gen.values(new Random(seed), 6 * 37, true, "randn", 37));
    }

    @Test
    void pointersAndAddressesMatchArrays() {
        float[] x = data(1);
        float[] expected = new float[x.length];
        Legacy.AUTO.logSoftmax(x, 0, expected, 0, SHAPE, -1, SoftmaxOptions.DEFAULT);
        try (FloatPointer px = new FloatPointer(x); FloatPointer py = new FloatPointer(x.length)) {
            LegacyOffHeap.logSoftmax(px, py, SHAPE, -1, SoftmaxOptions.DEFAULT);
            float[] got = new float[x.length];
            py.get(got);
            assertArrayEquals(expected, got);

            LegacyOffHeap.logSoftmaxF32(px.address(), x.length, px.address(), x.length, SHAPE, -1,
                    SoftmaxOptions.DEFAULT);
            px.get(got);
            assertArrayEquals(expected, got, "in place at a raw address");
        }
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        double[] lse = Legacy.AUTO.logSumExp(xd, SHAPE, 1);
        try (DoublePointer px = new DoublePointer(xd); DoublePointer py = new DoublePointer(6)) {
            LegacyOffHeap.logSumExp(px, py, SHAPE, 1);
            double[] got = new double[6];
            py.get(got);
            assertArrayEquals(lse, got);
        }
    }

    @Test
    void crossEntropyWithPointerTargets() {
        float[] x = data(2);
        int[] t = {0, 5, -100, 36, 7, 7};
        long[] tl = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            tl[i] = t[i];
        }
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1);
        float expected = Legacy.AUTO.crossEntropy(x, 0, SHAPE, t, 0, o);
        try (FloatPointer px = new FloatPointer(x); IntPointer pt = new IntPointer(t); LongPointer pl = new LongPointer(tl);
             FloatPointer out = new FloatPointer(6)) {
            assertEquals(expected, LegacyOffHeap.crossEntropy(px, SHAPE, pt, null, o));
            assertEquals(expected, LegacyOffHeap.crossEntropy(px, SHAPE, pl, null, o));
            LegacyOffHeap.crossEntropy(px, SHAPE, pl, out, o.withReduction(Reduction.NONE));
            assertEquals(0f, out.get(2), "ignored position");
            try (FloatPointer reduced = new FloatPointer(1)) {
                assertEquals(expected, LegacyOffHeap.crossEntropy(px, SHAPE, pl, reduced, o));
                assertEquals(expected, reduced.get(0), "the reduced value is also written to out");
            }
            pt.put(1, 37);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LegacyOffHeap.crossEntropy(px, SHAPE, pt, null, o));
            assertTrue(e.getMessage().contains("targets[1] = 37"), e.getMessage());
        }
    }

    @Test
    void badAddressesAndCountsAreRefused() {
        try (FloatPointer p = new FloatPointer(100)) {
            assertThrows(NullPointerException.class,
                    () -> LegacyOffHeap.softmaxF32(0, 10, p.address(), 100, new int[] {10}, 0, SoftmaxOptions.DEFAULT));
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> LegacyOffHeap.softmaxF32(p.address(), 5, p.address() + 40, 60, new int[] {10}, 0,
                            SoftmaxOptions.DEFAULT));
            assertTrue(e.getMessage().contains("5 elements at address " + p.address()) && e.getMessage().contains("needs 10"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> LegacyOffHeap.softmaxF32(p.address(), -1, p.address(), 10, new int[] {10}, 0, SoftmaxOptions.DEFAULT));
            IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                    () -> LegacyOffHeap.softmaxF32(p.address(), 40, p.address() + 8, 40, new int[] {40}, 0,
                            SoftmaxOptions.DEFAULT));
            assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
            FloatPointer unknownSize = new FloatPointer(p).capacity(0).limit(0);
            assertThrows(IndexOutOfBoundsException.class,
                    () -> LegacyOffHeap.softmax(unknownSize, p, new int[] {10}, 0, SoftmaxOptions.DEFAULT));
        }
    }

    @Test
    void distinctDirectBuffersOverTheSameMemoryAreCaughtWhenNativeIsLoaded() {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * 64).order(ByteOrder.nativeOrder());
        FloatBuffer a = b.asFloatBuffer();
        FloatBuffer shifted = b.duplicate().position(16).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (Logits4j.info().implementation().startsWith("native")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Legacy.AUTO.softmax(a, shifted, new int[] {4, 8}, -1, SoftmaxOptions.DEFAULT));
            assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        }
        FloatBuffer separate = ByteBuffer.allocateDirect(4 * 64).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Legacy.AUTO.softmax(a, separate, new int[] {4, 8}, -1, SoftmaxOptions.DEFAULT);
        assertEquals(0.125f, separate.get(0), 1e-7f);
    }
}
