package dev.logits4j.internal.plan;

import java.util.Arrays;

/**
 * What the parallel form of the ops needs to split sample by rows: the whole call's sampling checks
 * (those of {@link SamplePlan}, on the whole batch, before any chunk runs) and each chunk's
 * settings, with every per-row array sliced to the chunk's rows and batch-wide values kept.
 * Each row's result depends only on its own logits, draw and settings, so chunks are independent.
 */
public final class RowChunks {
    private RowChunks() {}

    /** Lengths of the per-row arrays, history and bias ids against the whole batch, as SamplePlan. */
    public static void checkSampling(SamplingSettings s, long rows, int vocab) {
        SamplePlan.resolve(s, rows, vocab);
    }

    /**
     * The settings of rows [first, first + count) of a batch of {@code rows} (already checked by
     * {@link #checkSampling}): an array with one value per row is sliced, one with a single
     * value (for every row) is kept.
     */
    public static SamplingSettings slice(SamplingSettings s, long rows, int first, int count) {
        SamplingSettings c = s.copy();
        if (rows <= 1) {
            return c;
        }
        c.temperature = rowsOf(s.temperature, rows, first, count);
        c.topK = s.topK.length == rows ? Arrays.copyOfRange(s.topK, first, first + count) : s.topK;
        c.topP = rowsOf(s.topP, rows, first, count);
        c.minP = rowsOf(s.minP, rows, first, count);
        c.repetitionPenalty = rowsOf(s.repetitionPenalty, rows, first, count);
        c.presencePenalty = rowsOf(s.presencePenalty, rows, first, count);
        c.frequencyPenalty = rowsOf(s.frequencyPenalty, rows, first, count);
        if (s.history != null && s.history.length == rows) {
            c.history = Arrays.copyOfRange(s.history, first, first + count);
        }
        if (s.paddedHistory != null && s.paddedLength > 0) {
            int len = s.paddedLength;
            c.paddedHistory = Arrays.copyOfRange(s.paddedHistory, first * len, (first + count) * len);
        }
        if (s.penaltyStates != null && s.penaltyStates.length == rows) {
            c.penaltyStates = Arrays.copyOfRange(s.penaltyStates, first, first + count);
        }
        if (s.biasIds != null && s.biasIds.length == rows) {
            c.biasIds = Arrays.copyOfRange(s.biasIds, first, first + count);
            c.biasValues = Arrays.copyOfRange(s.biasValues, first, first + count);
        }
        return c;
    }

    private static double[] rowsOf(double[] v, long rows, int first, int count) {
        return v.length == rows ? Arrays.copyOfRange(v, first, first + count) : v;
    }
}
