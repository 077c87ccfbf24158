package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.SelectionCalls.Input;
import dev.logits4j.SelectionCalls.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, finding 2 (reproducer {@code BiasTopP.java}): a logit bias of +100 on three tokens
 * with top-p 0.95 (or min-p 0.05) and no top-k, on a vocabulary of 32000, drew the largest of the
 * three for every u instead of each with its probability (34 / 25 / 41 %). The sampling path
 * without top-k takes the candidates of the raw row and must merge the biased and penalised
 * tokens, which may now lie above every raw value (bias, a repetition penalty below 1 on positive
 * logits, negative presence or frequency penalties) or below every raw value.
 *
 * <p>Each case draws with u spread evenly over [0, 1) on every backend (a batch of copies of the
 * row, one u each, and single rows from direct buffers in both byte orders);
 * every draw must be the token of the float64 sort-based reference ({@link SelectionOracle}) for
 * that u (draws within 1e-9 of a boundary are skipped and counted), so the tokens' shares are
 * right too. Vocabularies 2047 (the whole-row path), 2048, 4096 and 32000 (the candidate scan).
 * Also two cases the fuzzer found: tokens penalised inside a flood of tied maxima under min-p, and
 * a token biased into the top but below the maximum.
 */
class LiftedTokensSamplingTest {
    private static final int GRID = 40;
    /** (top-p, min-p) pairs without top-k: each alone, both, and neither. */
    private static final double[][] TOP_P_MIN_P = {{0.9, 0}, {1, 0.1}, {0.5, 0.05}, {1, 0}};

    /** One row of gaussian logits of the given size (seeded), as BiasTopP builds it. */
    private static float[] gaussianRow(int vocab, long seed) {
        Random r = new Random(seed);
        float[] x = new float[vocab];
        for (int j = 0; j < vocab; j++) {
            x[j] = (float) r.nextGaussian();
        }
        return x;
    }

    /**
     * Draws at {@code GRID} evenly spaced u on every backend; each must be the reference's token.
     * All u in one call (a batch of {@code GRID} copies of the row) from an array, and every tenth
     * u alone from direct buffers in both byte orders. Returns how many draws were compared.
     */
    private static int drawsFollowTheReference(String name, float[] x, SamplingReference.Row p) {
        int vocab = x.length;
        double[] row = Input.ofFloats(1, vocab, x).row(0);
        SelectionOracle.Prepared ref = SelectionOracle.prepare(row, p);
        double[] u = new double[GRID];
        long[] want = new long[GRID];
        boolean[] skip = new boolean[GRID];
        TreeMap<Long, Integer> shares = new TreeMap<>();
        float[] tiled = new float[GRID * vocab];
        for (int g = 0; g < GRID; g++) {
            u[g] = (g + 0.5) / GRID;
            SelectionOracle.Draw d = ref.draw(u[g]);
            want[g] = d.token;
            skip[g] = d.margin < 1e-9;
            shares.merge((long) d.token, 1, Integer::sum);
            System.arraycopy(x, 0, tiled, g * vocab, vocab);
        }
        Input batch = Input.ofFloats(GRID, vocab, tiled);
        Input single = Input.ofFloats(1, vocab, x);
        SamplingOptions o = SelectionCalls.options(p);
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (Backend be : AllBackends.all()) {
            LegacyOps ops = Legacy.with(be);
            long[] got = SelectionCalls.sample(ops, Memory.FLOAT_ARRAY, batch, o, u, false).tokens;
            TreeMap<Long, Integer> drawn = new TreeMap<>();
            int bad = 0;
            for (int g = 0; g < GRID; g++) {
                drawn.merge(got[g], 1, Integer::sum);
                if (skip[g]) {
                    continue;
                }
                compared++;
                if (got[g] != want[g] && bad++ < 3) {
                    wrong.add(be.name() + " u=" + u[g] + ": token " + got[g] + ", want " + want[g]);
                }
                if (g % 10 == 5) {
                    for (Memory m : new Memory[] {Memory.FLOAT_DIRECT_NATIVE_ORDER, Memory.FLOAT_DIRECT_BIG_ENDIAN}) {
                        long t = SelectionCalls.sample(ops, m, single, o, new double[] {u[g]}, true).tokens[0];
                        compared++;
                        if (t != want[g] && bad++ < 3) {
                            wrong.add(be.name() + " " + m + " u=" + u[g] + ": token " + t + ", want " + want[g]);
                        }
                    }
                }
            }
            if (bad > 0) {
                wrong.add(be.name() + ": " + bad + " wrong; tokens over the grid " + drawn + ", reference " + shares);
            }
        }
        assertTrue(wrong.isEmpty(), name + " vocab " + vocab + " " + SelectionCalls.describe(p) + ":\n  "
                + String.join("\n  ", wrong));
        return compared;
    }

