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

/** The raw-address and pointer call shapes of the pre-view OffHeap, as {@link OffHeap} views. */
public final class LegacyOffHeap {
    private LegacyOffHeap() {}

    public static void softmaxF32(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().softmax(V.raw(x, xCount, DType.F32, shape), V.raw(y, yCount, DType.F32, null), axis, options);
    }

    public static void softmax(FloatPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().softmax(V.ptr(x, DType.F32, shape), V.ptr(y, DType.F32, null), axis, options);
    }

    public static void logSoftmaxF32(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().logSoftmax(V.raw(x, xCount, DType.F32, shape), V.raw(y, yCount, DType.F32, null), axis, options);
    }

    public static void logSoftmax(FloatPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().logSoftmax(V.ptr(x, DType.F32, shape), V.ptr(y, DType.F32, null), axis, options);
    }

    public static void logSumExpF32(long x, long xCount, long y, long yCount, int[] shape, int axis) {
        Logits4j.ops().logSumExp(V.raw(x, xCount, DType.F32, shape), V.raw(y, yCount, DType.F32, null), axis);
    }

    public static void logSumExp(FloatPointer x, FloatPointer y, int[] shape, int axis) {
        Logits4j.ops().logSumExp(V.ptr(x, DType.F32, shape), V.ptr(y, DType.F32, null), axis);
    }

    public static double crossEntropyF32(long logits, long logitsCount, int[] shape, long targets, long targetsCount, boolean int64Targets, long out, long outCount, CrossEntropyOptions options) {
        return (double) V.crossEntropy(Logits4j.ops(), V.raw(logits, logitsCount, DType.F32, shape), V.raw(targets, targetsCount, (int64Targets ? DType.I64 : DType.I32), null), V.raw(out, outCount, DType.F32, null), options);
    }

    public static float crossEntropy(FloatPointer logits, int[] shape, LongPointer targets, FloatPointer out, CrossEntropyOptions options) {
        return (float) V.crossEntropy(Logits4j.ops(), V.ptr(logits, DType.F32, shape), V.ptr(targets, DType.I64, null), V.ptr(out, DType.F32, null), options);
    }

    public static float crossEntropy(FloatPointer logits, int[] shape, IntPointer targets, FloatPointer out, CrossEntropyOptions options) {
        return (float) V.crossEntropy(Logits4j.ops(), V.ptr(logits, DType.F32, shape), V.ptr(targets, DType.I32, null), V.ptr(out, DType.F32, null), options);
    }

    public static void softmaxF64(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().softmax(V.raw(x, xCount, DType.F64, shape), V.raw(y, yCount, DType.F64, null), axis, options);
    }

    public static void softmax(DoublePointer x, DoublePointer y, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().softmax(V.ptr(x, DType.F64, shape), V.ptr(y, DType.F64, null), axis, options);
    }

    public static void logSoftmaxF64(long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().logSoftmax(V.raw(x, xCount, DType.F64, shape), V.raw(y, yCount, DType.F64, null), axis, options);
    }

    public static void logSoftmax(DoublePointer x, DoublePointer y, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().logSoftmax(V.ptr(x, DType.F64, shape), V.ptr(y, DType.F64, null), axis, options);
    }

    public static void logSumExpF64(long x, long xCount, long y, long yCount, int[] shape, int axis) {
        Logits4j.ops().logSumExp(V.raw(x, xCount, DType.F64, shape), V.raw(y, yCount, DType.F64, null), axis);
    }

    public static void logSumExp(DoublePointer x, DoublePointer y, int[] shape, int axis) {
        Logits4j.ops().logSumExp(V.ptr(x, DType.F64, shape), V.ptr(y, DType.F64, null), axis);
    }

    public static double crossEntropyF64(long logits, long logitsCount, int[] shape, long targets, long targetsCount, boolean int64Targets, long out, long outCount, CrossEntropyOptions options) {
        return (double) V.crossEntropy(Logits4j.ops(), V.raw(logits, logitsCount, DType.F64, shape), V.raw(targets, targetsCount, (int64Targets ? DType.I64 : DType.I32), null), V.raw(out, outCount, DType.F64, null), options);
    }

