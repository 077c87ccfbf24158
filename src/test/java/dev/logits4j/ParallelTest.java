package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.logits4j.testutil.Gen;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The parallel form gives the serial results bit for bit, and checks everything before submitting. */
class ParallelTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    @Test
    void chunksGiveTheSerialResults() {
        Random r = new Random(21);
        for (int c = 0; c < 200; c++) {
            int[] shape = Gen.shape(r, 3000);
            int axis = r.nextInt(2 * shape.length) - shape.length;
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] x = Gen.toFloats(Gen.values(r, n, true, Gen.KINDS[r.nextInt(Gen.KINDS.length)], shape[shape.length - 1]));
            int tasks = 1 + r.nextInt(5);
            SoftmaxOptions o = SoftmaxOptions.DEFAULT.withTemperature(r.nextBoolean() ? 1 : 0.7);
            float[] serial = new float[n + 2];
            float[] parallel = new float[n + 2];
            Logits4j.softmax(x, 0, serial, 2, shape, axis, o);
            ParallelLogits4j.softmax(x, 0, parallel, 2, shape, axis, o, POOL, tasks);
            assertArrayEquals(serial, parallel, "softmax case " + c);
            Logits4j.logSoftmax(x, 0, serial, 1, shape, axis, o);
            ParallelLogits4j.logSoftmax(x, 0, parallel, 1, shape, axis, o, POOL, tasks);
            assertArrayEquals(serial, parallel, "log-softmax case " + c);
            float[] lse = Logits4j.logSumExp(x, shape, axis);
            float[] plse = new float[lse.length];
            ParallelLogits4j.logSumExp(x, 0, plse, 0, shape, axis, POOL, tasks);
            assertArrayEquals(lse, plse, "logsumexp case " + c);
        }
    }

    @Test
    void shortRowsSplitAtBlockBoundariesStayBitIdentical() {
        // Short rows run in blocks of W rows from the call's first row; chunks must not move a
        // row into another block (this failed before chunks were aligned to 64 rows).
        Random r = new Random(8);
        for (int[] shape : new int[][] {{1000, 10}, {130, 7}, {64 * 3 + 5, 33}, {301, 63}, {50, 64, 1}}) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] x = Gen.toFloats(Gen.values(r, n, true, "randn", shape[1]));
            for (int tasks = 2; tasks <= 5; tasks++) {
                float[] serial = new float[n];
                float[] parallel = new float[n];
                Logits4j.logSoftmax(x, 0, serial, 0, shape, 1, SoftmaxOptions.DEFAULT);
                ParallelLogits4j.logSoftmax(x, 0, parallel, 0, shape, 1, SoftmaxOptions.DEFAULT, POOL, tasks);
                assertArrayEquals(serial, parallel, java.util.Arrays.toString(shape) + " tasks " + tasks);
                float[] lse = Logits4j.logSumExp(x, shape, 1);
                float[] plse = new float[lse.length];
                ParallelLogits4j.logSumExp(x, 0, plse, 0, shape, 1, POOL, tasks);
                assertArrayEquals(lse, plse, "logsumexp " + java.util.Arrays.toString(shape) + " tasks " + tasks);
            }
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyTaskIsSubmitted() {
        AtomicInteger submitted = new AtomicInteger();
        Executor counting = task -> {
            submitted.incrementAndGet();
            task.run();
        };
        float[] x = new float[64];
        assertThrows(IndexOutOfBoundsException.class, () -> ParallelLogits4j.softmax(x, 0, new float[63], 0,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> ParallelLogits4j.softmax(x, 0, new float[64], 0,
                new int[] {8, 8}, 2, SoftmaxOptions.DEFAULT, counting, 4));
        float[] big = new float[128];
        assertThrows(IllegalArgumentException.class, () -> ParallelLogits4j.logSoftmax(big, 0, big, 4,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> ParallelLogits4j.softmax(x, 0, new float[64], 0,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, counting, 0));
        assertThrows(NullPointerException.class, () -> ParallelLogits4j.softmax(x, 0, new float[64], 0,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, null, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> ParallelLogits4j.logSumExp(x, 0, new float[7], 0,
                new int[] {8, 8}, -1, counting, 4));
        assertEquals(0, submitted.get());
        // Rows of 100 (>= 64: no block alignment): one task per row pair.
        float[] wide = new float[800];
        ParallelLogits4j.softmax(wide, 0, new float[800], 0, new int[] {8, 100}, -1, SoftmaxOptions.DEFAULT, counting, 4);
        assertEquals(4, submitted.get());
    }
}
