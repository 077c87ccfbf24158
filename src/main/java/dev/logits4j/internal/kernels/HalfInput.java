package dev.logits4j.internal.kernels;

/**
 * 16-bit logits handed to the selection kernels (argmax, top-k, sample: issues 12 and 13):
 * float16 ({@code bf16} false) or bfloat16 bits in a {@code short[]} or {@code ShortBuffer}
 * (absolute index, either byte order). The selection kernels take {@code Object x}; this marks
 * the 16-bit kind, which a {@code short[]} alone cannot say.
 */
public final class HalfInput {
    /** bfloat16 when true, float16 (IEEE binary16) when false. */
    public final boolean bf16;
    /** The bits: a {@code short[]} or a {@code ShortBuffer}. */
    public final Object bits;

    public HalfInput(boolean bf16, Object bits) {
        this.bf16 = bf16;
        this.bits = bits;
    }
}
