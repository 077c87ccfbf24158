package dev.logits4j.internal.plan;

import dev.logits4j.internal.select.Sampler;
import dev.logits4j.DType;
import dev.logits4j.internal.kernels.CheckOnly;
import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import dev.logits4j.internal.kernels.Kernels;
import java.util.random.RandomGenerator;

/**
 * sample: logits {@code [..., vocab]} (every leading dimension is a row), one uniform draw per row,
 * one token per row (int32 or int64), optionally the chosen token's log-prob (the logits' type).
 * Every parameter, length, history id, bias id and draw is checked here, before the kernel runs;
 * the draws are read once into a private copy. The convenience overloads that return a new tokens
 * array (and may draw from a caller's generator) come through {@link #newTokens}: the array is made
 * and the generator drawn from only once everything else has been checked.
 */
public final class SamplePlan {
    private SamplePlan() {}

    public static void run(KernelSource backend, Operand x, Dims d, SamplingSettings s,
                           Operand u, Operand tokens, Operand logProbs) {
        run(backend, x, d, s, null, null, u, null, tokens, logProbs, null);
    }

    /**
     * {@link #run} with a token mask: int32 words, {@code maskDims.n} per row (the last axis of
     * its shape; its leading dimensions are the logits' rows), bit {@code j % 32} of word
     * {@code j / 32} set = token j allowed; words past the mask disallow the rest of the
     * vocabulary, bits past the vocabulary are ignored.
     */
    public static void run(KernelSource backend, Operand x, Dims d, SamplingSettings s,
                           Operand mask, Dims maskDims, Operand u, Operand tokens,
                           Operand logProbs) {
        run(backend, x, d, s, mask, maskDims, u, null, tokens, logProbs, null);
    }

    /**
     * sample into a new {@code int[]} of one token per row, the draws read from {@code u} or, when
     * {@code u} is null, taken from {@code random} (one {@code nextDouble()} per row, in row order).
     * A refused call draws nothing and allocates nothing in proportion to its shape.
     */
    public static int[] newTokens(KernelSource backend, Operand x, Dims d, SamplingSettings s,
                                  Operand u, RandomGenerator random) {
        return (int[]) run(backend, x, d, s, null, null, u, random, null, null, null).base;
    }

    /**
     * Every check of {@link #newTokens} with draws from {@code random}, and the draws (one per
     * row, in row order): the parallel form checks and draws for the whole call, then samples
     * chunks from these draws.
     */
    public static double[] checkedDraws(Operand x, Dims d, SamplingSettings s, RandomGenerator random) {
        double[][] draws = new double[1][];
        run(CheckOnly.SOURCE, x, d, s, null, null, null, random, null, null, draws);
        return draws[0] == null ? new double[0] : draws[0];   // null: no rows, nothing drawn
    }

    /** {@code tokens} null: a new int[] made after the checks; {@code u} null: draws from {@code random}. */
    private static Operand run(KernelSource backend, Operand x, Dims d, SamplingSettings s,
                               Operand mask, Dims maskDims, Operand u, RandomGenerator random,
                               Operand tokens, Operand logProbs, double[][] drawsOut) {
        int[] shape = d.shape;
        long rows = d.outer;
        int vocab = d.n;
        Checks.rows("shape", shape, vocab, rows, true);
        Checks.logits(x);
        if (tokens != null) {
            Checks.indexType(tokens);
        }
        if (u != null && u.type != DType.F64) {
            throw new IllegalArgumentException(u.name + " must hold float64 draws, not " + u.type);
        }
        if (logProbs != null) {
            Checks.valuesType(x, logProbs);
        }
        Checks.capacity(x.name, x.available, d.count, shape);
        if (u != null) {
            Checks.capacity(u.name, u.available, rows, shape);
        }
        if (mask != null) {
            MaskChecks.check(mask, maskDims, rows, shape);
        }
        if (tokens != null) {
            Checks.capacity(tokens.name, tokens.available, rows, shape);
            if (logProbs != null) {
                Checks.capacity(logProbs.name, logProbs.available, rows, shape);
            }
            noOverlaps(x, d.count, u, tokens, logProbs, rows);
            if (mask != null) {
                MaskChecks.noOverlap(mask, maskDims.count, tokens, rows);
                MaskChecks.noOverlap(mask, maskDims.count, logProbs, rows);
            }
        }
        SamplingParams params = resolve(s, rows, vocab);
        if (tokens == null) {
            // everything above is checked: only now is memory in proportion to the shape taken
            tokens = Operand.of(new int[Checks.newArrayLength("tokens", rows)], 0, "tokens");
        }
        if (rows == 0) {
            return tokens;
        }
        double[][] kept = DRAWS.acquire();
        try {
            double[] draws = u != null ? read(u, rows, kept) : draw(random, rows);
            if (drawsOut != null) {
                drawsOut[0] = java.util.Arrays.copyOf(draws, (int) rows);
            }
            sample(backend, x, d, params, mask, maskDims, draws, tokens, logProbs);
        } finally {
            DRAWS.release(kept);
        }
        return tokens;
    }

