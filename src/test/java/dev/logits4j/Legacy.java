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

/** The static call shapes of the pre-view facade, run on {@link Logits4j#ops()} (see {@link LegacyOps}). */
public final class Legacy {
    private Legacy() {}

    private static final Ops AUTO = Logits4j.ops();

    public static LegacyOps with(Backend backend) {
        return new LegacyOps(Logits4j.with(backend));
    }

    public static LegacyOps auto() {
        return new LegacyOps(AUTO);
    }

    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void softmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public static float[] softmax(float[] x) {
        float[] y = new float[x.length];
        AUTO.softmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public static float[] softmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        float[] y = new float[x.length];
        AUTO.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public static void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void logSoftmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public static float[] logSoftmax(float[] x) {
        float[] y = new float[x.length];
        AUTO.logSoftmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public static float[] logSoftmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        float[] y = new float[x.length];
        AUTO.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public static void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        AUTO.logSumExp(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public static void logSumExp(FloatBuffer x, FloatBuffer y, int[] shape, int axis) {
        AUTO.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
    }

    public static float logSumExp(float[] x) {
        float[] y = new float[1];
        AUTO.logSumExp(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0);
        return y[0];
    }

    public static float[] logSumExp(float[] x, int[] shape, int axis) {
        float[] y = new float[V.slices(shape, axis)];
        AUTO.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
        return y;
    }

    public static float crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public static void crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public static float crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public static void crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public static float crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public static void crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public static float crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public static void crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public static float crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), options);
    }

    public static void crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), V.rest(out, outOffset, "out"), options);
    }

    public static float crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), options);
    }

    public static void crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), V.rest(out, "out"), options);
    }

    public static void softmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void softmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public static double[] softmax(double[] x) {
        double[] y = new double[x.length];
        AUTO.softmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public static double[] softmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        double[] y = new double[x.length];
        AUTO.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public static void logSoftmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void logSoftmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public static double[] logSoftmax(double[] x) {
        double[] y = new double[x.length];
        AUTO.logSoftmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public static double[] logSoftmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        double[] y = new double[x.length];
        AUTO.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public static void logSumExp(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis) {
        AUTO.logSumExp(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public static void logSumExp(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis) {
        AUTO.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
    }

    public static double logSumExp(double[] x) {
        double[] y = new double[1];
        AUTO.logSumExp(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0);
        return y[0];
    }

    public static double[] logSumExp(double[] x, int[] shape, int axis) {
        double[] y = new double[V.slices(shape, axis)];
        AUTO.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
        return y;
    }

    public static double crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (double) AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public static void crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public static double crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (double) AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public static void crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public static double crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (double) AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public static void crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public static double crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (double) AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public static void crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public static double crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (double) AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), options);
    }

    public static void crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), V.rest(out, outOffset, "out"), options);
    }

    public static double crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, CrossEntropyOptions options) {
        return (double) AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), options);
    }

    public static void crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, DoubleBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), V.rest(out, "out"), options);
    }

    public static void argmax(float[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        AUTO.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(float[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        AUTO.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(double[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        AUTO.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(double[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        AUTO.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(FloatBuffer x, int[] shape, int axis, LongBuffer out) {
        AUTO.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public static void argmax(FloatBuffer x, int[] shape, int axis, IntBuffer out) {
        AUTO.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public static void argmax(DoubleBuffer x, int[] shape, int axis, LongBuffer out) {
        AUTO.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public static void argmax(DoubleBuffer x, int[] shape, int axis, IntBuffer out) {
        AUTO.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public static int argmax(float[] x) {
        int[] out = new int[1];
        AUTO.argmax(V.in(x, new int[] {x.length}, "x"), 0, V.rest(out, "out"));
        return out[0];
    }

    public static int argmax(double[] x) {
        int[] out = new int[1];
        AUTO.argmax(V.in(x, new int[] {x.length}, "x"), 0, V.rest(out, "out"));
        return out[0];
    }

    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        AUTO.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        AUTO.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        AUTO.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        AUTO.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        AUTO.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        AUTO.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public static void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public static void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, DoubleBuffer logProbs) {
        AUTO.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public static void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, DoubleBuffer logProbs) {
        AUTO.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public static int[] sample(float[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        int[] tokens = new int[V.rows(shape)];
        AUTO.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), null);
        return tokens;
    }

    public static int[] sample(float[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        return AUTO.sample(V.in(logits, shape, "logits"), options, random);
    }

    public static int[] sample(double[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        int[] tokens = new int[V.rows(shape)];
        AUTO.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), null);
        return tokens;
    }

    public static int[] sample(double[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        return AUTO.sample(V.in(logits, shape, "logits"), options, random);
    }

    public static void softmax(DType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(V.in(type, x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void softmax(DType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.softmax(V.in(type, x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public static float[] softmax(DType type, short[] x) {
        float[] y = new float[x.length];
        AUTO.softmax(V.in(type, x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public static void logSoftmax(DType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(V.in(type, x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public static void logSoftmax(DType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        AUTO.logSoftmax(V.in(type, x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public static float[] logSoftmax(DType type, short[] x) {
        float[] y = new float[x.length];
        AUTO.logSoftmax(V.in(type, x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public static void logSumExp(DType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        AUTO.logSumExp(V.in(type, x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public static void logSumExp(DType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis) {
        AUTO.logSumExp(V.in(type, x, shape, "x"), V.rest(y, "y"), axis);
    }

    public static float logSumExp(DType type, short[] x) {
        float[] y = new float[1];
        AUTO.logSumExp(V.in(type, x, new int[] {x.length}, "x"), V.rest(y, "y"), 0);
        return y[0];
    }

    public static float crossEntropy(DType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public static float crossEntropy(DType type, short[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public static void crossEntropy(DType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public static float crossEntropy(DType type, ShortBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public static float crossEntropy(DType type, ShortBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public static void crossEntropy(DType type, ShortBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public static float crossEntropyWithProbabilities(DType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), options);
    }

    public static void crossEntropyWithProbabilities(DType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), V.rest(out, outOffset, "out"), options);
    }

    public static float crossEntropyWithProbabilities(DType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return (float) AUTO.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(probabilities, "probabilities"), options);
    }

    public static void crossEntropyWithProbabilities(DType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(probabilities, "probabilities"), V.rest(out, "out"), options);
    }

    public static void crossEntropy(DType type, ShortBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        AUTO.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public static void argmax(DType type, short[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        AUTO.argmax(V.in(type, x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(DType type, short[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        AUTO.argmax(V.in(type, x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public static void argmax(DType type, ShortBuffer x, int[] shape, int axis, LongBuffer out) {
        AUTO.argmax(V.in(type, x, shape, "x"), axis, V.rest(out, "out"));
    }

    public static void argmax(DType type, ShortBuffer x, int[] shape, int axis, IntBuffer out) {
        AUTO.argmax(V.in(type, x, shape, "x"), axis, V.rest(out, "out"));
    }

    public static void topK(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topK(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topK(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topK(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topK(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topK(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topK(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topLogProbs(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        AUTO.topLogProbs(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        AUTO.topLogProbs(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public static void topLogProbs(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        AUTO.topLogProbs(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void topLogProbs(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        AUTO.topLogProbs(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public static void sample(DType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(V.in(type, logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(DType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        AUTO.sample(V.in(type, logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public static void sample(DType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(V.in(type, logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public static void sample(DType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        AUTO.sample(V.in(type, logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }
}
