package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.logits4j.testutil.Gen;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same op on every memory kind (arrays at offsets, heap buffers with array offsets and
 * positions, read-only inputs, direct buffers, in place) gives bit-identical results, and never
 * moves a buffer's position or limit.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class MemoryKindsTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;

    MemoryKindsTest(Backend backend) {
        this.ops = Legacy.with(backend);
    }
    private static final int[] SHAPE = {5, 7, 3};

    @Test
    void float32EveryMemoryKindAgrees() {
        Random r = new Random(3);
        float[] x = Gen.toFloats(Gen.values(r, 105, true, "randn", 3));
        SoftmaxOptions o = SoftmaxOptions.DEFAULT.withTemperature(0.7);
        for (int axis = -3; axis < 3; axis++) {
            float[] expected = new float[105];
            ops.softmax(x, 0, expected, 0, SHAPE, axis, o);

            float[] padded = new float[120];
            System.arraycopy(x, 0, padded, 9, 105);
            float[] out = new float[110];
            ops.softmax(padded, 9, out, 5, SHAPE, axis, o);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 5, 110), "arrays at offsets");

            FloatBuffer heapIn = FloatBuffer.wrap(padded, 4, 116).slice().position(5);
            FloatBuffer heapOut = FloatBuffer.allocate(107).position(2);
            ops.softmax(heapIn, heapOut, SHAPE, axis, o);
            assertEquals(5, heapIn.position());
            assertEquals(2, heapOut.position());
            assertArrayEquals(expected, copy(heapOut, 2, 105), "heap buffers with offsets");

            FloatBuffer readOnlyIn = FloatBuffer.wrap(x).asReadOnlyBuffer();
            FloatBuffer directOut = ByteBuffer.allocateDirect(4 * 108).order(ByteOrder.nativeOrder()).asFloatBuffer();
            directOut.position(3);
            ops.softmax(readOnlyIn, directOut, SHAPE, axis, o);
            assertArrayEquals(expected, copy(directOut, 3, 105), "read-only heap in, direct out");

            FloatBuffer directInPlace = ByteBuffer.allocateDirect(4 * 105).order(ByteOrder.nativeOrder()).asFloatBuffer();
            directInPlace.put(x).flip();
            ops.softmax(directInPlace, directInPlace, SHAPE, axis, o);
            assertArrayEquals(expected, copy(directInPlace, 0, 105), "direct in place");

            float[] inPlace = x.clone();
            ops.softmax(inPlace, 0, inPlace, 0, SHAPE, axis, o);
            assertArrayEquals(expected, inPlace, "array in place");
        }
    }

    @Test
    void float64EveryMemoryKindAgrees() {
        Random r = new Random(4);
        double[] x = Gen.values(r, 105, false, "offset", 3);
        for (int axis = -3; axis < 3; axis++) {
            double[] expected = new double[105];
            ops.logSoftmax(x, 0, expected, 0, SHAPE, axis, SoftmaxOptions.DEFAULT);
            DoubleBuffer direct = ByteBuffer.allocateDirect(8 * 105).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            direct.put(x).flip();
            DoubleBuffer out = ByteBuffer.allocateDirect(8 * 105).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            ops.logSoftmax(direct, out, SHAPE, axis, SoftmaxOptions.DEFAULT);
            double[] got = new double[105];
            out.get(got);
            assertArrayEquals(expected, got);
            double[] inPlace = x.clone();
            ops.logSoftmax(inPlace, 0, inPlace, 0, SHAPE, axis, SoftmaxOptions.DEFAULT);
            assertArrayEquals(expected, inPlace);

            double[] lse = ops.logSumExp(x, SHAPE, axis);
            DoubleBuffer lseOut = DoubleBuffer.allocate(lse.length);
            ops.logSumExp(direct, lseOut, SHAPE, axis);
            assertArrayEquals(lse, lseOut.array());
        }
    }

    @Test
    void zeroSizeTensors() {
        float[] y = {9f};
        ops.softmax(new float[0], 0, y, 0, new int[] {0, 5}, -1, SoftmaxOptions.DEFAULT);
        assertEquals(9f, y[0], "nothing written");
        float[] l = ops.logSumExp(new float[0], new int[] {3, 0}, -1);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, l);
        assertEquals(Float.NEGATIVE_INFINITY, ops.logSumExp(new float[0]));
        assertEquals(0, ops.logSumExp(new float[0], new int[] {0, 3}, -1).length);
    }

    @Test
    void rankZero() {
        assertArrayEquals(new float[] {1f}, ops.softmax(new float[] {5f}, new int[0], 0, SoftmaxOptions.DEFAULT));
        assertArrayEquals(new float[] {0f}, ops.logSoftmax(new float[] {5f}, new int[0], -1, SoftmaxOptions.DEFAULT));
        assertArrayEquals(new double[] {5}, ops.logSumExp(new double[] {5}, new int[0], 0));
    }

    private static float[] copy(FloatBuffer b, int from, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = b.get(from + i);
        }
        return f;
    }
}