    public static double crossEntropy(DoublePointer logits, int[] shape, LongPointer targets, DoublePointer out, CrossEntropyOptions options) {
        return (double) V.crossEntropy(Logits4j.ops(), V.ptr(logits, DType.F64, shape), V.ptr(targets, DType.I64, null), V.ptr(out, DType.F64, null), options);
    }

    public static double crossEntropy(DoublePointer logits, int[] shape, IntPointer targets, DoublePointer out, CrossEntropyOptions options) {
        return (double) V.crossEntropy(Logits4j.ops(), V.ptr(logits, DType.F64, shape), V.ptr(targets, DType.I32, null), V.ptr(out, DType.F64, null), options);
    }

    public static void softmaxHalf(DType type, long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().softmax(V.raw(x, xCount, type, shape), V.raw(y, yCount, DType.F32, null), axis, options);
    }

    public static void softmax(DType type, ShortPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().softmax(V.ptr(x, type, shape), V.ptr(y, DType.F32, null), axis, options);
    }

    public static void logSoftmaxHalf(DType type, long x, long xCount, long y, long yCount, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().logSoftmax(V.raw(x, xCount, type, shape), V.raw(y, yCount, DType.F32, null), axis, options);
    }

    public static void logSoftmax(DType type, ShortPointer x, FloatPointer y, int[] shape, int axis, SoftmaxOptions options) {
        Logits4j.ops().logSoftmax(V.ptr(x, type, shape), V.ptr(y, DType.F32, null), axis, options);
    }

    public static void logSumExpHalf(DType type, long x, long xCount, long y, long yCount, int[] shape, int axis) {
        Logits4j.ops().logSumExp(V.raw(x, xCount, type, shape), V.raw(y, yCount, DType.F32, null), axis);
    }

    public static void logSumExp(DType type, ShortPointer x, FloatPointer y, int[] shape, int axis) {
        Logits4j.ops().logSumExp(V.ptr(x, type, shape), V.ptr(y, DType.F32, null), axis);
    }

    public static double crossEntropyHalf(DType type, long logits, long logitsCount, int[] shape, long targets, long targetsCount, boolean int64Targets, long out, long outCount, CrossEntropyOptions options) {
        return (double) V.crossEntropy(Logits4j.ops(), V.raw(logits, logitsCount, type, shape), V.raw(targets, targetsCount, (int64Targets ? DType.I64 : DType.I32), null), V.raw(out, outCount, DType.F32, null), options);
    }

    public static float crossEntropy(DType type, ShortPointer logits, int[] shape, LongPointer targets, FloatPointer out, CrossEntropyOptions options) {
        return (float) V.crossEntropy(Logits4j.ops(), V.ptr(logits, type, shape), V.ptr(targets, DType.I64, null), V.ptr(out, DType.F32, null), options);
    }

    public static float crossEntropy(DType type, ShortPointer logits, int[] shape, IntPointer targets, FloatPointer out, CrossEntropyOptions options) {
        return (float) V.crossEntropy(Logits4j.ops(), V.ptr(logits, type, shape), V.ptr(targets, DType.I32, null), V.ptr(out, DType.F32, null), options);
    }

    public static void argmaxHalf(DType type, long x, long xCount, int[] shape, int axis, long out, long outCount) {
        Logits4j.ops().argmax(V.raw(x, xCount, type, shape), axis, V.raw(out, outCount, DType.I64, null));
    }

    public static void topKHalf(DType type, long x, long xCount, int[] shape, int k, boolean logProbs, long values, long valuesCount, long indices, long indicesCount) {
        if (logProbs) {
            Logits4j.ops().topLogProbs(V.raw(x, xCount, type, shape), k, V.raw(values, valuesCount, DType.F32, null), V.raw(indices, indicesCount, DType.I64, null));
        } else {
            Logits4j.ops().topK(V.raw(x, xCount, type, shape), k, V.raw(values, valuesCount, DType.F32, null), V.raw(indices, indicesCount, DType.I64, null));
        }
    }

