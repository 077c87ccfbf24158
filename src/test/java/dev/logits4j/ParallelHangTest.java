package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ParallelLogits4j never waits for a task that may never run (issue 23, item 5; the modes of
 * {@code shared/repro/serving/ParallelAttacks}): with an executor that drops, delays, refuses or
 * throws on tasks, or that is the pool the call itself runs on, every call returns promptly with
 * the serial answer bit for bit, and nothing writes its outputs after it returned. A call that
 * waits for a task fails its test after {@link #PROMPTLY} instead of hanging the build.
 */
class ParallelHangTest {
    private static final int ROWS = 64;
    private static final int VOCAB = 3000;
    private static final int[] SHAPE = {ROWS, VOCAB};
    private static final int K = 20;
    private static final int TASKS = 4;
    /** Far more than a call takes here (milliseconds), far less than forever. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** Written over the outputs once a call returned: a chunk that writes later shows. */
    private static final int SCRIBBLE = 0x7fc0dead;
    /** Threads the tests start must not keep the test JVM alive if a call under test hangs. */
    private static final ThreadFactory DAEMON = r -> {
        Thread t = new Thread(r, "parallel-hang-test");
        t.setDaemon(true);
        return t;
    };

    private static float[] x;
    private static double[] uniform;
    private static SamplingOptions options;

    @BeforeAll
    static void inputs() {
        Random r = new Random(23);
        x = new float[ROWS * VOCAB];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
        }
        uniform = new double[ROWS];
        double[] temperatures = new double[ROWS];
        double[] topPs = new double[ROWS];
        int[] topKs = new int[ROWS];
        List<Map<Integer, Double>> biases = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            uniform[i] = r.nextDouble();
            temperatures[i] = i % 7 == 0 ? 0 : 0.3 + r.nextDouble();
            topPs[i] = 0.5 + r.nextDouble() / 2;
            topKs[i] = i % 3 == 0 ? 0 : 1 + r.nextInt(100);
            biases.add(i % 5 == 0 ? Map.of(r.nextInt(VOCAB), 5.0) : Map.of());
        }
        // Per-row settings, so that a chunk with the wrong rows' settings would show.
        options = SamplingOptions.DEFAULT.withTemperatures(temperatures).withTopPs(topPs).withTopKs(topKs)
                .withRepetitionPenalty(1.2).withLogitBiases(biases);
    }

    /** The ops under test, each writing outputs of its own. */
    private enum Op {
        SOFTMAX {
            @Override
            Object[] newOutputs() {
                return new Object[] {new float[ROWS * VOCAB]};
            }

            @Override
            void serial(Object[] out) {
                Legacy.AUTO.softmax(x, 0, (float[]) out[0], 0, SHAPE, -1, SoftmaxOptions.DEFAULT);
            }

            @Override
            void parallel(Object[] out, Executor executor) {
                LegacyParallel.softmax(x, 0, (float[]) out[0], 0, SHAPE, -1, SoftmaxOptions.DEFAULT, executor, TASKS);
            }
        },
        SAMPLE {
            @Override
            Object[] newOutputs() {
                return new Object[] {new int[ROWS], new float[ROWS]};
            }

            @Override
            void serial(Object[] out) {
                Legacy.AUTO.sample(x, 0, SHAPE, options, uniform, 0, (int[]) out[0], 0, (float[]) out[1], 0);
            }

            @Override
            void parallel(Object[] out, Executor executor) {
                LegacyParallel.sample(x, 0, SHAPE, options, uniform, 0, (int[]) out[0], 0, (float[]) out[1], 0,
                        executor, TASKS);
            }
        },
        TOP_K {
            @Override
            Object[] newOutputs() {
                return new Object[] {new float[ROWS * K], new int[ROWS * K]};
            }

            @Override
            void serial(Object[] out) {
                Legacy.AUTO.topK(x, 0, SHAPE, K, (float[]) out[0], 0, (int[]) out[1], 0);
            }

            @Override
            void parallel(Object[] out, Executor executor) {
                LegacyParallel.topK(x, 0, SHAPE, K, (float[]) out[0], 0, (int[]) out[1], 0, executor, TASKS);
            }
        };

        abstract Object[] newOutputs();

        abstract void serial(Object[] out);

        abstract void parallel(Object[] out, Executor executor);

        void assertSerialAnswer(Object[] out, String how) {
            Object[] expected = newOutputs();
            serial(expected);
            for (int i = 0; i < out.length; i++) {
                assertArrayEquals(bits(expected[i]), bits(out[i]), this + " with " + how + ": output " + i
                        + " differs from the serial call's");
            }
        }
    }

    /** An int[] or float[] as its raw bits, so that floats compare bit for bit. */
    private static int[] bits(Object array) {
        if (array instanceof int[]) {
            return (int[]) array;
        }
        float[] f = (float[]) array;
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    /**
     * Calls {@code op} on {@code executor} (from a thread of its own), fails unless it returns
     * within {@link #PROMPTLY} with the serial answer, and returns its outputs scribbled over.
     */
    private static Object[] givesTheSerialAnswerPromptly(Op op, Executor executor, String how) {
        Object[] out = op.newOutputs();
        assertTimeoutPreemptively(PROMPTLY, () -> op.parallel(out, executor),
                () -> op + " with " + how + ": no return (the call waits for a task that does not run)");
        op.assertSerialAnswer(out, how);
        return scribbledOver(out);
    }

    private static Object[] scribbledOver(Object[] out) {
        for (Object a : out) {
            if (a instanceof int[]) {
                Arrays.fill((int[]) a, SCRIBBLE);
            } else {
                Arrays.fill((float[]) a, Float.intBitsToFloat(SCRIBBLE));
            }
        }
        return out;
    }

    /** Call once every task the executor still held has run (or was dropped). */
    private static void assertNothingWroteAfterTheCall(Op op, Object[] scribbled, String how) {
        for (Object a : scribbled) {
            for (int b : bits(a)) {
                assertEquals(SCRIBBLE, b, op + " with " + how + ": a task wrote the outputs after the call returned");
            }
        }
    }

    private static void terminate(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool's tasks finished");
    }

    @Test
    void aPoolWithDiscardPolicyDropsTasksAndTheCallStillReturns() throws Exception {
        for (Op op : Op.values()) {
            // One thread and room for one waiting task: of the call's tasks one runs, one waits
            // and the others are dropped without a word.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                    DAEMON, new ThreadPoolExecutor.DiscardPolicy());
            String how = "a ThreadPoolExecutor(1 thread, queue 1, DiscardPolicy)";
            Object[] out = givesTheSerialAnswerPromptly(op, pool, how);
            terminate(pool);
            assertNothingWroteAfterTheCall(op, out, how);
        }
    }

    @Test
    void shutdownNowDuringTheCallDropsItsQueuedTasksAndTheCallStillReturns() throws Exception {
        for (Op op : Op.values()) {
            // A server shutting down: as the pool's one thread starts the call's first task, the
            // pool is shut down with shutdownNow(), which drops the queued tasks (the call's
            // others) and refuses new ones.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    DAEMON) {
                @Override
                protected void beforeExecute(Thread t, Runnable r) {
                    shutdownNow();
                }
            };
            String how = "shutdownNow() as its first task starts";
            Object[] out = givesTheSerialAnswerPromptly(op, pool, how);
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool terminated");
            assertNothingWroteAfterTheCall(op, out, how);
        }
    }

    /** Holds every task and runs each on a thread of its own only when told (or after a minute). */
    private static final class RunsLate implements Executor {
        private final CountDownLatch go = new CountDownLatch(1);
        private final List<Thread> threads = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable task) {
            Thread t = DAEMON.newThread(() -> {
                awaitQuietly(go, 60_000);
                task.run();
            });
            threads.add(t);
            t.start();
        }

        synchronized void runNow() throws InterruptedException {
            go.countDown();
            for (Thread t : threads) {
                t.join(10_000);
                assertFalse(t.isAlive(), "a late task finished");
            }
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch, long ms) {
        try {
            return latch.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void anExecutorThatRunsTasksOnlyAfterALongDelayDoesNotDelayTheCall() throws Exception {
        for (Op op : Op.values()) {
            RunsLate late = new RunsLate();
            String how = "an executor that runs tasks a minute later";
            Object[] out = givesTheSerialAnswerPromptly(op, late, how);
            late.runNow();   // rather than in a minute: they start after the call and must do nothing
            assertNothingWroteAfterTheCall(op, out, how);
        }
    }

    @Test
    void anExecutorThatNeverRunsItsTasksDoesNotBlockTheCall() {
        for (Op op : Op.values()) {
            List<Runnable> held = new ArrayList<>();
            String how = "an executor that never runs its tasks";
            Object[] out = givesTheSerialAnswerPromptly(op, task -> {
                synchronized (held) {
                    held.add(task);
                }
            }, how);
            synchronized (held) {
                held.forEach(Runnable::run);   // should it run them after all: they do nothing
            }
            assertNothingWroteAfterTheCall(op, out, how);
        }
    }

    @Test
    void anExecutorThatRefusesEveryTaskLeavesTheWorkToTheCaller() {
        for (Op op : Op.values()) {
            givesTheSerialAnswerPromptly(op, task -> {
                throw new RejectedExecutionException("saturated");
            }, "an executor that refuses every task");
        }
    }

    @Test
    void aShutDownPoolLeavesTheWorkToTheCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, DAEMON);
        terminate(pool);
        for (Op op : Op.values()) {
            givesTheSerialAnswerPromptly(op, pool, "a pool already shut down");
        }
    }

    @Test
    void anExecutorThatThrowsLeavesTheWorkToTheCaller() {
        for (Op op : Op.values()) {
            givesTheSerialAnswerPromptly(op, task -> {
                throw new NullPointerException("a bug in the executor");
            }, "an executor that throws NullPointerException");
            givesTheSerialAnswerPromptly(op, task -> {
                task.run();
                task.run();
            }, "an executor that runs every task twice on the calling thread");
            givesTheSerialAnswerPromptly(op, task -> {
                task.run();
                throw new IllegalStateException("a bug in the executor, after running the task");
            }, "an executor that runs a task and then throws");
        }
    }

    @Test
    void anErrorFromTheExecutorIsThrownAsItIs() {
        // An Error says the JVM is in trouble (a pool that cannot start a thread throws
        // OutOfMemoryError): the call does not hide it by doing the work itself.
        OutOfMemoryError oom = new OutOfMemoryError("unable to create native thread (simulated)");
        for (Op op : Op.values()) {
            Object[] out = op.newOutputs();
            OutOfMemoryError thrown = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(OutOfMemoryError.class,
                    () -> op.parallel(out, task -> {
                        throw oom;
                    })), op + ": no return");
            assertSame(oom, thrown, op + ": the executor's Error");
        }
    }

    @Test
    void callsFromTasksOfTheSamePoolDoNotDeadlock() throws Exception {
        for (int threads : new int[] {1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads, DAEMON);
            String how = "the pool of " + threads + " thread(s) the call runs on";
            try {
                for (Op op : Op.values()) {
                    // As many requests as the pool has threads, each calling on the same pool:
                    // every thread is busy with a request, the requests' tasks queue behind them.
                    List<Future<Object[]>> requests = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        requests.add(pool.submit(() -> {
                            Object[] out = op.newOutputs();
                            op.parallel(out, pool);
                            return out;
                        }));
                    }
                    for (Future<Object[]> request : requests) {
                        try {
                            op.assertSerialAnswer(request.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS), how);
                        } catch (TimeoutException e) {
                            fail(op + " with " + how + ": deadlock (the requests wait for tasks queued behind them)");
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anInterruptDuringTheCallNeitherStopsNorLosesIt() {
        for (Op op : Op.values()) {
            // The executor drops every task and interrupts the caller as it does: an interrupt
            // arrives mid-call, and nothing will ever run the dropped tasks.
            Object[] out = op.newOutputs();
            String how = "an interrupt mid-call and tasks dropped";
            boolean interruptKept = assertTimeoutPreemptively(PROMPTLY, () -> {
                op.parallel(out, task -> Thread.currentThread().interrupt());
                return Thread.interrupted();
            }, () -> op + " with " + how + ": no return");
            assertTrue(interruptKept, op + ": the caller's interrupt status is kept");
            op.assertSerialAnswer(out, how);
        }
    }

    @Test
    void anInterruptWhileTheCallerWaitsForAChunkAnotherThreadStartedWaitsForItAnyway() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor(DAEMON);
        ExecutorService callers = Executors.newSingleThreadExecutor(DAEMON);
        CountDownLatch otherStarted = new CountDownLatch(1);
        CountDownLatch otherMayFinish = new CountDownLatch(1);
        AtomicBoolean otherFinished = new AtomicBoolean();
        AtomicReference<Thread> caller = new AtomicReference<>();
        try {
            // Two chunks: the pool's thread runs one and holds it until told; the caller then
            // has nothing left but to wait for it.
            Future<boolean[]> call = callers.submit(() -> {
                caller.set(Thread.currentThread());
                LegacyParallel.runChunks(2, 1, one, 2, (first, count) -> {
                    if (Thread.currentThread() == caller.get()) {
                        awaitQuietly(otherStarted, 10_000);   // so that the pool's thread has the other chunk
                    } else {
                        otherStarted.countDown();
                        awaitQuietly(otherMayFinish, 10_000);
                        otherFinished.set(true);
                    }
                });
                return new boolean[] {otherFinished.get(), Thread.interrupted()};
            });
            assertTrue(otherStarted.await(10, TimeUnit.SECONDS), "the pool's thread started a chunk");
            waitUntil(() -> caller.get().getState() == Thread.State.WAITING);
            caller.get().interrupt();
            Thread.sleep(100);
            assertFalse(call.isDone(), "the call returned while another thread was still writing its chunk");
            otherMayFinish.countDown();
            boolean[] atReturn = call.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(atReturn[0], "the other thread's chunk finished before the call returned");
            assertTrue(atReturn[1], "the caller's interrupt status is kept");
        } finally {
            otherMayFinish.countDown();
            one.shutdown();
            callers.shutdown();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition reached within 10 s");
            Thread.sleep(5);
        }
    }
}
