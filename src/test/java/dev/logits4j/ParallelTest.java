package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.logits4j.testutil.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
            Legacy.AUTO.softmax(x, 0, serial, 2, shape, axis, o);
            LegacyParallel.softmax(x, 0, parallel, 2, shape, axis, o, POOL, tasks);
            assertArrayEquals(serial, parallel, "softmax case " + c);
            Legacy.AUTO.logSoftmax(x, 0, serial, 1, shape, axis, o);
            LegacyParallel.logSoftmax(x, 0, parallel, 1, shape, axis, o, POOL, tasks);
            assertArrayEquals(serial, parallel, "log-softmax case " + c);
            float[] lse = Legacy.AUTO.logSumExp(x, shape, axis);
            float[] plse = new float[lse.length];
            LegacyParallel.logSumExp(x, 0, plse, 0, shape, axis, POOL, tasks);
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
                Legacy.AUTO.logSoftmax(x, 0, serial, 0, shape, 1, SoftmaxOptions.DEFAULT);
                LegacyParallel.logSoftmax(x, 0, parallel, 0, shape, 1, SoftmaxOptions.DEFAULT, POOL, tasks);
                assertArrayEquals(serial, parallel, java.util.Arrays.toString(shape) + " tasks " + tasks);
                float[] lse = Legacy.AUTO.logSumExp(x, shape, 1);
                float[] plse = new float[lse.length];
                LegacyParallel.logSumExp(x, 0, plse, 0, shape, 1, POOL, tasks);
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
        assertThrows(IndexOutOfBoundsException.class, () -> LegacyParallel.softmax(x, 0, new float[63], 0,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.softmax(x, 0, new float[64], 0,
                new int[] {8, 8}, 2, SoftmaxOptions.DEFAULT, counting, 4));
        float[] big = new float[128];
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.logSoftmax(big, 0, big, 4,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.softmax(x, 0, new float[64], 0,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, counting, 0));
        assertThrows(NullPointerException.class, () -> LegacyParallel.softmax(x, 0, new float[64], 0,
                new int[] {8, 8}, -1, SoftmaxOptions.DEFAULT, null, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> LegacyParallel.logSumExp(x, 0, new float[7], 0,
                new int[] {8, 8}, -1, counting, 4));
        assertEquals(0, submitted.get());
        // Rows of 100 (>= 64: no block alignment): 4 chunks of 2 rows, the caller's share and 3
        // offered to the executor (which never runs them here: the caller runs all 4).
        AtomicInteger offered = new AtomicInteger();
        float[] wide = new float[800];
        LegacyParallel.softmax(wide, 0, new float[800], 0, new int[] {8, 100}, -1, SoftmaxOptions.DEFAULT,
                task -> offered.incrementAndGet(), 4);
        assertEquals(3, offered.get());
    }

    /** Per-row (or batch-wide) sampling settings for {@code rows} rows of {@code vocab} tokens. */
    private static SamplingOptions rowOptions(Random r, int rows, int vocab) {
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.8).withTopP(0.9);
        if (rows == 0) {
            return o;
        }
        double[] t = new double[rows];
        int[] k = new int[rows];
        double[] p = new double[rows];
        int[][] history = new int[rows][];
        List<java.util.Map<Integer, Double>> bias = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            t[i] = r.nextInt(5) == 0 ? 0 : 0.3 + r.nextDouble();
            k[i] = r.nextInt(vocab + 1);
            p[i] = 0.1 + 0.9 * r.nextDouble();
            history[i] = new int[r.nextInt(4)];
            for (int j = 0; j < history[i].length; j++) {
                history[i][j] = r.nextInt(vocab);
            }
            bias.add(java.util.Map.of(r.nextInt(vocab), r.nextBoolean() ? 5.0 : Double.NEGATIVE_INFINITY));
        }
        switch (r.nextInt(4)) {
            case 0:
                return o;
            case 1:
                return o.withTemperatures(t).withTopKs(k).withTopPs(p);
            case 2:
                return o.withTemperatures(t).withRepetitionPenalty(1.3).withPresenceFrequencyPenalty(0.4, 0.2)
                        .withHistory(history).withLogitBiases(bias);
            default:
                long[] padded = new long[rows * 3];
                java.util.Arrays.fill(padded, -1);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < Math.min(3, history[i].length); j++) {
                        padded[i * 3 + j] = history[i][j];
                    }
                }
                return o.withTopKs(k).withRepetitionPenalties(p.clone()).withPaddedHistory(padded, 3);
        }
    }

    @Test
    void selectionChunksGiveTheSerialResults() {
        Random r = new Random(12);
        int split = 0;
        for (int c = 0; c < 160; c++) {
            // now and then a batch big enough for the native kernels under auto
            int rows = c % 20 == 0 ? 40 + r.nextInt(30) : r.nextInt(20);
            int vocab = c % 20 == 0 ? 4000 + r.nextInt(3000) : 1 + r.nextInt(300);
            int[] shape = r.nextBoolean() ? new int[] {rows, vocab} : new int[] {2, (rows + 1) / 2, vocab};
            int n = shape.length == 2 ? rows * vocab : 2 * ((rows + 1) / 2) * vocab;
            int batch = n / vocab;
            float[] x = Gen.toFloats(Gen.values(r, n, true, Gen.KINDS[r.nextInt(Gen.KINDS.length)], vocab));
            int tasks = 1 + r.nextInt(6);
            split += tasks > 1 && batch > 1 ? 1 : 0;
            String at = "case " + c + " shape " + java.util.Arrays.toString(shape) + " tasks " + tasks;

            int axis = r.nextInt(shape.length);
            axis = shape[axis] == 0 ? shape.length - 1 : axis;   // an empty axis has no maximum
            int slices = 1;
            for (int i = 0; i < shape.length; i++) {
                slices *= i == axis ? 1 : shape[i];
            }
            int[] ai = new int[slices + 1];
            int[] pai = new int[slices + 1];
            Legacy.AUTO.argmax(x, 0, shape, axis, ai, 1);
            LegacyParallel.argmax(x, 0, shape, axis, pai, 1, POOL, tasks);
            assertArrayEquals(ai, pai, "argmax axis " + axis + " " + at);
            long[] al = new long[batch];
            long[] pal = new long[batch];
            Legacy.AUTO.argmax(x, 0, shape, -1, al, 0);
            LegacyParallel.argmax(x, 0, shape, -1, pal, 0, POOL, tasks);
            assertArrayEquals(al, pal, "argmax int64 " + at);

            int k = r.nextInt(Math.min(vocab, 40) + 1);
            float[] v = new float[batch * k];
            float[] pv = new float[batch * k];
            long[] idx = new long[batch * k];
            long[] pidx = new long[batch * k];
            Legacy.AUTO.topK(x, 0, shape, k, v, 0, idx, 0);
            LegacyParallel.topK(x, 0, shape, k, pv, 0, pidx, 0, POOL, tasks);
            assertArrayEquals(v, pv, "topK values " + at);
            assertArrayEquals(idx, pidx, "topK indices " + at);
            int[] ii = new int[batch * k];
            int[] pii = new int[batch * k];
            Legacy.AUTO.topLogProbs(x, 0, shape, k, v, 0, ii, 0);
            LegacyParallel.topLogProbs(x, 0, shape, k, pv, 0, pii, 0, POOL, tasks);
            assertArrayEquals(v, pv, "topLogProbs values " + at);
            assertArrayEquals(ii, pii, "topLogProbs indices " + at);

            SamplingOptions o = rowOptions(r, batch, vocab);
            double[] u = new double[batch + 3];
            for (int i = 0; i < u.length; i++) {
                u[i] = r.nextDouble();
            }
            int[] tokens = new int[batch];
            int[] ptokens = new int[batch];
            float[] lp = new float[batch + 1];
            float[] plp = new float[batch + 1];
            Legacy.AUTO.sample(x, 0, shape, o, u, 3, tokens, 0, lp, 1);
            LegacyParallel.sample(x, 0, shape, o, u, 3, ptokens, 0, plp, 1, POOL, tasks);
            assertArrayEquals(tokens, ptokens, "sample tokens " + at);
            assertArrayEquals(lp, plp, "sample log-probs " + at);
            long[] ltokens = new long[batch];
            long[] pltokens = new long[batch];
            Legacy.AUTO.sample(x, 0, shape, o, u, 0, ltokens, 0, null, 0);
            LegacyParallel.sample(x, 0, shape, o, u, 0, pltokens, 0, null, 0, POOL, tasks);
            assertArrayEquals(ltokens, pltokens, "sample int64 tokens " + at);
        }
        assertTrue(split >= 80, "cases split into several chunks: " + split);
    }

    @Test
    void selectionBadArgumentsAreRefusedBeforeAnyTaskIsSubmitted() {
        AtomicInteger submitted = new AtomicInteger();
        Executor counting = task -> {
            submitted.incrementAndGet();
            task.run();
        };
        int[] shape = {8, 5};
        float[] x = new float[40];
        double[] u = new double[8];
        u[7] = 1.0;   // the last row's draw: only a check of the whole call sees it before chunk 1 runs
        int[] tokens = new int[8];
        java.util.Arrays.fill(tokens, 77);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LegacyParallel.sample(x, 0,
                shape, SamplingOptions.DEFAULT, u, 0, tokens, 0, null, 0, counting, 4));
        assertTrue(e.getMessage().contains("uniform[7]"), e.getMessage());
        int[][] history = new int[8][0];
        history[7] = new int[] {5};   // outside the vocabulary, in the last chunk's row
        double[] ok = new double[8];
        e = assertThrows(IllegalArgumentException.class, () -> LegacyParallel.sample(x, 0, shape,
                SamplingOptions.DEFAULT.withHistory(history), ok, 0, tokens, 0, null, 0, counting, 4));
        assertTrue(e.getMessage().contains("history[7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.sample(x, 0, shape,
                SamplingOptions.DEFAULT.withTemperatures(new double[] {1, 1, 1}), ok, 0, tokens, 0, null, 0, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.sample(x, 0, shape,
                SamplingOptions.DEFAULT, ok, 0, tokens, 0, x, 20, counting, 4));   // log-probs inside the logits
        assertThrows(IndexOutOfBoundsException.class, () -> LegacyParallel.sample(x, 0, shape,
                SamplingOptions.DEFAULT, new double[7], 0, tokens, 0, null, 0, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.topK(x, 0, shape, 6, new float[48], 0,
                new long[48], 0, counting, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> LegacyParallel.topLogProbs(x, 0, shape, 2,
                new float[16], 0, new int[15], 0, counting, 4));
        assertThrows(IllegalArgumentException.class, () -> LegacyParallel.argmax(new float[0], 0, new int[] {3, 0},
                -1, new int[3], 0, counting, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> LegacyParallel.argmax(x, 0, shape, 0, new long[4], 0,
                counting, 4));
        assertThrows(NullPointerException.class, () -> LegacyParallel.sample(x, 0, shape, null, ok, 0, tokens, 0,
                null, 0, counting, 4));
        assertEquals(0, submitted.get());
        for (int t : tokens) {
            assertEquals(77, t, "tokens written by a refused call");
        }
        AtomicInteger offered = new AtomicInteger();
        LegacyParallel.sample(x, 0, shape, SamplingOptions.DEFAULT, ok, 0, tokens, 0, null, 0,
                task -> offered.incrementAndGet(), 4);
        assertEquals(3, offered.get(), "4 chunks: the caller's share and 3 offered to the executor");
    }

    /**
     * Takes the first {@code accept} tasks and runs each on its own thread after {@code delayMs}
     * (slow chunks), then rejects every further task, as a saturated bounded pool does.
     */
    private static final class AcceptsThenRejects implements Executor {
        final ExecutorService threads = Executors.newCachedThreadPool();
        final int accept;
        final long delayMs;
        int taken;

        AcceptsThenRejects(int accept, long delayMs) {
            this.accept = accept;
            this.delayMs = delayMs;
        }

        @Override
        public synchronized void execute(Runnable task) {
            if (taken == accept) {
                throw new RejectedExecutionException("full after " + accept + " tasks");
            }
            taken++;
            threads.execute(() -> {
                sleep(delayMs);
                task.run();
            });
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "latch reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each parallel op on [256, 100] (4 chunks of 64 rows of 100) with the given executor. */
    private static final List<String> OPS = List.of("softmax", "logSoftmax", "logSumExp");

    private static void call(String op, float[] x, float[] y, Executor executor) {
        int[] shape = {256, 100};
        switch (op) {
            case "softmax" -> LegacyParallel.softmax(x, 0, y, 0, shape, -1, SoftmaxOptions.DEFAULT, executor, 4);
            case "logSoftmax" -> LegacyParallel.logSoftmax(x, 0, y, 0, shape, -1, SoftmaxOptions.DEFAULT, executor, 4);
            default -> LegacyParallel.logSumExp(x, 0, y, 0, shape, -1, executor, 4);
        }
    }

    /** What {@link Logits4j} answers to {@link #call}. */
    private static float[] serial(String op, float[] x) {
        int[] shape = {256, 100};
        float[] y = new float[256 * 100];
        switch (op) {
            case "softmax" -> Legacy.AUTO.softmax(x, 0, y, 0, shape, -1, SoftmaxOptions.DEFAULT);
            case "logSoftmax" -> Legacy.AUTO.logSoftmax(x, 0, y, 0, shape, -1, SoftmaxOptions.DEFAULT);
            default -> {
                float[] lse = Legacy.AUTO.logSumExp(x, shape, -1);
                System.arraycopy(lse, 0, y, 0, lse.length);
            }
        }
        return y;
    }

    @Test
    void chunksTheExecutorRefusesAreRunByTheCallerAndNothingWritesAfterTheCall() throws Exception {
        float[] x = Gen.toFloats(Gen.values(new Random(3), 256 * 100, true, "randn", 100));
        for (int k = 0; k < OPS.size(); k++) {
            String op = OPS.get(k);
            int accept = k; // 0, 1 or 2 of the 3 tasks offered are taken (and started late), the next refused
            AcceptsThenRejects executor = new AcceptsThenRejects(accept, 300);
            float[] y = new float[256 * 100];
            call(op, x, y, executor);
            assertArrayEquals(serial(op, x), y, op + ", " + accept + " accepted: the serial answer");
            System.arraycopy(scribbled(), 0, y, 0, y.length);
            executor.threads.shutdown();
            assertTrue(executor.threads.awaitTermination(10, TimeUnit.SECONDS));
            // Every task the executor took has run by now: those that started after the caller
            // had claimed every chunk did nothing.
            assertArrayEquals(scribbled(), y, op + ", " + accept + " accepted: y written after the call returned");
        }
    }

    /** Written over y once the call returned: a chunk that writes later shows. */
    private static float[] scribbled() {
        float[] y = new float[256 * 100];
        java.util.Arrays.fill(y, -7);
        return y;
    }

    @Test
    void chunksTheExecutorRunsOnlyAfterTheCallReturnedDoNothing() throws Exception {
        // An executor that queues two tasks and then refuses (as one being shut down with
        // shutdownNow drops its queue): the call must not wait for tasks that may never run, and
        // if they do run later, they must not write y.
        float[] x = Gen.toFloats(Gen.values(new Random(4), 256 * 100, true, "randn", 100));
        for (String op : OPS) {
            List<Runnable> queued = new ArrayList<>();
            Executor queuesTwo = task -> {
                if (queued.size() == 2) {
                    throw new RejectedExecutionException("shut down");
                }
                queued.add(task);
            };
            float[] y = new float[256 * 100];
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<?> call = caller.submit(() -> call(op, x, y, queuesTwo));
                try {
                    call.get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    queued.forEach(Runnable::run); // to free the call stuck waiting for them
                    fail(op + ": the call waits for queued tasks that have not started");
                }
            } finally {
                caller.shutdown();
            }
            assertArrayEquals(serial(op, x), y, op + ": the serial answer");
            System.arraycopy(scribbled(), 0, y, 0, y.length);
            queued.forEach(Runnable::run); // late: they start after the call returned
            assertArrayEquals(scribbled(), y, op + ": a chunk started after the call wrote y");
        }
    }

    @Test
    void aChunkStillRunningWhenTheExecutorRefusesTheNextTaskIsWaitedFor() {
        ExecutorService one = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean slowFinished = new AtomicBoolean();
        AtomicInteger offered = new AtomicInteger();
        List<Long> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.currentThread();
        Executor executor = task -> {
            if (offered.getAndIncrement() == 1) {
                await(started);
                throw new RejectedExecutionException("no room");
            }
            one.execute(task);
        };
        try {
            // The pool's thread claims a chunk and is slow with it; the executor refuses the
            // next task; the caller runs the other chunks and must wait for the slow one.
            LegacyParallel.runChunks(4, 1, executor, 4, (first, count) -> {
                ran.add(first);
                if (Thread.currentThread() != caller) {
                    started.countDown();
                    sleep(300);
                    slowFinished.set(true);
                }
            });
            assertTrue(slowFinished.get(), "the chunk running on the pool finished before the call returned");
            assertEquals(2, offered.get(), "nothing offered after the refusal");
            java.util.Collections.sort(ran);
            assertEquals(List.of(0L, 1L, 2L, 3L), ran, "every chunk ran once");
        } finally {
            one.shutdown();
        }
    }

    @Test
    void aFailingChunkMakesTheCallWaitForTheRunningOnesAndSkipTheRest() {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Set<Long> ran = ConcurrentHashMap.newKeySet();
            AtomicBoolean slowFinished = new AtomicBoolean();
            CountDownLatch slowStarted = new CountDownLatch(1);
            // 4 chunks of one slice on 2 threads (the caller and the pool's): chunk 0 fails once
            // the slow chunk 1 runs; chunks 2 and 3 are not started after the failure.
            IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                    LegacyParallel.runChunks(4, 1, one, 4, (first, count) -> {
                        ran.add(first);
                        if (first == 0) {
                            await(slowStarted);
                            throw new IllegalStateException("chunk 0 fails");
                        }
                        if (first == 1) {
                            slowStarted.countDown();
                            sleep(300);
                            slowFinished.set(true);
                        }
                    }));
            assertEquals("chunk 0 fails", e.getMessage());
            assertTrue(slowFinished.get(), "the running chunk finished before the call threw");
            assertEquals(Set.of(0L, 1L), ran, "chunks not started when one failed skip their work");
        } finally {
            one.shutdown();
        }
    }

    @Test
    void anErrorInAChunkIsThrownAsItIs() {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () ->
                    LegacyParallel.runChunks(4, 1, two, 4, (first, count) -> {
                        if (first == 2) {
                            throw new OutOfMemoryError("simulated in chunk 2");
                        }
                    }));
            assertEquals("simulated in chunk 2", e.getMessage());
        } finally {
            two.shutdown();
        }
    }
}
