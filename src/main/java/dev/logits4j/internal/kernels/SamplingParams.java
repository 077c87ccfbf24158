package dev.logits4j.internal.kernels;

/**
 * One {@code sample} call's parameters, checked and resolved for {@code rows} rows of a vocabulary
 * of {@code vocab} tokens (made by {@link SamplePlan}; kernels read it and check nothing).
 * A per-batch parameter is an array of length 1, a per-row one has one value per row: read them
 * with the row accessors. Histories and logit biases are in compressed-row form: row {@code r}'s
 * entries are {@code [start[r], start[r + 1])} of the id (and value) arrays, or, when
 * {@code start} has two entries, the same shared entries for every row.
 */
public final class SamplingParams {
    public final long rows;
    public final int vocab;
    private final double[] temperature;
    private final int[] topK;
    private final double[] topP;
    private final double[] minP;
    private final double[] repetition;
    private final double[] presence;
    private final double[] frequency;
    private final int[] historyStart;
    private final int[] historyIds;
    private final int[] biasStart;
    private final int[] biasIds;
    private final double[] biasValues;
    /** Incremental token counts per row (or one for the batch), or null: see {@link #state}. */
    private TokenCounts[] states;
    /** The largest history length of any row (work memory for the counts). */
    public final int maxHistory;

    public SamplingParams(long rows, int vocab, double[] temperature, int[] topK, double[] topP,
                   double[] minP, double[] repetition, double[] presence, double[] frequency,
                   int[] historyStart, int[] historyIds, int[] biasStart, int[] biasIds,
                   double[] biasValues) {
        this.rows = rows;
        this.vocab = vocab;
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.minP = minP;
        this.repetition = repetition;
        this.presence = presence;
        this.frequency = frequency;
        this.historyStart = historyStart;
        this.historyIds = historyIds;
        this.biasStart = biasStart;
        this.biasIds = biasIds;
        this.biasValues = biasValues;
        int m = 0;
        for (int r = 0; r + 1 < historyStart.length; r++) {
            m = Math.max(m, historyStart[r + 1] - historyStart[r]);
        }
        this.maxHistory = m;
    }

    /** The same parameters with incremental token counts in place of a history. */
    public SamplingParams withStates(TokenCounts[] states) {
        this.states = states;
        return this;
    }

    /** Row {@code row}'s incremental token counts, or null when the penalties take a history. */
    public TokenCounts state(long row) {
        return states == null ? null : states[at(states.length, row)];
    }

    private static int at(int length, long row) {
        return length == 1 ? 0 : (int) row;
    }

    public double temperature(long row) {
        return temperature[at(temperature.length, row)];
    }

    /** k, or 0 when top-k is off (k = 0 or k >= vocab). */
    public int topK(long row) {
        int k = topK[at(topK.length, row)];
        return k >= vocab ? 0 : k;
    }

    public double topP(long row) {
        return topP[at(topP.length, row)];
    }

    public double minP(long row) {
        return minP[at(minP.length, row)];
    }

    public double repetitionPenalty(long row) {
        return repetition[at(repetition.length, row)];
    }

    public double presencePenalty(long row) {
        return presence[at(presence.length, row)];
    }

    public double frequencyPenalty(long row) {
        return frequency[at(frequency.length, row)];
    }

    /** The history ids of every row; row {@code r}'s are [historyFrom(r), historyTo(r)). */
    public int[] historyIds() {
        return historyIds;
    }

    public int historyFrom(long row) {
        return historyStart[historyStart.length == 2 ? 0 : (int) row];
    }

    public int historyTo(long row) {
        return historyStart[historyStart.length == 2 ? 1 : (int) row + 1];
    }

    public int[] biasIds() {
        return biasIds;
    }

    public double[] biasValues() {
        return biasValues;
    }

    public int biasFrom(long row) {
        return biasStart[biasStart.length == 2 ? 0 : (int) row];
    }

    public int biasTo(long row) {
        return biasStart[biasStart.length == 2 ? 1 : (int) row + 1];
    }
}
