package dev.logits4j.internal.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

/**
 * Work memory for one call at a time: a platform thread keeps its own instance (a ThreadLocal);
 * a virtual thread (JDK 21+) takes one from a shared pool of at most {@link #POOL_SIZE} and gives
 * it back when the call ends, so a server that starts a virtual thread per request neither
 * allocates a fresh instance per call nor retains one per request thread. An instance must be
 * valid whatever call used it last (its users reset what they read on entry): the pool hands back
 * instances that an exception left mid-call.
 *
 * @param <T> the work memory
 */
public final class ScratchPool<T> {
    /** Instances pooled for virtual threads. */
    public static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** {@code Thread.isVirtual()} where it exists (JDK 21+; the library compiles for 17). */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final ThreadLocal<T> local;
    private final ArrayBlockingQueue<T> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Supplier<T> fresh;

    public ScratchPool(Supplier<T> fresh) {
        this.fresh = fresh;
        this.local = ThreadLocal.withInitial(fresh);
    }

    /** The instance for this call; hand it to {@link #release} when the call ends. */
    public T acquire() {
        if (!onVirtualThread()) {
            return local.get();
        }
        T t = pool.poll();
        return t != null ? t : fresh.get();
    }

    /** Ends a call: a pooled instance goes back (or is dropped when the pool is full). */
    public void release(T t) {
        if (onVirtualThread()) {
            pool.offer(t);
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;  // JDK 17-20: no virtual threads
        }
    }

    /** Whether the calling thread is a virtual thread. */
    public static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable t) {
            return false;
        }
    }
}
