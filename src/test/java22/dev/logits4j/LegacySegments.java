package dev.logits4j;

import dev.logits4j.internal.plan.Checks;
import java.lang.foreign.MemorySegment;

/**
 * The call shapes of the pre-view {@code Segments} (one method per op and dtype on segments), as
 * {@link Segments#tensor} views run through {@link Ops}: the JDK 22 differential checks were
 * written against them and keep their assertions.
 */
public final class LegacySegments {
    private final Ops ops;

    private LegacySegments(Ops ops) {
        this.ops = ops;
    }

    public static LegacySegments auto() {
        return new LegacySegments(Logits4j.ops());
    }

    public static LegacySegments with(Backend backend) {
        return new LegacySegments(Logits4j.with(backend));
    }

    public Backend backend() {
        return ops.backend();
    }

    /** Helpers: the input with the call's shape, the other operands 1-d (null stays null). */
    static final class S {
        private S() {}

        static Tensor in(MemorySegment s, DType type, int[] shape, String name) {
            Checks.notNull(s, name);
            Checks.notNull(type, "type");
            Checks.notNull(shape, "shape");
            return Segments.tensor(s, type, shape);
        }

        static Tensor rest(MemorySegment s, DType type, String name) {
            return s == null ? null : Segments.tensor(s, type);
        }

        static Tensor draws(double[] u) {
            return Tensor.of(Checks.notNull(u, "uniform"));
        }

        static double crossEntropy(Ops ops, Tensor logits, Tensor targets, Tensor out,
                                   CrossEntropyOptions options) {
            return out == null ? ops.crossEntropy(logits, targets, options)
                    : ops.crossEntropy(logits, targets, out, options);
        }
    }

    public void softmaxF32(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(S.in(x, DType.F32, shape, "x"), S.rest(y, DType.F32, "y"), axis, options);
    }

    public void logSoftmaxF32(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(S.in(x, DType.F32, shape, "x"), S.rest(y, DType.F32, "y"), axis, options);
    }

    public void logSumExpF32(MemorySegment x, MemorySegment y, int[] shape, int axis) {
        ops.logSumExp(S.in(x, DType.F32, shape, "x"), S.rest(y, DType.F32, "y"), axis);
    }

    public float crossEntropyF32(MemorySegment logits, int[] shape, MemorySegment targets, boolean int64Targets, MemorySegment out, CrossEntropyOptions options) {
        return (float) S.crossEntropy(ops, S.in(logits, DType.F32, shape, "logits"), S.rest(targets, int64Targets ? DType.I64 : DType.I32, "targets"), S.rest(out, DType.F32, "out"), options);
    }

    public float crossEntropyWithProbabilitiesF32(MemorySegment logits, int[] shape, MemorySegment probabilities, MemorySegment out, CrossEntropyOptions options) {
        return (float) S.crossEntropy(ops, S.in(logits, DType.F32, shape, "logits"), S.rest(probabilities, DType.F32, "probabilities"), S.rest(out, DType.F32, "out"), options);
    }

    public void softmaxF64(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(S.in(x, DType.F64, shape, "x"), S.rest(y, DType.F64, "y"), axis, options);
    }

    public void logSoftmaxF64(MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(S.in(x, DType.F64, shape, "x"), S.rest(y, DType.F64, "y"), axis, options);
    }

    public void logSumExpF64(MemorySegment x, MemorySegment y, int[] shape, int axis) {
        ops.logSumExp(S.in(x, DType.F64, shape, "x"), S.rest(y, DType.F64, "y"), axis);
    }

    public double crossEntropyF64(MemorySegment logits, int[] shape, MemorySegment targets, boolean int64Targets, MemorySegment out, CrossEntropyOptions options) {
        return (double) S.crossEntropy(ops, S.in(logits, DType.F64, shape, "logits"), S.rest(targets, int64Targets ? DType.I64 : DType.I32, "targets"), S.rest(out, DType.F64, "out"), options);
    }

    public double crossEntropyWithProbabilitiesF64(MemorySegment logits, int[] shape, MemorySegment probabilities, MemorySegment out, CrossEntropyOptions options) {
        return (double) S.crossEntropy(ops, S.in(logits, DType.F64, shape, "logits"), S.rest(probabilities, DType.F64, "probabilities"), S.rest(out, DType.F64, "out"), options);
    }

    public void softmaxHalf(DType type, MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        ops.softmax(S.in(x, type, shape, "x"), S.rest(y, DType.F32, "y"), axis, options);
    }

    public void logSoftmaxHalf(DType type, MemorySegment x, MemorySegment y, int[] shape, int axis, SoftmaxOptions options) {
        ops.logSoftmax(S.in(x, type, shape, "x"), S.rest(y, DType.F32, "y"), axis, options);
    }

    public void logSumExpHalf(DType type, MemorySegment x, MemorySegment y, int[] shape, int axis) {
        ops.logSumExp(S.in(x, type, shape, "x"), S.rest(y, DType.F32, "y"), axis);
    }

