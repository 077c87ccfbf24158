package dev.logits4j;

import dev.logits4j.internal.plan.DType;

/**
 * The 16-bit floating-point type of logits passed as {@code short} bits ({@code short[]},
 * {@code ShortBuffer}, raw memory). Always given explicitly: the bits of the two types look
 * alike, so nothing is guessed. Results are float32, computed as the float32 op of the input
 * converted exactly to float32 (PyTorch's {@code op(x.float())}): NaN, infinities and (float16)
 * subnormals behave as their float32 values, and the float32 accuracy bounds hold unchanged.
 */
public enum HalfType {
    /** IEEE 754 binary16 (1 sign, 5 exponent, 10 mantissa bits; largest finite 65504). */
    FLOAT16(DType.F16),
    /** bfloat16, the upper 16 bits of a float32 (1 sign, 8 exponent, 7 mantissa bits). */
    BFLOAT16(DType.BF16);

    final DType dtype;

    HalfType(DType dtype) {
        this.dtype = dtype;
    }

    /** The internal dtype of {@code type}, refusing null with the argument's name. */
    static DType dtype(HalfType type) {
        if (type == null) {
            throw new NullPointerException("type must not be null (HalfType.FLOAT16 or BFLOAT16)");
        }
        return type.dtype;
    }
}
