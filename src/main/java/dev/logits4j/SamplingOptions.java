package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.SamplingSettings;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link Logits4j#sample}: the steps of the sampling pipeline (docs/SAMPLING.md)
 * in the order they run — logit bias, repetition / presence / frequency penalties over each row's
 * history, temperature (0: greedy), top-k, top-p, min-p — then the draw. Every step is off by
 * default ({@link #DEFAULT} samples from {@code softmax(x)}).
 *
 * <p>Each parameter is one value for the batch or, with the plural method, one value per row (a
 * batch mixes requests with different settings). Values are checked when set
 * ({@link IllegalArgumentException} naming the parameter and the value); lengths, token ids and
 * history ids are checked against the batch and vocabulary when the call starts, before any work.
 *
 * <p>Immutable and thread-safe: each {@code with} method returns new options (arrays are copied).
 * <pre>{@code
 * static final SamplingOptions CHAT = SamplingOptions.DEFAULT
 *         .withTemperature(0.7).withTopK(50).withTopP(0.9).withMinP(0.05);
 * SamplingOptions step = CHAT.withHistory(generatedSoFar);   // per decoding step
 * }</pre>
 */
public final class SamplingOptions {
    /** Every step off: T = 1, no top-k/top-p/min-p, no penalties, no bias. */
    public static final SamplingOptions DEFAULT = new SamplingOptions(new SamplingSettings());

    private final SamplingSettings s;

    private SamplingOptions(SamplingSettings s) {
        this.s = s;
    }

    /** The settings for the plan; never modify. */
    SamplingSettings settings() {
        return s;
    }

    private static double[] one(double v) {
        return new double[] {v};
    }

    private static double[] each(double[] values, String name, java.util.function.DoubleUnaryOperator check) {
        double[] copy = Checks.notNull(values, name).clone();
        if (copy.length == 0) {
            throw new IllegalArgumentException(name + " is empty: give 1 value or 1 per row");
        }
        for (int i = 0; i < copy.length; i++) {
            check.applyAsDouble(copy[i]);
        }
        return copy;
    }

    /**
     * Temperature T: logits are divided by T after the penalties; T = 0 is greedy (the argmax of
     * the processed logits, ignoring top-k/top-p/min-p and the draw).
     *
     * @param t 0, or T in [2^-126, 2^126]
     * @return new options
     * @throws IllegalArgumentException for a negative, NaN or out-of-range T
     */
    public SamplingOptions withTemperature(double t) {
        SamplingSettings c = s.copy();
        c.temperature = one(Checks.samplingTemperature("temperature", t));
        return new SamplingOptions(c);
    }

    /**
     * One temperature per row (see {@link #withTemperature}).
     *
     * @param t one T per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty array
     */
    public SamplingOptions withTemperatures(double[] t) {
        SamplingSettings c = s.copy();
        c.temperature = each(t, "temperatures", v -> Checks.samplingTemperature("temperature", v));
        return new SamplingOptions(c);
    }

    /**
     * Top-k: keep every token whose processed logit is at least the k-th largest (ties at the k-th
     * value are kept, as Hugging Face's {@code TopKLogitsWarper}).
     *
     * @param k k >= 0; 0 or k >= vocabulary: off
     * @return new options
     * @throws IllegalArgumentException for k &lt; 0
     */
    public SamplingOptions withTopK(int k) {
        SamplingSettings c = s.copy();
        c.topK = new int[] {Checks.topK("topK", k)};
        return new SamplingOptions(c);
    }

    /**
     * One top-k per row (see {@link #withTopK}).
     *
     * @param k one k per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty array
     */
    public SamplingOptions withTopKs(int[] k) {
        int[] copy = Checks.notNull(k, "topKs").clone();
        if (copy.length == 0) {
            throw new IllegalArgumentException("topKs is empty: give 1 value or 1 per row");
        }
        for (int v : copy) {
            Checks.topK("topK", v);
        }
        SamplingSettings c = s.copy();
        c.topK = copy;
        return new SamplingOptions(c);
    }

    /**
     * Top-p (nucleus): keep the smallest set of most probable tokens (probability descending, then
     * index ascending) whose probability sum reaches p; at least one token.
     *
     * @param p p in (0, 1]; 1: off
     * @return new options
     * @throws IllegalArgumentException for p outside (0, 1]
     */
    public SamplingOptions withTopP(double p) {
        SamplingSettings c = s.copy();
        c.topP = one(Checks.topP("topP", p));
        return new SamplingOptions(c);
    }

    /**
     * One top-p per row (see {@link #withTopP}).
     *
     * @param p one p per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty array
     */
    public SamplingOptions withTopPs(double[] p) {
        SamplingSettings c = s.copy();
        c.topP = each(p, "topPs", v -> Checks.topP("topP", v));
        return new SamplingOptions(c);
    }

    /**
     * Min-p: keep tokens whose probability is at least {@code minP} times the largest.
     *
     * @param minP in [0, 1]; 0: off
     * @return new options
     * @throws IllegalArgumentException for a value outside [0, 1]
     */
    public SamplingOptions withMinP(double minP) {
        SamplingSettings c = s.copy();
        c.minP = one(Checks.minP("minP", minP));
        return new SamplingOptions(c);
    }

    /**
     * One min-p per row (see {@link #withMinP}).
     *
     * @param minP one value per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty array
     */
    public SamplingOptions withMinPs(double[] minP) {
        SamplingSettings c = s.copy();
        c.minP = each(minP, "minPs", v -> Checks.minP("minP", v));
        return new SamplingOptions(c);
    }

    /**
     * Repetition penalty r (Hugging Face): each distinct history token's logit becomes
     * {@code x < 0 ? x * r : x / r}.
     *
     * @param r finite and > 0; 1: off
     * @return new options
     * @throws IllegalArgumentException for r &lt;= 0, NaN or infinite
     */
    public SamplingOptions withRepetitionPenalty(double r) {
        SamplingSettings c = s.copy();
        c.repetitionPenalty = one(Checks.repetitionPenalty("repetitionPenalty", r));
        return new SamplingOptions(c);
    }

    /**
     * One repetition penalty per row.
     *
     * @param r one value per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty array
     */
    public SamplingOptions withRepetitionPenalties(double[] r) {
        SamplingSettings c = s.copy();
        c.repetitionPenalty = each(r, "repetitionPenalties", v -> Checks.repetitionPenalty("repetitionPenalty", v));
        return new SamplingOptions(c);
    }

    /**
     * Presence penalty a and frequency penalty f (OpenAI / vLLM): each history token's logit
     * loses {@code f * count + a}, count being its occurrences in the row's history.
     *
     * @param presence a, finite (0: off)
     * @param frequency f, finite (0: off)
     * @return new options
     * @throws IllegalArgumentException for NaN or infinite values
     */
    public SamplingOptions withPresenceFrequencyPenalty(double presence, double frequency) {
        SamplingSettings c = s.copy();
        c.presencePenalty = one(Checks.additivePenalty("presencePenalty", presence));
        c.frequencyPenalty = one(Checks.additivePenalty("frequencyPenalty", frequency));
        return new SamplingOptions(c);
    }

    /**
     * Per-row presence and frequency penalties (each array: 1 value or 1 per row).
     *
     * @param presence a per row
     * @param frequency f per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty array
     */
    public SamplingOptions withPresenceFrequencyPenalties(double[] presence, double[] frequency) {
        SamplingSettings c = s.copy();
        c.presencePenalty = each(presence, "presencePenalties", v -> Checks.additivePenalty("presencePenalty", v));
        c.frequencyPenalty = each(frequency, "frequencyPenalties", v -> Checks.additivePenalty("frequencyPenalty", v));
        return new SamplingOptions(c);
    }

    /**
     * The token history the penalties look at, ragged: one array per row (or a single array for
     * every row). Ids must lie in the vocabulary (checked per call).
     *
     * @param history token ids per row
     * @return new options
     * @throws NullPointerException for a null array or row
     */
    public SamplingOptions withHistory(int[][] history) {
        int[][] copy = Checks.notNull(history, "history").clone();
        for (int r = 0; r < copy.length; r++) {
            copy[r] = Checks.notNull(copy[r], "history[" + r + "]").clone();
        }
        SamplingSettings c = s.copy();
        c.history = copy;
        c.paddedHistory = null;
        c.penaltyStates = null;
        return new SamplingOptions(c);
    }

    /**
     * The penalties' token counts as incremental per-request states (one for every row, or one
     * per row), read at each call: a decode step costs O(distinct tokens) and copies no history.
     * Replaces a history given by {@link #withHistory} or {@link #withPaddedHistory} (the
     * penalties take one or the other). The states are the caller's objects, not copies: accept
     * each step's token into its row's state between calls.
     *
     * @param states one state per row, or one for every row; each of the call's vocabulary
     * @return new options
     * @throws NullPointerException for a null array or state
     */
    public SamplingOptions withPenaltyStates(PenaltyState... states) {
        Checks.notNull(states, "states");
        dev.logits4j.internal.kernels.TokenCounts[] c = new dev.logits4j.internal.kernels.TokenCounts[states.length];
        for (int r = 0; r < states.length; r++) {
            c[r] = Checks.notNull(states[r], "states[" + r + "]").counts;
        }
        SamplingSettings copy = s.copy();
        copy.penaltyStates = c;
        copy.history = null;
        copy.paddedHistory = null;
        return new SamplingOptions(copy);
    }

    /**
     * The token history as a padded {@code [rows, length]} row-major array with -1 as padding.
     *
     * @param ids the ids, {@code rows * length} of them
     * @param length the padded length of each row
     * @return new options
     * @throws IllegalArgumentException when {@code ids.length} is not a multiple of {@code length}
     */
    public SamplingOptions withPaddedHistory(long[] ids, int length) {
        long[] copy = Checks.notNull(ids, "history").clone();
        if (length < 0 || (length == 0 ? copy.length != 0 : copy.length % length != 0)) {
            throw new IllegalArgumentException("history length " + length + " does not divide its "
                    + copy.length + " ids");
        }
        SamplingSettings c = s.copy();
        c.paddedHistory = copy;
        c.paddedLength = length;
        c.history = null;
        c.penaltyStates = null;
        return new SamplingOptions(c);
    }

    /**
     * A logit bias shared by every row: token id to the value added to its logit (finite, or -inf
     * to ban the token). Ids are checked against the vocabulary per call.
     *
     * @param bias token id to added value
     * @return new options
     * @throws IllegalArgumentException for a NaN or +inf value
     */
    public SamplingOptions withLogitBias(Map<Integer, ? extends Number> bias) {
        return withLogitBiases(List.of(Checks.notNull(bias, "logitBias")));
    }

    /**
     * One logit bias map per row (see {@link #withLogitBias}).
     *
     * @param biases one map per row
     * @return new options
     * @throws IllegalArgumentException for a bad value or an empty list
     */
    public SamplingOptions withLogitBiases(List<? extends Map<Integer, ? extends Number>> biases) {
        Checks.notNull(biases, "logitBiases");
        if (biases.isEmpty()) {
            throw new IllegalArgumentException("logitBiases is empty: give 1 map or 1 per row");
        }
        int[][] ids = new int[biases.size()][];
        double[][] values = new double[biases.size()][];
        for (int r = 0; r < ids.length; r++) {
            Map<Integer, ? extends Number> m = Checks.notNull(biases.get(r), "logitBiases[" + r + "]");
            List<Map.Entry<Integer, ? extends Number>> entries = new java.util.ArrayList<>(m.entrySet());
            ids[r] = new int[entries.size()];
            values[r] = new double[entries.size()];
            int j = 0;
            for (Map.Entry<Integer, ? extends Number> e : entries) {
                ids[r][j] = Checks.notNull(e.getKey(), "logitBias token");
                values[r][j] = Checks.logitBias("logitBias[" + e.getKey() + "]",
                        Checks.notNull(e.getValue(), "logitBias value").doubleValue());
                j++;
            }
        }
        SamplingSettings c = s.copy();
        c.biasIds = ids;
        c.biasValues = values;
        return new SamplingOptions(c);
    }

    // ---- what the options hold: each getter returns a copy (the options stay immutable); an
    // array holds 1 value for the whole batch or 1 per row, as it was set ----

    /**
     * The temperatures (default {@code [1]}).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public double[] temperatures() {
        return s.temperature.clone();
    }

    /**
     * The top-k values (default {@code [0]}: off).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public int[] topKs() {
        return s.topK.clone();
    }

    /**
     * The top-p values (default {@code [1]}: off).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public double[] topPs() {
        return s.topP.clone();
    }

    /**
     * The min-p values (default {@code [0]}: off).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public double[] minPs() {
        return s.minP.clone();
    }

    /**
     * The repetition penalties (default {@code [1]}: off).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public double[] repetitionPenalties() {
        return s.repetitionPenalty.clone();
    }

    /**
     * The presence penalties (default {@code [0]}: off).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public double[] presencePenalties() {
        return s.presencePenalty.clone();
    }

    /**
     * The frequency penalties (default {@code [0]}: off).
     *
     * @return a copy: 1 value for the batch or 1 per row
     */
    public double[] frequencyPenalties() {
        return s.frequencyPenalty.clone();
    }

    /**
     * The ragged token history set by {@link #withHistory}.
     *
     * @return a deep copy (one array per row, or one for every row), or null when none was set
     *         or the history is padded ({@link #paddedHistory})
     */
    public int[][] history() {
        if (s.history == null) {
            return null;
        }
        int[][] copy = s.history.clone();
        for (int r = 0; r < copy.length; r++) {
            copy[r] = copy[r].clone();
        }
        return copy;
    }

    /**
     * The padded token history set by {@link #withPaddedHistory} ({@code -1} is padding).
     *
     * @return a copy of the {@code [rows, paddedHistoryLength()]} ids, or null when none was set
     *         or the history is ragged ({@link #history})
     */
    public long[] paddedHistory() {
        return s.paddedHistory == null ? null : s.paddedHistory.clone();
    }

    /**
     * The padded length of each row of {@link #paddedHistory}.
     *
     * @return the length, 0 when no padded history was set
     */
    public int paddedHistoryLength() {
        return s.paddedHistory == null ? 0 : s.paddedLength;
    }

    /**
     * The penalty states set by {@link #withPenaltyStates}: the caller's objects themselves.
     *
     * @return an unmodifiable list, 1 for the batch or 1 per row; empty when none was set
     */
    public List<PenaltyState> penaltyStates() {
        if (s.penaltyStates == null) {
            return List.of();
        }
        List<PenaltyState> out = new java.util.ArrayList<>(s.penaltyStates.length);
        for (dev.logits4j.internal.kernels.TokenCounts c : s.penaltyStates) {
            out.add((PenaltyState) c.owner);
        }
        return List.copyOf(out);
    }

    /**
     * The logit biases: token id to the value added to its logit, in the order they were given.
     *
     * @return new unmodifiable maps, 1 for the batch or 1 per row; empty when no bias was set
     */
    public List<Map<Integer, Double>> logitBiases() {
        if (s.biasIds == null) {
            return List.of();
        }
        List<Map<Integer, Double>> rows = new java.util.ArrayList<>(s.biasIds.length);
        for (int r = 0; r < s.biasIds.length; r++) {
            Map<Integer, Double> m = new java.util.LinkedHashMap<>();
            for (int j = 0; j < s.biasIds[r].length; j++) {
                m.put(s.biasIds[r][j], s.biasValues[r][j]);
            }
            rows.add(java.util.Collections.unmodifiableMap(m));
        }
        return List.copyOf(rows);
    }

    /**
     * Every parameter by name, for logs and debugging: one value as itself, one per row as a list;
     * histories longer than a few ids per row are shortened (they can be thousands long).
     *
     * @return e.g. {@code SamplingOptions[temperature=0.7, topK=50, topP=0.9, minP=0.05, ...]}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SamplingOptions[");
        b.append("temperature=").append(OptionsText.values(s.temperature));
        b.append(", topK=").append(OptionsText.values(s.topK));
        b.append(", topP=").append(OptionsText.values(s.topP));
        b.append(", minP=").append(OptionsText.values(s.minP));
        b.append(", repetitionPenalty=").append(OptionsText.values(s.repetitionPenalty));
        b.append(", presencePenalty=").append(OptionsText.values(s.presencePenalty));
        b.append(", frequencyPenalty=").append(OptionsText.values(s.frequencyPenalty));
        b.append(", history=").append(s.history == null ? "none" : OptionsText.rows(s.history));
        b.append(", paddedHistory=").append(s.paddedHistory == null ? "none"
                : OptionsText.padded(s.paddedHistory, s.paddedLength));
        b.append(", penaltyStates=").append(s.penaltyStates == null ? "none" : penaltyStates());
        b.append(", logitBias=").append(s.biasIds == null ? "none" : logitBiases());
        return b.append(']').toString();
    }
}
