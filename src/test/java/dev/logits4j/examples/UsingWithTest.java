package dev.logits4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "Using with" examples of docs/USAGE.md (and the README's ONNX Runtime example), run: ONNX Runtime on a toy model
 * ({@code examples/lm_head.onnx}, made by {@code make_lm_head.py}) writing into the pinned buffer
 * that logits4j then normalises in place, checked against float64 maths from the model's own
 * definition; and DJL's half (the bytes {@code toByteBuffer()} returns, in both byte orders,
 * without an engine) against a float64 cross-entropy.
 */
class UsingWithTest {
    private static final int HIDDEN = 4;
    private static final int VOCAB = 10;

    private static double weight(int i, int j) {
        return (i + 1) * 0.25 * (j - 4.5);
    }

    @Test
    void onnxRuntimeWritesTheLogitsLogits4jNormalisesInPlace() throws Exception {
        byte[] model;
        try (InputStream in = UsingWithTest.class.getResourceAsStream("/examples/lm_head.onnx")) {
            model = in.readAllBytes();
        }
        int batch = 3;
        float[] hidden = new float[batch * HIDDEN];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = (float) Math.sin(i + 1.0);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(hidden), new long[] {batch, HIDDEN})) {
            OnnxRuntimeExample example = new OnnxRuntimeExample(env, session, batch, VOCAB);
            double t = 0.8;
            FloatBuffer probs = example.nextTokenProbabilities(Map.of("hidden", input), t);
            for (int r = 0; r < batch; r++) {
                double[] z = new double[VOCAB];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < VOCAB; j++) {
                    double l = 0.1 * j;
                    for (int i = 0; i < HIDDEN; i++) {
                        l += hidden[r * HIDDEN + i] * weight(i, j);
                    }
                    z[j] = l / t;
                    max = Math.max(max, z[j]);
                }
                double sum = 0;
                for (double v : z) {
                    sum += Math.exp(v - max);
                }
                for (int j = 0; j < VOCAB; j++) {
                    double expect = Math.exp(z[j] - max) / sum;
                    float got = probs.get(r * VOCAB + j);
                    // float32 matmul in the model, then softmax: a few float32 ulps of the logits
                    assertEquals(expect, got, 1e-5 * Math.max(expect, 1e-3), "row " + r + " token " + j);
                }
            }
        }
    }

    @Test
    void djlBytesInEitherOrderGiveTheFloat64Loss() {
        int rows = 6;  // batch 2 x seq 3
        float[] logits = new float[rows * VOCAB];
        int[] targets = new int[rows];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * Math.cos(0.37 * i));
        }
        double expect = 0;
        for (int r = 0; r < rows; r++) {
            targets[r] = (r * 7) % VOCAB;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < VOCAB; j++) {
                max = Math.max(max, logits[r * VOCAB + j]);
            }
            double sum = 0;
            for (int j = 0; j < VOCAB; j++) {
                sum += Math.exp(logits[r * VOCAB + j] - max);
            }
            expect += Math.log(sum) + max - logits[r * VOCAB + targets[r]];
        }
        expect /= rows;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.nativeOrder(), ByteOrder.BIG_ENDIAN}) {
            ByteBuffer lb = ByteBuffer.allocateDirect(logits.length * 4).order(order);
            lb.asFloatBuffer().put(logits);
            ByteBuffer tb = ByteBuffer.allocateDirect(rows * 4).order(order);
            tb.asIntBuffer().put(targets);
            float got = DjlExample.loss(lb, tb, rows, VOCAB);
            assertTrue(Math.abs(got - expect) <= 1e-6 * Math.abs(expect) + 1e-6, order + ": " + got + " vs " + expect);
        }
    }
}
