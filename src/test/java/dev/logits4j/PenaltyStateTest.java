package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Incremental penalty states: sampling with {@code withPenaltyStates} (the tokens accepted one by
 * one) draws exactly what the float64 reference draws for the same history, and what the
 * copied-history options draw, on every backend, per-row states, the parallel form, the candidate
 * scan (long rows) and the whole-row path (short rows); the state's counts against a HashMap
 * through its hash table's growth.
 */
class PenaltyStateTest {
    @Test
    void statesDrawWhatTheReferenceAndTheCopiedHistoryDraw() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Random r = new Random(8);
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        try {
            for (int vocab : new int[] {50, 2048, 32000}) {
                int rows = 4;
                float[] x = new float[rows * vocab];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * 2);
                }
                int[][] hist = new int[rows][];
                PenaltyState[] states = new PenaltyState[rows];
                for (int b = 0; b < rows; b++) {
                    int len = b == 0 ? 0 : 1 + r.nextInt(b == 3 ? 3000 : 200);
                    hist[b] = new int[len];
                    states[b] = new PenaltyState(vocab);
                    for (int i = 0; i < len; i++) {
                        // half from the row's top tokens: they change the top-k
                        int best = 0;
                        for (int j = 1; j < Math.min(vocab, 64); j++) {
                            best = x[b * vocab + j] > x[b * vocab + best] ? j : best;
                        }
                        hist[b][i] = r.nextBoolean() ? best : r.nextInt(vocab);
                        states[b].accept(hist[b][i]);
                    }
                }
                for (double[] pen : new double[][] {{1.3, 0, 0}, {1, 0.5, 0.2}, {0.8, -0.3, 0.1}}) {
                    for (int k : new int[] {0, 40}) {
                        SamplingOptions base = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(k).withTopP(0.9)
                                .withRepetitionPenalty(pen[0]).withPresenceFrequencyPenalty(pen[1], pen[2]);
                        SamplingOptions withHist = base.withHistory(hist);
                        SamplingOptions withStates = base.withPenaltyStates(states);
                        for (int g = 0; g < 8; g++) {
                            double[] u = new double[rows];
                            for (int b = 0; b < rows; b++) {
                                u[b] = (g + 0.37) / 8;
                            }
                            int[] want = new int[rows];
                            boolean[] skip = new boolean[rows];
                            for (int b = 0; b < rows; b++) {
                                double[] row = new double[vocab];
                                for (int j = 0; j < vocab; j++) {
                                    row[j] = x[b * vocab + j];
                                }
                                SamplingReference.Row p = new SamplingReference.Row();
                                p.temperature = 0.8;
                                p.topK = k;
                                p.topP = 0.9;
                                p.repetition = pen[0];
                                p.presence = pen[1];
                                p.frequency = pen[2];
                                p.history = hist[b];
                                SelectionOracle.Draw d = SelectionOracle.sample(row, p, u[b]);
                                want[b] = d.token;
                                skip[b] = d.margin < 1e-9;
                            }
                            for (Backend be : AllBackends.all()) {
                                Ops ops = Logits4j.with(be);
                                int[] a = new int[rows];
                                int[] h = new int[rows];
                                int[] s = new int[rows];
                                ops.sample(Tensor.of(x, rows, vocab), withStates, Tensor.of(u), Tensor.of(a), null);
                                ops.sample(Tensor.of(x, rows, vocab), withHist, Tensor.of(u), Tensor.of(h), null);
                                ops.parallel(pool, 2).sample(Tensor.of(x, rows, vocab), withStates, Tensor.of(u),
                                        Tensor.of(s), null);
                                for (int b = 0; b < rows; b++) {
                                    compared++;
                                    if (a[b] != h[b] || s[b] != a[b] || (!skip[b] && a[b] != want[b])) {
                                        wrong.add(be.name() + " vocab " + vocab + " k " + k + " pen "
                                                + java.util.Arrays.toString(pen) + " row " + b + " u " + u[b]
                                                + ": states " + a[b] + ", history " + h[b] + ", parallel " + s[b]
                                                + ", reference " + want[b]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong of " + compared + ":\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(20, wrong.size()))));
        assertTrue(compared > 1000, "compared " + compared);
    }

    @Test
    void countsAreAHashMapsThroughGrowth() {
        Random r = new Random(1);
        PenaltyState s = new PenaltyState(100_000);
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            int t = r.nextInt(4) == 0 ? r.nextInt(100_000) : r.nextInt(300) * 333;   // collisions mod powers of 2
            s.accept(t);
            m.merge(t, 1, Integer::sum);
        }
        assertEquals(m.size(), s.distinct());
        assertEquals(50_000, s.total());
        for (Map.Entry<Integer, Integer> e : m.entrySet()) {
            assertEquals(e.getValue(), s.count(e.getKey()), "token " + e.getKey());
        }
        assertEquals(0, s.count(-5));
        s.clear();
        assertEquals(0, s.distinct());
        assertEquals(0, s.count(333));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.accept(100_000));
        assertTrue(e.getMessage().contains("100000"), e.getMessage());
    }

    @Test
    void aStateOfAnotherVocabularyOrCountIsRefusedNamingIt() {
        float[] x = new float[2 * 10];
        Ops ops = Logits4j.ops();
        int[] t = {7, 7};
        SamplingOptions o = SamplingOptions.DEFAULT.withRepetitionPenalty(1.2)
                .withPenaltyStates(new PenaltyState(10), new PenaltyState(11));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.sample(Tensor.of(x, 2, 10), o, Tensor.of(new double[] {0.1, 0.2}), Tensor.of(t), null));
        assertTrue(e.getMessage().contains("penaltyStates[1]") && e.getMessage().contains("11"), e.getMessage());
        SamplingOptions three = SamplingOptions.DEFAULT.withPenaltyStates(new PenaltyState(10),
                new PenaltyState(10), new PenaltyState(10));
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.sample(Tensor.of(x, 2, 10), three, Tensor.of(new double[] {0.1, 0.2}), Tensor.of(t), null));
        assertTrue(e.getMessage().contains("penaltyStates"), e.getMessage());
        assertArrayEquals(new int[] {7, 7}, t);
        assertTrue(o.toString().contains("penaltyStates=[PenaltyState[vocab=10, distinct=0, total=0], "
                + "PenaltyState[vocab=11"), o.toString());
        assertEquals(2, o.penaltyStates().size());
        assertEquals(11, o.penaltyStates().get(1).vocab());
    }
}
