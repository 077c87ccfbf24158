package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Special values on the selection paths that a row's length or shape picks (issue 23, found by
 * an outside review of the bounded worst case): a NaN behind a run of +inf ties must still win
 * argmax and top-k (NaN counts as the largest, the first NaN wins), whichever path the scan
 * takes; and a token whose processed value is NaN (+inf logit, -inf bias) leaves the row with no
 * distribution (token -1) on the candidate path as on the whole-row path. Expected values are
 * the documented rules, written out; every backend.
 */
class SelectionSpecialValuesTest {
    static Iterable<Backend> backends() {
        return AllBackends.all();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aNaNBehindARunOfInfinitiesWinsArgmaxAndTopK(Backend backend) {
        LegacyOps ops = Legacy.with(backend);
        for (int n : new int[] {4096, 50000, 128256}) {
            for (int shape = 0; shape < 3; shape++) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    // 0: all +inf; 1: ascending, a run of +inf, zeros; 2: +inf ties at the start
                    x[i] = shape == 0 ? Float.POSITIVE_INFINITY
                            : shape == 1 ? (i < n / 4 ? i : i < n / 2 ? Float.POSITIVE_INFINITY : 0)
                            : i < 64 ? Float.POSITIVE_INFINITY : -i;
                }
                int nan = n - 1 - shape;
                x[nan] = Float.NaN;
                int[] arg = new int[1];
                ops.argmax(x, 0, new int[] {1, n}, -1, arg, 0);
                assertEquals(nan, arg[0], "argmax, n " + n + ", shape " + shape);
                float[] v = new float[3];
                int[] idx = new int[3];
                ops.topK(x, 0, new int[] {1, n}, 3, v, 0, idx, 0);
                assertEquals(nan, idx[0], "topK index, n " + n + ", shape " + shape);
                assertTrue(Float.isNaN(v[0]), "topK value " + v[0]);
            }
        }
    }

    /**
     * Finding 8: log-probs at large magnitude are (x - m) - log s. Two tokens at the bfloat16
     * maximum (and at -1e30, where m + log s rounds to m) have log-prob -ln 2 each, not 0.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void logProbsKeepTheirDigitsAtLargeMagnitude(Backend backend) {
        LegacyOps ops = Legacy.with(backend);
        float bf16Max = Float.intBitsToFloat(0x7F7F0000);
        for (float top : new float[] {bf16Max, -1e30f}) {
            for (int n : new int[] {2, 3000}) {
                float[] x = new float[n];
                java.util.Arrays.fill(x, Float.NEGATIVE_INFINITY);
                x[0] = top;
                x[n - 1] = top;
                float[] v = new float[2];
                int[] idx = new int[2];
                ops.topLogProbs(x, 0, new int[] {1, n}, 2, v, 0, idx, 0);
                assertEquals((float) -Math.log(2), v[0], 1e-6f, "top " + top + ", n " + n);
                assertEquals((float) -Math.log(2), v[1], 1e-6f, "top " + top + ", n " + n);
                int[] token = new int[1];
                float[] lp = new float[1];
                ops.sample(x, 0, new int[] {1, n}, SamplingOptions.DEFAULT, new double[] {0.25}, 0, token, 0, lp, 0);
                assertEquals(0, token[0]);
                assertEquals((float) -Math.log(2), lp[0], 1e-6f, "sampled log-prob, top " + top + ", n " + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aTokenProcessedToNaNLeavesNoDistributionOnEveryPath(Backend backend) {
        LegacyOps ops = Legacy.with(backend);
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {100, 2047, 50000}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (3 * r.nextGaussian());
            }
            x[7] = Float.POSITIVE_INFINITY;
            SamplingOptions banned = SamplingOptions.DEFAULT.withLogitBias(Map.of(7, Double.NEGATIVE_INFINITY));
            for (SamplingOptions o : new SamplingOptions[] {banned.withTemperature(0), banned.withTopK(5),
                    banned.withTopK(50).withTopP(0.9), banned.withTopP(0.9), banned}) {
                int[] token = new int[1];
                ops.sample(x, 0, new int[] {1, n}, o, new double[] {0.5}, 0, token, 0, null, 0);
                assertEquals(-1, token[0], "n " + n + ", " + o);
            }
        }
    }
}
