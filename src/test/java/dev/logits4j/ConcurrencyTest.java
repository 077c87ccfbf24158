package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.testutil.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many more threads than cores calling every op on shared read-only inputs and private outputs
 * for a sustained period: every result is bit-identical to the single-threaded one. Also: the
 * library leaves the FPU state alone (MXCSR, and Java's own subnormal arithmetic).
 */
class ConcurrencyTest {
    @Test
    void manyThreadsGetTheSingleThreadedResults() throws Exception {
        Random r = new Random(8);
        int[][] shapes = {{4, 1000}, {3, 17}, {2, 64, 5}, {1, 32000}, {7, 9}};
        List<float[]> inputs = new ArrayList<>();
        List<float[][]> expected = new ArrayList<>();
        for (int[] shape : shapes) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] x = Gen.toFloats(Gen.values(r, n, true, "randn", shape[shape.length - 1]));
            inputs.add(x);
            expected.add(runAll(x, shape));
        }
        int threads = 16;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("logits4j.stress.seconds", 4));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int seed = t;
            results.add(pool.submit(() -> {
                start.await();
                int calls = 0;
                Random tr = new Random(seed);
                while (System.nanoTime() < deadline) {
                    int i = tr.nextInt(shapes.length);
                    float[][] got = runAll(inputs.get(i), shapes[i]);
                    for (int k = 0; k < got.length; k++) {
                        assertArrayEquals(expected.get(i)[k], got[k], "thread " + seed + " shape " + i + " op " + k);
                    }
                    calls++;
                }
                return calls;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(total > threads, "calls made: " + total);
    }

    private static float[][] runAll(float[] x, int[] shape) {
        float[] sm = new float[x.length];
        float[] lsm = new float[x.length];
        Legacy.AUTO.softmax(x, 0, sm, 0, shape, -1, SoftmaxOptions.DEFAULT);
        Legacy.AUTO.logSoftmax(x, 0, lsm, 0, shape, 1, SoftmaxOptions.DEFAULT.withTemperature(0.7));
        float[] lse = Legacy.AUTO.logSumExp(x, shape, 0);
        int positions = x.length / shape[1];
        int[] t = new int[positions];
        for (int i = 0; i < positions; i++) {
            t[i] = i % shape[1];
        }
        float[] loss = new float[positions];
        Legacy.AUTO.crossEntropy(x, 0, shape, t, 0, loss, 0,
                CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE).withLabelSmoothing(0.1));
        return new float[][] {sm, lsm, lse, loss};
    }

    @Test
    void theFpuStateIsLeftAlone() {
        float tiny = Float.MIN_NORMAL / 3; // a subnormal: flush-to-zero would make it 0
        assertTrue(tiny > 0 && tiny * 2 > tiny, "Java subnormals work before");
        float[] x = Gen.toFloats(Gen.values(new Random(1), 4096, true, "randn", 4096));
        Legacy.AUTO.softmax(x, 0, new float[4096], 0, new int[] {4096}, 0, SoftmaxOptions.DEFAULT);
        float tiny2 = Float.MIN_NORMAL / 3;
        assertTrue(tiny2 > 0 && tiny2 * 2 > tiny2, "Java subnormals work after");
        if (Logits4j.info().implementation().startsWith("native")) {
            if (System.getProperty("os.arch").equals("aarch64")) {
                // FPCR: round to nearest (RMode 22-23 = 0), no flush-to-zero (FZ 24), no default
                // NaN (DN 25), no trapping (8-15): the JVM's setting.
                assertEquals(0, NativeKernels.mxcsr() & 0x03C0FF00, "FPCR control bits");
            } else {
                // 0x1F80: all exceptions masked, round to nearest, no FTZ/DAZ (the JVM's setting).
                assertEquals(0x1F80, NativeKernels.mxcsr() & 0xFFC0, "MXCSR control bits");
            }
        }
    }
}
