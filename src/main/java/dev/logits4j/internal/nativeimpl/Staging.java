package dev.logits4j.internal.nativeimpl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Per-thread direct buffers for the rare calls whose memory cannot go to native code as it is: a
 * mix of Java arrays and off-heap memory, a heap buffer without an accessible array (read-only,
 * or a view of a heap ByteBuffer), or a direct buffer in the other byte order. Inputs are copied
 * in, outputs copied back by {@link #finish()}; the buffers' own bulk copies convert the byte
 * order, and the caller's memory is read once. Each thread has its
 * own, grown to the largest call seen, so nothing is shared and steady use allocates nothing.
 */
final class Staging {
    private static final ThreadLocal<Staging> LOCAL = ThreadLocal.withInitial(Staging::new);
    private static final int SLOTS = 3;

    private final ByteBuffer[] slots = new ByteBuffer[SLOTS];
    private final Object[] pendingBase = new Object[SLOTS];
    private final long[] pendingIndex = new long[SLOTS];
    private final long[] pendingCount = new long[SLOTS];

    static Staging get() {
        return LOCAL.get();
    }

    /**
     * Where the class-index kernels report a target that changed during the call: two int64
     * (position, value) in direct memory, passed by address so the call needs no pinned array.
     */
    private final ByteBuffer bad = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long badAddress = NativeBinding.directBufferAddress(bad);

    long badAddress() {
        return badAddress;
    }

    long badPosition() {
        return bad.getLong(0);
    }

    long badValue() {
        return bad.getLong(8);
    }

    private ByteBuffer slot(int slot, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            // Only memory that cannot go to native code as it is gets here (a heap view or a
            // buffer in the other byte order), and a direct buffer holds at most 2^31-1 bytes.
            throw new IllegalArgumentException("an operand of " + bytes + " bytes in a heap view "
                    + "or in non-native byte order is too large to stage for the native kernels "
                    + "(at most " + Integer.MAX_VALUE + " bytes): use native byte order "
                    + "(ByteOrder.nativeOrder()) or the java backend");
        }
        ByteBuffer b = slots[slot];
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect((int) Math.max(bytes, 64)).order(ByteOrder.nativeOrder());
            slots[slot] = b;
        }
        return b;
    }

    /** The address of an input: its own when addressable, else of a copy in this thread's slot. */
    long in(int slot, Object base, long index, long count, int elementSize) {
        if (NativeKernels.addressable(base)) {
            return NativeKernels.address(base, index, elementSize);
        }
        ByteBuffer b = slot(slot, count * elementSize);
        copy(base, (int) index, b, (int) count, true);
        return NativeBinding.directBufferAddress(b);
    }

    /** The address an output is written to; staged outputs are copied back by {@link #finish()}. */
    long out(int slot, Object base, long index, long count, int elementSize) {
        if (NativeKernels.addressable(base)) {
            return NativeKernels.address(base, index, elementSize);
        }
        ByteBuffer b = slot(slot, count * elementSize);
        pendingBase[slot] = base;
        pendingIndex[slot] = index;
        pendingCount[slot] = count;
        return NativeBinding.directBufferAddress(b);
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

    void finish() {
        for (int s = 0; s < SLOTS; s++) {
            if (pendingBase[s] != null) {
                copy(pendingBase[s], (int) pendingIndex[s], slots[s], (int) pendingCount[s], false);
                pendingBase[s] = null;
            }
        }
    }

    /** Copies count elements between base (from index) and the start of the direct buffer. */
    private static void copy(Object base, int index, ByteBuffer direct, int count, boolean toDirect) {
        ByteBuffer d = direct.duplicate().order(ByteOrder.nativeOrder());
        if (base instanceof float[] || base instanceof FloatBuffer) {
            FloatBuffer f = d.asFloatBuffer();
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
            DoubleBuffer f = d.asDoubleBuffer();
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
        } else if (base instanceof int[]) {
            d.asIntBuffer().put(0, (int[]) base, index, count);
        } else if (base instanceof IntBuffer) {
            d.asIntBuffer().put(0, (IntBuffer) base, index, count);
        } else if (base instanceof long[]) {
            d.asLongBuffer().put(0, (long[]) base, index, count);
        } else {
            d.asLongBuffer().put(0, (LongBuffer) base, index, count);
        }
    }
}
