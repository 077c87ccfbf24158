package dev.logits4j.internal.select;

/**
 * What {@code r} float64 additions {@code s += e} in a row give, bit for bit, in a few steps per
 * binade instead of r (issue 23): the sampling pipeline sums the weights of a flood of tokens tied
 * at one value in vocabulary order, and its answers must be the ones the token-by-token sums give.
 *
 * <p>Why it is exact: while s stays in one binade [2^a, 2^(a+1)) every double there is a multiple
 * of its ulp U, and s + e rounds to one (ties to the even multiple), so each addition adds the
 * same number D of ulps: round(e / U), or, when e / U is exactly halfway, a D that depends on the
 * parity of s / U until s / U is even, after which it is fixed (two equal increments in a row show
 * it). An addition from s is on that grid as long as s + e stays below 2^(a+1), which holds while
 * at least D + 1 ulps are left (e / U <= D + 1/2), so that many additions are one integer step on
 * the bits; the few near the binade's end, and every one that changes binade, are done one by one.
 */
final class RepeatedSum {
    private RepeatedSum() {}

    /** {@code r} additions {@code s += e} (e > 0, s >= 0, both finite), bit for bit. */
    static double add(double s, double e, long r) {
        long prev = -1;   // the last increment in ulps, -1 after a change of binade
        while (r > 0) {
            double t = s + e;
            r--;
            if (t == s) {
                return s;   // e is at most half an ulp of s: every further addition leaves s
            }
            long bt = Double.doubleToRawLongBits(t);
            long d = bt - Double.doubleToRawLongBits(s);
            boolean sameBinade = binade(s) == binade(t);
            s = t;
            if (!sameBinade || d != prev) {
                prev = sameBinade ? d : -1;
                continue;
            }
            // two equal increments in this binade: the next j are the same, while D + 1 ulps are left
            long room = Double.doubleToRawLongBits(binadeEnd(s)) - bt;
            long j = Math.min(r, (room - 1) / d);
            s = Double.longBitsToDouble(bt + j * d);
            r -= j;
        }
        return s;
    }

    /**
     * The smallest {@code t} in [1, max] such that {@code add(s, e, t)} exceeds {@code target}
     * ({@code strict}) or reaches it (not strict); {@code max + 1} when none does. The sums grow
     * with t, so a binary search.
     */
    static long first(double s, double e, long max, double target, boolean strict) {
        long lo = 1;
        long hi = max + 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            double v = add(s, e, mid);
            if (strict ? v > target : v >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** One grid per binade; zero and the subnormals share one (ulp = Double.MIN_VALUE). */
    private static int binade(double s) {
        return s < Double.MIN_NORMAL ? Double.MIN_EXPONENT - 1 : Math.getExponent(s);
    }

    /** The first double of the next binade. */
    private static double binadeEnd(double s) {
        return s < Double.MIN_NORMAL ? Double.MIN_NORMAL : Math.scalb(1.0, Math.getExponent(s) + 1);
    }
}
