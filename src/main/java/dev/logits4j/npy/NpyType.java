package dev.logits4j.npy;

/**
 * The element types our .npy reader and writer accept: little-endian, C-order only. FLOAT16 and
 * UINT16 (bfloat16 bits) are inputs of the 16-bit logits overloads only.
 */
public enum NpyType {
    FLOAT32("<f4", 4, "float32"),
    FLOAT64("<f8", 8, "float64"),
    INT32("<i4", 4, "int32"),
    INT64("<i8", 8, "int64"),
    /** IEEE binary16 (issue 13: logits only, read as float32). */
    FLOAT16("<f2", 2, "float16"),
    /** 16-bit unsigned: bfloat16 bits when the CLI is told {@code --dtype bfloat16}. */
    UINT16("<u2", 2, "uint16");

    private final String descr;
    private final int size;
    private final String label;

    NpyType(String descr, int size, String label) {
        this.descr = descr;
        this.size = size;
        this.label = label;
    }

    /** The numpy {@code descr} string, e.g. {@code "<f4"}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The dtype's name as numpy prints it, e.g. {@code "float32"}. */
    public String label() {
        return label;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    static NpyType fromDescr(String descr) {
        for (NpyType t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        return null;
    }
}
