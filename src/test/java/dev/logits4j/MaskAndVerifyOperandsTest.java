package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The new operands (token masks; verify's drafts and draft probabilities) as every memory kind
 * the views take: a read-only heap buffer with an offset, direct memory in the other byte order,
 * and memory another thread rewrites during the calls (answers in range, never a crash or an
 * exception other than the documented ones).
 */
class MaskAndVerifyOperandsTest {
    private static final int V = 4096;

    @Test
    void aMaskAsAReadOnlyHeapBufferWithAnOffsetOrBigEndianDirectGivesTheArrayAnswer() {
        Random r = new Random(4);
        float[] x = new float[2 * V];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int words = TokenMask.words(V);
        int[] m = new int[3 + 2 * words];
        for (int i = 3; i < m.length; i++) {
            m[i] = r.nextInt() & r.nextInt() & r.nextInt();   // ~1/8 of the tokens allowed
        }
        int[] plain = java.util.Arrays.copyOfRange(m, 3, m.length);
        IntBuffer heap = IntBuffer.wrap(m, 3, 2 * words).slice().asReadOnlyBuffer();
        IntBuffer big = ByteBuffer.allocateDirect(m.length * 4 - 12).order(ByteOrder.BIG_ENDIAN).asIntBuffer();
        big.put(plain).flip();
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(20).withTopP(0.9);
        for (Backend be : AllBackends.all()) {
            Ops ops = Logits4j.with(be);
            int[][] got = new int[3][2];
            long[][] top = new long[3][10];
            Tensor[] masks = {Tensor.of(plain, 2, words), Tensor.of(heap, 2, words), Tensor.of(big, 2, words)};
            for (int i = 0; i < 3; i++) {
                ops.sample(Tensor.of(x, 2, V), masks[i], o, Tensor.of(new double[] {0.3, 0.8}), Tensor.of(got[i]), null);
                ops.topK(Tensor.of(x, 2, V), masks[i], 5, Tensor.of(new float[10]), Tensor.of(top[i]));
            }
            assertArrayEquals(got[0], got[1], be.name() + " read-only heap buffer with an offset");
            assertArrayEquals(got[0], got[2], be.name() + " big-endian direct");
            assertArrayEquals(top[0], top[1], be.name());
            assertArrayEquals(top[0], top[2], be.name());
        }
    }

    /** Another thread rewrites the logits, the mask, the drafts and the draft probabilities throughout. */
    @Test
    void operandsRewrittenDuringTheCallsGiveInRangeAnswers() throws Exception {
        Random r = new Random(5);
        int k = 3;
        float[] x = new float[(k + 1) * V];
        float[] q = new float[k * V];
        int[] drafts = new int[k];
        int[] mask = new int[TokenMask.words(V)];
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            Random w = new Random(6);
            while (!stop.get()) {
                int i = w.nextInt(x.length);
                x[i] = w.nextInt(50) == 0 ? Float.NaN : (float) (w.nextGaussian() * 5);
                q[w.nextInt(q.length)] = w.nextInt(20) == 0 ? -1f : w.nextFloat();
                drafts[w.nextInt(k)] = w.nextInt(V);
                mask[w.nextInt(mask.length)] = w.nextInt();
            }
        });
        writer.start();
        int calls = 0;
        try {
            SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(30).withTopP(0.9);
            for (Backend be : AllBackends.all()) {
                Ops ops = Logits4j.with(be);
                for (int c = 0; c < 60; c++) {
                    int[] t = new int[1];
                    ops.sample(Tensor.of(x, 0, new int[] {1, V}), Tensor.of(mask, 1, mask.length),
                            c % 2 == 0 ? o : SamplingOptions.DEFAULT, Tensor.of(new double[] {r.nextDouble()}),
                            Tensor.of(t), null);
                    assertTrue(t[0] >= -1 && t[0] < V, "token " + t[0]);
                    long[] ix = new long[4];
                    ops.topLogProbs(Tensor.of(x, 0, new int[] {1, V}), Tensor.of(mask, 1, mask.length), 4,
                            c % 2 == 0, Tensor.of(new float[4]), Tensor.of(ix));
                    for (long i : ix) {
                        assertTrue(i >= -1 && i < V, "index " + i);
                    }
                    long[] out = new long[k + 2];
                    ops.verify(Tensor.of(x, 1, k + 1, V), Tensor.of(drafts, 1, k), Tensor.of(q, 1, k, V), o,
                            Tensor.of(new double[] {0.1, 0.5, 0.9, 0.4}, 1, k + 1), Tensor.of(out));
                    assertTrue(out[0] >= 0 && out[0] <= k, "accepted " + out[0]);
                    for (int j = 1; j < k + 2; j++) {
                        assertTrue(out[j] >= -1 && out[j] < V, "token " + out[j]);
                    }
                    calls += 3;
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(calls > 100, "calls " + calls);
    }
}
