package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Token masks in {@code sample} (structured output): every draw must be the token of the float64
 * sort-based reference ({@link SelectionOracle}) run on the row with the disallowed tokens at -inf
 * (a {@code masked_fill}), for u over a grid, on every backend, from arrays, from direct buffers
 * in both byte orders and through the parallel form; and the same as the library's own unmasked
 * sample of that -inf row. The cases drive each path of {@code TokenMasks} and its boundaries:
 * no token allowed, one, exactly vocab / 16 (the last sparse count, gathered) and one more (the
 * first dense one: the scan skips the disallowed tokens, or the whole-row path without top-k),
 * most and all; masks of exactly ceil(vocab / 32) words, shorter ones (the rest disallowed) and
 * longer ones whose bits past the vocabulary are set (ignored); vocabularies at and around word
 * and lane boundaries (31, 33, 2047, 2048) and long rows; greedy, plain, top-k with top-p,
 * top-p alone, min-p, a bias lifting allowed and disallowed tokens above every logit, penalties.
 */
class MaskedSamplingTest {
    private static final int GRID = 16;

    private static float[] gaussianRow(int vocab, long seed) {
        Random r = new Random(seed);
        float[] x = new float[vocab];
        for (int j = 0; j < vocab; j++) {
            x[j] = (float) (2 * r.nextGaussian());
        }
        return x;
    }

    private static SamplingReference.Row row(double t, int k, double topP, double minP) {
        SamplingReference.Row p = new SamplingReference.Row();
        p.temperature = t;
        p.topK = k;
        p.topP = topP;
        p.minP = minP;
        return p;
    }

    /** The option sets every mask is drawn with. */
    private static List<SamplingReference.Row> options(int vocab) {
        List<SamplingReference.Row> all = new ArrayList<>();
        all.add(row(0, 0, 1, 0));          // greedy
        all.add(row(1, 0, 1, 0));          // plain
        all.add(row(0.7, 50, 0.9, 0));     // the serving setting
        all.add(row(1, 0, 0.9, 0));        // top-p alone
        all.add(row(1, 0, 1, 0.1));        // min-p alone
        SamplingReference.Row bias = row(1, 0, 0.95, 0);
        bias.bias = Map.of(1 % vocab, 100.0, (vocab / 2) % vocab, 100.0, (vocab - 1), 100.0);
        all.add(bias);
        SamplingReference.Row biasTopK = row(0.8, 20, 0.95, 0);
        biasTopK.bias = bias.bias;
        all.add(biasTopK);
        SamplingReference.Row pen = row(0.9, 40, 1, 0.02);
        pen.repetition = 1.3;
        pen.presence = 0.5;
        pen.history = new int[] {0, 3 % vocab, 3 % vocab, (vocab - 2) % vocab, vocab / 3};
        all.add(pen);
        return all;
    }

    private static String describe(SamplingReference.Row p) {
        return "T=" + p.temperature + " k=" + p.topK + " p=" + p.topP + " minP=" + p.minP
                + (p.bias.isEmpty() ? "" : " bias=" + p.bias.keySet())
                + (p.history.length == 0 ? "" : " history=" + Arrays.toString(p.history));
    }

    @Test
    void maskedDrawsAreTheReferenceDrawsOfTheRowWithTheDisallowedTokensAtMinusInfinity() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        int cases = 0;
        try {
            for (int vocab : new int[] {31, 33, 2047, 2048, 32000}) {
                float[] x = gaussianRow(vocab, vocab);
                int need = (vocab + 31) / 32;
                int[] counts = {0, 1, 7, vocab / 16, vocab / 16 + 1, vocab / 2, vocab - 1, vocab};
                List<SamplingReference.Row> opts = options(vocab);
                for (int ci = 0; ci < counts.length; ci++) {
                    int count = Math.min(counts[ci], vocab);
                    for (int oi = 0; oi < opts.size(); oi++) {
                        int variant = (ci + oi) % 3;
                        int words = variant == 0 ? need : variant == 1 ? Math.max(1, need / 2) : need + 2;
                        int[] m = TestMasks.random(vocab, count, words, 1000L * vocab + 10 * ci + oi);
                        compared += check(vocab + " allowed " + count + " words " + words + " "
                                + describe(opts.get(oi)), x, m, opts.get(oi), pool, wrong);
                        cases++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong of " + compared + " draws:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(30, wrong.size()))));
        assertTrue(compared > 10_000, "compared " + compared + " in " + cases + " cases");
    }

