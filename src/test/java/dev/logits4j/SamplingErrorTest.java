package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument of the selection ops is refused, named with its value, before any output is written. */
class SamplingErrorTest {
    private static void refused(Executable e, String... parts) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) {
            assertTrue(ex.getMessage().contains(p), () -> "'" + ex.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void badParametersAreRefusedWhenSet() {
        SamplingOptions o = SamplingOptions.DEFAULT;
        refused(() -> o.withTemperature(-0.5), "temperature", "-0.5");
        refused(() -> o.withTemperature(Double.NaN), "temperature", "NaN");
        refused(() -> o.withTemperature(Double.POSITIVE_INFINITY), "temperature", "Infinity");
        refused(() -> o.withTemperatures(new double[] {1, -1}), "temperature", "-1.0");
        refused(() -> o.withTemperatures(new double[0]), "temperatures", "empty");
        refused(() -> o.withTopK(-1), "topK", "-1");
        refused(() -> o.withTopKs(new int[] {3, -2}), "topK", "-2");
        refused(() -> o.withTopP(0), "topP", "0.0");
        refused(() -> o.withTopP(1.5), "topP", "1.5");
        refused(() -> o.withTopP(Double.NaN), "topP", "NaN");
        refused(() -> o.withMinP(-0.1), "minP", "-0.1");
        refused(() -> o.withMinP(1.01), "minP", "1.01");
        refused(() -> o.withRepetitionPenalty(0), "repetitionPenalty", "0.0");
        refused(() -> o.withRepetitionPenalty(-1), "repetitionPenalty", "-1.0");
        refused(() -> o.withPresenceFrequencyPenalty(Double.NaN, 0), "presencePenalty", "NaN");
        refused(() -> o.withPresenceFrequencyPenalty(0, Double.NEGATIVE_INFINITY), "frequencyPenalty", "Infinity");
        refused(() -> o.withLogitBias(Map.of(3, Double.NaN)), "logitBias[3]", "NaN");
        refused(() -> o.withLogitBias(Map.of(3, Double.POSITIVE_INFINITY)), "logitBias[3]", "Infinity");
        refused(() -> o.withPaddedHistory(new long[] {1, 2, 3}, 2), "history", "2");
        assertThrows(NullPointerException.class, () -> o.withHistory(new int[][] {null}));
    }

    @Test
    void callArgumentsAreRefusedBeforeAnyOutput() {
        float[] x = {1, 2, 3, 4, 5, 6};
        int[] shape = {2, 3};
        int[] tokens = {7, 7};
        double[] u = {0.5, 0.5};
        SamplingOptions o = SamplingOptions.DEFAULT;
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o.withHistory(new int[][] {{0}, {3}}), u, 0, tokens, 0, null, 0),
                "history[1][0]", "3", "[0, 3)");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o.withHistory(new int[][] {{-1}, {}}), u, 0, tokens, 0, null, 0),
                "history[0][0]", "-1");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o.withPaddedHistory(new long[] {0, -1, 5, -1}, 2), u, 0, tokens, 0, null, 0),
                "history[1, 0]", "5");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o.withPaddedHistory(new long[] {0, 1, 2}, 1), u, 0, tokens, 0, null, 0),
                "history", "3 rows");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o.withLogitBias(Map.of(9, 1.0)), u, 0, tokens, 0, null, 0),
                "logitBias", "9");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o.withTopKs(new int[] {1, 2, 3}), u, 0, tokens, 0, null, 0),
                "topK", "3 values", "2 rows");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o, new double[] {0.5, 1.0}, 0, tokens, 0, null, 0),
                "uniform[1]", "1.0", "[0, 1)");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o, new double[] {-0.0001, 0.5}, 0, tokens, 0, null, 0),
                "uniform[0]", "-1.0E-4");
        refused(() -> Legacy.AUTO.sample(x, 0, shape, o, new double[] {Double.NaN, 0.5}, 0, tokens, 0, null, 0),
                "uniform[0]", "NaN");
        refused(() -> Legacy.AUTO.sample(new float[0], 0, new int[] {2, 0}, o, u, 0, tokens, 0, null, 0),
                "empty vocabulary");
        refused(() -> Legacy.AUTO.sample(new float[1], 0, new int[0], o, new double[1], 0, tokens, 0, null, 0),
                "0-d");
        assertArrayEquals(new int[] {7, 7}, tokens);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Legacy.AUTO.sample(x, 0, shape, o, new double[1], 0, tokens, 0, null, 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Legacy.AUTO.sample(x, 0, shape, o, u, 0, new int[1], 0, null, 0));
        assertThrows(NullPointerException.class,
                () -> Legacy.AUTO.sample(x, 0, shape, null, u, 0, tokens, 0, null, 0));
        assertThrows(NullPointerException.class,
                () -> Legacy.AUTO.sample(x, shape, o, (java.util.random.RandomGenerator) null));
    }

    @Test
    void topKAndArgmaxArgumentsAreRefused() {
        float[] x = {1, 2, 3, 4, 5, 6};
        refused(() -> Legacy.AUTO.topK(x, 0, new int[] {2, 3}, 4, new float[8], 0, new long[8], 0), "k 4", "[0, 3]");
        refused(() -> Legacy.AUTO.topK(x, 0, new int[] {2, 3}, -1, new float[8], 0, new long[8], 0), "k -1");
        refused(() -> Legacy.AUTO.topLogProbs(x, 0, new int[0], 1, new float[8], 0, new long[8], 0), "0-d");
        refused(() -> Legacy.AUTO.argmax(x, 0, new int[] {2, 3}, 2, new long[2], 0), "axis 2");
        refused(() -> Legacy.AUTO.argmax(new float[0], 0, new int[] {2, 0}, 1, new long[2], 0), "empty axis");
        assertThrows(IndexOutOfBoundsException.class,
                () -> Legacy.AUTO.topK(x, 0, new int[] {2, 3}, 2, new float[3], 0, new long[4], 0));
        FloatBuffer ro = FloatBuffer.allocate(4).asReadOnlyBuffer();
        assertThrows(java.nio.ReadOnlyBufferException.class,
                () -> Legacy.AUTO.topK(FloatBuffer.wrap(x), new int[] {2, 3}, 2, ro, LongBuffer.allocate(4)));
        float[] same = {3, 1, 2, 0};
        refused(() -> Legacy.AUTO.topK(same, 0, new int[] {1, 2}, 2, same, 1, new long[2], 0), "overlaps");
    }

    /** An output over the draws is refused like any overlap of an input and an output (found by an outside review). */
    @Test
    void outputsOverTheDrawsAreRefused() {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocateDirect(64).order(java.nio.ByteOrder.nativeOrder());
        java.nio.DoubleBuffer u = bb.asDoubleBuffer();
        u.put(0, 0.25).put(1, 0.5);
        u.limit(2);
        float[] x = {1, 2, 3, 4, 5, 6};
        int[] shape = {2, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Legacy.AUTO.sample(FloatBuffer.wrap(x), shape, SamplingOptions.DEFAULT, u, bb.asIntBuffer(), null));
        assertTrue(e.getMessage().contains("uniform") && e.getMessage().contains("tokens"), e.getMessage());
        java.nio.ByteBuffer lpb = bb.duplicate().order(java.nio.ByteOrder.nativeOrder()).position(8);
        e = assertThrows(IllegalArgumentException.class, () ->
                Legacy.AUTO.sample(FloatBuffer.wrap(x), shape, SamplingOptions.DEFAULT, u,
                        java.nio.ByteBuffer.allocateDirect(16).order(java.nio.ByteOrder.nativeOrder()).asIntBuffer(),
                        lpb.slice().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer()));
        assertTrue(e.getMessage().contains("uniform") && e.getMessage().contains("logProbs"), e.getMessage());
    }
}
