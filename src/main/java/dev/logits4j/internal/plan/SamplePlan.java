package dev.logits4j.internal.plan;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.backend.Kernels;

/**
 * sample: logits {@code [..., vocab]} (every leading dimension is a row), one uniform draw per row,
 * one token per row (int32 or int64), optionally the chosen token's log-prob (the logits' type).
 * Every parameter, length, history id, bias id and draw is checked here, before the kernel runs;
 * the draws are read once into a private copy.
 */
public final class SamplePlan {
    private SamplePlan() {}

    public static void run(KernelSource backend, Operand x, int[] shape, SamplingSettings s,
                           Operand u, Operand tokens, Operand logProbs) {
        Dims d = Dims.of(shape, -1, "shape");
        long rows = d.outer;
        int vocab = d.n;
        Checks.rows("shape", shape, vocab, rows, true);
        Checks.indexType(tokens);
        if (u.type != DType.F64) {
            throw new IllegalArgumentException(u.name + " must hold float64 draws, not " + u.type);
        }
        if (logProbs != null) {
            Checks.valuesType(x, logProbs);
        }
        Checks.capacity(x.name, x.available, d.count, shape);
        Checks.capacity(u.name, u.available, rows, shape);
        Checks.capacity(tokens.name, tokens.available, rows, shape);
        if (logProbs != null) {
            Checks.capacity(logProbs.name, logProbs.available, rows, shape);
            if (x.type.isHalf()) {
                Memory.noOverlapBytes(x.name, x.base, x.index, x.type.bytes, d.count,
                        logProbs.name, logProbs.base, logProbs.index, logProbs.type.bytes, rows);
            } else {
                Memory.noOverlap(x.name, x.base, x.index, d.count, logProbs.name, logProbs.base,
                        logProbs.index, rows, x.type.bytes, false);
            }
            Memory.noOverlapBytes(tokens.name, tokens.base, tokens.index, tokens.type.bytes, rows,
                    logProbs.name, logProbs.base, logProbs.index, logProbs.type.bytes, rows);
        }
        Memory.noOverlapBytes(x.name, x.base, x.index, x.type.bytes, d.count, tokens.name,
                tokens.base, tokens.index, tokens.type.bytes, rows);
        // the draws are read into a private copy before any write, but an output over them is
        // refused like any other overlap of an input and an output
        Memory.noOverlapBytes(u.name, u.base, u.index, u.type.bytes, rows, tokens.name,
                tokens.base, tokens.index, tokens.type.bytes, rows);
        if (logProbs != null) {
            Memory.noOverlapBytes(u.name, u.base, u.index, u.type.bytes, rows, logProbs.name,
                    logProbs.base, logProbs.index, logProbs.type.bytes, rows);
        }
        SamplingParams params = resolve(s, rows, vocab);
        if (rows == 0) {
            return;
        }
        Operand uv = Memory.selectionViewIfRaw(u, rows, 1);
        double[] draws = uv.base instanceof double[]
                ? java.util.Arrays.copyOfRange((double[]) uv.base, (int) uv.index, (int) (uv.index + rows))
                : (double[]) Memory.privateCopy(uv.base, uv.index, rows);
        for (int r = 0; r < rows; r++) {
            Checks.uniform(u.name + "[" + r + "]", draws[r]);
        }
        if (Memory.hidesOverlap(x.base, tokens.base)
                || (logProbs != null && Memory.hidesOverlap(x.base, logProbs.base))) {
            x = Memory.privateCopy(x, d.count);
        }
        Kernels k = backend.forElements(d.count);
        x = Memory.selectionViewIfRaw(x, d.count, vocab);
        tokens = Memory.selectionViewIfRaw(tokens, rows, 1);
        Object lpBase = null;
        long lpIndex = 0;
        if (logProbs != null) {
            logProbs = Memory.selectionViewIfRaw(logProbs, rows, 1);
            lpBase = logProbs.base;
            lpIndex = logProbs.index;
        }
        k.sample(Checks.selectionInput(x), x.index, params, draws, 0, tokens.base, tokens.index, lpBase, lpIndex);
    }

    /** The settings checked against this batch and vocabulary, histories and biases in CSR form. */
    static SamplingParams resolve(SamplingSettings s, long rows, int vocab) {
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
                    Checks.tokenId("history[" + r + "][" + j + "]", id, vocab);
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
                        Checks.tokenId("history[" + r + ", " + j + "]", id, vocab);
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
                    Checks.tokenId("logitBias token (row " + r + ")", id, vocab);
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
        return new SamplingParams(rows, vocab, s.temperature, s.topK, s.topP, s.minP,
                s.repetitionPenalty, s.presencePenalty, s.frequencyPenalty, hStart, hIds, bStart,
                bIds, bValues);
    }
}
