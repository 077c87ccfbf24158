package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The selection ops against {@link SamplingReference} (float64, sorting the row) on every backend:
 * random rows full of ties (values on a coarse grid), -inf entries, random per-row parameters,
 * histories with repeated tokens and logit biases, over heap arrays and buffers in both byte
 * orders. Draws whose decision lies within 1e-9 of a boundary are skipped (and counted, so a
 * test that skips everything fails).
 */
class SamplingPropertyTest {
    private static double gridValue(SplittableRandom r) {
        double v = r.nextInt(-24, 25) / 4.0;
        return r.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : v;
    }

    private static SamplingReference.Row randomRow(SplittableRandom r, int n) {
        SamplingReference.Row p = new SamplingReference.Row();
        p.temperature = r.nextInt(6) == 0 ? 0 : new double[] {0.5, 0.7, 1, 1.3, 2}[r.nextInt(5)];
        p.topK = r.nextInt(3) == 0 ? 0 : r.nextInt(1, n + 2);
        p.topP = r.nextInt(3) == 0 ? 1 : 0.05 + 0.9 * r.nextDouble();
        p.minP = r.nextInt(3) == 0 ? 0 : 0.3 * r.nextDouble();
        p.repetition = r.nextBoolean() ? 1 : 0.5 + 1.5 * r.nextDouble();
        p.presence = r.nextBoolean() ? 0 : r.nextDouble() - 0.5;
        p.frequency = r.nextBoolean() ? 0 : r.nextDouble() - 0.5;
        int len = r.nextInt(0, 8);
        p.history = new int[len];
        for (int j = 0; j < len; j++) {
            p.history[j] = r.nextInt(Math.min(n, 6));   // few distinct ids: repeats
        }
        Map<Integer, Double> bias = new HashMap<>();
        if (r.nextInt(3) == 0) {
            for (int j = 0; j < 3; j++) {
                bias.put(r.nextInt(n), r.nextInt(8) == 0 ? Double.NEGATIVE_INFINITY : r.nextInt(-8, 9) / 4.0);
            }
        }
        p.bias = bias;
        return p;
    }

    @Test
    void sampleMatchesTheSortingReferenceOnEveryBackend() {
        SplittableRandom r = new SplittableRandom(12);
        int compared = 0;
        int skipped = 0;
        for (int trial = 0; trial < 300; trial++) {
            int n = new int[] {1, 2, 3, 7, 16, 33, 100, 257, 1000}[r.nextInt(9)];
            int b = r.nextInt(1, 5);
            float[] x = new float[b * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) gridValue(r);
            }
            SamplingReference.Row[] rows = new SamplingReference.Row[b];
            double[] u = new double[b];
            int[] want = new int[b];
            double[] wantLp = new double[b];
            boolean ambiguous = false;
            for (int i = 0; i < b; i++) {
                rows[i] = randomRow(r, n);
                u[i] = r.nextDouble();
                double[] row = new double[n];
                for (int j = 0; j < n; j++) {
                    row[j] = x[i * n + j];
                }
                SamplingReference.Result res = SamplingReference.sample(row, rows[i], u[i]);
                ambiguous |= res.margin() < 1e-9;
                want[i] = res.token();
                wantLp[i] = res.token() < 0 ? Double.NaN : row[res.token()] - SamplingReference.logSumExp(row);
            }
            if (ambiguous) {
                skipped++;
                continue;
            }
            SamplingOptions o = SelectionCalls.perRowOptions(rows);
            int[] shape = {b, n};
            for (Backend be : AllBackends.all()) {
                LegacyOps ops = Legacy.with(be);
                int[] tokens = new int[b];
                float[] lp = new float[b];
                ops.sample(x, 0, shape, o, u, 0, tokens, 0, lp, 0);
                assertArrayEquals(want, tokens, be.name() + " trial " + trial);
                for (int i = 0; i < b; i++) {
                    assertEquals(wantLp[i], lp[i], Double.isNaN(wantLp[i]) ? 0 : 1e-5 * Math.max(1, Math.abs(wantLp[i])), be.name() + " logprob " + trial);
                }
                // buffers in the other byte order, long tokens
                FloatBuffer xb = ByteBuffer.allocateDirect(4 * x.length).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
                xb.put(x).flip();
                DoubleBuffer ub = DoubleBuffer.wrap(u);
                LongBuffer tb = ByteBuffer.allocateDirect(8 * b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
                ops.sample(xb, shape, o, ub, tb, null);
                for (int i = 0; i < b; i++) {
                    assertEquals(want[i], tb.get(i), be.name() + " buffers trial " + trial);
                }
            }
            // float64 logits give the same tokens (the values are float32-exact)
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            long[] tl = new long[b];
            Legacy.AUTO.sample(xd, 0, shape, o, u, 0, tl, 0, null, 0);
            for (int i = 0; i < b; i++) {
                assertEquals(want[i], tl[i], "float64 trial " + trial);
            }
            compared++;
        }
        assertTrue(compared > 200, "compared " + compared + ", skipped " + skipped);
    }

