package dev.logits4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.ShortPointer;

/** The call shapes of the pre-view ParallelLogits4j, as {@link Ops#parallel}. */
public final class LegacyParallel {
    private LegacyParallel() {}

    static void runChunks(long outer, long align, java.util.concurrent.Executor executor, int tasks,
                          ParallelChunks.Chunk chunk) {
        ParallelChunks.runChunks(outer, align, executor, tasks, chunk);
    }

    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).softmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).logSoftmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).logSumExp(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public static void argmax(float[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(float[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset, java.util.concurrent.Executor executor, int tasks) {
        Logits4j.ops().parallel(executor, tasks).sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }
}
