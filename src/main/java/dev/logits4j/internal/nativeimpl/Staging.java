package dev.logits4j.internal.nativeimpl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import org.bytedeco.javacpp.BytePointer;

/**
 * Native memory for the rare calls whose memory cannot go to native code as it is: a mix of Java
 * arrays and off-heap memory, a heap buffer without an accessible array (read-only, or a view of a
 * heap ByteBuffer), or a direct buffer in the other byte order. Inputs are copied in, outputs
 * copied back by {@link #finish()}; the copies convert the byte order, and the caller's memory is
 * read once. It also holds the two int64 through which the class-index kernels report a target
 * that changed during the call.
 *
 * <h2>What it retains (bounded)</h2>
 * Memory comes from {@code malloc} through JavaCPP, so it is freed when this code says so, not when
 * a garbage collector gets round to a direct buffer:
 * <ul>
 *   <li>A platform thread keeps one {@code Staging} (a thread-local): its slots are kept up to
 *       {@link #RETAINED_SLOT_BYTES} each, so a thread retains at most
 *       {@value #SLOTS} &times; {@value #RETAINED_SLOT_BYTES} + 16 bytes; a larger slot is freed
 *       when the call ends. Steady calls of up to 1 MiB per operand allocate nothing.</li>
 *   <li>A virtual thread (JDK 21+) takes one from a shared pool of at most
 *       {@link #POOL_SIZE} and gives it back when the call ends (one per request thread would
 *       retain memory per request); when the pool is full the instance frees its memory at once.
 *       So all virtual threads together retain at most {@code POOL_SIZE} times the bound above.</li>
 * </ul>
 * While a call runs it holds what that call stages (at most three operands).
 */
final class Staging implements AutoCloseable {
    static final int SLOTS = 3;
    /** Bytes a slot keeps between calls; larger slots are freed when the call ends. */
    static final long RETAINED_SLOT_BYTES = 1L << 20;
    /** Instances pooled for virtual threads. */
    static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final ThreadLocal<Staging> LOCAL = ThreadLocal.withInitial(() -> new Staging(false));
    private static final ArrayBlockingQueue<Staging> POOL = new ArrayBlockingQueue<>(POOL_SIZE);

    private final boolean pooled;
    private final BytePointer[] slots = new BytePointer[SLOTS];
    private final ByteBuffer[] views = new ByteBuffer[SLOTS];
    private final Object[] pendingBase = new Object[SLOTS];
    private final long[] pendingIndex = new long[SLOTS];
    private final long[] pendingCount = new long[SLOTS];
    private final BytePointer bad = new BytePointer(16);
    private final ByteBuffer badView = bad.asByteBuffer().order(ByteOrder.nativeOrder());
    private final long badAddress = bad.address();

    private Staging(boolean pooled) {
        this.pooled = pooled;
    }

    /**
     * The calling thread's staging memory; {@link #close()} it when the call ends (try-with-
     * resources), which copies nothing back but gives pooled memory back and frees large slots.
     */
    static Staging acquire() {
        if (!onVirtualThread()) {
            return LOCAL.get();
        }
        Staging s = POOL.poll();
        return s != null ? s : new Staging(true);
    }

    static boolean onVirtualThread() {
        return dev.logits4j.internal.kernels.ScratchPool.onVirtualThread();
    }

    /** Bytes of native memory this instance holds now (slots and the report pair). */
    long heldBytes() {
        long sum = 16;
        for (BytePointer p : slots) {
            sum += p == null ? 0 : p.capacity();
        }
        return sum;
    }

    @Override
    public void close() {
        for (int s = 0; s < SLOTS; s++) {
            pendingBase[s] = null;  // an exception got here before finish(): nothing to copy back
            if (slots[s] != null && slots[s].capacity() > RETAINED_SLOT_BYTES) {
                free(s);
            }
        }
        if (pooled && !POOL.offer(this)) {
            for (int s = 0; s < SLOTS; s++) {
                free(s);
            }
            bad.close();
        }
    }

    private void free(int s) {
        if (slots[s] != null) {
            slots[s].close();
            slots[s] = null;
            views[s] = null;
            typed[s] = null;
        }
    }

    /**
     * Where the class-index kernels report a target that changed during the call: two int64
     * (position, value), passed by address so the call needs no pinned array.
     */
    long badAddress() {
        badView.putLong(0, -1);
        return badAddress;
    }

    long badPosition() {
        return badView.getLong(0);
    }

    long badValue() {
        return badView.getLong(8);
    }

