package dev.logits4j.examples;

import dev.logits4j.Legacy;
import ai.djl.ndarray.NDArray;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * docs/USAGE.md, "Using with ONNX Runtime, DJL and the FFM API": {@code NDArray.toByteBuffer()} hands over the array's bytes (a direct
 * buffer from the engines that can); logits4j takes the buffer in whatever byte order it comes
 * (native order goes to native code by address, the other order is converted on the way in).
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
        FloatBuffer logits = logitBytes.asFloatBuffer();   // keeps the buffer's byte order
        IntBuffer targets = targetBytes.asIntBuffer();
        return Legacy.crossEntropy(logits, new int[] {rows, vocab}, targets, CrossEntropyOptions.DEFAULT);
    }
}
