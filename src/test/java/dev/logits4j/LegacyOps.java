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

/**
 * The array-and-offset call shapes the older suites were written in, each one made into views and
 * run through {@link Ops} (generated once from the pre-view facade's signatures; the assertions of
 * those suites are unchanged). New tests call {@link Ops} on views directly.
 */
public final class LegacyOps {
    private final Ops ops;

    LegacyOps(Ops ops) {
        this.ops = ops;
    }

    public Ops ops() {
        return ops;
    }

    public Backend backend() {
        return ops.backend();
    }

    public BackendInfo info() {
        return ops.info();
    }

    public void softmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public void softmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public float[] softmax(float[] x) {
        float[] y = new float[x.length];
        ops.softmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public float[] softmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        float[] y = new float[x.length];
        ops.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public void logSoftmax(FloatBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public float[] logSoftmax(float[] x) {
        float[] y = new float[x.length];
        ops.logSoftmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public float[] logSoftmax(float[] x, int[] shape, int axis, SoftmaxOptions options) {
        float[] y = new float[x.length];
        ops.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public void logSumExp(float[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        ops.logSumExp(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public void logSumExp(FloatBuffer x, FloatBuffer y, int[] shape, int axis) {
        ops.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
    }

    public float logSumExp(float[] x) {
        float[] y = new float[1];
        ops.logSumExp(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0);
        return y[0];
    }

    public float[] logSumExp(float[] x, int[] shape, int axis) {
        float[] y = new float[V.slices(shape, axis)];
        ops.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
        return y;
    }

    public float crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public void crossEntropy(float[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public float crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public void crossEntropy(FloatBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public float crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public void crossEntropy(float[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public float crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public void crossEntropy(FloatBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public float crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), options);
    }

    public void crossEntropyWithProbabilities(float[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), V.rest(out, outOffset, "out"), options);
    }

    public float crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), options);
    }

    public void crossEntropyWithProbabilities(FloatBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), V.rest(out, "out"), options);
    }

    public void softmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public void softmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public double[] softmax(double[] x) {
        double[] y = new double[x.length];
        ops.softmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public double[] softmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        double[] y = new double[x.length];
        ops.softmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public void logSoftmax(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public void logSoftmax(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public double[] logSoftmax(double[] x) {
        double[] y = new double[x.length];
        ops.logSoftmax(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public double[] logSoftmax(double[] x, int[] shape, int axis, SoftmaxOptions options) {
        double[] y = new double[x.length];
        ops.logSoftmax(V.in(x, shape, "x"), V.rest(y, "y"), axis, options);
        return y;
    }

    public void logSumExp(double[] x, int xOffset, double[] y, int yOffset, int[] shape, int axis) {
        ops.logSumExp(V.in(x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public void logSumExp(DoubleBuffer x, DoubleBuffer y, int[] shape, int axis) {
        ops.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
    }

    public double logSumExp(double[] x) {
        double[] y = new double[1];
        ops.logSumExp(V.in(x, new int[] {x.length}, "x"), V.rest(y, "y"), 0);
        return y[0];
    }

    public double[] logSumExp(double[] x, int[] shape, int axis) {
        double[] y = new double[V.slices(shape, axis)];
        ops.logSumExp(V.in(x, shape, "x"), V.rest(y, "y"), axis);
        return y;
    }

    public double crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (double) ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public void crossEntropy(double[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public double crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (double) ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public void crossEntropy(DoubleBuffer logits, int[] shape, IntBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public double crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (double) ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public void crossEntropy(double[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public double crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (double) ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public void crossEntropy(DoubleBuffer logits, int[] shape, LongBuffer targets, DoubleBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public double crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (double) ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), options);
    }

    public void crossEntropyWithProbabilities(double[] logits, int logitsOffset, int[] shape, double[] probabilities, int probabilitiesOffset, double[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), V.rest(out, outOffset, "out"), options);
    }

    public double crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, CrossEntropyOptions options) {
        return (double) ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), options);
    }

    public void crossEntropyWithProbabilities(DoubleBuffer logits, int[] shape, DoubleBuffer probabilities, DoubleBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(logits, shape, "logits"), V.rest(probabilities, "probabilities"), V.rest(out, "out"), options);
    }

    public void argmax(float[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        ops.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public void argmax(float[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        ops.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public void argmax(double[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        ops.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public void argmax(double[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        ops.argmax(V.in(x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public void argmax(FloatBuffer x, int[] shape, int axis, LongBuffer out) {
        ops.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public void argmax(FloatBuffer x, int[] shape, int axis, IntBuffer out) {
        ops.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public void argmax(DoubleBuffer x, int[] shape, int axis, LongBuffer out) {
        ops.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public void argmax(DoubleBuffer x, int[] shape, int axis, IntBuffer out) {
        ops.argmax(V.in(x, shape, "x"), axis, V.rest(out, "out"));
    }

    public int argmax(float[] x) {
        int[] out = new int[1];
        ops.argmax(V.in(x, new int[] {x.length}, "x"), 0, V.rest(out, "out"));
        return out[0];
    }

    public int argmax(double[] x) {
        int[] out = new int[1];
        ops.argmax(V.in(x, new int[] {x.length}, "x"), 0, V.rest(out, "out"));
        return out[0];
    }

    public void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        ops.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topK(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        ops.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        ops.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topK(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        ops.topK(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        ops.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topK(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        ops.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        ops.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topK(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        ops.topK(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        ops.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topLogProbs(float[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        ops.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, long[] indices, int iOffset) {
        ops.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topLogProbs(double[] x, int xOffset, int[] shape, int k, double[] values, int vOffset, int[] indices, int iOffset) {
        ops.topLogProbs(V.in(x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        ops.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topLogProbs(FloatBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        ops.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, LongBuffer indices) {
        ops.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topLogProbs(DoubleBuffer x, int[] shape, int k, DoubleBuffer values, IntBuffer indices) {
        ops.topLogProbs(V.in(x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        ops.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public void sample(float[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        ops.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        ops.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public void sample(double[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, double[] logProbs, int lpOffset) {
        ops.sample(V.in(logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        ops.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public void sample(FloatBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        ops.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, DoubleBuffer logProbs) {
        ops.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public void sample(DoubleBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, DoubleBuffer logProbs) {
        ops.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public int[] sample(float[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        // no larger than the draws: a shape the library refuses (checked before tokens) allocates nothing big
        int[] tokens = new int[Math.min(V.rows(shape), uniform == null ? 0 : uniform.length)];
        ops.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), null);
        return tokens;
    }

    public int[] sample(float[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        return ops.sample(V.in(logits, shape, "logits"), options, random);
    }

    public int[] sample(double[] logits, int[] shape, SamplingOptions options, double[] uniform) {
        // no larger than the draws: a shape the library refuses (checked before tokens) allocates nothing big
        int[] tokens = new int[Math.min(V.rows(shape), uniform == null ? 0 : uniform.length)];
        ops.sample(V.in(logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), null);
        return tokens;
    }

    public int[] sample(double[] logits, int[] shape, SamplingOptions options, RandomGenerator random) {
        return ops.sample(V.in(logits, shape, "logits"), options, random);
    }

    public void softmax(DType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(V.in(type, x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public void softmax(DType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(V.in(type, x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public float[] softmax(DType type, short[] x) {
        float[] y = new float[x.length];
        ops.softmax(V.in(type, x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public void logSoftmax(DType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(V.in(type, x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis, options);
    }

    public void logSoftmax(DType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(V.in(type, x, shape, "x"), V.rest(y, "y"), axis, options);
    }

    public float[] logSoftmax(DType type, short[] x) {
        float[] y = new float[x.length];
        ops.logSoftmax(V.in(type, x, new int[] {x.length}, "x"), V.rest(y, "y"), 0, SoftmaxOptions.DEFAULT);
        return y;
    }

    public void logSumExp(DType type, short[] x, int xOffset, float[] y, int yOffset, int[] shape, int axis) {
        ops.logSumExp(V.in(type, x, xOffset, shape, "x"), V.rest(y, yOffset, "y"), axis);
    }

    public void logSumExp(DType type, ShortBuffer x, FloatBuffer y, int[] shape, int axis) {
        ops.logSumExp(V.in(type, x, shape, "x"), V.rest(y, "y"), axis);
    }

    public float logSumExp(DType type, short[] x) {
        float[] y = new float[1];
        ops.logSumExp(V.in(type, x, new int[] {x.length}, "x"), V.rest(y, "y"), 0);
        return y[0];
    }

    public float crossEntropy(DType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public float crossEntropy(DType type, short[] logits, int logitsOffset, int[] shape, long[] targets, int targetsOffset, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), options);
    }

    public void crossEntropy(DType type, short[] logits, int logitsOffset, int[] shape, int[] targets, int targetsOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(targets, targetsOffset, "targets"), V.rest(out, outOffset, "out"), options);
    }

    public float crossEntropy(DType type, ShortBuffer logits, int[] shape, IntBuffer targets, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public float crossEntropy(DType type, ShortBuffer logits, int[] shape, LongBuffer targets, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), options);
    }

    public void crossEntropy(DType type, ShortBuffer logits, int[] shape, IntBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public float crossEntropyWithProbabilities(DType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), options);
    }

    public void crossEntropyWithProbabilities(DType type, short[] logits, int logitsOffset, int[] shape, float[] probabilities, int probabilitiesOffset, float[] out, int outOffset, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(type, logits, logitsOffset, shape, "logits"), V.rest(probabilities, probabilitiesOffset, "probabilities"), V.rest(out, outOffset, "out"), options);
    }

    public float crossEntropyWithProbabilities(DType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, CrossEntropyOptions options) {
        return (float) ops.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(probabilities, "probabilities"), options);
    }

    public void crossEntropyWithProbabilities(DType type, ShortBuffer logits, int[] shape, FloatBuffer probabilities, FloatBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(probabilities, "probabilities"), V.rest(out, "out"), options);
    }

    public void crossEntropy(DType type, ShortBuffer logits, int[] shape, LongBuffer targets, FloatBuffer out, CrossEntropyOptions options) {
        ops.crossEntropy(V.in(type, logits, shape, "logits"), V.rest(targets, "targets"), V.rest(out, "out"), options);
    }

    public void argmax(DType type, short[] x, int xOffset, int[] shape, int axis, long[] out, int outOffset) {
        ops.argmax(V.in(type, x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public void argmax(DType type, short[] x, int xOffset, int[] shape, int axis, int[] out, int outOffset) {
        ops.argmax(V.in(type, x, xOffset, shape, "x"), axis, V.rest(out, outOffset, "out"));
    }

    public void argmax(DType type, ShortBuffer x, int[] shape, int axis, LongBuffer out) {
        ops.argmax(V.in(type, x, shape, "x"), axis, V.rest(out, "out"));
    }

    public void argmax(DType type, ShortBuffer x, int[] shape, int axis, IntBuffer out) {
        ops.argmax(V.in(type, x, shape, "x"), axis, V.rest(out, "out"));
    }

    public void topK(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        ops.topK(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topK(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        ops.topK(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topK(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        ops.topK(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topK(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        ops.topK(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topLogProbs(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, long[] indices, int iOffset) {
        ops.topLogProbs(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topLogProbs(DType type, short[] x, int xOffset, int[] shape, int k, float[] values, int vOffset, int[] indices, int iOffset) {
        ops.topLogProbs(V.in(type, x, xOffset, shape, "x"), k, V.rest(values, vOffset, "values"), V.rest(indices, iOffset, "indices"));
    }

    public void topLogProbs(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, LongBuffer indices) {
        ops.topLogProbs(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void topLogProbs(DType type, ShortBuffer x, int[] shape, int k, FloatBuffer values, IntBuffer indices) {
        ops.topLogProbs(V.in(type, x, shape, "x"), k, V.rest(values, "values"), V.rest(indices, "indices"));
    }

    public void sample(DType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, int[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        ops.sample(V.in(type, logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public void sample(DType type, short[] logits, int logitsOffset, int[] shape, SamplingOptions options, double[] uniform, int uOffset, long[] tokens, int tOffset, float[] logProbs, int lpOffset) {
        ops.sample(V.in(type, logits, logitsOffset, shape, "logits"), options, V.rest(uniform, uOffset, "uniform"), V.rest(tokens, tOffset, "tokens"), V.rest(logProbs, lpOffset, "logProbs"));
    }

    public void sample(DType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, IntBuffer tokens, FloatBuffer logProbs) {
        ops.sample(V.in(type, logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }

    public void sample(DType type, ShortBuffer logits, int[] shape, SamplingOptions options, DoubleBuffer uniform, LongBuffer tokens, FloatBuffer logProbs) {
        ops.sample(V.in(type, logits, shape, "logits"), options, V.rest(uniform, "uniform"), V.rest(tokens, "tokens"), V.rest(logProbs, "logProbs"));
    }
}
