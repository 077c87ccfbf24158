package dev.logits4j.internal.kernels;

/**
 * The float32 value of float16 and bfloat16 bits, one value at a time: the rule every
 * implementation's conversion must agree with (the Java kernels' table and vector paths are
 * built and checked from it; the native loads are tested against it).
 */
public final class HalfFloats {
    private HalfFloats() {}

    /** The float32 value of float16 ({@code bf16} false) or bfloat16 bits. */
    public static float toFloat(short h, boolean bf16) {
        return bf16 ? Float.intBitsToFloat(h << 16) : f16(h & 0xFFFF);
    }

    /** The float32 value of the float16 with bits {@code h} (0..65535): exact. */
    public static float f16(int h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            // infinity, or NaN: quiet, payload kept (as VCVTPH2PS and PyTorch's Tensor.float())
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa != 0 ? 0x400000 : 0) | (mantissa << 13));
        }
        if (exponent != 0) {
            // rebias 15 -> 127
            return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
        }
        float magnitude = mantissa * 0x1p-24f;   // zero or a subnormal: exact in float32
        return sign != 0 ? -magnitude : magnitude;
    }
}
