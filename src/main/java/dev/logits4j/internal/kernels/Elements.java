package dev.logits4j.internal.kernels;

import dev.logits4j.DType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Reading and writing one element of any memory kind the kernels take (arrays and buffers; 16-bit
 * logits as their bits in a {@code short[]} or {@code ShortBuffer}), as float64 / long.
 */
public final class Elements {
    private Elements() {}

    // ---------------------------------------------------------------------------------------------
    // memory access

    /** Reads {@code n} values {@code stride} apart from {@code x} at {@code xi} into {@code row}. */
    public static void readRow(DType type, Object x, long xi, long stride, int n, double[] row) {
        if (type.isHalf()) {
            for (int j = 0; j < n; j++) {
                row[j] = read(type, x, xi + j * stride);
            }
        } else if (x instanceof float[]) {
            float[] a = (float[]) x;
            for (int j = 0; j < n; j++) {
                row[j] = a[(int) (xi + j * stride)];
            }
        } else if (x instanceof double[]) {
            double[] a = (double[]) x;
            for (int j = 0; j < n; j++) {
                row[j] = a[(int) (xi + j * stride)];
            }
        } else if (x instanceof FloatBuffer) {
            FloatBuffer b = (FloatBuffer) x;
            for (int j = 0; j < n; j++) {
                row[j] = b.get((int) (xi + j * stride));
            }
        } else {
            DoubleBuffer b = (DoubleBuffer) x;
            for (int j = 0; j < n; j++) {
                row[j] = b.get((int) (xi + j * stride));
            }
        }
    }

    /** One logit of {@code type}. */
    public static double read(DType type, Object x, long i) {
        if (type.isHalf()) {
            short bits = x instanceof short[] ? ((short[]) x)[(int) i] : ((ShortBuffer) x).get((int) i);
            return HalfFloats.toFloat(bits, type == DType.BF16);
        }
        return readValue(x, i);
    }

    /** One value of float32 or float64 memory. */
    public static double readValue(Object x, long i) {
        if (x instanceof float[]) {
            return ((float[]) x)[(int) i];
        } else if (x instanceof double[]) {
            return ((double[]) x)[(int) i];
        } else if (x instanceof FloatBuffer) {
            return ((FloatBuffer) x).get((int) i);
        }
        return ((DoubleBuffer) x).get((int) i);
    }

    /** Writes a value into float or double memory (float32 output rounds once). */
    public static void writeValue(Object y, long i, double v) {
        if (y instanceof float[]) {
            ((float[]) y)[(int) i] = (float) v;
        } else if (y instanceof double[]) {
            ((double[]) y)[(int) i] = v;
        } else if (y instanceof FloatBuffer) {
            ((FloatBuffer) y).put((int) i, (float) v);
        } else {
            ((DoubleBuffer) y).put((int) i, v);
        }
    }

    /** Reads an index from int or long memory. */
    public static long readIndex(Object x, long i) {
        if (x instanceof int[]) {
            return ((int[]) x)[(int) i];
        } else if (x instanceof long[]) {
            return ((long[]) x)[(int) i];
        } else if (x instanceof IntBuffer) {
            return ((IntBuffer) x).get((int) i);
        }
        return ((LongBuffer) x).get((int) i);
    }

    /** Writes an index into int or long memory. */
    public static void writeIndex(Object y, long i, long v) {
        if (y instanceof int[]) {
            ((int[]) y)[(int) i] = (int) v;
        } else if (y instanceof long[]) {
            ((long[]) y)[(int) i] = v;
        } else if (y instanceof IntBuffer) {
            ((IntBuffer) y).put((int) i, (int) v);
        } else {
            ((LongBuffer) y).put((int) i, v);
        }
    }
}
