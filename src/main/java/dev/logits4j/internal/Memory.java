package dev.logits4j.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * What the facade needs to know about memory beyond its bounds: whether two operands overlap
 * (arrays and heap buffers by identity and index; direct buffers and raw memory by address, which
 * needs the native library), and direct-buffer views of raw memory for the Java kernels.
 */
public final class Memory {
    private Memory() {}

    /**
     * Refuses overlapping input and output (same elements allowed when {@code sameOk}); counts are
     * in elements of {@code elementSize} bytes.
     */
    public static void noOverlap(String xName, Object x, long xi, long xCount, String yName,
                                 Object y, long yi, long yCount, int elementSize, boolean sameOk) {
        if (x == y && x != RawMemory.INSTANCE) {
            Checks.noOverlap(xName, xi, xCount, yName, yi, yCount, sameOk);
            return;
        }
        long xa = address(x, xi, elementSize);
        long ya = address(y, yi, elementSize);
        if (xa != 0 && ya != 0) {
            Checks.noOverlap(xName + " (address)", xa, xCount * elementSize, yName + " (address)", ya,
                    yCount * elementSize, sameOk);
        }
    }

    /** As {@link #noOverlap}, for operands of different element types (never the same memory). */
    public static void noOverlapBytes(String xName, Object x, long xi, int xSize, long xCount,
                                      String yName, Object y, long yi, int ySize, long yCount) {
        long xa = address(x, xi, xSize);
        long ya = address(y, yi, ySize);
        if (xa != 0 && ya != 0) {
            Checks.noOverlap(xName + " (address)", xa, xCount * xSize, yName + " (address)", ya,
                    yCount * ySize, false);
        }
    }

    /**
     * The byte address of element {@code index}, for raw memory and direct buffers when the
     * native library is loaded; 0 when unknown (heap memory, or no native library to ask: then
     * distinct direct buffers cannot be compared, and a partial overlap gives wrong numbers but
     * never touches memory outside the buffers).
     */
    static long address(Object base, long index, int elementSize) {
        if (base == RawMemory.INSTANCE) {
            return index;
        }
        if (base instanceof Buffer && ((Buffer) base).isDirect() && Backends.selection().hasNative()) {
            return dev.logits4j.internal.nativeimpl.RawViews.address((Buffer) base) + index * elementSize;
        }
        return 0;
    }

    /**
     * A direct buffer viewing {@code count} elements of raw memory at {@code address}: type
     * 'f' float, 'd' double, 'i' int, 'l' long.
     */
    public static Buffer view(long address, long count, char type) {
        int size = type == 'd' || type == 'l' ? 8 : 4;
        ByteBuffer b = dev.logits4j.internal.nativeimpl.RawViews.view(address, count * size);
        switch (type) {
            case 'f':
                return b.asFloatBuffer();
            case 'd':
                return b.asDoubleBuffer();
            case 'i':
                return b.asIntBuffer();
            default:
                return b.asLongBuffer();
        }
    }
}
