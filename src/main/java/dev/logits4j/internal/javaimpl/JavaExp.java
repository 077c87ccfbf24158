package dev.logits4j.internal.javaimpl;

/**
 * The exponential functions of the pure-Java kernels.
 *
 * <p>Softmax only ever needs {@code exp(d)} for {@code d = x - max(x) <= 0}. For float32 results we
 * evaluate it in double precision with our own range reduction and polynomial: it is several times
 * cheaper than {@link Math#exp} (no special-case branches, no table) and, being computed in double,
 * its error is far below a float32 ulp.
 */
final class JavaExp {
    private JavaExp() {}

    private static final double LOG2E = 0x1.71547652b82fep0;
    /** ln 2 split so that {@code k * LN2_HI} is exact for |k| < 2^10 (Cody-Waite). */
    private static final double LN2_HI = 0x1.62e42fee00000p-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    /** Below this, exp(d) < 2^-160: zero once rounded to float32 and divided by a sum >= 1. */
    private static final double F32_CUTOFF = -110.0;

    /**
     * exp(d) for d <= 0 (NaN propagates), accurate to about 5e-9 relative before the caller rounds
     * to float32, so well within 0.6 float32 ulp after rounding.
     *
     * <p>Range reduction d = k ln2 + r, |r| <= ln2/2, then the degree-7 Taylor polynomial of
     * exp(r): truncation error |r|^8/8! <= 5.3e-9 relative, double rounding adds ~1e-16.
     */
    static double expForF32(double d) {
        if (d < F32_CUTOFF) {
            return 0.0;
        }
        double t = d * LOG2E + SHIFTER;
        long bits = Double.doubleToRawLongBits(t);
        double k = t - SHIFTER;
        double r = d - k * LN2_HI - k * LN2_LO;
        // Estrin's scheme: the same polynomial in 4 dependent steps instead of Horner's 8 (a
        // 1 x 10 softmax is one chain of exps' latencies, not of their throughput).
        double r2 = r * r;
        double r4 = r2 * r2;
        double p01 = 1.0 + r;
        double p23 = 0.5 + r * (1.0 / 6);
        double p45 = 1.0 / 24 + r * (1.0 / 120);
        double p67 = 1.0 / 720 + r * (1.0 / 5040);
        double p = (p01 + r2 * p23) + r4 * (p45 + r2 * p67);
        // The low 12 bits of (bits + 1023) are k + 1023 (k in [-159, 0]): the biased exponent of 2^k.
        double scale = Double.longBitsToDouble((bits + 1023) << 52);
        return p * scale;
    }

    /** exp(d) in full double precision (HotSpot's intrinsic, < 1 ulp). */
    static double expForF64(double d) {
        return Math.exp(d);
    }
}