    /** Draws of one row and mask over the grid, every backend and memory kind; returns draws compared. */
    private static int check(String name, float[] x, int[] m, SamplingReference.Row p,
                             ExecutorService pool, List<String> wrong) {
        int vocab = x.length;
        int words = m.length;
        double[] maskedRow = new double[vocab];
        float[] maskedFloats = new float[vocab];
        for (int j = 0; j < vocab; j++) {
            maskedFloats[j] = TestMasks.allowed(m, j) ? x[j] : Float.NEGATIVE_INFINITY;
            maskedRow[j] = maskedFloats[j];
        }
        SelectionOracle.Prepared ref = SelectionOracle.prepare(maskedRow, p);
        double[] u = new double[GRID];
        int[] want = new int[GRID];
        boolean[] skip = new boolean[GRID];
        float[] tiled = new float[GRID * vocab];
        float[] tiledMasked = new float[GRID * vocab];
        int[] tiledMask = new int[GRID * words];
        for (int g = 0; g < GRID; g++) {
            u[g] = (g + 0.5) / GRID;
            SelectionOracle.Draw d = ref.draw(u[g]);
            want[g] = d.token;
            skip[g] = d.margin < 1e-9;
            System.arraycopy(x, 0, tiled, g * vocab, vocab);
            System.arraycopy(maskedFloats, 0, tiledMasked, g * vocab, vocab);
            System.arraycopy(m, 0, tiledMask, g * words, words);
        }
        SamplingOptions o = SelectionCalls.options(p);
        int compared = 0;
        for (Backend be : AllBackends.all()) {
            Ops ops = Logits4j.with(be);
            int[] got = new int[GRID];
            ops.sample(Tensor.of(tiled, GRID, vocab), Tensor.of(tiledMask, GRID, words), o,
                    Tensor.of(u), Tensor.of(got), null);
            int[] plain = new int[GRID];
            ops.sample(Tensor.of(tiledMasked, GRID, vocab), o, Tensor.of(u), Tensor.of(plain), null);
            int[] split = new int[GRID];
            ops.parallel(pool, 3).sample(Tensor.of(tiled, GRID, vocab),
                    Tensor.of(tiledMask, GRID, words), o, Tensor.of(u), Tensor.of(split), null);
            int bad = 0;
            for (int g = 0; g < GRID; g++) {
                if (got[g] >= 0 && !TestMasks.allowed(m, got[g])) {
                    wrong.add(name + " " + be.name() + " u=" + u[g] + ": disallowed token " + got[g]);
                }
                if (got[g] != plain[g] && bad++ < 2) {
                    wrong.add(name + " " + be.name() + " u=" + u[g] + ": masked " + got[g]
                            + " but the -inf row gives " + plain[g]);
                }
                if (split[g] != got[g] && bad++ < 2) {
                    wrong.add(name + " " + be.name() + " u=" + u[g] + ": parallel " + split[g]
                            + ", serial " + got[g]);
                }
                if (skip[g]) {
                    continue;
                }
                compared++;
                if (got[g] != want[g] && bad++ < 2) {
                    wrong.add(name + " " + be.name() + " u=" + u[g] + ": token " + got[g]
                            + ", reference " + want[g]);
                }
            }
            // one draw from direct memory: logits in each byte order, the mask a direct IntBuffer
            int g = GRID / 3;
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                ByteBuffer lb = ByteBuffer.allocateDirect(vocab * 4).order(order);
                lb.asFloatBuffer().put(x);
                IntBuffer mb = ByteBuffer.allocateDirect(words * 4).order(order).asIntBuffer();
                mb.put(m).flip();
                int[] one = new int[1];
                ops.sample(Tensor.of(lb, DType.F32, 1, vocab), Tensor.of(mb, 1, words), o,
                        Tensor.of(new double[] {u[g]}), Tensor.of(one), null);
                if (one[0] != got[g]) {
                    wrong.add(name + " " + be.name() + " " + order + " u=" + u[g] + ": " + one[0]
                            + ", array " + got[g]);
                }
            }
        }
        return compared;
    }

    /** A masked call on a thread leaves nothing behind: the next unmasked call is a fresh thread's. */
    @Test
    void aMaskedCallLeavesNoStateForTheNextCall() throws Exception {
        int vocab = 32000;
        float[] x = gaussianRow(vocab, 7);
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(40).withTopP(0.9);
        for (Backend be : AllBackends.all()) {
            Ops ops = Logits4j.with(be);
            int[] fresh = new int[8];
            double[] u = {0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.99};
            Thread t = new Thread(() -> ops.sample(Tensor.of(x, 1, vocab), o, Tensor.of(new double[] {u[0]}),
                    Tensor.of(fresh, 1), null));
            t.start();
            t.join();
            int[] onlyOne = TestMasks.random(vocab, 1, (vocab + 31) / 32, 3);
            int[] masked = new int[1];
            ops.sample(Tensor.of(x, 1, vocab), Tensor.of(onlyOne, 1, onlyOne.length), o,
                    Tensor.of(new double[] {u[0]}), Tensor.of(masked), null);
            assertTrue(TestMasks.allowed(onlyOne, masked[0]), "the one allowed token, got " + masked[0]);
            int[] after = new int[1];
            ops.sample(Tensor.of(x, 1, vocab), o, Tensor.of(new double[] {u[0]}), Tensor.of(after), null);
            assertEquals(fresh[0], after[0], be.name() + ": unmasked call after a masked one");
        }
    }

    @Test
    void badMasksAreRefusedNamingTheArgumentBeforeAnyWork() {
        float[] x = gaussianRow(100, 1);
        Tensor logits = Tensor.of(x, 2, 50);
        Tensor u = Tensor.of(new double[] {0.5, 0.5});
        int[] tokens = {-7, -7};
        Ops ops = Logits4j.ops();
        SamplingOptions o = SamplingOptions.DEFAULT;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.sample(logits, Tensor.of(new float[4], 2, 2), o, u, Tensor.of(tokens), null));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("F32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.sample(logits, Tensor.of(new int[6], 3, 2), o, u, Tensor.of(tokens), null));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("3 rows"), e.getMessage());
        assertThrows(NullPointerException.class,
                () -> ops.sample(logits, null, o, u, Tensor.of(tokens), null));
        int[] shared = new int[6];
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.sample(logits, Tensor.of(shared, 2, 2), o, u, Tensor.of(shared, 2, new int[] {2}), null));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("tokens"), e.getMessage());
        assertEquals(-7, tokens[0]);
        assertEquals(-7, tokens[1]);
    }

    /** A row allowing nothing (here: a one-word mask of zeros) has no distribution: -1, log-prob NaN. */
    @Test
    void aRowWithNothingAllowedHasNoDistributionAndNoLogProb() {
        int vocab = 4096;
        float[] x = gaussianRow(vocab, 9);
        for (Backend be : AllBackends.all()) {
            int[] tokens = {5, 5};
            float[] lp = {1, 1};
            Logits4j.with(be).sample(Tensor.of(concat(x, x), 2, vocab),
                    Tensor.of(new int[] {0, 0}, 2, 1), SamplingOptions.DEFAULT,
                    Tensor.of(new double[] {0.3, 0.7}), Tensor.of(tokens), Tensor.of(lp));
            assertEquals(-1, tokens[0], be.name());
            assertEquals(-1, tokens[1], be.name());
            assertTrue(Float.isNaN(lp[0]) && Float.isNaN(lp[1]), be.name() + " " + Arrays.toString(lp));
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
