package dev.logits4j.internal.javaimpl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ShortBuffer;

/**
 * Exact float16 (IEEE binary16) and bfloat16 to float32 conversion on any JDK (issue 13). Both
 * types are subsets of float32, so the conversion never rounds: bfloat16 is the upper half of a
 * float32's bits; float16 comes from a 65,536-entry table built once by bit arithmetic (subnormals
 * as their exact float32 values, infinities as infinities, a NaN's payload shifted into the float32
 * mantissa and the NaN made quiet, as {@code vcvtph2ps} and PyTorch's {@code Tensor.float()} do).
 *
 * <p>Contiguous runs take the fastest exact route the JVM offers (HalfConversionBench, AMD EPYC
 * with AVX-512, ns per element): float16 through {@code Float.float16ToFloat} on JDK 21+, which C2
 * turns into vectorized {@code vcvtph2ps} (0.04, against 0.27-0.28 for the table);
 * JDK 17-20 use the Vector API bit arithmetic of {@link VectorHalfWidening} when it is loaded
 * (0.20-0.24) and the table otherwise (0.27-0.28); bfloat16 through the Vector API when it is loaded (0.03,
 * against 0.20-0.25 for the scalar shift, which C2 does not vectorize).
 */
public final class HalfConversion {
    private static final float[] F16 = new float[1 << 16];
    /** Per-thread staging of a buffer's 16-bit values (4 KiB). */
    private static final ThreadLocal<short[]> CHUNK = ThreadLocal.withInitial(() -> new short[2048]);
    /** {@code Float.float16ToFloat} (JDK 21+, checked against the table), or null. */
    private static final MethodHandle JDK_F16;
    /** The Vector API widening (float16 and bfloat16), or null. */
    private static final HalfWidening VECTOR = JavaAccelProvider.HALF_WIDENING;

    static {
        for (int h = 0; h < F16.length; h++) {
            F16[h] = dev.logits4j.internal.kernels.HalfFloats.f16(h);
        }
        JDK_F16 = jdkFloat16ToFloat();
    }

    /**
     * The JDK's conversion where it is present and gives this class's bits for every one of the
     * 65,536 inputs (JDK 20's C2 intrinsic and interpreter disagreed on NaNs; 21+ quiet them and
     * keep the payload, as the table does). {@code -Dlogits4j.jdkFloat16=false} keeps the table.
     */
    private static MethodHandle jdkFloat16ToFloat() {
        if (Runtime.version().feature() < 21 || "false".equals(System.getProperty("logits4j.jdkFloat16"))) {
            return null;
        }
        try {
            MethodHandle m = MethodHandles.publicLookup().findStatic(Float.class, "float16ToFloat",
                    MethodType.methodType(float.class, short.class));
            for (int h = 0; h < F16.length; h++) {
                if (Float.floatToRawIntBits((float) m.invokeExact((short) h)) != Float.floatToRawIntBits(F16[h])) {
                    return null;
                }
            }
            return m;
        } catch (Throwable e) {
            return null;   // not there, or refused: the table serves
        }
    }

    /** What converts contiguous 16-bit runs in this JVM, for {@code info()} and the docs' tables. */
    public static String describe() {
        return "float16 by " + (JDK_F16 != null ? "Float.float16ToFloat" : VECTOR != null ? "Vector API" : "table")
                + ", bfloat16 by " + (VECTOR != null ? "Vector API" : "scalar shift");
    }

    private HalfConversion() {}

    /** The float32 value of the float16 with bits {@code h}. */
    public static float f16(short h) {
        return F16[h & 0xFFFF];
    }

    /** The float32 value of the bfloat16 with bits {@code h}. */
    public static float bf16(short h) {
        return Float.intBitsToFloat(h << 16);
    }

    /** The float32 value of float16 ({@code bf16} false) or bfloat16 bits. */
    public static float toFloat(short h, boolean bf16) {
        return bf16 ? bf16(h) : f16(h);
    }


    /**
     * Converts {@code count} values from {@code src} ({@code short[]}, index = array index, or a
     * {@link ShortBuffer}, absolute index, either byte order) {@code stride} apart into
     * {@code dst[dstOffset ...]}. Each value is read once.
     */
    public static void convert(Object src, long index, long stride, float[] dst, int dstOffset,
                               int count, boolean bf16) {
        if (src instanceof short[]) {
            short[] a = (short[]) src;
            int i = (int) index;
            int s = (int) stride;
            if (s == 1) {
                contiguous(a, i, dst, dstOffset, count, bf16);
                return;
            }
            if (bf16) {
                for (int k = 0; k < count; k++, i += s) {
                    dst[dstOffset + k] = Float.intBitsToFloat(a[i] << 16);
                }
            } else {
                for (int k = 0; k < count; k++, i += s) {
                    dst[dstOffset + k] = F16[a[i] & 0xFFFF];
                }
            }
            return;
        }
        ShortBuffer b = (ShortBuffer) src;
        int i = (int) index;
        int s = (int) stride;
        if (s == 1) {
            // Contiguous: bulk copies into a small per-thread array (an intrinsic copy that also
            // swaps the byte order), then the array loop; a get(i) per element measured 1-3 ns.
            short[] chunk = CHUNK.get();
            for (int k = 0; k < count; k += chunk.length) {
                int m = Math.min(chunk.length, count - k);
                b.get(i + k, chunk, 0, m);
                contiguous(chunk, 0, dst, dstOffset + k, m, bf16);
            }
            return;
        }
        if (bf16) {
            for (int k = 0; k < count; k++, i += s) {
                dst[dstOffset + k] = Float.intBitsToFloat(b.get(i) << 16);
            }
        } else {
            for (int k = 0; k < count; k++, i += s) {
                dst[dstOffset + k] = F16[b.get(i) & 0xFFFF];
            }
        }
    }

    private static void contiguous(short[] a, int i, float[] dst, int d, int count, boolean bf16) {
        if (bf16) {
            if (VECTOR != null) {
                VECTOR.widenBf16(a, i, dst, d, count);
                return;
            }
            for (int k = 0; k < count; k++) {
                dst[d + k] = Float.intBitsToFloat(a[i + k] << 16);
            }
        } else if (JDK_F16 != null) {
            // Bounds first, so that the catch below only ever sees what invokeExact throws
            // (nothing): an out-of-range call fails as on the other routes, not as an AssertionError.
            java.util.Objects.checkFromIndexSize(i, count, a.length);
            java.util.Objects.checkFromIndexSize(d, count, dst.length);
            try {
                for (int k = 0; k < count; k++) {
                    dst[d + k] = (float) JDK_F16.invokeExact(a[i + k]);
                }
            } catch (Throwable e) {
                throw new AssertionError(e);   // float16ToFloat throws nothing
            }
        } else if (VECTOR != null) {
            VECTOR.widenF16(a, i, dst, d, count, F16);
        } else {
            for (int k = 0; k < count; k++) {
                dst[d + k] = F16[a[i + k] & 0xFFFF];
            }
        }
    }
}
