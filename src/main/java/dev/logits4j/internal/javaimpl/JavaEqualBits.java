package dev.logits4j.internal.javaimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Elements;

/**
 * {@link dev.logits4j.internal.kernels.Kernels#equalBits} in Java: one word of 32 bits per 32
 * elements, {@code ==} on the values (so -0.0 equals 0.0 and a NaN equals nothing), a plain
 * loop for float32 and float64 arrays and {@link Elements#read} for every other memory.
 */
final class JavaEqualBits {
    private JavaEqualBits() {}

    static int equalBits(DType type, Object x, long xi, int n, double v, int[] out) {
        int words = (n + 31) >>> 5;
        int total = 0;
        if (x instanceof float[] && (float) v == v) {
            float[] a = (float[]) x;
            float f = (float) v;
            int base = (int) xi;
            for (int w = 0; w < words; w++) {
                int j0 = w << 5;
                int len = Math.min(32, n - j0);
                int bits = 0;
                for (int b = 0; b < len; b++) {
                    bits |= (a[base + j0 + b] == f ? 1 : 0) << b;
                }
                out[w] = bits;
                total += Integer.bitCount(bits);
            }
            return total;
        }
        if (x instanceof double[]) {
            double[] a = (double[]) x;
            int base = (int) xi;
            for (int w = 0; w < words; w++) {
                int j0 = w << 5;
                int len = Math.min(32, n - j0);
                int bits = 0;
                for (int b = 0; b < len; b++) {
                    bits |= (a[base + j0 + b] == v ? 1 : 0) << b;
                }
                out[w] = bits;
                total += Integer.bitCount(bits);
            }
            return total;
        }
        for (int w = 0; w < words; w++) {
            int j0 = w << 5;
            int len = Math.min(32, n - j0);
            int bits = 0;
            for (int b = 0; b < len; b++) {
                bits |= (Elements.read(type, x, xi + j0 + b) == v ? 1 : 0) << b;
            }
            out[w] = bits;
            total += Integer.bitCount(bits);
        }
        return total;
    }
}
