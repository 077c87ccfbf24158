package dev.logits4j;

/**
 * The element type of a {@link Tensor}: what its memory holds, and so which kernels read it.
 * Logits are {@link #F32}, {@link #F64}, or 16-bit ({@link #F16}, {@link #BF16}, held as their
 * bits in {@code short} memory); class targets, argmax and top-k indices and sampled tokens are
 * {@link #I32} or {@link #I64}. The results of 16-bit logits (probabilities, log-probs, losses)
 * are {@link #F32}.
 */
public enum DType {
    /** IEEE 754 binary32 ({@code float}). */
    F32(4),
    /** IEEE 754 binary64 ({@code double}). */
    F64(8),
    /** IEEE 754 binary16, as its bits in a {@code short}. */
    F16(2),
    /** bfloat16 (the upper half of a binary32), as its bits in a {@code short}. */
    BF16(2),
    /** 32-bit signed integers ({@code int}). */
    I32(4),
    /** 64-bit signed integers ({@code long}). */
    I64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /**
     * The size of one element.
     *
     * @return bytes per element
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Whether this is a 16-bit floating type ({@link #F16} or {@link #BF16}).
     *
     * @return true for F16 and BF16
     */
    public boolean isHalf() {
        return this == F16 || this == BF16;
    }

    /**
     * Whether this is a floating type.
     *
     * @return true for F32, F64, F16 and BF16
     */
    public boolean isFloating() {
        return this != I32 && this != I64;
    }
}
