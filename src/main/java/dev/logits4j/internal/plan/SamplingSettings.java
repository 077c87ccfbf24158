package dev.logits4j.internal.plan;

import dev.logits4j.internal.kernels.SamplingParams;

/**
 * What {@code dev.logits4j.SamplingOptions} holds, as the plan reads it: each value already checked
 * on its own when it was set (lengths and token ids are checked per call by {@link SamplePlan},
 * where the batch and vocabulary are known). Arrays are private copies and never modified; a
 * {@code with} method copies this object and replaces one field.
 */
public final class SamplingSettings implements Cloneable {
    public double[] temperature = {1};
    public int[] topK = {0};
    public double[] topP = {1};
    public double[] minP = {0};
    public double[] repetitionPenalty = {1};
    public double[] presencePenalty = {0};
    public double[] frequencyPenalty = {0};
    /** Ragged history (one array per row), or null. */
    public int[][] history;
    /** Incremental per-request token counts (one per row or one for the batch), or null. */
    public dev.logits4j.internal.kernels.TokenCounts[] penaltyStates;
    /** Padded history {@code [rows, paddedLength]} with -1 as padding, or null. */
    public long[] paddedHistory;
    public int paddedLength;
    /** Logit bias: token ids and values per row (or one entry for the batch), or null. */
    public int[][] biasIds;
    public double[][] biasValues;
    /**
     * The last {@link SamplePlan#resolve} of these settings (checked against a batch and a
     * vocabulary, histories and biases in CSR form), reused while calls bring the same batch and
     * vocabulary: the settings never change, so a server that keeps one options object per
     * request resolves it once, not per decode step. {@link #copy} drops it.
     */
    volatile SamplingParams resolved;

    public SamplingSettings copy() {
        try {
            SamplingSettings c = (SamplingSettings) clone();
            c.resolved = null;
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
