package dev.logits4j.examples;

import ai.djl.ndarray.NDArray;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.Tensor;
import java.nio.ByteBuffer;

/**
 * docs/USAGE.md, "Using with ONNX Runtime, DJL and the FFM API": {@code NDArray.toByteBuffer()}
 * hands over the array's bytes (a direct buffer from the engines that can); a view of them takes
 * the buffer's byte order as it comes (native order goes to native code by address, the other
 * order is converted on the way in).
 */
public final class DjlExample {
    private DjlExample() {}

    /** Mean cross-entropy of a [batch, seq, vocab] float32 logits array against [batch, seq] int32 targets. */
    public static float languageModelLoss(NDArray logits, NDArray targets) {
        long[] s = logits.getShape().getShape();   // {batch, seq, vocab}
        return loss(logits.toByteBuffer(), targets.toByteBuffer(), Math.toIntExact(s[0] * s[1]), Math.toIntExact(s[2]));
    }

    /** The logits4j half, on the bytes DJL returns: rows = batch * seq positions of vocab classes. */
    static float loss(ByteBuffer logitBytes, ByteBuffer targetBytes, int rows, int vocab) {
        Tensor x = Tensor.of(logitBytes, DType.F32, rows, vocab);   // in the buffer's byte order
        Tensor t = Tensor.of(targetBytes, DType.I32, rows);
        return (float) Logits4j.ops().crossEntropy(x, t, CrossEntropyOptions.DEFAULT);
    }
}
