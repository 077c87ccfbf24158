package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * sample() at the trust boundary: the logits and the uniforms as direct buffers in both byte
 * orders, as heap views with an offset and read-only, each giving the array answer on every
 * backend; and another thread rewriting logits and uniforms during calls (NaN, infinities,
 * values outside [0, 1)): every call then either refuses with IllegalArgumentException or
 * returns tokens inside [-1, vocab), never anything else and never a crash.
 */
class SamplingMemoryKindsTest {
    private static final int ROWS = 4;
    private static final int VOCAB = 3000;
    private static final int[] SHAPE = {ROWS, VOCAB};
    private static final SamplingOptions OPTIONS =
            SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9).withMinP(0.05);

    private static float[] logits(SplittableRandom r) {
        float[] x = new float[ROWS * VOCAB];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        return x;
    }

    private static double[] uniforms(SplittableRandom r) {
        double[] u = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            u[i] = r.nextDouble();
        }
        return u;
    }

    @Test
    void everyMemoryKindGivesTheArrayAnswer() {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = logits(r);
        double[] u = uniforms(r);
        for (Backend b : AllBackends.all()) {
            LegacyOps ops = Legacy.with(b);
            int[] want = new int[ROWS];
            ops.sample(x, 0, SHAPE, OPTIONS, u, 0, want, 0, null, 0);
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                // A direct buffer left in its byte order (no .order(nativeOrder()) on purpose).
                FloatBuffer xd = ByteBuffer.allocateDirect(4 * x.length).order(order).asFloatBuffer();
                xd.put(x).flip();
                DoubleBuffer ud = ByteBuffer.allocateDirect(8 * ROWS).order(order).asDoubleBuffer();
                ud.put(u).flip();
                IntBuffer got = ByteBuffer.allocateDirect(4 * ROWS).order(order).asIntBuffer();
                ops.sample(xd, SHAPE, OPTIONS, ud, got, null);
                assertArrayEquals(want, read(got), b + " direct " + order);
                ops.sample(xd.asReadOnlyBuffer(), SHAPE, OPTIONS, ud.asReadOnlyBuffer(), got, null);
                assertArrayEquals(want, read(got), b + " read-only direct " + order);
            }
            // Heap views with an offset (position 5 of a larger array, then sliced), and read-only.
            float[] padded = new float[x.length + 9];
            System.arraycopy(x, 0, padded, 5, x.length);
            FloatBuffer xh = FloatBuffer.wrap(padded, 5, x.length).slice();
            double[] up = new double[ROWS + 3];
            System.arraycopy(u, 0, up, 2, ROWS);
            DoubleBuffer uh = DoubleBuffer.wrap(up, 2, ROWS).slice();
            IntBuffer got = IntBuffer.wrap(new int[ROWS + 4], 3, ROWS).slice();
            ops.sample(xh, SHAPE, OPTIONS, uh, got, null);
            assertArrayEquals(want, read(got), b + " heap view");
            ops.sample(xh.asReadOnlyBuffer(), SHAPE, OPTIONS, uh.asReadOnlyBuffer(), got, null);
            assertArrayEquals(want, read(got), b + " read-only heap view");
        }
    }

    private static int[] read(IntBuffer b) {
        int[] out = new int[ROWS];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void rewritingLogitsAndUniformsDuringCallsGivesAnAnswerOrARefusal() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        // big-endian (the Java kernels read it) and native order (native code reads it in place:
        // the candidate scan re-reads each value it keeps, so a value changed under it is one
        // answer or another, never an index outside the row)
        float[] start = logits(r);
        FloatBuffer x = ByteBuffer.allocateDirect(4 * ROWS * VOCAB).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        x.put(start).flip();
        FloatBuffer xn = ByteBuffer.allocateDirect(4 * ROWS * VOCAB).order(ByteOrder.nativeOrder()).asFloatBuffer();
        xn.put(start).flip();
        DoubleBuffer u = ByteBuffer.allocateDirect(8 * ROWS).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        u.put(uniforms(r)).flip();
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, -1e30f, 0f};
        double[] badU = {Double.NaN, 1.0, -0.5, 2.0, 0.25, 0.0};
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            SplittableRandom w = new SplittableRandom(3);
            while (!stop.get()) {
                int i = w.nextInt(ROWS * VOCAB);
                float v = w.nextBoolean() ? specials[w.nextInt(specials.length)] : (float) w.nextGaussian();
                x.put(i, v);
                xn.put(i, v);
                u.put(w.nextInt(ROWS), badU[w.nextInt(badU.length)]);
            }
        });
        writer.start();
        int answered = 0;
        int refused = 0;
        try {
            for (Backend b : AllBackends.all()) {
                LegacyOps ops = Legacy.with(b);
                IntBuffer tokens = IntBuffer.allocate(ROWS);
                FloatBuffer lp = FloatBuffer.allocate(ROWS);
                for (int k = 0; k < 200; k++) {
                    try {
                        ops.sample(k % 2 == 0 ? x : xn, SHAPE, OPTIONS, u, tokens, k % 4 == 1 ? lp : null);
                        for (int t : read(tokens)) {
                            assertTrue(t >= -1 && t < VOCAB, b + ": token " + t + " outside [-1, vocab)");
                        }
                        answered++;
                    } catch (IllegalArgumentException refusedCall) {
                        refused++;
                    }
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(answered + refused > 0, "calls ran");
    }
}
