package dev.logits4j.examples;

import dev.logits4j.Legacy;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.logits4j.Logits4j;
import dev.logits4j.SoftmaxOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * README, "Zero-copy from ONNX Runtime" (and docs/USAGE.md, "Using with ONNX Runtime, DJL and the FFM API"): the session writes the logits straight into a direct buffer
 * in native byte order that the caller allocated once (a pinned output), and logits4j reads and
 * writes that same memory (by address on the native backend): no copy on either side.
 */
public final class OnnxRuntimeExample {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final FloatBuffer logits;   // [batch, vocab], reused for every step
    private final OnnxTensor logitsTensor;
    private final int[] shape;

    public OnnxRuntimeExample(OrtEnvironment env, OrtSession session, int batch, int vocab) throws OrtException {
        this.env = env;
        this.session = session;
        this.shape = new int[] {batch, vocab};
        // Native order: what ONNX Runtime writes, and what logits4j passes to native code by address.
        this.logits = ByteBuffer.allocateDirect(batch * vocab * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.logitsTensor = OnnxTensor.createTensor(env, logits, new long[] {batch, vocab});
    }

    /** One step: run the model into the pinned logits, then softmax(logits / T) in place. */
    public FloatBuffer nextTokenProbabilities(Map<String, ? extends OnnxTensorLike> inputs, double temperature)
            throws OrtException {
        try (OrtSession.Result unused = session.run(inputs, Map.of("logits", logitsTensor))) {
            Legacy.softmax(logits, logits, shape, -1, SoftmaxOptions.DEFAULT.withTemperature(temperature));
        }
        return logits;
    }

    /** The environment this example's tensors belong to (for the caller's inputs). */
    public OrtEnvironment environment() {
        return env;
    }
}
