package dev.logits4j.testutil;

/**
 * Float16 and bfloat16 bits to their exact values, written from the formats' definitions and
 * nothing of the library, for references of the 16-bit overloads.
 */
public final class HalfBits {
    private HalfBits() {}

    /** The exact value of 16-bit {@code bits}: bfloat16 when {@code bf16}, else IEEE float16. */
    public static double toDouble(short bits, boolean bf16) {
        if (bf16) {
            return Float.intBitsToFloat((bits & 0xFFFF) << 16);
        }
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double sign = (bits & 0x8000) != 0 ? -1 : 1;
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return exponent == 0 ? sign * mantissa * 0x1p-24 : sign * (1 + mantissa / 1024.0) * Math.scalb(1.0, exponent - 15);
    }

    /** Every element of {@code bits} as {@link #toDouble}. */
    public static double[] toDoubles(short[] bits, boolean bf16) {
        double[] v = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            v[i] = toDouble(bits[i], bf16);
        }
        return v;
    }
}
