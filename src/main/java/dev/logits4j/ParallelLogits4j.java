package dev.logits4j;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.backend.Kernels;
import dev.logits4j.internal.plan.ArgmaxPlan;
import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.LogSumExpPlan;
import dev.logits4j.internal.plan.Operand;
import dev.logits4j.internal.plan.RowChunks;
import dev.logits4j.internal.plan.SamplePlan;
import dev.logits4j.internal.plan.SamplingSettings;
import dev.logits4j.internal.plan.SoftmaxPlan;
import dev.logits4j.internal.plan.TopKPlan;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An opt-in parallel form of {@link Logits4j}'s float32 softmax, log-softmax and logSumExp, and of
 * argmax, topK, topLogProbs and sample (int32 or int64 indices and tokens), on heap arrays, for
 * large batches: the independent slices are split into {@code tasks} contiguous chunks run on the
 * caller's {@link Executor} (logits4j never starts threads of its own). Every argument is checked
 * before any chunk is submitted; the results are bit-identical to the serial calls.
 *
 * <p>Chunks follow the axes before {@code axis}: a single row (shape {@code [1, n]}, last axis)
 * has nothing to split and runs on the calling thread. The selection ops split the rows the same
 * way (argmax: the axes before {@code axis}); each row's answer depends only on its own logits,
 * draw and settings, so sample's per-row {@link SamplingOptions} (temperatures, top-k, history,
 * logit bias, ...) are sliced with the rows, and every chunk runs on the kernels chosen for the
 * whole call.
 *
 * <p>A call never waits for a task that has not started, so it cannot hang on its executor. The
 * chunks are claimed by index: the executor is offered at most {@code tasks - 1} tasks, each of
 * which claims and runs chunks until none is left, and the calling thread does the same, so it
 * runs every chunk that no task has claimed. An executor that drops, delays or never runs the
 * tasks (a {@code DiscardPolicy}, {@code shutdownNow()} during the call, a pool whose threads are
 * all busy, the very pool the call runs on) only means the caller does more of the work; a task
 * that starts after every chunk is claimed does nothing. A {@link RuntimeException} from
 * {@link Executor#execute} ({@link RejectedExecutionException} from a saturated or shut-down
 * pool, or any other) is not thrown: the executor is offered no more tasks and the caller runs
 * their chunks. An {@link Error} from {@code execute} is thrown as it is, after the chunks already
 * started have finished (no chunk starts after it).
 *
 * <p>A call returns or throws only when every chunk that was started has finished, so nothing
 * writes to the outputs after the call. If a chunk throws, no chunk starts any more, and the call
 * throws the first failure as it is (later ones suppressed into it; the outputs are then partly
 * written). An interrupt does not stop a call, as it does not stop the serial one (both are
 * bounded work on the caller's data): the caller still runs the chunks nobody started and waits
 * for the ones another thread is running (returning earlier would leave that thread writing into
 * the outputs), then returns with its interrupt status still set.
 */
public final class ParallelLogits4j {
    private ParallelLogits4j() {}

    /** A multiple of every kernel's block of short rows, and the row length below which they use it. */
    private static final int SHORT_ROW_BLOCK = 64;

    /** One chunk: slices [first, first + count) of the axes before {@code axis}. */
    interface Chunk {
        void run(long first, long count);
    }

    /**
     * Checks what every serial method checks, then splits the {@code outer} slices (the product
     * of the dimensions before {@code axis}) into at most {@code tasks} chunks.
     */
    private static void split(Dims d, Executor executor, int tasks, Chunk chunk) {
        Checks.notNull(executor, "executor");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks " + tasks + " must be at least 1");
        }
        // Short contiguous rows are computed in blocks of W rows (W <= 64) counted from the
        // call's first row, with a different rounding than single rows: chunks then start at
        // multiples of 64 rows, so that every row lands in the same block as in the serial call.
        long align = d.inner == 1 && d.n < SHORT_ROW_BLOCK ? SHORT_ROW_BLOCK : 1;
        runChunks(d.outer, align, executor, tasks, chunk);
    }

    /**
     * Runs slices [0, outer) as at most {@code tasks} chunks (multiples of {@code align} slices),
     * on the calling thread and on the tasks {@code executor} starts, and returns or throws only
     * when every chunk that was started has finished; see the class comment for what happens
     * when the executor drops, refuses or throws, a chunk throws, or the caller is interrupted.
     */
    static void runChunks(long outer, long align, Executor executor, int tasks, Chunk chunk) {
        long units = (outer + align - 1) / align;
        int parts = (int) Math.min(tasks, units);
        if (parts <= 1) {
            chunk.run(0, outer);
            return;
        }
        ClaimedChunks chunks = new ClaimedChunks(outer, align, units, parts, chunk);
        offerHelpers(chunks, executor, parts - 1);
        chunks.claimAndRunUntilNoneLeft();
        chunks.awaitStartedChunks();
        chunks.throwFirstFailure();
    }

    /**
     * Offers {@code executor} up to {@code count} tasks that help with {@code chunks}; stops
     * early once every chunk is claimed (an executor that runs tasks on the submitting thread has
     * then done them all) or when {@code execute} throws.
     */
    private static void offerHelpers(ClaimedChunks chunks, Executor executor, int count) {
        for (int i = 0; i < count && chunks.anyUnclaimed(); i++) {
            try {
                executor.execute(chunks::claimAndRunUntilNoneLeft);
            } catch (RuntimeException refused) {
                // Saturated, shut down or broken: the caller runs what no task claims, and a
                // further task would most likely be refused too.
                return;
            } catch (Error e) {
                chunks.fail(e);
                return;
            }
        }
    }

    /**
     * The chunks of one call, claimed by index. Whoever claims a chunk (the caller or a task on
     * the executor) runs it at once, so a claimed chunk is always one that a running thread is
     * working on: the caller can wait for those and need never wait for a task to start.
     */
    private static final class ClaimedChunks {
        private final long outer;
        private final long align;
        private final long unitsPerChunk;
        /** The first {@code longerChunks} chunks have one unit more. */
        private final long longerChunks;
        private final int parts;
        private final Chunk chunk;
        /** The next chunk to claim; claims never move it past {@code parts}. */
        private final AtomicInteger nextUnclaimed = new AtomicInteger();
        private int finished;        // guarded by this; claimed chunks run or given up
        private Throwable failure;   // guarded by this

        ClaimedChunks(long outer, long align, long units, int parts, Chunk chunk) {
            this.outer = outer;
            this.align = align;
            this.unitsPerChunk = units / parts;
            this.longerChunks = units % parts;
            this.parts = parts;
            this.chunk = chunk;
        }

        boolean anyUnclaimed() {
            return nextUnclaimed.get() < parts;
        }

        /** What every task and the caller run: claimed chunks, one after the other. */
        void claimAndRunUntilNoneLeft() {
            for (int i = claim(); i >= 0; i = claim()) {
                try {
                    run(i);
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    finishedOne();
                }
            }
        }

        /** A chunk's index, or -1 when all are claimed (or given up after a failure). */
        private int claim() {
            for (int i = nextUnclaimed.get(); i < parts; i = nextUnclaimed.get()) {
                if (nextUnclaimed.compareAndSet(i, i + 1)) {
                    return i;
                }
            }
            return -1;
        }

        private void run(int i) {
            // Every chunk but the last holds whole units, so chunk i starts after i full-size
            // chunks, the first longerChunks of them one unit longer.
            long first = (i * unitsPerChunk + Math.min(i, longerChunks)) * align;
            long count = Math.min((unitsPerChunk + (i < longerChunks ? 1 : 0)) * align, outer - first);
            chunk.run(first, count);
        }

        private synchronized void finishedOne() {
            if (++finished == parts) {
                notifyAll();
            }
        }

        /**
         * Keeps the first failure (later ones suppressed into it) and gives up the chunks no one
         * has claimed: they count as finished, and no chunk starts any more.
         */
        void fail(Throwable t) {
            int claimed = nextUnclaimed.getAndSet(parts);
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                } else if (failure != t) {
                    failure.addSuppressed(t);
                }
                finished += parts - claimed;
                if (finished == parts) {
                    notifyAll();
                }
            }
        }

        /**
         * Waits until every claimed chunk has finished; call once no chunk is left to claim. Not
         * interruptible: those chunks are bounded work, and returning while one still writes
         * would break the call's promise. The interrupt is kept for the caller.
         */
        synchronized void awaitStartedChunks() {
            boolean interrupted = false;
            while (finished < parts) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void throwFirstFailure() {
            if (failure != null) {
                throw unchecked(failure);
            }
        }
    }

    /** Throws {@code t} itself when it is unchecked (chunks cannot throw checked exceptions). */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new CompletionException(t);
    }

    /** The shape of {@code count} of the outer slices, as [count, n, inner], reduced axis 1. */
    private static int[] chunkShape(Dims d, long count) {
        return new int[] {(int) count, d.n, (int) d.inner};
    }

    /**
     * Softmax on {@code tasks} chunks of the caller's executor; see {@link Logits4j#softmax}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @param shape the tensor's shape (read once)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                               SoftmaxOptions options, Executor executor, int tasks) {
        Dims d = precheck(x, xOffset, y, yOffset, shape, axis, options);
        long block = (long) d.n * d.inner;
        split(d, executor, tasks, (first, count) -> normalise(x, xOffset + first * block, y,
                yOffset + first * block, chunkShape(d, count), options, false, d.count));
    }

    /**
     * Log-softmax on {@code tasks} chunks of the caller's executor.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param options the options ({@code DEFAULT} for the defaults)
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @param shape the tensor's shape (read once)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                                  SoftmaxOptions options, Executor executor, int tasks) {
        Dims d = precheck(x, xOffset, y, yOffset, shape, axis, options);
        long block = (long) d.n * d.inner;
        split(d, executor, tasks, (first, count) -> normalise(x, xOffset + first * block, y,
                yOffset + first * block, chunkShape(d, count), options, true, d.count));
    }

    /**
     * logSumExp on {@code tasks} chunks of the caller's executor; see {@link Logits4j#logSumExp}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param y the output (may be {@code x} for in-place softmax and log-softmax)
     * @param yOffset index of the output's first element in {@code y}
     * @param axis the axis to reduce over, in {@code [-rank, rank)}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @param shape the tensor's shape (read once)
     * @throws IllegalArgumentException for a bad shape, axis, option, class target or overlap of
     *         input and output (the message names the argument and the value)
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                                 Executor executor, int tasks) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        Dims d = Dims.of(shape, axis, "shape");   // each dimension read once: checks and chunks agree
        Checks.capacity("x", x.length - xOffset, d.count, shape);
        Checks.capacity("y", y.length - yOffset, d.slices, shape);
        if (x == y) {
            Checks.noOverlap("x", xOffset, d.count, "y", yOffset, d.slices, false);
        }
        long block = (long) d.n * d.inner;
        split(d, executor, tasks, (first, c) -> LogSumExpPlan.run(AUTO, Operand.of(x, (int) (xOffset + first * block), "x"),
                Operand.of(y, (int) (yOffset + first * d.inner), "y"), chunkShape(d, c), 1, d.count));
    }

    // ---- selection and sampling (issue 12): split by rows; every row's answer is its own

    /**
     * argmax on {@code tasks} chunks of the caller's executor; see
     * {@link Logits4j#argmax(float[], int, int[], int, int[], int)}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void argmax(float[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset,
                              Executor executor, int tasks) {
        argmaxChunks(x, xOffset, shape, axis, Checks.notNull(out, "out"), out.length, outOffset, executor, tasks);
    }

    /**
     * argmax on {@code tasks} chunks of the caller's executor; see
     * {@link Logits4j#argmax(float[], int, int[], int, long[], int)}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param axis the axis, in {@code [-rank, rank)}
     * @param out the indices, one per slice (the shape without {@code axis})
     * @param outOffset index of the first output in {@code out}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void argmax(float[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset,
                              Executor executor, int tasks) {
        argmaxChunks(x, xOffset, shape, axis, Checks.notNull(out, "out"), out.length, outOffset, executor, tasks);
    }

    /**
     * topK on {@code tasks} chunks of rows of the caller's executor; see
     * {@link Logits4j#topK(float[], int, int[], int, float[], int, int[], int)}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset,
                            int[] indices, int iOffset, Executor executor, int tasks) {
        topKChunks(x, xOffset, shape, k, false, values, vOffset, Checks.notNull(indices, "indices"),
                indices.length, iOffset, executor, tasks);
    }

    /**
     * topK on {@code tasks} chunks of rows of the caller's executor; see
     * {@link Logits4j#topK(float[], int, int[], int, float[], int, long[], int)}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k values per row, {@code [..., k]}
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset,
                            long[] indices, int iOffset, Executor executor, int tasks) {
        topKChunks(x, xOffset, shape, k, false, values, vOffset, Checks.notNull(indices, "indices"),
                indices.length, iOffset, executor, tasks);
    }

    /**
     * topLogProbs on {@code tasks} chunks of rows of the caller's executor; see
     * {@link Logits4j#topLogProbs(float[], int, int[], int, float[], int, int[], int)}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k log-probs per row, {@code [..., k]}
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset,
                            int[] indices, int iOffset, Executor executor, int tasks) {
        topKChunks(x, xOffset, shape, k, true, values, vOffset, Checks.notNull(indices, "indices"),
                indices.length, iOffset, executor, tasks);
    }

    /**
     * topLogProbs on {@code tasks} chunks of rows of the caller's executor; see
     * {@link Logits4j#topLogProbs(float[], int, int[], int, float[], int, long[], int)}.
     *
     * @param x the input
     * @param xOffset index of the input's first element in {@code x}
     * @param shape the tensor's shape (read once)
     * @param k how many, in {@code [0, shape[rank - 1]]}
     * @param values the k log-probs per row, {@code [..., k]}
     * @param vOffset index of the first value in {@code values}
     * @param indices the k indices per row, {@code [..., k]}
     * @param iOffset index of the first index in {@code indices}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset,
                            long[] indices, int iOffset, Executor executor, int tasks) {
        topKChunks(x, xOffset, shape, k, true, values, vOffset, Checks.notNull(indices, "indices"),
                indices.length, iOffset, executor, tasks);
    }

    /**
     * sample on {@code tasks} chunks of rows of the caller's executor; see
     * {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, int[], int, float[], int)}.
     * Each row uses its own draw and its own settings (per-row options are sliced with the rows).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution)
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options,
                              double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs,
                              int lpOffset, Executor executor, int tasks) {
        sampleChunks(logits, logitsOffset, shape, options, uniform, uOffset, Checks.notNull(tokens, "tokens"),
                tokens.length, tOffset, logProbs, lpOffset, executor, tasks);
    }

    /**
     * sample on {@code tasks} chunks of rows of the caller's executor; see
     * {@link Logits4j#sample(float[], int, int[], SamplingOptions, double[], int, long[], int, float[], int)}.
     * Each row uses its own draw and its own settings (per-row options are sliced with the rows).
     *
     * @param logits the logits {@code [..., vocab]}: every leading position is a row
     * @param logitsOffset index of the first logit in {@code logits}
     * @param shape the tensor's shape (read once)
     * @param options the pipeline's parameters ({@link SamplingOptions#DEFAULT}: plain softmax sampling)
     * @param uniform one draw in [0, 1) per row
     * @param uOffset index of the first draw in {@code uniform}
     * @param tokens the chosen token per row (-1 for a row without a distribution)
     * @param tOffset index of the first token in {@code tokens}
     * @param logProbs each chosen token's {@code log_softmax(logits)[token]}, or null for none
     * @param lpOffset index of the first log-prob in {@code logProbs}
     * @param executor the caller's executor, which runs the chunks
     * @param tasks how many chunks to split the call into, at most
     * @throws IllegalArgumentException for a bad shape, axis, k, parameter, token id, draw or
     *         overlap of input and output (the message names the argument and the value), before
     *         any chunk is submitted
     * @throws IndexOutOfBoundsException when memory is smaller than the shape needs
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when {@code -Dlogits4j.backend=native} or {@code -Dlogits4j.isa}
     *         asked for native code this JVM cannot load or run (the message says why)
     */
    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options,
                              double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs,
                              int lpOffset, Executor executor, int tasks) {
        sampleChunks(logits, logitsOffset, shape, options, uniform, uOffset, Checks.notNull(tokens, "tokens"),
                tokens.length, tOffset, logProbs, lpOffset, executor, tasks);
    }

    /** The kernels chosen for the whole call (as the serial call chooses them), for every chunk. */
    private static KernelSource wholeCall(long elements) {
        Kernels k = AUTO.forElements(elements);
        return e -> k;
    }

    /** An int32 or int64 index array from {@code offset}. */
    private static Operand indexOperand(Object a, long offset, String name) {
        return a instanceof int[] ? Operand.of((int[]) a, (int) offset, name) : Operand.of((long[]) a, (int) offset, name);
    }

    /** The executor and task checks of {@link #split}, then rows [0, rows) in chunks of any size. */
    private static void splitRows(long rows, Executor executor, int tasks, Chunk chunk) {
        Checks.notNull(executor, "executor");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks " + tasks + " must be at least 1");
        }
        runChunks(rows, 1, executor, tasks, chunk);
    }

    private static void argmaxChunks(float[] x, int xOffset, int[] shape, int axis, Object out, int outLength,
                                     int outOffset, Executor executor, int tasks) {
        Checks.notNull(x, "x");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("out", outLength, outOffset);
        Dims d = Dims.of(shape, axis, "shape");
        if (d.n == 0 && d.slices > 0) {
            throw new IllegalArgumentException("argmax over an empty axis " + d.axis + " of shape "
                    + java.util.Arrays.toString(shape) + " has no maximum");
        }
        Checks.capacity("x", x.length - (long) xOffset, d.count, shape);
        Checks.capacity("out", outLength - (long) outOffset, d.slices, shape);
        KernelSource whole = wholeCall(d.count);
        long block = (long) d.n * d.inner;
        splitRows(d.outer, executor, tasks, (first, count) -> ArgmaxPlan.run(whole,
                Operand.of(x, (int) (xOffset + first * block), "x"),
                indexOperand(out, outOffset + first * d.inner, "out"), chunkShape(d, count), 1));
    }

    private static void topKChunks(float[] x, int xOffset, int[] shape, int k, boolean logProbs, float[] values,
                                   int vOffset, Object indices, int iLength, int iOffset, Executor executor,
                                   int tasks) {
        Checks.notNull(x, "x");
        Checks.notNull(values, "values");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("values", values.length, vOffset);
        Checks.arrayOffset("indices", iLength, iOffset);
        Dims d = Dims.of(shape, -1, "shape");
        Checks.rows("shape", shape, d.n, d.outer, false);
        Checks.k(k, d.n);
        long outCount = d.outer * k;
        Checks.capacity("x", x.length - (long) xOffset, d.count, shape);
        Checks.capacity("values", values.length - (long) vOffset, outCount, shape);
        Checks.capacity("indices", iLength - (long) iOffset, outCount, shape);
        if (x == values) {
            Checks.noOverlap("x", xOffset, d.count, "values", vOffset, outCount, false);
        }
        KernelSource whole = wholeCall(d.count);
        int n = d.n;
        splitRows(d.outer, executor, tasks, (first, count) -> TopKPlan.run(whole,
                Operand.of(x, (int) (xOffset + first * n), "x"), new int[] {(int) count, n}, k, logProbs,
                Operand.of(values, (int) (vOffset + first * k), "values"),
                indexOperand(indices, iOffset + first * k, "indices")));
    }

    private static void sampleChunks(float[] logits, int logitsOffset, int[] shape, SamplingOptions options,
                                     double[] uniform, int uOffset, Object tokens, int tLength, int tOffset,
                                     float[] logProbs, int lpOffset, Executor executor, int tasks) {
        Checks.notNull(logits, "logits");
        Checks.notNull(uniform, "uniform");
        SamplingSettings s = Checks.notNull(options, "options").settings();
        Checks.arrayOffset("logits", logits.length, logitsOffset);
        Checks.arrayOffset("uniform", uniform.length, uOffset);
        Checks.arrayOffset("tokens", tLength, tOffset);
        if (logProbs != null) {
            Checks.arrayOffset("logProbs", logProbs.length, lpOffset);
        }
        Dims d = Dims.of(shape, -1, "shape");
        long rows = d.outer;
        int vocab = d.n;
        Checks.rows("shape", shape, vocab, rows, true);
        Checks.capacity("logits", logits.length - (long) logitsOffset, d.count, shape);
        Checks.capacity("uniform", uniform.length - (long) uOffset, rows, shape);
        Checks.capacity("tokens", tLength - (long) tOffset, rows, shape);
        if (logProbs != null) {
            Checks.capacity("logProbs", logProbs.length - (long) lpOffset, rows, shape);
            if (logProbs == logits) {
                Checks.noOverlap("logits", logitsOffset, d.count, "logProbs", lpOffset, rows, false);
            }
        }
        RowChunks.checkSampling(s, rows, vocab);
        for (int r = 0; r < rows; r++) {
            Checks.uniform("uniform[" + r + "]", uniform[uOffset + r]);
        }
        KernelSource whole = wholeCall(d.count);
        splitRows(rows, executor, tasks, (first, count) -> SamplePlan.run(whole,
                Operand.of(logits, (int) (logitsOffset + first * vocab), "logits"), new int[] {(int) count, vocab},
                RowChunks.slice(s, rows, (int) first, (int) count),
                Operand.of(uniform, (int) (uOffset + first), "uniform"),
                indexOperand(tokens, tOffset + first, "tokens"),
                logProbs == null ? null : Operand.of(logProbs, (int) (lpOffset + first), "logProbs")));
    }

    /**
     * All of the serial method's checks on the whole call: shape (each dimension read once, so
     * the checks and the chunks agree), axis, capacity, overlap.
     */
    private static Dims precheck(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis,
                                 SoftmaxOptions options) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.notNull(options, "options");
        Checks.arrayOffset("x", x.length, xOffset);
        Checks.arrayOffset("y", y.length, yOffset);
        Dims d = Dims.of(shape, axis, "shape");
        Checks.capacity("x", x.length - xOffset, d.count, shape);
        Checks.capacity("y", y.length - yOffset, d.count, shape);
        if (x == y) {
            Checks.noOverlap("x", xOffset, d.count, "y", yOffset, d.count, true);
        }
        return d;
    }

    private static final KernelSource AUTO = Backend.auto().source();

    /** One chunk of softmax / log-softmax on the kernels chosen for the whole call. */
    private static void normalise(float[] x, long xi, float[] y, long yi, int[] chunkShape,
                                  SoftmaxOptions o, boolean log, long total) {
        SoftmaxPlan.run(AUTO, Operand.of(x, (int) xi, "x"), Operand.of(y, (int) yi, "y"), chunkShape, 1,
                o.temperature(), o.maskedRowsZero(), log, total);
    }
}
