package dev.logits4j.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * An n-d array read from or to be written to a .npy file: type, shape, and its little-endian
 * C-order data in a direct buffer (so native kernels can read it in place).
 */
public final class NpyArray {
    private final NpyType type;
    private final int[] shape;
    private final ByteBuffer data;

    /** Wraps {@code data} (little-endian order is set on a duplicate); sizes must agree. */
    public NpyArray(NpyType type, int[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long bytes = elementCount(shape) * type.size();
        if (bytes != data.remaining()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of "
                    + type.label() + " needs " + bytes + " bytes, data has " + data.remaining());
        }
    }

    /** A new zero-filled array of the given type and shape, in direct memory. */
    public static NpyArray allocate(NpyType type, int[] shape) {
        long bytes = elementCount(shape) * type.size();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an array of shape " + Arrays.toString(shape)
                    + " and dtype " + type.label() + " is larger than 2 GiB");
        }
        return new NpyArray(type, shape, ByteBuffer.allocateDirect((int) bytes));
    }

    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public NpyType type() {
        return type;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        return elementCount(shape);
    }

    /** The raw little-endian bytes (a fresh view: position 0, limit = size). */
    public ByteBuffer bytes() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public FloatBuffer asFloats() {
        require(NpyType.FLOAT32);
        return bytes().asFloatBuffer();
    }

    public DoubleBuffer asDoubles() {
        require(NpyType.FLOAT64);
        return bytes().asDoubleBuffer();
    }

    public IntBuffer asInts() {
        require(NpyType.INT32);
        return bytes().asIntBuffer();
    }

    public LongBuffer asLongs() {
        require(NpyType.INT64);
        return bytes().asLongBuffer();
    }

    /** float16 or uint16 (bfloat16) elements as their 16 bits, little-endian. */
    public ShortBuffer asShorts() {
        if (type != NpyType.FLOAT16 && type != NpyType.UINT16) {
            throw new IllegalStateException("array is " + type.label() + ", not float16 or uint16");
        }
        return bytes().asShortBuffer();
    }

    private void require(NpyType t) {
        if (type != t) {
            throw new IllegalStateException("array is " + type.label() + ", not " + t.label());
        }
    }

    /** The shape as numpy prints it, e.g. {@code (3, 4)} or {@code ()}. */
    public static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
