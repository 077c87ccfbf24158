package dev.logits4j.internal.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RepeatedSum} against the additions done one by one, bit for bit. */
class RepeatedSumTest {
    private static double loop(double s, double e, long r) {
        for (long i = 0; i < r; i++) {
            s += e;
        }
        return s;
    }

    @Test
    void equalsTheAdditionsOneByOne() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int c = 0; c < 20000; c++) {
            double e;
            double s;
            switch (c % 5) {
                case 0: e = rnd.nextDouble(); s = 0; break;
                case 1: e = Math.exp(-rnd.nextDouble() * 40); s = rnd.nextDouble() * 3; break;
                // halfway cases: e an odd number of half ulps of s
                case 2: s = 1 + rnd.nextDouble(); e = Math.ulp(s) * (rnd.nextInt(1 << 20) + 0.5); break;
                case 3: s = rnd.nextDouble() * 1e-300; e = Double.MIN_VALUE * (1 + rnd.nextInt(1000)); break;
                default: s = rnd.nextDouble(); e = Math.ulp(s) * (0.25 + rnd.nextInt(4) * 0.25); break;
            }
            long r = rnd.nextInt(c % 7 == 0 ? 200_000 : 3000);
            double want = loop(s, e, r);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(RepeatedSum.add(s, e, r)),
                    () -> "s=" + s + " e=" + e + " r=" + r);
        }
    }

    @Test
    void firstFindsTheFirstSumPastTheTarget() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int c = 0; c < 2000; c++) {
            double s = rnd.nextDouble();
            double e = 1e-3 * rnd.nextDouble() + 1e-9;
            int max = 1 + rnd.nextInt(5000);
            double target = s + rnd.nextDouble() * e * max * 1.2;
            boolean strict = c % 2 == 0;
            long want = max + 1;
            double run = s;
            for (int t = 1; t <= max; t++) {
                run += e;
                if (strict ? run > target : run >= target) {
                    want = t;
                    break;
                }
            }
            assertEquals(want, RepeatedSum.first(s, e, max, target, strict));
        }
    }
}
