package dev.logits4j.internal.plan;

/** The element types an operand can hold, with their size in bytes. */
public enum DType {
    F32(4), F64(8), I32(4), I64(8);

    /** Bytes per element. */
    public final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** The letter {@link Memory#view} takes for this type. */
    char viewType() {
        return this == F32 ? 'f' : this == F64 ? 'd' : this == I32 ? 'i' : 'l';
    }
}
