package dev.logits4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A float64 reference of the selection ops written the plain way (sorting the whole row), as
 * independent of the library's radix-select kernels as possible: the tests compare the two.
 * {@link #sample} also reports how close the draw or the top-p cut came to a boundary, so random
 * tests can skip cases that rounding could legitimately decide either way.
 */
final class SamplingReference {
    private SamplingReference() {}

    static final class Row {
        double temperature = 1;
        int topK;
        double topP = 1;
        double minP;
        double repetition = 1;
        double presence;
        double frequency;
        int[] history = new int[0];
        Map<Integer, Double> bias = Map.of();
    }

    /** The token (or -1) and the smallest relative distance of a decision to its boundary. */
    record Result(int token, double margin) {}

    static Integer[] sortedDesc(double[] z) {
        Integer[] idx = new Integer[z.length];
        for (int i = 0; i < z.length; i++) {
            idx[i] = i;
        }
        // NaN first (largest), then by value descending, ties by index ascending
        java.util.Arrays.sort(idx, Comparator.<Integer>comparingInt(i -> Double.isNaN(z[i]) ? 0 : 1)
                .thenComparing(i -> -(z[i] + 0.0), Comparator.naturalOrder())
                .thenComparingInt(i -> i));
        return idx;
    }

    static Result sample(double[] logits, Row p, double u) {
        int n = logits.length;
        double[] z = logits.clone();
        for (Map.Entry<Integer, Double> e : p.bias.entrySet()) {
            z[e.getKey()] += e.getValue();
        }
        Map<Integer, Integer> counts = new java.util.LinkedHashMap<>();
        for (int id : p.history) {
            counts.merge(id, 1, Integer::sum);
        }
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            int id = e.getKey();
            double v = z[id];
            v = v < 0 ? v * p.repetition : v / p.repetition;
            v = v - (p.frequency * e.getValue() + p.presence);
            z[id] = v;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                return new Result(-1, 1);
            }
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return new Result(-1, 1);
        }
        Integer[] order = sortedDesc(z);
        if (p.temperature == 0) {
            return new Result(order[0], 1);
        }
        for (int i = 0; i < n; i++) {
            z[i] = z[i] / p.temperature;
        }
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        if (p.topK > 0 && p.topK < n) {
            double kth = z[order[p.topK - 1]];
            for (int i = 0; i < n; i++) {
                keep[i] = z[i] >= kth;
            }
        }
        double m = z[order[0]];
        double[] prob = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            prob[i] = keep[i] ? Math.exp(z[i] - m) : 0;
            s += prob[i];
        }
        for (int i = 0; i < n; i++) {
            prob[i] /= s;
        }
        double margin = 1;
        if (p.topP < 1) {
            double before = 0;
            for (Integer i : order) {
                if (!keep[i]) {
                    continue;
                }
                margin = Math.min(margin, Math.abs(before - p.topP));
                if (before >= p.topP) {
                    keep[i] = false;
                }
                before += prob[i];
            }
        }
        if (p.minP > 0) {
            for (int i = 0; i < n; i++) {
                if (keep[i]) {
                    margin = Math.min(margin, Math.abs(prob[i] - p.minP * prob[order[0]]));
                    keep[i] = prob[i] >= p.minP * prob[order[0]];
                }
            }
        }
        double kept = 0;
        for (int i = 0; i < n; i++) {
            kept += keep[i] ? prob[i] : 0;
        }
        double target = u * kept;
        double run = 0;
        int token = -1;
        for (int i = 0; i < n; i++) {
            if (!keep[i] || prob[i] == 0) {
                continue;
            }
            margin = Math.min(margin, Math.abs(run - target) / kept);
            run += prob[i];
            if (run > target && token < 0) {
                token = i;
            }
        }
        if (token < 0) {   // rounding: the last kept token
            for (int i = n - 1; i >= 0 && token < 0; i--) {
                if (keep[i] && prob[i] > 0) {
                    token = i;
                }
            }
        }
        return new Result(token, margin);
    }

    /** Top-k indices by sorting the row. */
    static int[] topK(double[] x, int k) {
        Integer[] order = sortedDesc(x);
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = order[j];
        }
        return out;
    }

    static double logSumExp(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        if (m == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /**
     * log_softmax's two parts as PyTorch forms them, {@code {m, log(sum(exp(x - m)))}} with m the
     * row's maximum, so that a log-prob is {@code (x - m) - log s} (never {@code x - (m + log s)},
     * which loses every digit of log s when |m| is large); both NaN when the row has no
     * distribution (as {@link #logSumExp}).
     */
    static double[] logNormaliser(double[] x) {
        double lse = logSumExp(x);
        if (lse != lse) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : x) {
            s += Math.exp(v - m);
        }
        return new double[] {m, Math.log(s)};
    }

    static List<Double> row(double[] x) {
        List<Double> l = new ArrayList<>();
        for (double v : x) {
            l.add(v);
        }
        return l;
    }
}