    /**
     * Rows long enough for the candidate scan (Kernels.collectTop; native on float[] and
     * native-order direct buffers, Java on big-endian ones): continuous values with planted ties
     * at the top, -inf entries, NaN rows, rows of a few values (a flood of ties: the whole-row
     * path), biases that push top tokens out of the top-k and low tokens into it, penalties on
     * tokens spread over the vocabulary, T = 0 and top-k off.
     */
    @Test
    void longRowsTakeTheCandidateScanAndMatchTheSortingReference() {
        SplittableRandom r = new SplittableRandom(2026);
        int compared = 0;
        int skipped = 0;
        for (int trial = 0; trial < 90; trial++) {
            int n = new int[] {2048, 2500, 5000, 33000}[r.nextInt(4)];
            int b = r.nextInt(1, 4);
            float[] x = new float[b * n];
            SamplingReference.Row[] rows = new SamplingReference.Row[b];
            for (int i = 0; i < b; i++) {
                int kind = r.nextInt(12);
                float top = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    float v = kind == 0 ? r.nextInt(5)
                            : kind == 2 ? (float) (0.3 * r.nextGaussian()) : (float) (3 * r.nextGaussian());
                    v = r.nextInt(50) == 0 ? Float.NEGATIVE_INFINITY : v;
                    x[i * n + j] = v;
                    top = Math.max(top, v);
                }
                for (int j = r.nextInt(0, 4); j > 0; j--) {
                    x[i * n + r.nextInt(n)] = top;   // ties at the maximum
                }
                if (kind == 1) {
                    x[i * n + r.nextInt(n)] = Float.NaN;
                }
                SamplingReference.Row p = randomRow(r, n);
                p.topK = r.nextInt(5) == 0 ? 0 : r.nextInt(1, 65);
                if (kind == 2) {
                    // a flat row without top-k: the top-p prefix or the min-p set holds hundreds to
                    // thousands of tokens (the candidate rounds of 64, 512, 4096, then the whole row)
                    p.topK = 0;
                    p.temperature = 1 + r.nextDouble();
                    p.topP = r.nextBoolean() ? 1 : 0.01 + 0.6 * r.nextDouble();
                    p.minP = r.nextBoolean() ? 0 : 0.5 + 0.45 * r.nextDouble();
                }
                int len = r.nextInt(0, 30);
                p.history = new int[len];
                for (int j = 0; j < len; j++) {
                    p.history[j] = j > 0 && r.nextInt(3) == 0 ? p.history[j - 1] : r.nextInt(n);
                }
                Map<Integer, Double> bias = new HashMap<>();
                for (int j = r.nextInt(0, 6); j > 0; j--) {
                    // the current top tokens down (often out), random tokens far up (often in)
                    int id = r.nextBoolean() ? argmaxOf(x, i * n, n) : r.nextInt(n);
                    bias.put(id, r.nextBoolean() ? -20.0 : 15.0 * r.nextDouble());
                }
                p.bias = bias;
                rows[i] = p;
            }
            double[] u = new double[b];
            int[] want = new int[b];
            double[] wantLp = new double[b];
            boolean ambiguous = false;
            for (int i = 0; i < b; i++) {
                u[i] = r.nextDouble();
                double[] row = new double[n];
                for (int j = 0; j < n; j++) {
                    row[j] = x[i * n + j];
                }
                SamplingReference.Result res = SamplingReference.sample(row, rows[i], u[i]);
                ambiguous |= res.margin() < 1e-9;
                want[i] = res.token();
                wantLp[i] = res.token() < 0 ? Double.NaN : row[res.token()] - SamplingReference.logSumExp(row);
            }
            if (ambiguous) {
                skipped++;
                continue;
            }
            SamplingOptions o = SelectionCalls.perRowOptions(rows);
            int[] shape = {b, n};
            for (Backend be : AllBackends.all()) {
                LegacyOps ops = Legacy.with(be);
                int[] tokens = new int[b];
                float[] lp = new float[b];
                ops.sample(x, 0, shape, o, u, 0, tokens, 0, lp, 0);
                assertArrayEquals(want, tokens, be.name() + " trial " + trial);
                for (int i = 0; i < b; i++) {
                    assertEquals(wantLp[i], lp[i], Double.isNaN(wantLp[i]) ? 0 : 2e-6 * Math.max(1, Math.abs(wantLp[i])), be.name() + " logprob " + trial);
                }
                for (ByteOrder order : new ByteOrder[] {ByteOrder.nativeOrder(), ByteOrder.BIG_ENDIAN}) {
                    FloatBuffer xb = ByteBuffer.allocateDirect(4 * x.length).order(order).asFloatBuffer();
                    xb.put(x).flip();
                    LongBuffer tb = ByteBuffer.allocateDirect(8 * b).order(ByteOrder.nativeOrder()).asLongBuffer();
                    ops.sample(xb, shape, o, DoubleBuffer.wrap(u), tb, null);
                    for (int i = 0; i < b; i++) {
                        assertEquals(want[i], tb.get(i), be.name() + " " + order + " trial " + trial);
                    }
                }
                double[] xd = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    xd[i] = x[i];
                }
                long[] tl = new long[b];
                double[] lpd = new double[b];
                ops.sample(xd, 0, shape, o, u, 0, tl, 0, lpd, 0);
                for (int i = 0; i < b; i++) {
                    assertEquals(want[i], tl[i], be.name() + " float64 trial " + trial);
                    assertEquals(wantLp[i], lpd[i], Double.isNaN(wantLp[i]) ? 0 : 1e-12 * Math.max(1, Math.abs(wantLp[i])), be.name() + " float64 logprob " + trial);
                }
            }
            compared++;
        }
        assertTrue(compared > 60, "compared " + compared + ", skipped " + skipped);
    }

    private static int argmaxOf(float[] x, int from, int n) {
        int best = from;
        for (int j = from; j < from + n; j++) {
            best = x[j] > x[best] ? j : best;
        }
        return best - from;
    }

    /** top-k, top log-probs and argmax on rows long enough for the candidate scan. */
    @Test
    void topKAndArgmaxOnLongRowsMatchSorting() {
        SplittableRandom r = new SplittableRandom(77);
        for (int trial = 0; trial < 40; trial++) {
            int n = new int[] {2048, 4100, 40000}[r.nextInt(3)];
            int rows = r.nextInt(1, 3);
            float[] x = new float[rows * n];
            int kind = r.nextInt(6);
            for (int i = 0; i < x.length; i++) {
                float v = kind == 0 ? r.nextInt(3) : (float) (2 * r.nextGaussian());
                x[i] = r.nextInt(40) == 0 ? Float.NEGATIVE_INFINITY : v;
            }
            if (kind == 1) {
                x[r.nextInt(x.length)] = Float.NaN;
            }
            if (kind == 2) {
                for (int i = 0; i < 20; i++) {
                    x[r.nextInt(x.length)] = 9f;   // ties at the top
                }
            }
            int k = r.nextInt(1, 80);
            for (Backend be : AllBackends.all()) {
                LegacyOps ops = Legacy.with(be);
                for (ByteOrder order : new ByteOrder[] {null, ByteOrder.nativeOrder(), ByteOrder.BIG_ENDIAN}) {
                    float[] values = new float[rows * k];
                    long[] idx = new long[rows * k];
                    float[] lpv = new float[rows * k];
                    int[] lpi = new int[rows * k];
                    long[] am = new long[rows];
                    int[] shape = {rows, n};
                    if (order == null) {
                        ops.topK(x, 0, shape, k, values, 0, idx, 0);
                        ops.topLogProbs(x, 0, shape, k, lpv, 0, lpi, 0);
                        ops.argmax(x, 0, shape, 1, am, 0);
                    } else {
                        FloatBuffer xb = ByteBuffer.allocateDirect(4 * x.length).order(order).asFloatBuffer();
                        xb.put(x).flip();
                        ops.topK(xb, shape, k, FloatBuffer.wrap(values), LongBuffer.wrap(idx));
                        ops.topLogProbs(xb, shape, k, FloatBuffer.wrap(lpv), IntBuffer.wrap(lpi));
                        ops.argmax(xb, shape, 1, LongBuffer.wrap(am));
                    }
                    for (int i = 0; i < rows; i++) {
                        double[] row = new double[n];
                        for (int j = 0; j < n; j++) {
                            row[j] = x[i * n + j];
                        }
                        int[] want = SamplingReference.topK(row, k);
                        double lse = SamplingReference.logSumExp(row);
                        for (int j = 0; j < k; j++) {
                            String what = be.name() + " " + order + " trial " + trial + " row " + i + " j " + j;
                            assertEquals(want[j], idx[i * k + j], what);
                            assertEquals((float) row[want[j]], values[i * k + j], what);
                            assertEquals(Double.isNaN(lse) ? j : want[j], lpi[i * k + j], what);
                            assertEquals(row[want[j]] - lse, lpv[i * k + j], Double.isNaN(lse) ? 0 : 2e-6 * Math.max(1, Math.abs(lse)), what);
                        }
                        assertEquals(SamplingReference.topK(row, 1)[0], am[i], be.name() + " argmax " + trial);
                    }
                }
            }
        }
    }

    @Test
    void topKArgmaxAndTopLogProbsMatchSorting() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = r.nextInt(1, 300);
            int rows = r.nextInt(1, 4);
            float[] x = new float[rows * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(30) == 0 ? Float.NaN : (float) gridValue(r);
            }
            int k = r.nextInt(0, n + 1);
            for (Backend be : AllBackends.all()) {
                LegacyOps ops = Legacy.with(be);
                float[] values = new float[rows * k];
                long[] idx = new long[rows * k];
                ops.topK(x, 0, new int[] {rows, n}, k, values, 0, idx, 0);
                float[] lpv = new float[rows * k];
                int[] lpi = new int[rows * k];
                ops.topLogProbs(x, 0, new int[] {rows, n}, k, lpv, 0, lpi, 0);
                long[] am = new long[rows];
                ops.argmax(x, 0, new int[] {rows, n}, 1, am, 0);
                for (int i = 0; i < rows; i++) {
                    double[] row = new double[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = x[i * n + j];
                    }
                    int[] want = SamplingReference.topK(row, k);
                    double lse = SamplingReference.logSumExp(row);
                    for (int j = 0; j < k; j++) {
                        String what = be.name() + " trial " + trial + " row " + i + " j " + j;
                        assertEquals(want[j], idx[i * k + j], what);
                        assertEquals(Double.isNaN(lse) ? j : want[j], lpi[i * k + j], what);
                        assertEquals((float) row[want[j]], values[i * k + j], what);
                        assertEquals(row[want[j]] - lse, lpv[i * k + j], Double.isNaN(lse) ? 0 : 1e-5 * Math.max(1, Math.abs(lse)), what);
                    }
                    assertEquals(SamplingReference.topK(row, 1)[0], am[i], be.name() + " argmax " + trial);
                }
            }
        }
    }

    @Test
    void argmaxAlongEveryAxis() {
        SplittableRandom r = new SplittableRandom(9);
        int[] shape = {3, 4, 5};
        double[] x = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = r.nextInt(4);
        }
        for (int axis = -3; axis < 3; axis++) {
            int a = axis < 0 ? axis + 3 : axis;
            long[] out = new long[60 / shape[a]];
            Legacy.AUTO.argmax(x, 0, shape, axis, out, 0);
            int inner = 1;
            for (int d = a + 1; d < 3; d++) {
                inner *= shape[d];
            }
            int p = 0;
            for (int o = 0; o < 60 / (inner * shape[a]); o++) {
                for (int in = 0; in < inner; in++) {
                    int best = 0;
                    for (int j = 1; j < shape[a]; j++) {
                        if (x[o * shape[a] * inner + j * inner + in] > x[o * shape[a] * inner + best * inner + in]) {
                            best = j;
                        }
                    }
                    assertEquals(best, out[p++], "axis " + axis);
                }
            }
        }
        assertEquals(2, Legacy.AUTO.argmax(new float[] {1, 5, Float.NaN, Float.NaN, 9}));
        assertEquals(0, Legacy.AUTO.argmax(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals(1, Legacy.AUTO.argmax(new float[] {-0.0f, 3, 3}));
    }

    @Test
    void specialRowsAndTheConvenienceOverloads() {
        float ninf = Float.NEGATIVE_INFINITY;
        float[] x = {ninf, ninf, ninf, 1, Float.NaN, 2, 0, Float.POSITIVE_INFINITY, 0, 0, 5, 4};
        int[] t = new int[4];
        float[] lp = new float[4];
        Legacy.AUTO.sample(x, 0, new int[] {4, 3}, SamplingOptions.DEFAULT, new double[] {0.5, 0.5, 0.5, 0.5}, 0, t, 0, lp, 0);
        assertEquals(-1, t[0]);
        assertEquals(-1, t[1]);
        assertEquals(-1, t[2]);
        assertTrue(t[3] >= 0);
        assertTrue(Float.isNaN(lp[0]) && Float.isNaN(lp[1]) && Float.isNaN(lp[2]));
        // a -inf bias on every token but one forces it; greedy picks the processed max
        SamplingOptions force = SamplingOptions.DEFAULT.withLogitBias(Map.of(0, Double.NEGATIVE_INFINITY, 1, Double.NEGATIVE_INFINITY));
        assertArrayEquals(new int[] {2}, Legacy.AUTO.sample(new float[] {9, 8, -3}, new int[] {1, 3}, force, new double[] {0.99}));
        assertArrayEquals(new int[] {1}, Legacy.AUTO.sample(new float[] {9, 8, -3}, new int[] {1, 3},
                SamplingOptions.DEFAULT.withTemperature(0).withRepetitionPenalty(2).withHistory(new int[][] {{0, 0}}),
                new double[] {0.3}));
        // a seeded generator is reproducible
        float[] big = new float[2 * 500];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) r.nextGaussian();
        }
        int[] a = Legacy.AUTO.sample(big, new int[] {2, 500}, SamplingOptions.DEFAULT, new SplittableRandom(77));
        int[] b = Legacy.AUTO.sample(big, new int[] {2, 500}, SamplingOptions.DEFAULT, new SplittableRandom(77));
        assertArrayEquals(a, b);
        // padded history = ragged history
        float[] row = {1, 2, 3, -1, -2};
        SamplingOptions pad = SamplingOptions.DEFAULT.withTemperature(0).withPresenceFrequencyPenalty(0.5, 1)
                .withPaddedHistory(new long[] {2, 2, -1, 1, -1, -1}, 3);
        SamplingOptions rag = SamplingOptions.DEFAULT.withTemperature(0).withPresenceFrequencyPenalty(0.5, 1)
                .withHistory(new int[][] {{2, 2}, {1}});
        float[] two = new float[10];
        System.arraycopy(row, 0, two, 0, 5);
        System.arraycopy(row, 0, two, 5, 5);
        int[] p1 = Legacy.AUTO.sample(two, new int[] {2, 5}, pad, new double[] {0, 0});
        int[] p2 = Legacy.AUTO.sample(two, new int[] {2, 5}, rag, new double[] {0, 0});
        assertArrayEquals(p2, p1);
        assertArrayEquals(new int[] {1, 2}, p1);   // 3 - (2 + 0.5) = 0.5 < 2; 2 - 1.5 = 0.5 < 3
    }
}