    public static void sampleHalf(DType type, long logits, long logitsCount, int[] shape, SamplingOptions options, long uniform, long uniformCount, long tokens, long tokensCount, long logProbs, long logProbsCount) {
        Logits4j.ops().sample(V.raw(logits, logitsCount, type, shape), options, V.raw(uniform, uniformCount, DType.F64, null), V.raw(tokens, tokensCount, DType.I64, null), logProbs == 0 ? null : V.raw(logProbs, logProbsCount, DType.F32, null));
    }

    public static void argmaxF32(long x, long xCount, int[] shape, int axis, long out, long outCount) {
        Logits4j.ops().argmax(V.raw(x, xCount, DType.F32, shape), axis, V.raw(out, outCount, DType.I64, null));
    }

    public static void topKF32(long x, long xCount, int[] shape, int k, boolean logProbs, long values, long valuesCount, long indices, long indicesCount) {
        if (logProbs) {
            Logits4j.ops().topLogProbs(V.raw(x, xCount, DType.F32, shape), k, V.raw(values, valuesCount, DType.F32, null), V.raw(indices, indicesCount, DType.I64, null));
        } else {
            Logits4j.ops().topK(V.raw(x, xCount, DType.F32, shape), k, V.raw(values, valuesCount, DType.F32, null), V.raw(indices, indicesCount, DType.I64, null));
        }
    }

    public static void sampleF32(long logits, long logitsCount, int[] shape, SamplingOptions options, long uniform, long uniformCount, long tokens, long tokensCount, long logProbs, long logProbsCount) {
        Logits4j.ops().sample(V.raw(logits, logitsCount, DType.F32, shape), options, V.raw(uniform, uniformCount, DType.F64, null), V.raw(tokens, tokensCount, DType.I64, null), logProbs == 0 ? null : V.raw(logProbs, logProbsCount, DType.F32, null));
    }

    public static void sample(FloatPointer logits, int[] shape, SamplingOptions options, DoublePointer uniform, LongPointer tokens, FloatPointer logProbs) {
        Logits4j.ops().sample(V.ptr(logits, DType.F32, shape), options, V.ptr(uniform, DType.F64, null), V.ptr(tokens, DType.I64, null), V.ptr(logProbs, DType.F32, null));
    }

    public static void argmaxF64(long x, long xCount, int[] shape, int axis, long out, long outCount) {
        Logits4j.ops().argmax(V.raw(x, xCount, DType.F64, shape), axis, V.raw(out, outCount, DType.I64, null));
    }

    public static void topKF64(long x, long xCount, int[] shape, int k, boolean logProbs, long values, long valuesCount, long indices, long indicesCount) {
        if (logProbs) {
            Logits4j.ops().topLogProbs(V.raw(x, xCount, DType.F64, shape), k, V.raw(values, valuesCount, DType.F64, null), V.raw(indices, indicesCount, DType.I64, null));
        } else {
            Logits4j.ops().topK(V.raw(x, xCount, DType.F64, shape), k, V.raw(values, valuesCount, DType.F64, null), V.raw(indices, indicesCount, DType.I64, null));
        }
    }

    public static void sampleF64(long logits, long logitsCount, int[] shape, SamplingOptions options, long uniform, long uniformCount, long tokens, long tokensCount, long logProbs, long logProbsCount) {
        Logits4j.ops().sample(V.raw(logits, logitsCount, DType.F64, shape), options, V.raw(uniform, uniformCount, DType.F64, null), V.raw(tokens, tokensCount, DType.I64, null), logProbs == 0 ? null : V.raw(logProbs, logProbsCount, DType.F64, null));
    }

    public static void sample(DoublePointer logits, int[] shape, SamplingOptions options, DoublePointer uniform, LongPointer tokens, DoublePointer logProbs) {
        Logits4j.ops().sample(V.ptr(logits, DType.F64, shape), options, V.ptr(uniform, DType.F64, null), V.ptr(tokens, DType.I64, null), V.ptr(logProbs, DType.F64, null));
    }
}