    private static void sample(KernelSource backend, Operand x, Dims d, SamplingParams params,
                               Operand mask, Dims maskDims, double[] draws, Operand tokens,
                               Operand logProbs) {
        long rows = d.outer;
        int vocab = d.n;
        if (Memory.hidesOverlap(x.base, tokens.base)
                || (logProbs != null && Memory.hidesOverlap(x.base, logProbs.base))) {
            x = Memory.privateCopy(x, d.count);
        }
        Kernels k = backend.forElements(d.count);
        Operand xv = Memory.selectionViewIfRaw(x, d.count, vocab);
        Operand tv = Memory.selectionViewIfRaw(tokens, rows, 1);
        Object lpBase = null;
        long lpIndex = 0;
        if (logProbs != null) {
            Operand lv = Memory.selectionViewIfRaw(logProbs, rows, 1);
            lpBase = lv.base;
            lpIndex = lv.index;
        }
        Object maskBase = null;
        long maskIndex = 0;
        int maskWords = 0;
        if (mask != null) {
            Operand mv = MaskChecks.forPipeline(mask, maskDims, tokens, logProbs);
            maskBase = mv.base;
            maskIndex = mv.index;
            maskWords = maskDims.n;
        }
        if (k != CheckOnly.INSTANCE) {
            Sampler.sample(k, xv.type, xv.base, xv.index, params, maskBase, maskIndex, maskWords,
                    draws, 0, tv.base, tv.index, lpBase, lpIndex);
        }
    }

    /** Outputs over the logits, the draws or each other are refused, by address where it takes one. */
    private static void noOverlaps(Operand x, long count, Operand u, Operand tokens, Operand logProbs,
                                   long rows) {
        if (logProbs != null) {
            if (x.type.isHalf()) {
                Memory.noOverlapBytes(x, count, logProbs, rows);
            } else {
                Memory.noOverlap(x, count, logProbs, rows, false);
            }
            Memory.noOverlapBytes(tokens, rows, logProbs, rows);
        }
        Memory.noOverlapBytes(x, count, tokens, rows);
        // the draws are read into a private copy before any write, but an output over them is
        // refused like any other overlap of an input and an output
        Memory.noOverlapBytes(u, rows, tokens, rows);
        if (logProbs != null) {
            Memory.noOverlapBytes(u, rows, logProbs, rows);
        }
    }

    /** Draw arrays kept per thread up to this many rows (larger batches get one for the call). */
    private static final int KEPT_DRAWS = 4096;
    static final ScratchPool<double[][]> DRAWS = new ScratchPool<>(() -> new double[1][]);

    /**
     * The caller's draws, read once into private memory (the thread's kept array when it is large
     * enough: a call with reused views allocates nothing), each checked.
     */
    static double[] read(Operand u, long rows, double[][] kept) {
        Operand uv = Memory.selectionViewIfRaw(u, rows, 1);
        int n = (int) rows;
        double[] draws = kept[0];
        if (draws == null || draws.length < n) {
            draws = new double[n];
            if (n <= KEPT_DRAWS) {
                kept[0] = draws;
            }
        }
        if (uv.base instanceof double[]) {
            System.arraycopy((double[]) uv.base, (int) uv.index, draws, 0, n);
        } else {
            ((java.nio.DoubleBuffer) uv.base).get((int) uv.index, draws, 0, n);
        }
        for (int r = 0; r < rows; r++) {
            if (!(draws[r] >= 0 && draws[r] < 1)) {   // the name is built only for the message
                Checks.uniform(u.name + "[" + r + "]", draws[r]);
            }
        }
        return draws;
    }

    /** One {@code nextDouble()} per row, in row order, each checked as it is drawn. */
    private static double[] draw(RandomGenerator random, long rows) {
        double[] draws = new double[Checks.newArrayLength("uniform", rows)];
        for (int r = 0; r < draws.length; r++) {
            draws[r] = random.nextDouble();
            Checks.uniform("random.nextDouble() for row " + r, draws[r]);
        }
        return draws;
    }

