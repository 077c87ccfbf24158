package dev.logits4j.examples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.SoftmaxOptions;
import dev.logits4j.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * README, "Zero-copy from ONNX Runtime" (and docs/USAGE.md, "Using with ONNX Runtime, DJL and the
 * FFM API"): the session writes the logits straight into a direct buffer in native byte order
 * that the caller allocated once (a pinned output), and logits4j reads and writes that same
 * memory through a view made once (by address on the native backend): no copy on either side,
 * and no allocation per step.
 */
public final class OnnxRuntimeExample {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Ops ops = Logits4j.ops();
    private final ByteBuffer bytes;       // [batch, vocab] float32, reused for every step
    private final OnnxTensor pinned;      // ONNX Runtime's view of those bytes
    private final Tensor logits;          // logits4j's view of the same bytes

    public OnnxRuntimeExample(OrtEnvironment env, OrtSession session, int batch, int vocab) throws OrtException {
        this.env = env;
        this.session = session;
        // once: the logits buffer [batch, vocab] in native byte order, pinned as the session's output
        ByteBuffer bytes = ByteBuffer.allocateDirect(batch * vocab * Float.BYTES).order(ByteOrder.nativeOrder());
        OnnxTensor pinned = OnnxTensor.createTensor(env, bytes.asFloatBuffer(), new long[] {batch, vocab});
        Tensor logits = Tensor.of(bytes, DType.F32, batch, vocab);   // the same memory, viewed once
        this.bytes = bytes;
        this.pinned = pinned;
        this.logits = logits;
    }

    /** One step: run the model into the pinned logits, then softmax(logits / T) in place. */
    public FloatBuffer nextTokenProbabilities(Map<String, ? extends OnnxTensorLike> inputs, double temperature)
            throws OrtException {
        SoftmaxOptions t = SoftmaxOptions.DEFAULT.withTemperature(temperature);
        // every step: the model writes the logits, logits4j turns them into probabilities in place
        try (OrtSession.Result unused = session.run(inputs, Map.of("logits", pinned))) {
            ops.softmax(logits, logits, -1, t);
        }
        return bytes.asFloatBuffer();
    }

    /** The environment this example's tensors belong to (for the caller's inputs). */
    public OrtEnvironment environment() {
        return env;
    }
}
