package dev.logits4j.internal.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Issue 23, top-p without top-k over most of the vocabulary ({@link TopPMass}): for rows whose
 * top-p kept set is most of the row (flat, runs of ties, a late flood at the maximum, values
 * sharing their top bits, wide random rows), the token must be the whole-row pipeline's
 * ({@link Sampler#sampleRow}, today's answer for these rows) for every u, bit for bit: u on a
 * grid, at random, and the two doubles on either side of each draw boundary (where TopPMass may
 * decline: the pipeline's answer is then the whole row's by construction, and the test checks the
 * combined answer). Bias and penalties lifting and sinking tokens, token masks, float32, float64,
 * bfloat16 and float16 rows; the Java kernels and every native variant this CPU runs. On the grid
 * each case must be answered by TopPMass itself ({@code wk.massAnswered}); min-p must decline.
 */
class TopPMassTest {
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

    /** A row case: its logits in one dtype, options, an optional mask. */
    private static final class Case {
        final String name;
        final DType type;
        final Object x;
        final SamplingParams p;
        int[] mask;
        boolean declines;

        Case(String name, DType type, Object x, SamplingParams p) {
            this.name = name;
            this.type = type;
            this.x = x;
            this.p = p;
        }
    }

    private static SamplingParams params(double t, double topP, double minP, double rep, double pres,
                                         int[] history, int[] biasIds, double[] biasValues) {
        return new SamplingParams(1, N, new double[] {t}, new int[] {0}, new double[] {topP},
                new double[] {minP}, new double[] {rep}, new double[] {pres}, new double[] {0},
                new int[] {0, history.length}, history, new int[] {0, biasIds.length}, biasIds, biasValues);
    }

    private static SamplingParams params(double t, double topP) {
        return params(t, topP, 0, 1, 0, new int[0], new int[0], new double[0]);
    }

    /** The row as float32, float64 and bfloat16 (truncated: both paths read the same bits). */
    private static void addTypes(List<Case> cs, String name, float[] x, SamplingParams p, int[] mask) {
        double[] d = new double[N];
        short[] bf = new short[N];
        for (int j = 0; j < N; j++) {
            d[j] = x[j];
            bf[j] = (short) (Float.floatToRawIntBits(x[j]) >>> 16);
        }
        Object[] xs = {x, d, bf};
        DType[] ts = {DType.F32, DType.F64, DType.BF16};
        for (int i = 0; i < 3; i++) {
            Case c = new Case(name + " " + ts[i], ts[i], xs[i], p);
            c.mask = mask;
            cs.add(c);
        }
    }

    private static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(23);
        float[] flat = new float[N];
        for (int j = 0; j < N; j++) {
            flat[j] = (float) (r.nextDouble() * 1e-3);
        }
        addTypes(cs, "flat T0.7 p0.9", flat, params(0.7, 0.9), null);
        addTypes(cs, "flat T1 p0.5", flat, params(1, 0.5), null);
        addTypes(cs, "flat T2 p0.999", flat, params(2, 0.999), null);
        float[] ascTies = new float[N];
        for (int j = 0; j < N; j++) {
            ascTies[j] = (j / 26) * 1e-5f;
        }
        addTypes(cs, "ascTies T0.7 p0.9", ascTies, params(0.7, 0.9), null);
        float[] late = new float[N];
        float top = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < N; j++) {
            late[j] = (float) r.nextGaussian();
            top = Math.max(top, late[j]);
        }
        for (int j = N - N / 4; j < N; j++) {
            late[j] = top + 1;
        }
        addTypes(cs, "lateFlood T0.7 p0.9", late, params(0.7, 0.9), null);
        addTypes(cs, "lateFlood T5 p0.999", late, params(5, 0.999), null);
        float[] shared = new float[N];
        for (int j = 0; j < N; j++) {
            shared[j] = Float.intBitsToFloat(0x40000000 | r.nextInt(8));
        }
        addTypes(cs, "sharedBits T0.7 p0.9", shared, params(0.7, 0.9), null);
        addTypes(cs, "sharedBits T0.7 p0.3", shared, params(0.7, 0.3), null);
        float[] wide = new float[N];
        for (int j = 0; j < N; j++) {
            wide[j] = (float) (r.nextGaussian() * 0.1);
        }
        addTypes(cs, "random N(0, 0.01) T1 p0.9", wide, params(1, 0.9), null);
        // bias lifting tokens far above the row and to just above it, sinking one to the bottom;
        // repetition and presence over a history of 300 ids (some repeated)
        int[] history = new int[300];
        for (int e = 0; e < history.length; e++) {
            history[e] = (int) ((e * 7919L) % N) / (e % 4 == 0 ? 2 : 1);
        }
        addTypes(cs, "flat bias", flat, params(0.7, 0.9, 0, 1, 0, new int[0],
                new int[] {5, 100, 7, 30000, 5}, new double[] {3, -2, 0.0005, -1e9, 0.25}), null);
        addTypes(cs, "flat hist300 rep1.1 pres0.0001", flat, params(0.7, 0.9, 0, 1.1, 1e-4, history,
                new int[0], new double[0]), null);
        addTypes(cs, "sharedBits hist300 bias", shared, params(0.7, 0.8, 0, 1.2, 0, history,
                new int[] {9, 10}, new double[] {1e-6, -1e-6}), null);
        // a mask disallowing a tenth of the row (a biased token among them)
        int[] mask = new int[(N + 31) >>> 5];
        SplittableRandom mr = new SplittableRandom(9);
        for (int j = 0; j < N; j++) {
            if (mr.nextInt(10) != 0 || j == 100) {
                mask[j >>> 5] |= 1 << (j & 31);
            }
        }
        addTypes(cs, "flat masked bias", flat, params(0.7, 0.9, 0, 1, 0, new int[0],
                new int[] {5, 100}, new double[] {3, 0.0002}), mask);
        addTypes(cs, "lateFlood masked", late, params(0.7, 0.95), mask);
        // float16: random bits of positive normal values in [2^-3, 2^-2)
        short[] half = new short[N];
        for (int j = 0; j < N; j++) {
            half[j] = (short) ((12 << 10) | r.nextInt(1 << 10));
        }
        cs.add(new Case("flat F16 T0.7 p0.9", DType.F16, half, params(0.7, 0.9)));
        short[] halfTies = new short[N];
        for (int j = 0; j < N; j++) {
            halfTies[j] = (short) ((12 << 10) | (j / 64));
        }
        cs.add(new Case("ascTies F16 T0.1 p0.6", DType.F16, halfTies, params(0.1, 0.6)));
        // min-p is not handled: declines
        Case minP = new Case("flat p0.9 minp0.5 (declines)", DType.F32, flat,
                params(0.7, 0.9, 0.5, 1, 0, new int[0], new int[0], new double[0]));
        minP.declines = true;
        cs.add(minP);
        return cs;
    }

    /** A grid, random ones, the largest double below 1. */
    private static double[] us(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[60];
        for (int i = 0; i < 40; i++) {
            u[i] = i / 40.0;
        }
        for (int i = 40; i < u.length; i++) {
            u[i] = r.nextDouble();
        }
        u[u.length - 1] = Math.nextDown(1.0);
        return u;
    }

    /** The candidate path (TopPMass where the scans give up): a token or WHOLE_ROW. */
    private static int candidates(Kernels kern, SelectWork.Work wk, Case c, double u) {
        wk.masked = c.mask != null;
        wk.scanSkip = null;
        wk.distributionOnly = false;
        wk.massAnswered = false;
        Sampler.overrideTokens(wk, c.p, 0);
        if (c.mask != null) {
            assertNotEquals(0, TokenMasks.load(wk, c.mask, 0, c.mask.length, N, 0));
            return TokenMasks.sample(kern, wk, c.type, c.x, 0, N, c.p, 0, u);
        }
        return Sampler.sampleByCandidates(kern, wk, c.type, c.x, 0, N, c.p, 0, u);
    }

    private static int wholeRow(SelectWork.Work wk, Case c, double u) {
        Elements.readRow(c.type, c.x, 0, 1, N, wk.row);
        if (c.mask != null) {
            TokenMasks.maskRow(wk, N);
        }
        return Sampler.sampleRow(wk, N, c.p, 0, u);
    }

    /** The pipeline's answer: the candidate path's, or the whole row's where it declines. */
    private static int answer(Kernels kern, SelectWork.Work wk, Case c, double u) {
        int got = candidates(kern, wk, c, u);
        return got == Sampler.WHOLE_ROW ? wholeRow(wk, c, u) : got;
    }

    @Test
    void topPMassDrawsTheWholeRowsToken() {
        int compared = 0;
        int answered = 0;
        int boundaryDeclines = 0;
        for (Kernels kern : kernels()) {
            for (Case c : cases()) {
                SelectWork.Work wk = SelectWork.WORK.acquire().size(N, 0);
                try {
                    List<Double> boundaries = new ArrayList<>();
                    int taken = 0;
                    int tried = 0;
                    int lastToken = Integer.MIN_VALUE;
                    double lastU = 0;
                    for (double u : us(c.name.hashCode())) {
                        int got = candidates(kern, wk, c, u);
                        if (c.declines) {
                            assertFalse(wk.massAnswered, c.name + " must decline");
                        }
                        taken += wk.massAnswered ? 1 : 0;
                        tried++;
                        if (got == Sampler.WHOLE_ROW) {
                            got = wholeRow(wk, c, u);
                        } else {
                            answered += wk.massAnswered ? 1 : 0;
                        }
                        int want = wholeRow(wk, c, u);
                        final int g = got;
                        assertEquals(want, g, () -> kern.name() + " " + c.name + " u=" + u);
                        compared++;
                        if (u >= lastU && got != lastToken && lastToken != Integer.MIN_VALUE
                                && boundaries.size() < 6) {
                            boundaries.add(u);
                        }
                        lastToken = got;
                        lastU = u;
                    }
                    // TopPMass itself answers, except a u whose u S_kept lies within its margin
                    // of a running sum (a flood of weight-1 ties makes S_kept an integer, and
                    // some grid u land exactly on a boundary) and the u at nextDown(1)
                    if (!c.declines) {
                        final int tk = taken;
                        final int tr = tried;
                        assertTrue(tk >= tr - 8, () -> kern.name() + " " + c.name + ": TopPMass answered "
                                + tk + " of " + tr);
                    }
                    // each boundary between grid points refined to the two doubles around it
                    for (double hi : boundaries) {
                        double lo = hi - 1 / 40.0;
                        int tokLo = wholeRow(wk, c, lo);
                        for (int it = 0; it < 64 && Math.nextUp(lo) < hi; it++) {
                            double mid = lo + (hi - lo) / 2;
                            if (wholeRow(wk, c, mid) == tokLo) {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                        for (double u : new double[] {lo, hi, lo - 1e-7, hi + 1e-7}) {
                            int want = wholeRow(wk, c, u);
                            int got = answer(kern, wk, c, u);
                            boundaryDeclines += wk.massAnswered ? 0 : 1;
                            assertEquals(want, got, () -> kern.name() + " " + c.name + " at a boundary u=" + u);
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
        assertTrue(compared > 1000, "compared " + compared);
        assertTrue(answered > 800, "answered by TopPMass " + answered);
        // the doubles right at a boundary are too close to certify: TopPMass declines them
        assertTrue(boundaryDeclines > 0, "boundary declines " + boundaryDeclines);
    }
}