    public float crossEntropyHalf(DType type, MemorySegment logits, int[] shape, MemorySegment targets, boolean int64Targets, MemorySegment out, CrossEntropyOptions options) {
        return (float) S.crossEntropy(ops, S.in(logits, type, shape, "logits"), S.rest(targets, int64Targets ? DType.I64 : DType.I32, "targets"), S.rest(out, DType.F32, "out"), options);
    }

    public float crossEntropyWithProbabilitiesHalf(DType type, MemorySegment logits, int[] shape, MemorySegment probabilities, MemorySegment out, CrossEntropyOptions options) {
        return (float) S.crossEntropy(ops, S.in(logits, type, shape, "logits"), S.rest(probabilities, DType.F32, "probabilities"), S.rest(out, DType.F32, "out"), options);
    }

    public void argmaxF32(MemorySegment x, int[] shape, int axis, MemorySegment out, boolean int64Out) {
        ops.argmax(S.in(x, DType.F32, shape, "x"), axis, S.rest(out, int64Out ? DType.I64 : DType.I32, "out"));
    }

    public void topKF32(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices, boolean int64Indices) {
        ops.topK(S.in(x, DType.F32, shape, "x"), k, S.rest(values, DType.F32, "values"), S.rest(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
    }

    public void topLogProbsF32(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices, boolean int64Indices) {
        ops.topLogProbs(S.in(x, DType.F32, shape, "x"), k, S.rest(values, DType.F32, "values"), S.rest(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
    }

    public void sampleF32(MemorySegment logits, int[] shape, SamplingOptions options, MemorySegment uniform, MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        ops.sample(S.in(logits, DType.F32, shape, "logits"), options, S.rest(uniform, DType.F64, "uniform"), S.rest(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"), S.rest(logProbs, DType.F32, "logProbs"));
    }

    public void sampleF32(MemorySegment logits, int[] shape, SamplingOptions options, double[] uniform, MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        ops.sample(S.in(logits, DType.F32, shape, "logits"), options, S.draws(uniform), S.rest(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"), S.rest(logProbs, DType.F32, "logProbs"));
    }

    public void argmaxF64(MemorySegment x, int[] shape, int axis, MemorySegment out, boolean int64Out) {
        ops.argmax(S.in(x, DType.F64, shape, "x"), axis, S.rest(out, int64Out ? DType.I64 : DType.I32, "out"));
    }

    public void topKF64(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices, boolean int64Indices) {
        ops.topK(S.in(x, DType.F64, shape, "x"), k, S.rest(values, DType.F64, "values"), S.rest(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
    }

    public void topLogProbsF64(MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices, boolean int64Indices) {
        ops.topLogProbs(S.in(x, DType.F64, shape, "x"), k, S.rest(values, DType.F64, "values"), S.rest(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
    }

    public void sampleF64(MemorySegment logits, int[] shape, SamplingOptions options, MemorySegment uniform, MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        ops.sample(S.in(logits, DType.F64, shape, "logits"), options, S.rest(uniform, DType.F64, "uniform"), S.rest(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"), S.rest(logProbs, DType.F64, "logProbs"));
    }

    public void sampleF64(MemorySegment logits, int[] shape, SamplingOptions options, double[] uniform, MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        ops.sample(S.in(logits, DType.F64, shape, "logits"), options, S.draws(uniform), S.rest(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"), S.rest(logProbs, DType.F64, "logProbs"));
    }

    public void argmaxHalf(DType type, MemorySegment x, int[] shape, int axis, MemorySegment out, boolean int64Out) {
        ops.argmax(S.in(x, type, shape, "x"), axis, S.rest(out, int64Out ? DType.I64 : DType.I32, "out"));
    }

    public void topKHalf(DType type, MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices, boolean int64Indices) {
        ops.topK(S.in(x, type, shape, "x"), k, S.rest(values, DType.F32, "values"), S.rest(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
    }

    public void topLogProbsHalf(DType type, MemorySegment x, int[] shape, int k, MemorySegment values, MemorySegment indices, boolean int64Indices) {
        ops.topLogProbs(S.in(x, type, shape, "x"), k, S.rest(values, DType.F32, "values"), S.rest(indices, int64Indices ? DType.I64 : DType.I32, "indices"));
    }

    public void sampleHalf(DType type, MemorySegment logits, int[] shape, SamplingOptions options, MemorySegment uniform, MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        ops.sample(S.in(logits, type, shape, "logits"), options, S.rest(uniform, DType.F64, "uniform"), S.rest(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"), S.rest(logProbs, DType.F32, "logProbs"));
    }

    public void sampleHalf(DType type, MemorySegment logits, int[] shape, SamplingOptions options, double[] uniform, MemorySegment tokens, boolean int64Tokens, MemorySegment logProbs) {
        ops.sample(S.in(logits, type, shape, "logits"), options, S.draws(uniform), S.rest(tokens, int64Tokens ? DType.I64 : DType.I32, "tokens"), S.rest(logProbs, DType.F32, "logProbs"));
    }
}
