package dev.logits4j;

import java.util.Arrays;
import java.util.Map;

/**
 * The answers of the selection ops by sorting (float64), written from docs/SAMPLING.md without
 * the library's code, and the checks that compare an implementation's outputs with them. Like
 * {@link SamplingReference} (which {@code SelectionOracleTest} checks it against), but on
 * primitive sorts: rows whose values are all float32 sort as packed 64-bit keys, and
 * {@link #sample} finds the top-k and top-p cuts from a sorted copy of the values, fast enough
 * to fuzz 10^5 rows of up to 33000 tokens.
 */
final class SelectionOracle {
    private SelectionOracle() {}

    /** Positions by value descending, NaN first (the largest), ties by lower index first. */
    static int[] order(double[] row) {
        int n = row.length;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            double v = row[i];
            float f = (float) v;
            if (f != v && v == v) {
                Integer[] boxed = SamplingReference.sortedDesc(row);
                int[] o = new int[n];
                for (int j = 0; j < n; j++) {
                    o[j] = boxed[j];
                }
                return o;
            }
            // a float's order-preserving unsigned key (NaN above +inf, -0.0 = 0.0), flipped so
            // that ascending longs are descending values, then the index
            int bits = Float.floatToIntBits(f + 0.0f);
            int key = bits >= 0 ? bits ^ 0x80000000 : ~bits;
            packed[i] = ((long) (~key ^ 0x80000000) << 32) | i;
        }
        Arrays.sort(packed);
        int[] o = new int[n];
        for (int j = 0; j < n; j++) {
            o[j] = (int) packed[j];
        }
        return o;
    }

    /** The tolerance of a log-prob: float32 outputs to float32 accuracy of the log-sum-exp, float64 ones to 1e-12. */
    static double logProbTolerance(double want, boolean float32) {
        return (float32 ? 2e-6 : 1e-12) * Math.max(1, Math.abs(want));
    }

    /**
     * Checks one row of topK ({@code logProbs} false) or topLogProbs: {@code indices[0..k)} and
     * {@code values[0..k)} as returned ({@code norm}: {@link SamplingReference#logNormaliser}).
     * Null when right, else what differs first.
     */
    static String checkTopK(double[] row, int[] order, double[] norm, int k, boolean logProbs, boolean float32,
                            double[] values, long[] indices) {
        boolean nanLse = norm[1] != norm[1];
        for (int j = 0; j < k; j++) {
            int wantIndex = logProbs && nanLse ? j : order[j];
            if (indices[j] != wantIndex) {
                return "index[" + j + "] " + indices[j] + ", want " + wantIndex + " (value " + row[wantIndex] + ")";
            }
            if (!logProbs) {
                double want = float32 ? (float) row[wantIndex] : row[wantIndex];
                if (Double.compare(values[j] + 0.0, want + 0.0) != 0) {
                    return "value[" + j + "] " + values[j] + ", want " + want;
                }
            } else {
                double want = (row[wantIndex] - norm[0]) - norm[1];
                if (!logProbAgrees(values[j], want, float32)) {
                    return "log-prob[" + j + "] " + values[j] + ", want " + want;
                }
            }
        }
        return null;
    }

    /**
     * Whether a log-prob output agrees with the float64 value: NaN for NaN; else, rounded once to
     * float32 when the output is float32 (beyond -3.4e38 that is -inf), within
     * {@link #logProbTolerance}.
     */
    static boolean logProbAgrees(double got, double want, boolean float32) {
        if (want != want) {
            return got != got;
        }
        double w = float32 ? (float) want : want;
        return got == w || (!Double.isInfinite(w) && Math.abs(got - w) <= logProbTolerance(w, float32));
    }

    /**
     * Checks a sampled log-prob of {@code token} (raw {@code log_softmax}, from
     * {@link SamplingReference#logNormaliser}); null when right.
     */
    static String checkLogProb(double[] row, double[] norm, int token, double got, boolean float32) {
        double want = token < 0 ? Double.NaN : (row[token] - norm[0]) - norm[1];
        return logProbAgrees(got, want, float32) ? null : "log-prob " + got + ", want " + want;
    }

    /** The token {@link #sample} draws (-1: no distribution) and how close a decision came to its boundary (relative). */
    static final class Draw {
        final int token;
        final double margin;

        Draw(int token, double margin) {
            this.token = token;
            this.margin = margin;
        }
    }

    /**
     * docs/SAMPLING.md's pipeline on one row: bias, penalties (once per distinct history id), then
     * for T = 0 the first maximum; else top-k on the processed values (ties at the k-th kept),
     * weights {@code exp((x - max) / T)}, top-p (by weight descending, index ascending, while the
     * mass before a token is below p S), min-p (weight >= m times the largest, which is 1), and
     * the draw in index order (first running sum above u S, else the last kept token).
     */
    static Draw sample(double[] raw, SamplingReference.Row p, double u) {
        return prepare(raw, p).draw(u);
    }

    /** The pipeline up to the draw: the kept tokens' weights (or the greedy / -1 answer), reusable for many u. */
    static final class Prepared {
        /** The answer whatever u (-1, or the greedy token), or -2 when it depends on u. */
        final int fixed;
        final double[] w;
        final double margin;

        Prepared(int fixed, double[] w, double margin) {
            this.fixed = fixed;
            this.w = w;
            this.margin = margin;
        }

        /**
         * Step 7: the first index whose running sum of kept weights exceeds u S, else the last
         * kept; the margin also covers the boundaries on either side of the drawn token.
         */
        Draw draw(double u) {
            if (fixed != -2) {
                return new Draw(fixed, 1);
            }
            double mass = 0;
            for (double v : w) {
                mass += v;
            }
            double target = u * mass;
            double run = 0;
            double m = margin;
            int token = -1;
            int last = -1;
            for (int i = 0; i < w.length; i++) {
                if (w[i] > 0) {
                    // the boundaries between neighbouring kept tokens (u = 0 and u near 1 decide nothing)
                    if (last >= 0) {
                        m = Math.min(m, Math.abs(run - target) / mass);
                    }
                    if (token >= 0) {
                        break;
                    }
                    run += w[i];
                    last = i;
                    if (run > target) {
                        token = i;
                    }
                }
            }
            return new Draw(token >= 0 ? token : last, m);
        }
    }

    /** Steps 1-6 of {@link #sample} on one row. */
    static Prepared prepare(double[] raw, SamplingReference.Row p) {
        int n = raw.length;
        double[] z = raw.clone();
        for (Map.Entry<Integer, Double> e : p.bias.entrySet()) {
            z[e.getKey()] += e.getValue();
        }
        int[] count = new int[n];
        for (int id : p.history) {
            count[id]++;
        }
        for (int id : p.history) {
            if (count[id] > 0) {
                double v = z[id];
                v = v < 0 ? v * p.repetition : v / p.repetition;
                z[id] = v - (p.frequency * count[id] + p.presence);
                count[id] = 0;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        int first = -1;
        for (int i = 0; i < n; i++) {
            double v = z[i];
            if (v != v || v == Double.POSITIVE_INFINITY) {
                return new Prepared(-1, null, 1);
            }
            if (v > max) {
                max = v;
                first = i;
            }
        }
        if (first < 0) {
            return new Prepared(-1, null, 1);   // every value -inf
        }
        if (p.temperature == 0) {
            return new Prepared(first, null, 1);
        }
        double kth = Double.NEGATIVE_INFINITY;
        if (p.topK > 0 && p.topK < n) {
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            kth = sorted[n - p.topK];
        }
        double[] w = new double[n];
        double total = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            w[i] = z[i] >= kth ? Math.exp((z[i] - max) / p.temperature) : 0;
            total += w[i];
            kept += w[i] > 0 ? 1 : 0;
        }
        double margin = 1;
        if (p.topP < 1) {
            // values of the weighted tokens, descending; a group of equal values is walked in index order
            double[] vals = new double[kept];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] > 0) {
                    vals[c++] = z[i];
                }
            }
            Arrays.sort(vals);
            double target = p.topP * total;
            double before = 0;
            double cutValue = Double.NaN;
            int cutCount = 0;
            walk:
            for (int j = kept - 1; j >= 0; ) {
                double v = vals[j];
                double wv = Math.exp((v - max) / p.temperature);
                int g = 0;
                while (j - g >= 0 && vals[j - g] == v) {
                    g++;
                }
                for (int t = 0; t < g; t++) {
                    margin = Math.min(margin, Math.abs(before - target) / total);
                    if (!(before < target)) {
                        cutValue = v;
                        cutCount = t;
                        break walk;
                    }
                    before += wv;
                }
                j -= g;
            }
            if (cutValue == cutValue) {
                int seen = 0;
                for (int i = 0; i < n; i++) {
                    if (w[i] > 0 && (z[i] < cutValue || (z[i] == cutValue && seen++ >= cutCount))) {
                        w[i] = 0;
                    }
                }
            }
        }
        if (p.minP > 0) {
            for (int i = 0; i < n; i++) {
                if (w[i] > 0) {
                    margin = Math.min(margin, Math.abs(w[i] - p.minP) / Math.max(w[i], p.minP));
                    if (w[i] < p.minP) {
                        w[i] = 0;
                    }
                }
            }
        }
        return new Prepared(-2, w, margin);
    }
}
