package dev.logits4j.internal.javaimpl;

/**
 * The exponential functions of the pure-Java kernels.
 *
 * <p>Softmax only ever needs {@code exp(d)} for {@code d = x - max(x) <= 0}. For float32 results we
 * evaluate it in double precision with our own range reduction, a 32-entry table and a cubic: it
 * is several times cheaper than {@link Math#exp} (one special-case branch) and, being computed in
 * double, its error is far below a float32 ulp.
 */
final class JavaExp {
    private JavaExp() {}

    /** 32 / ln 2 and ln 2 / 32: the reduction d = (k / 32) ln 2 + r, |r| <= ln 2 / 64. */
    private static final double LOG2E_32 = 0x1.71547652b82fep5;
    private static final double LN2_32 = 0x1.62e42fefa39efp-6;
    /** 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    /** Below this, exp(d) < 2^-158: zero once rounded to float32 and divided by a sum >= 1. */
    private static final double F32_CUTOFF = -110.0;
    /** 2^(i/32), i = 0..31, each within an ulp of a double (StrictMath: the same on every JVM). */
    private static final double[] EXP2_32 = new double[32];

    static {
        for (int i = 0; i < 32; i++) {
            EXP2_32[i] = StrictMath.pow(2, i / 32.0);
        }
    }

    /**
     * exp(d) for d <= 0 (NaN propagates), accurate to about 6e-10 relative before the caller
     * rounds to float32 (a hundredth of a float32 ulp).
     *
     * <p>d = (k / 32) ln 2 + r with |r| <= ln 2 / 64, exp(d) = 2^(k >> 5) * 2^((k & 31) / 32) *
     * exp(r), the middle factor from a 32-entry table and exp(r) by its cubic Taylor polynomial:
     * truncation |r|^4 / 4! <= 5.7e-10 relative; reducing with ln 2 / 32 rounded to double costs
     * |k| * 2^-59 <= 1e-14 (|k| <= 5100 above the cutoff). About 16 double operations where the
     * degree-7 polynomial on |r| <= ln 2 / 2 used before took 25: a 1 x 10 softmax spends most of
     * its time in its ten exps (10 exps and their sum: 33 -> 21 ns on this machine).
     */
    static double expForF32(double d) {
        if (d < F32_CUTOFF) {
            return 0.0;
        }
        double t = d * LOG2E_32 + SHIFTER;
        long bits = Double.doubleToRawLongBits(t);
        double k = t - SHIFTER;
        double r = d - k * LN2_32;
        double p = (1.0 + r) + (r * r) * (0.5 + r * (1.0 / 6));
        // The low 5 bits of bits are k mod 32; the low 12 bits of bits >> 5 are k >> 5, added to
        // the table entry's exponent field (k >> 5 >= -160: the result stays normal).
        double scale = Double.longBitsToDouble(
                Double.doubleToRawLongBits(EXP2_32[(int) bits & 31]) + ((bits >> 5) << 52));
        return p * scale;
    }

    /** exp(d) in full double precision (HotSpot's intrinsic, < 1 ulp). */
    static double expForF64(double d) {
        return Math.exp(d);
    }
}