    /** The settings checked against this batch and vocabulary, histories and biases in CSR form. */
    static SamplingParams resolve(SamplingSettings s, long rows, int vocab) {
        SamplingParams known = s.resolved;
        if (known != null && known.rows == rows && known.vocab == vocab) {
            return known;   // the same immutable settings, checked against this batch and vocabulary
        }
        SamplingParams params = resolveAnew(s, rows, vocab);
        s.resolved = params;
        return params;
    }

    private static SamplingParams resolveAnew(SamplingSettings s, long rows, int vocab) {
        Checks.perRow("temperature", s.temperature.length, rows);
        Checks.perRow("topK", s.topK.length, rows);
        Checks.perRow("topP", s.topP.length, rows);
        Checks.perRow("minP", s.minP.length, rows);
        Checks.perRow("repetitionPenalty", s.repetitionPenalty.length, rows);
        Checks.perRow("presencePenalty", s.presencePenalty.length, rows);
        Checks.perRow("frequencyPenalty", s.frequencyPenalty.length, rows);
        int[] hStart;
        int[] hIds;
        if (s.history != null) {
            Checks.perRow("history", s.history.length, rows);
            hStart = new int[s.history.length + 1];
            long total = 0;
            for (int r = 0; r < s.history.length; r++) {
                total += s.history[r].length;
                hStart[r + 1] = Checks.newArrayLength("history", total);
            }
            hIds = new int[hStart[s.history.length]];
            int e = 0;
            for (int r = 0; r < s.history.length; r++) {
                for (int j = 0; j < s.history[r].length; j++) {
                    int id = s.history[r][j];
                    if (id < 0 || id >= vocab) {   // the name is built only for the message
                        Checks.tokenId("history[" + r + "][" + j + "]", id, vocab);
                    }
                    hIds[e++] = id;
                }
            }
            if (s.history.length == 1) {
                hStart = new int[] {0, hIds.length};
            }
        } else if (s.paddedHistory != null) {
            int len = s.paddedLength;
            long histRows = len == 0 ? rows : s.paddedHistory.length / len;
            if (len > 0 && histRows != rows) {
                throw new IllegalArgumentException("history holds " + histRows + " rows of "
                        + len + " but the batch has " + rows + " rows");
            }
            int n = 0;
            for (long id : s.paddedHistory) {
                n += id == -1 ? 0 : 1;
            }
            hIds = new int[n];
            hStart = new int[(int) rows + 1];
            int e = 0;
            for (int r = 0; r < histRows && len > 0; r++) {
                for (int j = 0; j < len; j++) {
                    long id = s.paddedHistory[r * len + j];
                    if (id != -1) {
                        if (id < 0 || id >= vocab) {
                            Checks.tokenId("history[" + r + ", " + j + "]", id, vocab);
                        }
                        hIds[e++] = (int) id;
                    }
                }
                hStart[r + 1] = e;
            }
        } else {
            hStart = new int[] {0, 0};
            hIds = new int[0];
        }
        int[] bStart;
        int[] bIds;
        double[] bValues;
        if (s.biasIds != null) {
            Checks.perRow("logitBias", s.biasIds.length, rows);
            int total = 0;
            for (int[] ids : s.biasIds) {
                total += ids.length;
            }
            bStart = new int[s.biasIds.length + 1];
            bIds = new int[total];
            bValues = new double[total];
            int e = 0;
            for (int r = 0; r < s.biasIds.length; r++) {
                for (int j = 0; j < s.biasIds[r].length; j++) {
                    int id = s.biasIds[r][j];
                    if (id < 0 || id >= vocab) {
                        Checks.tokenId("logitBias token (row " + r + ")", id, vocab);
                    }
                    bIds[e] = id;
                    bValues[e++] = s.biasValues[r][j];
                }
                bStart[r + 1] = e;
            }
            if (s.biasIds.length == 1) {
                bStart = new int[] {0, total};
            }
        } else {
            bStart = new int[] {0, 0};
            bIds = new int[0];
            bValues = new double[0];
        }
        SamplingParams params = new SamplingParams(rows, vocab, s.temperature, s.topK, s.topP,
                s.minP, s.repetitionPenalty, s.presencePenalty, s.frequencyPenalty, hStart, hIds,
                bStart, bIds, bValues);
        if (s.penaltyStates != null) {
            Checks.perRow("penaltyStates", s.penaltyStates.length, rows);
            for (int r = 0; r < s.penaltyStates.length; r++) {
                if (s.penaltyStates[r].vocab != vocab) {
                    throw new IllegalArgumentException("penaltyStates[" + r + "] is for a "
                            + "vocabulary of " + s.penaltyStates[r].vocab + ", the logits have "
                            + vocab);
                }
            }
            params.withStates(s.penaltyStates);
        }
        return params;
    }
}