    private ByteBuffer slot(int slot, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            // Only memory that cannot go to native code as it is gets here (a heap view or a
            // buffer in the other byte order), and a Java buffer holds at most 2^31-1 elements.
            throw new IllegalArgumentException("an operand of " + bytes + " bytes in a heap view "
                    + "or in non-native byte order is too large to stage for the native kernels "
                    + "(at most " + Integer.MAX_VALUE + " bytes): use native byte order "
                    + "(ByteOrder.nativeOrder()) or the java backend");
        }
        if (slots[slot] == null || slots[slot].capacity() < bytes) {
            free(slot);
            BytePointer p = new BytePointer(Math.max(bytes, 64));
            slots[slot] = p;
            views[slot] = p.asByteBuffer().order(ByteOrder.nativeOrder());
            typed[slot] = null;
        }
        return views[slot];
    }

    private long slotAddress(int slot) {
        return slots[slot].address();
    }

    /** The address of an input: its own when addressable, else of a copy in this call's slot. */
    long in(int slot, Object base, long index, long count, int elementSize) {
        if (NativeKernels.addressable(base)) {
            return NativeKernels.address(base, index, elementSize);
        }
        slot(slot, count * elementSize);
        copy(base, (int) index, slot, (int) count, true);
        return slotAddress(slot);
    }

    /** The address an output is written to; staged outputs are copied back by {@link #finish()}. */
    long out(int slot, Object base, long index, long count, int elementSize) {
        if (NativeKernels.addressable(base)) {
            return NativeKernels.address(base, index, elementSize);
        }
        slot(slot, count * elementSize);
        pendingBase[slot] = base;
        pendingIndex[slot] = index;
        pendingCount[slot] = count;
        return slotAddress(slot);
    }

    /**
     * The address of an operand that is both input and output (in place): its own when
     * addressable, else of a copy that {@link #finish()} copies back.
     */
    long inOut(int slot, Object base, long index, long count, int elementSize) {
        long a = in(slot, base, index, count, elementSize);
        if (!NativeKernels.addressable(base)) {
            pendingBase[slot] = base;
            pendingIndex[slot] = index;
            pendingCount[slot] = count;
        }
        return a;
    }

    /** Copies staged outputs back to the caller's memory. */
    void finish() {
        for (int s = 0; s < SLOTS; s++) {
            if (pendingBase[s] != null) {
                Object base = pendingBase[s];
                pendingBase[s] = null;
                copy(base, (int) pendingIndex[s], s, (int) pendingCount[s], false);
            }
        }
    }

    /**
     * Each slot's memory as a buffer of the element type last staged there (made when the type or
     * the slot changes, so a call that stages the same operands again allocates nothing).
     */
    private final java.nio.Buffer[] typed = new java.nio.Buffer[SLOTS];

    private java.nio.Buffer typed(int slot, Class<? extends java.nio.Buffer> type) {
        java.nio.Buffer t = typed[slot];
        if (!type.isInstance(t)) {
            ByteBuffer d = views[slot];
            t = type == FloatBuffer.class ? d.asFloatBuffer() : type == DoubleBuffer.class
                    ? d.asDoubleBuffer() : type == ShortBuffer.class ? d.asShortBuffer()
                    : type == IntBuffer.class ? d.asIntBuffer() : d.asLongBuffer();
            typed[slot] = t;
        }
        return t;
    }

    /** Copies count elements between base (from index) and the start of the slot's memory. */
    private void copy(Object base, int index, int slot, int count, boolean toDirect) {
        if (base instanceof float[] || base instanceof FloatBuffer) {
            FloatBuffer f = (FloatBuffer) typed(slot, FloatBuffer.class);
            if (base instanceof float[]) {
                if (toDirect) {
                    f.put(0, (float[]) base, index, count);
                } else {
                    f.get(0, (float[]) base, index, count);
                }
            } else if (toDirect) {
                f.put(0, (FloatBuffer) base, index, count);
            } else {
                ((FloatBuffer) base).put(index, f, 0, count);
            }
        } else if (base instanceof double[] || base instanceof DoubleBuffer) {
            DoubleBuffer f = (DoubleBuffer) typed(slot, DoubleBuffer.class);
            if (base instanceof double[]) {
                if (toDirect) {
                    f.put(0, (double[]) base, index, count);
                } else {
                    f.get(0, (double[]) base, index, count);
                }
            } else if (toDirect) {
                f.put(0, (DoubleBuffer) base, index, count);
            } else {
                ((DoubleBuffer) base).put(index, f, 0, count);
            }
        } else if (base instanceof short[]) {
            ((ShortBuffer) typed(slot, ShortBuffer.class)).put(0, (short[]) base, index, count);   // 16-bit logits (input only)
        } else if (base instanceof ShortBuffer) {
            ((ShortBuffer) typed(slot, ShortBuffer.class)).put(0, (ShortBuffer) base, index, count);
        } else if (base instanceof int[]) {
            ((IntBuffer) typed(slot, IntBuffer.class)).put(0, (int[]) base, index, count);
        } else if (base instanceof IntBuffer) {
            ((IntBuffer) typed(slot, IntBuffer.class)).put(0, (IntBuffer) base, index, count);
        } else if (base instanceof long[]) {
            ((LongBuffer) typed(slot, LongBuffer.class)).put(0, (long[]) base, index, count);
        } else {
            ((LongBuffer) typed(slot, LongBuffer.class)).put(0, (LongBuffer) base, index, count);
        }
    }
}
