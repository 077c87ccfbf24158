package dev.logits4j.internal.javaimpl;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HalfWidening} on the Vector API: shorts sign-extended to int lanes, then
 * <ul>
 * <li>bfloat16: shifted into the upper half; exact for every bit pattern (no float arithmetic
 * touches a NaN);
 * <li>float16: sign cleared, the 15 remaining bits shifted to float32's exponent/mantissa
 * position and multiplied by 2^112 (the exponent bias difference), which is exact for normal
 * numbers and turns float16 subnormals (float32 subnormals before the multiply; the JVM never
 * flushes them) into their exact normal values; the sign put back by OR. A vector holding an
 * infinity or a NaN (exponent 31) goes through the table instead, which rare inputs can afford.
 * </ul>
 * Loaded reflectively by {@link JavaAccelProvider}.
 */
final class VectorHalfWidening implements HalfWidening {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int W = INTS.length();
    /** As many shorts as {@link #INTS} has ints: half its width. */
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(W * Short.SIZE));

    private static IntVector ints(short[] src, int i) {
        return (IntVector) ShortVector.fromArray(SHORTS, src, i).convertShape(VectorOperators.S2I, INTS, 0);
    }

    @Override
    public void widenBf16(short[] src, int from, float[] dst, int to, int count) {
        int k = 0;
        for (; k <= count - W; k += W) {
            ints(src, from + k).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, to + k);
        }
        for (; k < count; k++) {
            dst[to + k] = Float.intBitsToFloat(src[from + k] << 16);
        }
    }

    @Override
    public void widenF16(short[] src, int from, float[] dst, int to, int count, float[] table) {
        int k = 0;
        for (; k <= count - W; k += W) {
            IntVector h = ints(src, from + k);
            IntVector magnitude = h.and(0x7FFF);
            if (magnitude.compare(VectorOperators.GE, 0x7C00).anyTrue()) {
                for (int j = k; j < k + W; j++) {
                    dst[to + j] = table[src[from + j] & 0xFFFF];
                }
                continue;
            }
            FloatVector f = magnitude.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f);
            f.reinterpretAsInts().or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16))
                    .reinterpretAsFloats().intoArray(dst, to + k);
        }
        for (; k < count; k++) {
            dst[to + k] = table[src[from + k] & 0xFFFF];
        }
    }
}
