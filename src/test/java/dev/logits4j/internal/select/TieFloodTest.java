package dev.logits4j.internal.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.Backend;
import dev.logits4j.DType;
import dev.logits4j.internal.javaimpl.JavaKernels;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.nativeimpl.VariantTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, tie floods under top-k ({@link TieFlood}): for rows whose k-th value is tied by
 * thousands of tokens, the compressed path's token must be the whole-row pipeline's
 * ({@link Sampler#sampleRow}, today's answer for these rows) for every u, bit for bit: the same
 * token for u on a fine grid and at random, and at u placed just on either side of the draw's
 * boundaries. Floods at the k-th value, at the maximum, straddling the top-p cut; bias and
 * penalties lifting tokens above the flood and pulling members out of it; token masks; float32 and
 * bfloat16 rows; the Java kernels and every native variant this CPU runs. Each case must take the
 * compressed path (not decline to the whole row), except a changed token placed exactly at the
 * flood's value, which must decline.
 */
class TieFloodTest {
    private static final int N = 32768;

    private static List<Kernels> kernels() {
        List<Kernels> all = new ArrayList<>(List.of(JavaKernels.SCALAR));
        try {
            Backend.nativeVariant("auto");
        } catch (IllegalStateException e) {
            return all;   // no native library in this build
        }
        int features = NativeKernels.cpuFeatures();
        for (VariantTable.Variant v : VariantTable.all()) {
            if (VariantTable.supported(v, features)) {
                all.add(NativeKernels.of(v));
            }
        }
        return all;
    }

    /** A row case: logits (float32 values exact in bfloat16), options, and an optional mask. */
    private static final class Case {
        final String name;
        final float[] x;
        final SamplingParams p;
        int[] mask;
        boolean declines;

        Case(String name, float[] x, SamplingParams p) {
            this.name = name;
            this.x = x;
            this.p = p;
        }
    }

    private static float bf(double v) {
        return Float.intBitsToFloat(Float.floatToRawIntBits((float) v) & 0xffff0000);
    }

    private static SamplingParams params(double t, int k, double topP, double minP, double rep, double pres,
                                         int[] history, int[] biasIds, double[] biasValues) {
        return new SamplingParams(1, N, new double[] {t}, new int[] {k}, new double[] {topP},
                new double[] {minP}, new double[] {rep}, new double[] {pres}, new double[] {0},
                new int[] {0, history.length}, history, new int[] {0, biasIds.length}, biasIds, biasValues);
    }

    /**
     * Random logits below {@code flood}, {@code above} tokens above it (spread by up to
     * {@code spread}), and {@code members} tokens at it, at random positions.
     */
    private static float[] row(long seed, float flood, int above, double spread, int members) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[N];
        for (int j = 0; j < N; j++) {
            x[j] = bf(flood - 0.5 - r.nextDouble() * 4);
        }
        for (int c = 0; c < members; c++) {
            x[r.nextInt(N)] = flood;
        }
        for (int c = 0; c < above; c++) {
            x[r.nextInt(N)] = bf(flood + 0.01 + r.nextDouble() * spread);
        }
        return x;
    }

    private static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        int[] none = new int[0];
        double[] noValues = new double[0];
        float f = bf(1.25);
        // flood at the k-th value: 20 tokens above, 6000 at it; top-p cuts inside the class
        float[] kth = row(1, f, 20, 1.0, 6000);
        cs.add(new Case("kth k50 p0.9 T0.7", kth, params(0.7, 50, 0.9, 0, 1, 0, none, none, noValues)));
        cs.add(new Case("kth k50 T1", kth, params(1, 50, 1, 0, 1, 0, none, none, noValues)));
        cs.add(new Case("kth k50 p0.5 minp0.01", kth, params(1, 50, 0.5, 0.01, 1, 0, none, none, noValues)));
        // the class under min-p: all or nothing
        cs.add(new Case("kth k50 minp0.5 (class out)", kth, params(1, 50, 1, 0.5, 1, 0, none, none, noValues)));
        // top-p that ends among the explicit tokens (class dropped), and one that keeps nearly all
        float[] steep = row(2, f, 30, 6.0, 5000);
        cs.add(new Case("steep k50 p0.3", steep, params(0.5, 50, 0.3, 0, 1, 0, none, none, noValues)));
        cs.add(new Case("steep k50 p0.999", steep, params(2, 50, 0.999, 0, 1, 0, none, none, noValues)));
        // flood at the maximum (late in the row, as SelectionBench's lateFlood)
        float[] late = row(3, f, 0, 0, 0);
        for (int j = N * 3 / 4; j < N; j++) {
            late[j] = f;
        }
        cs.add(new Case("late flood at max k50 p0.9", late, params(0.7, 50, 0.9, 0, 1, 0, none, none, noValues)));
        cs.add(new Case("late flood at max k50 p0.999999", late, params(0.7, 50, 0.999999, 0, 1, 0, none, none, noValues)));
        // values sharing their top bits, as sharedBits: 8 values, 1/8 of the row each
        SplittableRandom r = new SplittableRandom(4);
        float[] shared = new float[N];
        for (int j = 0; j < N; j++) {
            shared[j] = Float.intBitsToFloat(0x40000000 | (r.nextInt(8) << 16));   // exact in bfloat16
        }
        cs.add(new Case("sharedBits k50 p0.9", shared, params(0.7, 50, 0.9, 0, 1, 0, none, none, noValues)));
        // bias lifting 3 tokens above the flood (one a member), and pulling 2 members out of it
        int[] members = new int[5];
        for (int j = 0, c = 0; c < 5; j++) {
            if (kth[j] == f) {
                members[c++] = j;
            }
        }
        cs.add(new Case("bias around the flood", kth, params(0.7, 50, 0.9, 0, 1, 0, none,
                new int[] {members[0], 7, members[1], members[2], 11}, new double[] {3, 5, -2, -0.5, 0.02})));
        // penalties: a history of 300 ids over members and explicit tokens (repetition 1.1)
        int[] history = new int[300];
        for (int e = 0; e < history.length; e++) {
            history[e] = e % 3 == 0 ? members[e % 5] : (int) ((e * 7919L) % N);
        }
        cs.add(new Case("k50 hist300 rep1.1", kth, params(0.7, 50, 0.9, 0, 1.1, 0, history, none, noValues)));
        cs.add(new Case("late k50 hist300 pres0.5", late, params(0.7, 50, 0.9, 0, 1, 0.5, history, none, noValues)));
        // a mask that disallows a tenth of the row, members and explicit tokens included
        Case masked = new Case("kth k50 p0.9 masked", kth, params(0.7, 50, 0.9, 0, 1, 0, none,
                new int[] {members[3]}, new double[] {1}));
        masked.mask = new int[(N + 31) >>> 5];
        SplittableRandom mr = new SplittableRandom(9);
        for (int j = 0; j < N; j++) {
            if (mr.nextInt(10) != 0 && j != members[4]) {
                masked.mask[j >>> 5] |= 1 << (j & 31);
            }
        }
        cs.add(masked);
        // a biased token placed exactly at the flood's value: the compressed path declines
        Case decline = new Case("bias onto the flood value", kth, params(0.7, 50, 0.9, 0, 1, 0, none,
                new int[] {7}, new double[] {f - kth[7]}));
        decline.declines = kth[7] + (f - kth[7]) == f;
        cs.add(decline);
        return cs;
    }

    /** The u to try: a grid, random ones, and the two doubles around each draw boundary found. */
    private static double[] us(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[80];
        for (int i = 0; i < 60; i++) {
            u[i] = i / 60.0;
        }
        for (int i = 60; i < u.length; i++) {
            u[i] = r.nextDouble();
        }
        u[u.length - 1] = Math.nextDown(1.0);
        return u;
    }

    private static int flooded(Kernels kern, SelectWork.Work wk, DType type, Object x, Case c, double u) {
        wk.masked = c.mask != null;
        wk.scanSkip = null;
        wk.distributionOnly = false;
        Sampler.overrideTokens(wk, c.p, 0);
        if (c.mask != null) {
            assertNotEquals(0, TokenMasks.load(wk, c.mask, 0, c.mask.length, N, 0));
            return TokenMasks.sample(kern, wk, type, x, 0, N, c.p, 0, u);
        }
        return Sampler.sampleByCandidates(kern, wk, type, x, 0, N, c.p, 0, u);
    }

    private static int wholeRow(SelectWork.Work wk, DType type, Object x, Case c, double u) {
        Elements.readRow(type, x, 0, 1, N, wk.row);
        if (c.mask != null) {
            TokenMasks.maskRow(wk, N);
        }
        return Sampler.sampleRow(wk, N, c.p, 0, u);
    }

    @Test
    void theCompressedFloodDrawsTheWholeRowsToken() {
        int compared = 0;
        for (Kernels kern : kernels()) {
            for (Case c : cases()) {
                short[] half = new short[N];
                for (int j = 0; j < N; j++) {
                    half[j] = (short) (Float.floatToRawIntBits(c.x[j]) >>> 16);
                }
                Object[] xs = {c.x, half};
                DType[] types = {DType.F32, DType.BF16};
                for (int tt = 0; tt < 2; tt++) {
                    final int t = tt;
                    SelectWork.Work wk = SelectWork.WORK.acquire().size(N, 0);
                    try {
                        List<Double> boundaries = new ArrayList<>();
                        int lastToken = Integer.MIN_VALUE;
                        double lastU = 0;
                        for (double u : us(c.name.hashCode())) {
                            int got = flooded(kern, wk, types[t], xs[t], c, u);
                            if (c.declines) {
                                assertEquals(Sampler.WHOLE_ROW, got, c.name + " must decline");
                                break;
                            }
                            int want = wholeRow(wk, types[t], xs[t], c, u);
                            assertEquals(want, got, () -> kern.name() + " " + types[t] + " " + c.name + " u=" + u);
                            compared++;
                            if (u >= lastU && got != lastToken && lastToken != Integer.MIN_VALUE
                                    && boundaries.size() < 6) {
                                boundaries.add(u);
                            }
                            lastToken = got;
                            lastU = u;
                        }
                        // refine each boundary between grid points to the two doubles around it
                        for (double hi : boundaries) {
                            double lo = hi - 1 / 60.0;
                            int tokLo = wholeRow(wk, types[t], xs[t], c, lo);
                            for (int it = 0; it < 64 && Math.nextUp(lo) < hi; it++) {
                                double mid = lo + (hi - lo) / 2;
                                if (wholeRow(wk, types[t], xs[t], c, mid) == tokLo) {
                                    lo = mid;
                                } else {
                                    hi = mid;
                                }
                            }
                            for (double u : new double[] {lo, hi}) {
                                int want = wholeRow(wk, types[t], xs[t], c, u);
                                int got = flooded(kern, wk, types[t], xs[t], c, u);
                                assertEquals(want, got, () -> kern.name() + " " + types[t] + " " + c.name
                                        + " at a boundary u=" + u);
                                compared++;
                            }
                        }
                    } finally {
                        wk.masked = false;
                        wk.scanSkip = null;
                        SelectWork.WORK.release(wk.kept());
                    }
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }
}
