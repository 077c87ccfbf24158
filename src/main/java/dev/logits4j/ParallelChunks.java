package dev.logits4j;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the rows of one call in chunks on the caller's executor (the parallel form of {@link Ops}):
 * the caller's thread claims chunks too, so a saturated, shut-down or single-thread executor
 * (even one whose only thread is the caller) can slow a call down but never hang it, and the
 * first failure of any chunk is what the call throws once every started chunk has finished.
 */
final class ParallelChunks {
    private ParallelChunks() {}

    /** One chunk: slices [first, first + count) of the axes before {@code axis}. */
    interface Chunk {
        void run(long first, long count);
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

}
