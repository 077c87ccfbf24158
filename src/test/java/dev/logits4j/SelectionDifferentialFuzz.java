package dev.logits4j;

import dev.logits4j.SelectionCalls.Input;
import dev.logits4j.SelectionCalls.Memory;
import dev.logits4j.testutil.ScanBoundaryRows;
import dev.logits4j.testutil.Threads;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A differential fuzzer of argmax, topK, topLogProbs and sample (issue 23) against the float64
 * sort-based {@link SelectionOracle}, for one backend: every case draws rows from a generator
 * aimed at the selection code's edges, runs the four ops through a random memory kind (float[]
 * and double[] with offsets, heap and direct buffers in both byte orders, float16 / bfloat16
 * short[] and ShortBuffers) with int32 or int64 indices, on this long-lived thread, on a fresh
 * thread, or on a fresh thread after a large-k call, and compares every answer. Draws within
 * 1e-9 of a decision's boundary are skipped (and counted), as in SamplingPropertyTest.
 *
 * <p>Generators ({@link #GENERATORS}): {@code capacity-ties} (the rows of
 * {@link ScanBoundaryRows}: ties at the keep-th value around the candidate capacity max(1024,
 * 2 keep + 128) for blocks of 4W, W = 16, 8, 4, 1, with top-k, history and bias entries making up
 * the keep), {@code lift-above} and {@code push-below} (bias and penalties moving tokens above or
 * below every raw logit, top-p / min-p with and without top-k), {@code flat}, {@code flood-at-end}
 * (equal maxima at the end of the row), {@code ascending-ties}, {@code shared-top-bits} (values
 * that differ only in their low bits), {@code specials} (NaN, +inf, -inf placed at the ends, in a
 * tail shorter than a vector block, everywhere), {@code short} (1 to 70 tokens on a coarse grid),
 * {@code serving} (typical parameters on gaussian rows up to 33000) and {@code half-bits} (random
 * 16-bit rows).
 *
 * <p>Case i is generated from its own random stream (seed, i): {@code only} runs one case again.
 * Cases on this long-lived thread also depend on the cases before them (that is the point); a
 * failure there reproduces with the same seed and count. {@link #main}: backend names, cases,
 * seed, optionally the one case; prints a summary per backend and each failure (the first 40),
 * exits 0 when every answer agrees, 1 otherwise.
 */
final class SelectionDifferentialFuzz {
    private SelectionDifferentialFuzz() {}

    static final String[] GENERATORS = {"capacity-ties", "lift-above", "push-below", "flat", "flood-at-end",
        "ascending-ties", "shared-top-bits", "specials", "short", "serving", "half-bits"};
    /** Relative weights of {@link #GENERATORS}. */
    private static final int[] WEIGHTS = {6, 3, 2, 1, 2, 2, 2, 2, 3, 2, 2};

    /** Where a case's calls run. */
    enum ThreadMode {
        /** The fuzzer's thread, after every case before this one. */
        REUSED,
        /** A new thread. */
        FRESH,
        /** A new thread that first runs topK(k = 1000) of 8192 and topLogProbs(k = 3000) of 16384. */
        AFTER_LARGE_K
    }

    /** One case: rows, parameters, where and how the calls run. */
    static final class Case {
        final long seed;
        final int index;
        final String generator;
        final String params;
        final Input input;
        final int k;
        final SamplingReference.Row[] rows;
        final double[] u;
        final Memory memory;
        final boolean int64;
        final ThreadMode thread;

        Case(long seed, int index, String generator, String params, Input input, int k, SamplingReference.Row[] rows,
             double[] u, Memory memory, boolean int64, ThreadMode thread) {
            this.seed = seed;
            this.index = index;
            this.generator = generator;
            this.params = params;
            this.input = input;
            this.k = k;
            this.rows = rows;
            this.u = u;
            this.memory = memory;
            this.int64 = int64;
            this.thread = thread;
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append("seed ").append(seed).append(" case ").append(index).append(": ").append(generator)
                    .append(" {").append(params).append("} ").append(input.dtype()).append(" [")
                    .append(input.rows).append(", ").append(input.n).append("] k ").append(k).append(", ")
                    .append(memory).append(int64 ? " int64" : " int32").append(", thread ").append(thread)
                    .append(", u ").append(Arrays.toString(u));
            for (int r = 0; r < rows.length; r++) {
                b.append("\n      row ").append(r).append(": ").append(SelectionCalls.describe(rows[r]));
            }
            return b.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // generators

    /** Rows and parameters from one generator (before the memory and thread are chosen). */
    private static final class Spec {
        String params = "";
        int rows = 1;
        int n;
        float[] values;        // float32 rows, or
        short[] bits;          // 16-bit rows
        boolean bf16;
        int k;
        SamplingReference.Row[] sampling;

        Input input() {
            return bits != null ? Input.ofHalves(rows, n, bits, bf16) : Input.ofFloats(rows, n, values);
        }
    }

    static Case generate(long seed, int index) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int pick = r.nextInt(total);
        int g = 0;
        while (pick >= WEIGHTS[g]) {
            pick -= WEIGHTS[g++];
        }
        String name = GENERATORS[g];
        Spec s = new Spec();
        switch (name) {
            case "capacity-ties":
                capacityTies(r, s);
                break;
            case "lift-above":
                liftAbove(r, s);
                break;
            case "push-below":
                pushBelow(r, s);
                break;
            case "flat":
                flat(r, s);
                break;
            case "flood-at-end":
                floodAtEnd(r, s);
                break;
            case "ascending-ties":
                ascendingTies(r, s);
                break;
            case "shared-top-bits":
                sharedTopBits(r, s);
                break;
            case "specials":
                specials(r, s);
                break;
            case "short":
                shortRows(r, s);
                break;
            case "serving":
                serving(r, s);
                break;
            default:
                halfBits(r, s);
        }
        if (s.bits == null && r.nextInt(6) == 0 && !name.equals("capacity-ties")) {
            toBfloat16(s);
        }
        double[] u = new double[s.rows];
        for (int i = 0; i < u.length; i++) {
            int c = r.nextInt(20);
            u[i] = c == 0 ? 0 : c == 1 ? Math.nextDown(1.0) : r.nextDouble();
        }
        Memory[] kinds = s.bits != null ? Memory.HALVES : Memory.FLOATS;
        Memory memory = kinds[r.nextInt(kinds.length)];
        int t = r.nextInt(10);
        ThreadMode thread = name.equals("capacity-ties")
                ? (t < 6 ? ThreadMode.FRESH : t < 8 ? ThreadMode.REUSED : ThreadMode.AFTER_LARGE_K)
                : (t < 5 ? ThreadMode.REUSED : t < 8 ? ThreadMode.FRESH : ThreadMode.AFTER_LARGE_K);
        return new Case(seed, index, name, s.params, s.input(), s.k, s.sampling, u, memory, r.nextBoolean(), thread);
    }

    private static SamplingReference.Row[] same(SamplingReference.Row p, int rows) {
        SamplingReference.Row[] a = new SamplingReference.Row[rows];
        Arrays.fill(a, p);
        return a;
    }

    private static void toBfloat16(Spec s) {
        s.bits = new short[s.values.length];
        for (int i = 0; i < s.values.length; i++) {
            s.bits[i] = (short) (Float.floatToRawIntBits(s.values[i]) >>> 16);
        }
        s.bf16 = true;
        s.values = null;
        s.params += " (bfloat16 by truncation)";
    }

    /** Random sampling parameters (for rows of n), every step off about a third of the time. */
    private static SamplingReference.Row randomParams(SplittableRandom r, int n) {
        SamplingReference.Row p = new SamplingReference.Row();
        p.temperature = r.nextInt(8) == 0 ? 0 : new double[] {0.5, 0.7, 1, 1, 1.3, 2}[r.nextInt(6)];
        int kc = r.nextInt(6);
        p.topK = kc < 2 ? 0 : kc < 4 ? r.nextInt(1, Math.min(n, 64) + 1) : kc < 5 ? r.nextInt(1, n + 2) : n;
        p.topP = r.nextInt(3) == 0 ? 1 : new double[] {0.95, 0.9, 0.5, 0.1, r.nextDouble(0.01, 1)}[r.nextInt(5)];
        p.minP = r.nextInt(3) == 0 ? 0 : new double[] {0.05, 0.1, 0.5, r.nextDouble(0, 0.9)}[r.nextInt(4)];
        if (r.nextInt(3) == 0) {
            p.repetition = new double[] {1.1, 1.3, 0.8, 2}[r.nextInt(4)];
        }
        if (r.nextInt(3) == 0) {
            p.presence = r.nextDouble(-1, 1);
            p.frequency = r.nextDouble(-0.5, 0.5);
        }
        if (r.nextInt(2) == 0) {
            p.history = new int[r.nextInt(1, Math.min(2 * n, 300) + 1)];
            for (int j = 0; j < p.history.length; j++) {
                p.history[j] = j > 0 && r.nextInt(4) == 0 ? p.history[j - 1] : r.nextInt(n);
            }
        }
        if (r.nextInt(3) == 0) {
            Map<Integer, Double> bias = new HashMap<>();
            for (int j = r.nextInt(1, Math.min(n, 20) + 1); j > 0; j--) {
                bias.put(r.nextInt(n), r.nextInt(6) == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian() * 5);
            }
            p.bias = bias;
        }
        return p;
    }

    private static int longLength(SplittableRandom r) {
        return new int[] {2047, 2048, 2049, 2100, 4096, 4111, 8192, 12345, 32000, 33000}[r.nextInt(10)];
    }

    private static int anyLength(SplittableRandom r) {
        int c = r.nextInt(4);
        return c == 0 ? r.nextInt(1, 71) : c == 1 ? r.nextInt(71, 2048) : longLength(r);
    }

    /** Ties at the keep-th value around the candidate capacity (ScanBoundaryRows), keep made of k and overrides. */
    private static void capacityTies(SplittableRandom r, Spec s) {
        int w = new int[] {16, 16, 16, 8, 4, 1}[r.nextInt(6)];
        int keep;
        if (w == 16) {
            keep = r.nextInt(3) > 0 ? r.nextInt(417, 448) : r.nextInt(400, 461);
        } else {
            int[] around = ScanBoundaryRows.keepsAround(w, 6);
            keep = around[r.nextInt(around.length)];
        }
        int delta = new int[] {0, 0, 0, -1, 1, 4 * w}[r.nextInt(6)];
        int extra = new int[] {1, 2, 3, 3, 5}[r.nextInt(5)];
        int n = Math.max(Math.max(2 * ScanBoundaryRows.capacity(keep), 4 * keep),
                ScanBoundaryRows.craftedLength(keep, w, delta, extra)) + r.nextInt(0, 300);
        int[] lv = ScanBoundaryRows.levels(keep, w, delta, extra, n);
        int dtype = r.nextInt(4);
        s.rows = r.nextInt(5) == 0 ? 2 : 1;
        s.n = n;
        if (dtype < 2) {
            s.values = new float[s.rows * n];
            for (int i = 0; i < s.values.length; i++) {
                s.values[i] = ScanBoundaryRows.f32(lv[i % n]);
            }
        } else {
            s.bf16 = dtype == 3;
            s.bits = new short[s.rows * n];
            for (int i = 0; i < s.bits.length; i++) {
                s.bits[i] = s.bf16 ? ScanBoundaryRows.bf16(lv[i % n]) : ScanBoundaryRows.f16(lv[i % n]);
            }
        }
        s.k = keep;
        // sample: keep = k + history entries + bias entries (low tokens: odd positions)
        SamplingReference.Row p = new SamplingReference.Row();
        int mode = r.nextInt(6);
        int m = mode == 0 ? 0 : r.nextInt(1, 40);
        String how;
        switch (mode) {
            case 0:
                p.topK = keep;
                how = "top-k keep";
                break;
            case 1:
                p.history = lows(r, m);
                p.presence = r.nextDouble(0, 1);
                p.topK = keep - m;
                how = "top-k keep - " + m + " with " + m + " history entries";
                break;
            case 2: {
                Map<Integer, Double> bias = new HashMap<>();
                while (bias.size() < m) {
                    bias.put(2 * r.nextInt(0, keep) + 1, -r.nextDouble(0, 2));
                }
                p.bias = bias;
                p.topK = keep - m;
                how = "top-k keep - " + m + " with " + m + " bias entries";
                break;
            }
            case 3:
                p.temperature = 0;
                p.history = lows(r, keep - 1);
                how = "greedy with keep - 1 history entries";
                break;
            default:
                // without top-k the scan's rounds keep 64 + m, 512 + m, ...: m = keep - 64
                p.history = lows(r, keep - 64);
                if (mode == 4) {
                    p.topP = r.nextDouble(0.05, 0.99);
                } else {
                    p.minP = r.nextDouble(0.01, 0.99);
                }
                how = (mode == 4 ? "top-p" : "min-p") + " with keep - 64 history entries";
        }
        if (r.nextInt(3) == 0 && p.temperature != 0) {
            p.temperature = new double[] {0.7, 2}[r.nextInt(2)];
        }
        s.sampling = same(p, s.rows);
        s.params = "keep " + keep + ", rows for " + w + " lanes, delta " + delta + ", " + extra + " blocks of ties, sample "
                + how;
    }

    /** {@code m} history entries on low tokens of the crafted rows (odd positions of the first part). */
    private static int[] lows(SplittableRandom r, int m) {
        int[] h = new int[m];
        for (int i = 0; i < m; i++) {
            h[i] = 2 * r.nextInt(0, 200) + 1;
        }
        return h;
    }

    private static float[] gaussianRows(SplittableRandom r, int count, double scale) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    /** Parameters with top-p / min-p and often no top-k (the path of finding 2). */
    private static void pipelineAround(SplittableRandom r, SamplingReference.Row p, int n) {
        int c = r.nextInt(8);
        p.topK = c < 5 ? 0 : c < 7 ? r.nextInt(1, Math.min(n, 50) + 1) : r.nextInt(1, n + 1);
        p.topP = r.nextInt(4) == 0 ? 1 : new double[] {0.95, 0.9, 0.5, r.nextDouble(0.05, 1)}[r.nextInt(4)];
        p.minP = r.nextInt(3) == 0 ? 0 : new double[] {0.05, 0.1, 0.3, r.nextDouble(0, 0.9)}[r.nextInt(4)];
        p.temperature = r.nextInt(10) == 0 ? 0 : new double[] {0.7, 1, 1, 1.5}[r.nextInt(4)];
    }

    /**
     * Bias, a repetition penalty below 1 on positive logits, or negative presence/frequency lift
     * tokens above every raw value.
     */
    private static void liftAbove(SplittableRandom r, Spec s) {
        int n = longLength(r);
        double scale = new double[] {1, 3, 10}[r.nextInt(3)];
        s.n = n;
        s.rows = r.nextInt(4) == 0 ? 2 : 1;
        s.values = gaussianRows(r, s.rows * n, scale);
        SamplingReference.Row p = new SamplingReference.Row();
        int lifted = r.nextInt(1, 9);
        int how = r.nextInt(4);
        if (how == 0) {
            Map<Integer, Double> bias = new HashMap<>();
            double b = new double[] {10, 100, 1000}[r.nextInt(3)] * scale;
            while (bias.size() < lifted) {
                bias.put(r.nextInt(n), b + r.nextDouble(-scale, scale));
            }
            p.bias = bias;
        } else {
            // history tokens with positive values in row 0 (in row 1 they may be anything)
            int[] h = new int[lifted + r.nextInt(0, lifted)];
            for (int i = 0; i < h.length; i++) {
                int id = r.nextInt(n);
                for (int tries = 0; tries < 50 && s.values[id] <= 0.5f * scale; tries++) {
                    id = r.nextInt(n);
                }
                h[i] = i >= lifted ? h[r.nextInt(lifted)] : id;   // some repeated
            }
            p.history = h;
            if (how == 1) {
                p.repetition = new double[] {0.01, 0.05, 0.3}[r.nextInt(3)];
            } else if (how == 2) {
                p.presence = -new double[] {5, 20, 100}[r.nextInt(3)] * scale;
            } else {
                p.frequency = -new double[] {3, 10}[r.nextInt(2)] * scale;
            }
        }
        pipelineAround(r, p, n);
        s.sampling = same(p, s.rows);
        s.k = r.nextInt(0, Math.min(n, 100) + 1);
        String by = new String[] {"bias", "repetition < 1", "presence < 0", "frequency < 0"}[how];
        s.params = "lift " + lifted + " tokens by " + by + ", scale " + scale;
    }

    /** Bias (-B or -inf) or penalties push the top tokens below every raw value; sometimes low tokens lifted in their place. */
    private static void pushBelow(SplittableRandom r, Spec s) {
        int n = longLength(r);
        s.n = n;
        s.rows = 1;
        s.values = gaussianRows(r, n, new double[] {1, 3}[r.nextInt(2)]);
        int[] order = SelectionOracle.order(Input.ofFloats(1, n, s.values).row(0));
        int pushed = r.nextInt(1, 31);
        SamplingReference.Row p = new SamplingReference.Row();
        boolean byBias = r.nextBoolean();
        if (byBias) {
            Map<Integer, Double> bias = new HashMap<>();
            for (int j = 0; j < pushed; j++) {
                bias.put(order[j], r.nextInt(4) == 0 ? Double.NEGATIVE_INFINITY : -100.0 - r.nextDouble(0, 50));
            }
            for (int j = r.nextInt(0, 3); j > 0; j--) {
                bias.put(order[n - 1 - r.nextInt(n / 2)], r.nextDouble(5, 30));
            }
            p.bias = bias;
        } else {
            p.history = new int[pushed];
            for (int j = 0; j < pushed; j++) {
                p.history[j] = order[j];
            }
            p.repetition = new double[] {10, 100}[r.nextInt(2)];
            p.presence = new double[] {10, 50}[r.nextInt(2)];
        }
        pipelineAround(r, p, n);
        s.sampling = new SamplingReference.Row[] {p};
        s.k = r.nextInt(0, Math.min(n, 100) + 1);
        s.params = "push the top " + pushed + " down by " + (byBias ? "bias" : "penalties");
    }

    /** Every value equal (0, -0.0 mixed with 0, or another), some rows sprinkled with -inf. */
    private static void flat(SplittableRandom r, Spec s) {
        int n = anyLength(r);
        s.n = n;
        s.rows = r.nextInt(1, 3);
        float c = new float[] {0f, 3.5f, -1e30f, 1e-40f, 65504f}[r.nextInt(5)];
        boolean zeros = c == 0 && r.nextBoolean();
        boolean ninf = r.nextInt(3) == 0;
        s.values = new float[s.rows * n];
        for (int i = 0; i < s.values.length; i++) {
            s.values[i] = zeros && r.nextBoolean() ? -0.0f : ninf && r.nextInt(4) == 0 ? Float.NEGATIVE_INFINITY : c;
        }
        s.k = r.nextInt(0, n + 1);
        SamplingReference.Row[] rows = new SamplingReference.Row[s.rows];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = randomParams(r, n);
        }
        s.sampling = rows;
        s.params = "value " + c + (zeros ? " and -0.0" : "") + (ninf ? ", a quarter -inf" : "");
    }

    /** Equal maxima filling the end of the row (or its start), the rest below. */
    private static void floodAtEnd(SplittableRandom r, Spec s) {
        int n = longLength(r);
        s.n = n;
        s.rows = 1;
        s.values = gaussianRows(r, n, 1);
        float top = new float[] {5f, 0f, 100f}[r.nextInt(3)];
        for (int i = 0; i < n; i++) {
            s.values[i] = Math.min(s.values[i], top - 1);
        }
        int k = r.nextInt(1, Math.max(2, n / 4));
        int len = Math.min(n, new int[] {1, k - 1, k, k + 1, 64, 500, 1024, 2000, n / 2, n}[r.nextInt(10)]);
        len = Math.max(len, 1);
        boolean atStart = r.nextInt(4) == 0;
        for (int i = 0; i < len; i++) {
            s.values[atStart ? i : n - 1 - i] = top;
        }
        if (r.nextInt(4) == 0) {
            s.values[r.nextInt(n)] = top + 1;   // one above the flood
        }
        s.k = k;
        SamplingReference.Row p = randomParams(r, n);
        if (r.nextBoolean()) {
            p.topK = r.nextInt(1, Math.min(n, len + 2) + 1);
        }
        s.sampling = new SamplingReference.Row[] {p};
        s.params = len + " equal maxima " + top + (atStart ? " at the start" : " at the end");
    }

    /** A staircase: each value repeated d times, ascending (every element passes a rising threshold) or descending. */
    private static void ascendingTies(SplittableRandom r, Spec s) {
        int n = r.nextInt(3) == 0 ? r.nextInt(1, 2048) : longLength(r);
        s.n = n;
        s.rows = 1;
        int d = new int[] {1, 2, 3, 8, 64, 1000}[r.nextInt(6)];
        float step = new float[] {1f, 0.001f, 1e-6f}[r.nextInt(3)];
        boolean descending = r.nextInt(3) == 0;
        s.values = new float[n];
        for (int i = 0; i < n; i++) {
            int j = descending ? n - 1 - i : i;
            s.values[i] = (j / d) * step - 1;
        }
        s.k = new int[] {1, r.nextInt(0, n + 1), Math.min(n, 447), Math.min(n, d), Math.min(n, d + 1),
            Math.min(n, n / 4)}[r.nextInt(6)];
        SamplingReference.Row p = randomParams(r, n);
        if (r.nextBoolean()) {
            p.topK = Math.max(1, Math.min(n, s.k));
        }
        s.sampling = new SamplingReference.Row[] {p};
        s.params = (descending ? "descending" : "ascending") + " steps of " + step + ", each " + d + " times";
    }

    /** Values that differ only in their lowest bits (one exponent, a few mantissa bits): the radix selects' deepest digits. */
    private static void sharedTopBits(SplittableRandom r, Spec s) {
        int n = anyLength(r);
        s.n = n;
        s.rows = 1;
        boolean half = r.nextInt(3) == 0;
        if (half) {
            s.bf16 = r.nextBoolean();
            int low = r.nextInt(0, 5);
            int base = (r.nextBoolean() ? 0x8000 : 0) | (s.bf16 ? 0x3F80 : 0x3C00);
            s.bits = new short[n];
            for (int i = 0; i < n; i++) {
                s.bits[i] = (short) (base | r.nextInt(1 << low));
            }
            s.params = (s.bf16 ? "bfloat16" : "float16") + " bits " + Integer.toHexString(base) + " | " + low
                    + " random low bits";
        } else {
            int low = r.nextInt(0, 13);
            int base = (r.nextBoolean() ? 0x80000000 : 0) | (r.nextInt(100, 140) << 23) | (r.nextInt(1 << 10) << 13);
            s.values = new float[n];
            for (int i = 0; i < n; i++) {
                s.values[i] = Float.intBitsToFloat(base | r.nextInt(1 << low));
            }
            s.params = "float32 bits " + Integer.toHexString(base) + " | " + low + " random low bits";
        }
        s.k = r.nextInt(0, n + 1);
        s.sampling = new SamplingReference.Row[] {randomParams(r, n)};
    }

    /** NaN, +inf and -inf at the ends, in a tail shorter than a vector block, in the middle, or everywhere. */
    private static void specials(SplittableRandom r, Spec s) {
        int n = anyLength(r);
        s.n = n;
        s.rows = r.nextInt(1, 3);
        s.values = gaussianRows(r, s.rows * n, 2);
        StringBuilder what = new StringBuilder();
        for (int row = 0; row < s.rows; row++) {
            int at = row * n;
            int kind = r.nextInt(9);
            int pos = new int[] {0, n - 1, r.nextInt(n), Math.max(0, n - 1 - r.nextInt(Math.min(n, 63))), n / 2}[r.nextInt(5)];
            switch (kind) {
                case 0:
                    s.values[at + pos] = Float.NaN;
                    what.append("NaN at ").append(pos);
                    break;
                case 1:
                    for (int j = r.nextInt(2, 6); j > 0; j--) {
                        s.values[at + r.nextInt(n)] = Float.NaN;
                    }
                    what.append("NaNs");
                    break;
                case 2:
                    s.values[at + pos] = Float.POSITIVE_INFINITY;
                    what.append("+inf at ").append(pos);
                    break;
                case 3:
                    Arrays.fill(s.values, at, at + n, Float.NEGATIVE_INFINITY);
                    what.append("all -inf");
                    break;
                case 4:
                    Arrays.fill(s.values, at, at + n, Float.NEGATIVE_INFINITY);
                    s.values[at + pos] = (float) r.nextGaussian();
                    what.append("-inf but ").append(pos);
                    break;
                case 5:
                    for (int j = 0; j < n; j++) {
                        s.values[at + j] = r.nextBoolean() ? Float.NEGATIVE_INFINITY : s.values[at + j];
                    }
                    what.append("half -inf");
                    break;
                case 6:
                    s.values[at + pos] = Float.NEGATIVE_INFINITY;
                    s.values[at + (pos + 1) % n] = Float.POSITIVE_INFINITY;
                    what.append("-inf, +inf at ").append(pos);
                    break;
                case 7:
                    s.values[at + pos] = Float.MAX_VALUE;
                    s.values[at + (n - 1 - pos)] = -Float.MAX_VALUE;
                    what.append("+-max at ").append(pos);
                    break;
                default:
                    what.append("none");
            }
            what.append(row + 1 < s.rows ? "; " : "");
        }
        s.k = r.nextInt(0, n + 1);
        SamplingReference.Row[] rows = new SamplingReference.Row[s.rows];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = randomParams(r, n);
        }
        s.sampling = rows;
        s.params = what.toString();
    }

    /** 1 to 70 tokens on a grid of quarters (ties), -inf entries, random per-row parameters. */
    private static void shortRows(SplittableRandom r, Spec s) {
        int n = r.nextInt(1, 71);
        s.n = n;
        s.rows = r.nextInt(1, 5);
        s.values = new float[s.rows * n];
        for (int i = 0; i < s.values.length; i++) {
            s.values[i] = r.nextInt(20) == 0 ? Float.NEGATIVE_INFINITY : r.nextInt(-24, 25) / 4f;
        }
        s.k = r.nextInt(0, n + 1);
        SamplingReference.Row[] rows = new SamplingReference.Row[s.rows];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = randomParams(r, n);
        }
        s.sampling = rows;
        s.params = "grid of quarters";
    }

    /** Gaussian rows with the parameters servers use (top-k 50, top-p 0.9, min-p 0.05, penalties over a history). */
    private static void serving(SplittableRandom r, Spec s) {
        int n = r.nextInt(3) == 0 ? r.nextInt(71, 2048) : longLength(r);
        s.n = n;
        s.rows = r.nextInt(1, 4);
        s.values = gaussianRows(r, s.rows * n, new double[] {1, 3, 30}[r.nextInt(3)]);
        SamplingReference.Row[] rows = new SamplingReference.Row[s.rows];
        for (int i = 0; i < rows.length; i++) {
            SamplingReference.Row p = new SamplingReference.Row();
            p.temperature = new double[] {0, 0.7, 1}[r.nextInt(3)];
            p.topK = new int[] {0, 40, 50}[r.nextInt(3)];
            p.topP = new double[] {1, 0.9, 0.95}[r.nextInt(3)];
            p.minP = new double[] {0, 0.05}[r.nextInt(2)];
            p.repetition = new double[] {1, 1.1, 1.3}[r.nextInt(3)];
            p.presence = new double[] {0, 0.5}[r.nextInt(2)];
            p.frequency = new double[] {0, 0.2}[r.nextInt(2)];
            p.history = new int[r.nextInt(0, 200)];
            for (int j = 0; j < p.history.length; j++) {
                p.history[j] = r.nextInt(n);
            }
            rows[i] = p;
        }
        s.sampling = rows;
        s.k = new int[] {1, 5, 20}[r.nextInt(3)];
        s.params = "serving";
    }

    /** Random float16 or bfloat16 bits: a few values (ties), wide ranges, -inf, NaN. */
    private static void halfBits(SplittableRandom r, Spec s) {
        int n = anyLength(r);
        s.n = n;
        s.rows = r.nextInt(1, 3);
        s.bf16 = r.nextBoolean();
        int kind = r.nextInt(4);
        s.bits = new short[s.rows * n];
        for (int i = 0; i < s.bits.length; i++) {
            short b;
            if (r.nextInt(60) == 0) {
                b = (short) (s.bf16 ? 0xFF80 : 0xFC00);   // -inf
            } else if (kind == 0) {
                b = (short) (s.bf16 ? 0x3F80 + 0x80 * r.nextInt(3) : 0x3C00 + 0x400 * r.nextInt(3));
            } else if (kind == 1) {
                b = (short) r.nextInt(1 << 16);            // anything, NaN and inf included
            } else {
                int sign = r.nextInt(2) << 15;
                b = (short) (s.bf16 ? sign | ((120 + r.nextInt(14)) << 7) | r.nextInt(128)
                        : sign | ((8 + r.nextInt(14)) << 10) | r.nextInt(1024));
            }
            s.bits[i] = b;
        }
        s.k = r.nextInt(0, n + 1);
        SamplingReference.Row[] rows = new SamplingReference.Row[s.rows];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = randomParams(r, n);
        }
        s.sampling = rows;
        s.params = new String[] {"three values", "any bits", "normal values", "normal values"}[kind];
    }

    // ---------------------------------------------------------------------------------------------
    // checking

    /** Counters of a run. */
    static final class Tally {
        int cases;
        int draws;
        int skippedDraws;
        int failedCases;
        final Map<String, Integer> perGenerator = new TreeMap<>();
        final Map<String, Integer> failuresPerGenerator = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
    }

    /** Runs the four ops of {@code c} on {@code ops} (on the case's thread) and checks them; returns what differs. */
    static List<String> check(LegacyOps ops, Case c, Tally tally) {
        List<String> bad = new ArrayList<>();
        Runnable calls = () -> bad.addAll(runAndCompare(ops, c, tally));
        if (c.thread == ThreadMode.REUSED) {
            calls.run();
        } else {
            Threads.runOnNewThread("fuzz-case-" + c.index, () -> {
                if (c.thread == ThreadMode.AFTER_LARGE_K) {
                    ops.topK(new float[8192], 0, new int[] {1, 8192}, 1000, new float[1000], 0, new int[1000], 0);
                    ops.topLogProbs(LARGE, 0, new int[] {1, LARGE.length}, 3000, new float[3000], 0, new long[3000], 0);
                }
                calls.run();
            });
        }
        return bad;
    }

    private static final float[] LARGE = new float[16384];

    static {
        for (int i = 0; i < LARGE.length; i++) {
            LARGE[i] = (i % 97) * 0.01f;
        }
    }

    private static List<String> runAndCompare(LegacyOps ops, Case c, Tally tally) {
        List<String> bad = new ArrayList<>();
        Input in = c.input;
        int rows = in.rows;
        double[][] row = new double[rows][];
        int[][] order = new int[rows][];
        double[][] norm = new double[rows][];
        for (int i = 0; i < rows; i++) {
            row[i] = in.row(i);
            order[i] = SelectionOracle.order(row[i]);
            norm[i] = SamplingReference.logNormaliser(row[i]);
        }
        try {
            long[] am = SelectionCalls.argmax(ops, c.memory, in, c.int64);
            for (int i = 0; i < rows; i++) {
                if (am[i] != order[i][0]) {
                    bad.add("argmax row " + i + ": " + am[i] + ", want " + order[i][0]);
                }
            }
        } catch (RuntimeException | AssertionError e) {
            bad.add("argmax threw " + e);
        }
        for (boolean logProbs : new boolean[] {false, true}) {
            String op = logProbs ? "topLogProbs" : "topK";
            try {
                SelectionCalls.TopK got = SelectionCalls.topK(ops, c.memory, in, c.k, logProbs, c.int64);
                for (int i = 0; i < rows; i++) {
                    String d = SelectionOracle.checkTopK(row[i], order[i], norm[i], c.k, logProbs, c.memory.float32,
                            Arrays.copyOfRange(got.values, i * c.k, (i + 1) * c.k),
                            Arrays.copyOfRange(got.indices, i * c.k, (i + 1) * c.k));
                    if (d != null) {
                        bad.add(op + "(k = " + c.k + ") row " + i + ": " + d);
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                bad.add(op + "(k = " + c.k + ") threw " + e);
            }
        }
        try {
            SelectionCalls.Sampled got = SelectionCalls.sample(ops, c.memory, in, SelectionCalls.options(c.rows), c.u, c.int64);
            for (int i = 0; i < rows; i++) {
                SelectionOracle.Draw want = SelectionOracle.sample(row[i], c.rows[i], c.u[i]);
                tally.draws++;
                if (want.margin < 1e-9) {
                    tally.skippedDraws++;
                    continue;
                }
                if (got.tokens[i] != want.token) {
                    bad.add("sample row " + i + ": token " + got.tokens[i] + ", want " + want.token);
                    continue;
                }
                String d = SelectionOracle.checkLogProb(row[i], norm[i], want.token, got.logProbs[i], c.memory.float32);
                if (d != null) {
                    bad.add("sample row " + i + ": " + d);
                }
            }
        } catch (RuntimeException | AssertionError e) {
            bad.add("sample threw " + e);
        }
        return bad;
    }

    /** Runs cases {@code [0, count)} (or only {@code only} when >= 0) on {@code ops}; prints failures as they come. */
    static Tally run(LegacyOps ops, String backendName, long seed, int count, int only, PrintStream out) {
        Tally t = new Tally();
        int from = only >= 0 ? only : 0;
        int to = only >= 0 ? only + 1 : count;
        for (int i = from; i < to; i++) {
            Case c = generate(seed, i);
            List<String> bad = check(ops, c, t);
            t.cases++;
            t.perGenerator.merge(c.generator, 1, Integer::sum);
            if (!bad.isEmpty()) {
                t.failedCases++;
                t.failuresPerGenerator.merge(c.generator, 1, Integer::sum);
                if (t.failures.size() < 40) {
                    String f = backendName + " " + c.describe() + "\n    "
                            + String.join("\n    ", bad.subList(0, Math.min(6, bad.size())))
                            + "\n    reproduce: -Dlogits4j.fuzz.seed=" + seed + " -Dlogits4j.fuzz.only=" + i
                            + (c.thread == ThreadMode.REUSED
                                    ? " (this case ran on the reused thread after cases 0.." + (i - 1) + ")" : "");
                    t.failures.add(f);
                    out.println("FAIL " + f);
                    out.flush();
                }
            }
            if ((i + 1) % 10000 == 0) {
                out.println(backendName + ": " + (i + 1) + " cases, " + t.failedCases + " failed");
                out.flush();
            }
        }
        return t;
    }

    /**
     * args: backend names ({@link Backend#name()}, comma-separated: run one after the other, each
     * from case 0 on a fresh fuzzing thread), cases, seed, [the one case to run].
     */
    public static void main(String[] args) {
        int count = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int only = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        int failed = 0;
        for (String name : args[0].split(",")) {
            Backend backend = null;
            for (Backend b : AllBackends.all()) {
                if (b.name().equals(name)) {
                    backend = b;
                }
            }
            if (backend == null) {
                System.out.println("no backend " + name + " here: " + AllBackends.all());
                System.exit(2);
            }
            System.out.println("selection fuzz on " + name + ": seed " + seed + ", "
                    + (only >= 0 ? "case " + only + " only" : count + " cases"));
            System.out.flush();
            LegacyOps ops = Legacy.with(backend);
            Tally[] t = new Tally[1];
            long t0 = System.nanoTime();
            Threads.runOnNewThread("fuzz-" + name, () -> t[0] = run(ops, name, seed, count, only, System.out));
            System.out.printf("%s: %d cases in %.1f s, %d failed %s; draws %d, skipped near a boundary %d;"
                    + " cases per generator %s%n",
                    name, t[0].cases, (System.nanoTime() - t0) / 1e9, t[0].failedCases, t[0].failuresPerGenerator,
                    t[0].draws, t[0].skippedDraws, t[0].perGenerator);
            System.out.flush();
            failed += t[0].failedCases;
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