    @Test
    void threeTokensBiasedAboveEveryOtherShareTheDrawsUnderTopPAndMinP() {
        int compared = 0;
        for (int vocab : new int[] {2047, 2048, 4096, 32000}) {
            float[] x = gaussianRow(vocab, 42);
            x[100] = 0.3f;
            x[200] = 0.0f;
            x[300] = 0.5f;
            Map<Integer, Double> bias = Map.of(100, 100.0, 200, 100.0, 300, 100.0);
            SamplingReference.Row topP = new SamplingReference.Row();
            topP.bias = bias;
            topP.topP = 0.95;
            SamplingReference.Row minP = new SamplingReference.Row();
            minP.bias = bias;
            minP.minP = 0.05;
            SamplingReference.Row both = new SamplingReference.Row();
            both.bias = bias;
            both.topP = 0.9;
            both.minP = 0.3;
            both.temperature = 0.7;
            SamplingReference.Row withTopK = new SamplingReference.Row();
            withTopK.bias = bias;
            withTopK.topP = 0.95;
            withTopK.topK = 50;
            for (SamplingReference.Row p : new SamplingReference.Row[] {topP, minP, both, withTopK}) {
                compared += drawsFollowTheReference("bias +100 on 3 tokens", x, p);
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    /**
     * A history that changes most of the row under top-k (more distinct tokens than a quarter of
     * the vocabulary: the scan skips them all and keeps k of the rest), with penalties that push
     * some changed tokens down and lift others (repetition < 1 on positive logits) past the
     * unchanged ones, and every token of the row's top changed.
     */
    @Test
    void aHistoryThatChangesMostOfTheRowUnderTopK() {
        int compared = 0;
        for (int vocab : new int[] {2048, 4096, 32000}) {
            float[] x = gaussianRow(vocab, 7);
            Random r = new Random(vocab);
            int[] history = new int[vocab * 3 / 4];
            for (int e = 0; e < history.length; e++) {
                history[e] = e < 64 ? e * (vocab / 64) : r.nextInt(vocab);   // the top, and most of the rest
            }
            for (double rep : new double[] {1.3, 0.8}) {
                SamplingReference.Row p = new SamplingReference.Row();
                p.history = history;
                p.repetition = rep;
                p.frequency = 0.05;
                p.topK = 40;
                p.topP = 0.9;
                p.temperature = 0.8;
                compared += drawsFollowTheReference("history over 3/4 of the row, repetition " + rep, x, p);
            }
        }
        assertTrue(compared > 200, "compared " + compared);
    }

    @Test
    void penaltiesThatLiftTokensAboveEveryRawValue() {
        int compared = 0;
        for (int vocab : new int[] {2047, 4096, 32000}) {
            float[] x = gaussianRow(vocab, 7);
            // history tokens with positive logits: a repetition penalty r < 1 divides them by r
            int[] positive = new int[6];
            for (int j = 0, c = 0; c < positive.length; j += 97) {   // spread over the row (enough of them)
                if (x[j] > 0.2f) {
                    positive[c++] = j;
                }
            }
            int[] repeated = {positive[0], positive[1], positive[1], positive[2], positive[2], positive[2]};
            List<SamplingReference.Row> cases = new ArrayList<>();
            for (double[] pm : TOP_P_MIN_P) {
                double topP = pm[0];
                double minP = pm[1];
                SamplingReference.Row rep = new SamplingReference.Row();
                rep.history = positive;
                rep.repetition = 0.05;           // x / 0.05: 20 times a positive logit
                rep.topP = topP;
                rep.minP = minP;
                cases.add(rep);
                SamplingReference.Row presence = new SamplingReference.Row();
                presence.history = repeated;
                presence.presence = -12;         // x + 12, above every raw value
                presence.topP = topP;
                presence.minP = minP;
                cases.add(presence);
                SamplingReference.Row frequency = new SamplingReference.Row();
                frequency.history = repeated;
                frequency.frequency = -4.5;      // x + 4.5 count: 1, 2 or 3 times
                frequency.temperature = 1.5;
                frequency.topP = topP;
                frequency.minP = minP;
                cases.add(frequency);
            }
            SamplingReference.Row greedy = new SamplingReference.Row();
            greedy.history = repeated;
            greedy.presence = -12;
            greedy.temperature = 0;
            cases.add(greedy);
            SamplingReference.Row smallTopK = new SamplingReference.Row();
            smallTopK.history = positive;
            smallTopK.repetition = 0.05;
            smallTopK.topK = 3;
            cases.add(smallTopK);
            for (SamplingReference.Row p : cases) {
                compared += drawsFollowTheReference("penalties lifting tokens", x, p);
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    @Test
    void biasAndPenaltiesThatPushTheTopTokensBelowEveryRawValue() {
        int compared = 0;
        for (int vocab : new int[] {2047, 4096, 32000}) {
            float[] x = gaussianRow(vocab, 11);
            Integer[] order = new Integer[vocab];
            for (int j = 0; j < vocab; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Float.compare(x[b], x[a]));
            Map<Integer, Double> down = new HashMap<>();
            int[] topHistory = new int[8];
            for (int j = 0; j < 8; j++) {
                down.put(order[j], j % 3 == 0 ? Double.NEGATIVE_INFINITY : -100.0);
                topHistory[j] = order[j];
            }
            // two tokens from the middle lifted to the top, the raw top pushed below everything
            Map<Integer, Double> swap = new HashMap<>(down);
            swap.put(order[vocab / 2], 6.0);
            swap.put(order[vocab / 3], 5.5);
            List<SamplingReference.Row> cases = new ArrayList<>();
            for (double[] pm : TOP_P_MIN_P) {
                double topP = pm[0];
                double minP = pm[1];
                SamplingReference.Row bias = new SamplingReference.Row();
                bias.bias = down;
                bias.topP = topP;
                bias.minP = minP;
                cases.add(bias);
                SamplingReference.Row swapped = new SamplingReference.Row();
                swapped.bias = swap;
                swapped.topP = topP;
                swapped.minP = minP;
                cases.add(swapped);
                SamplingReference.Row penalties = new SamplingReference.Row();
                penalties.history = topHistory;
                penalties.repetition = 50;       // positive top logits / 50, then - 20
                penalties.presence = 20;
                penalties.topP = topP;
                penalties.minP = minP;
                cases.add(penalties);
            }
            SamplingReference.Row greedy = new SamplingReference.Row();
            greedy.bias = swap;
            greedy.temperature = 0;
            cases.add(greedy);
            SamplingReference.Row topK = new SamplingReference.Row();
            topK.bias = down;
            topK.topK = 5;
            cases.add(topK);
            for (SamplingReference.Row p : cases) {
                compared += drawsFollowTheReference("tokens pushed down", x, p);
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    /**
     * Found by SelectionDifferentialFuzzTest (seed 777, case 8478): 64 tied maxima at the start of
     * a descending staircase, some of them penalised to a weight just above min-p; min-p alone
     * keeps the flood, the penalised tokens with their own weights. The candidate path (2048 and
     * more tokens) drew from the wrong sum; 2047 tokens (the whole-row path) are right.
     */
    @Test
    void penalisedTokensInsideAFloodOfTiedMaximaUnderMinP() {
        int compared = 0;
        for (int vocab : new int[] {2047, 2048, 4096}) {
            float[] x = new float[vocab];
            for (int i = 0; i < vocab; i++) {
                x[i] = 30 - (i / 64);
            }
            for (int[] history : new int[][] {{14}, {14, 17, 17, 28, 58}, {14, 700}}) {
                for (double minP : new double[] {0.5, 0.52}) {
                    SamplingReference.Row p = new SamplingReference.Row();
                    p.history = history;
                    p.presence = 0.6;            // weight e^-0.6 = 0.55, inside min-p
                    p.minP = minP;
                    compared += drawsFollowTheReference("a penalised token among 64 tied maxima", x, p);
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    /**
     * Found by SelectionDifferentialFuzzTest (seed 777, case 12978): a token biased from the
     * middle of the row to just below the maximum (not above every raw value), with top-p and
     * min-p that keep the two of them.
     */
    @Test
    void aTokenBiasedIntoTheTopBelowTheMaximum() {
        int compared = 0;
        for (int vocab : new int[] {2047, 4111, 32000}) {
            float[] x = gaussianRow(vocab, 13);
            for (int i = 0; i < vocab; i++) {
                x[i] = Math.min(x[i], 4f);
            }
            x[vocab - 1] = 5f;
            int t = vocab / 3;
            x[t] = 1.25f;
            for (double[] pm : new double[][] {{0.1, 0.5}, {1, 0.5}, {0.3, 0}}) {
                SamplingReference.Row p = new SamplingReference.Row();
                p.bias = Map.of(t, 3.25);       // 4.5: weight e^-0.5 = 0.61 beside the maximum's 1
                p.topP = pm[0];
                p.minP = pm[1];
                compared += drawsFollowTheReference("a token biased to just below the maximum", x, p);
            }
        }
        assertTrue(compared > 300, "compared " + compared);
    }
}
