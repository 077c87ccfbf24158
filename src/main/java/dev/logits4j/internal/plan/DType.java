package dev.logits4j.internal.plan;

/** The element types an operand can hold, with their size in bytes. */
public enum DType {
    F32(4), F64(8), I32(4), I64(8),
    /** IEEE binary16 and bfloat16 logits (issue 13): read as float32, never written. */
    F16(2), BF16(2);

    /** Bytes per element. */
    public final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** The letter {@link Memory#view} takes for this type. */
    char viewType() {
        return this == F32 ? 'f' : this == F64 ? 'd' : this == I32 ? 'i' : isHalf() ? 's' : 'l';
    }

    /** float16 or bfloat16. */
    public boolean isHalf() {
        return this == F16 || this == BF16;
    }
}
