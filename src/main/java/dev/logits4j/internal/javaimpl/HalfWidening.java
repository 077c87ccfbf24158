package dev.logits4j.internal.javaimpl;

/**
 * float16 / bfloat16 to float32 widening of a contiguous run on the Vector API
 * ({@link VectorHalfWidening}); held by {@link JavaAccelProvider} only when the incubator module
 * is present, so no other class refers to the implementation. Measured against the scalar forms
 * in HalfConversionBench (docs/perf/half.md): bfloat16 0.03 ns per element against 0.20-0.25 for
 * {@code intBitsToFloat(h << 16)}, which C2 does not vectorize; float16 0.20-0.24 against 0.27-0.28 for
 * the table on JDK 17 (JDK 21+ use {@code Float.float16ToFloat} instead, 0.04).
 */
interface HalfWidening {
    /** {@code dst[to + k] = float32 of the bfloat16 bits src[from + k]} for k in [0, count). */
    void widenBf16(short[] src, int from, float[] dst, int to, int count);

    /**
     * {@code dst[to + k] = float32 of the float16 bits src[from + k]} for k in [0, count), bit for
     * bit {@link HalfConversion#f16}; {@code table} is its table, for vectors holding an infinity
     * or a NaN.
     */
    void widenF16(short[] src, int from, float[] dst, int to, int count, float[] table);
}
