package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With views made once and reused, a call allocates nothing on a platform thread: every op, for
 * every dtype of logits, every kind of memory and every backend this machine runs. Measured with
 * the JDK's per-thread allocation counter ({@code com.sun.management.ThreadMXBean}) over a batch of
 * calls once the JIT has compiled them; the smallest of a few batches must be 0 bytes (a batch
 * can catch a one-off allocation of the JIT's deoptimisation, never a per-call one).
 *
 * <p>Memory kinds: Java arrays, heap buffers (wrapping an array of the element type), direct
 * buffers in native byte order, direct buffers in the other byte order (the native kernels stage
 * them through per-thread memory), raw native memory ({@link OffHeap}). Not here: typed views of a
 * heap {@code ByteBuffer} ({@code ByteBuffer.allocate(n).asFloatBuffer()}), whose memory no check
 * can compare with another heap operand's, so a call reads such an input through a private copy
 * (docs/GUARANTEES.md). Shapes are small (the per-call overhead is what allocates, not the data).
 */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROWS = 4;
    private static final int VOCAB = 96;
    private static final List<BytePointer> NATIVE = new ArrayList<>();

    enum Kind { ARRAY, HEAP_BUFFER, DIRECT, DIRECT_SWAPPED, RAW }

    enum Op {
        SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP, CE_INDEX, CE_PROB, ARGMAX, TOP_K, TOP_LOG_PROBS, SAMPLE,
        // token masks: sparse (gathered) and dense (scanned or read whole)
        MASKED_ARGMAX, MASKED_TOP_LOG_PROBS, MASKED_SAMPLE, MASKED_SAMPLE_DENSE,
        // penalties from incremental per-request states
        SAMPLE_PENALTY_STATE,
        // the ops around the loss (ops.training())
        TOKEN_LOG_PROBS, CE_GRAD, CE_BACKWARD_NONE, SOFTMAX_BACKWARD
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Backend b : AllBackends.all()) {
            if (b.name().equals("java") && Logits4j.with(b).info().javaKernels().contains("Vector API")) {
                // The Vector API kernels box a vector each time C2 leaves their exp call
                // un-inlined, which depends on what the JVM compiled before (0 B in a fresh JVM,
                // 2,304 B per 4 x 96 log-softmax call after the full suite): not a promise a test
                // can hold. The facade and plans they run under are the scalar Java kernels'
                // (java-scalar, measured here), so what allocates is the incubator kernel alone.
                continue;
            }
            for (DType t : new DType[] {DType.F32, DType.F64, DType.F16, DType.BF16}) {
                for (Kind k : Kind.values()) {
                    for (Op op : Op.values()) {
                        all.add(Arguments.of(b, t, k, op));
                    }
                }
            }
        }
        return all.stream();
    }

    @AfterAll
    static void free() {
        NATIVE.forEach(BytePointer::close);
        NATIVE.clear();
    }

    @ParameterizedTest(name = "{3} {1} {2} on {0}")
    @MethodSource("cases")
    void reusedViewsAllocateNothingPerCall(Backend backend, DType dtype, Kind kind, Op op) {
        Ops ops = Logits4j.with(backend);
        Random r = new Random(op.ordinal() * 31 + kind.ordinal());
        DType out = dtype == DType.F64 ? DType.F64 : DType.F32;
        Tensor x = view(kind, dtype, i -> r.nextGaussian() * 3, ROWS, VOCAB);
        Tensor y = view(kind, out, null, ROWS, VOCAB);
        Tensor probs = view(kind, out, i -> 1.0 / VOCAB, ROWS, VOCAB);
        Tensor perRow = view(kind, out, null, ROWS);
        Tensor classes = view(kind, DType.I64, i -> r.nextInt(VOCAB), ROWS);
        Tensor idx = view(kind, DType.I64, null, ROWS * 5);
        Tensor vals = view(kind, out, null, ROWS * 5);
        Tensor draws = view(kind, DType.F64, i -> r.nextDouble(), ROWS);
        int words = (VOCAB + 31) / 32;
        Tensor sparse = view(kind, DType.I32, i -> 0x00010001, ROWS, words);   // 2 per word
        Tensor dense = view(kind, DType.I32, i -> 0x55555555, ROWS, words);    // every other
        SamplingOptions serving = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(20).withTopP(0.9);
        PenaltyState seen = new PenaltyState(VOCAB);
        for (int t = 0; t < 40; t++) {
            seen.accept((t * 7) % VOCAB);
        }
        SamplingOptions penalised = serving.withRepetitionPenalty(1.2).withPresenceFrequencyPenalty(0.3, 0.1)
                .withPenaltyStates(seen);
        CrossEntropyOptions ce = CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1);
        CrossEntropyOptions ceNone = CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE);
        Training training = ops.training();
        Tensor grad = view(kind, out, null, ROWS, VOCAB);
        Tensor g = view(kind, out, i -> (i % 7) - 3, ROWS, VOCAB);
        Tensor upstream = view(kind, out, i -> 0.5, ROWS);
        Runnable call = switch (op) {
            case SOFTMAX -> () -> ops.softmax(x, y, -1);
            case LOG_SOFTMAX -> () -> ops.logSoftmax(x, y, -1);
            case LOG_SUM_EXP -> () -> ops.logSumExp(x, perRow, -1);
            case CE_INDEX -> () -> ops.crossEntropy(x, classes, perRow, ce);
            case CE_PROB -> () -> ops.crossEntropy(x, probs, perRow, CrossEntropyOptions.DEFAULT);
            case ARGMAX -> () -> ops.argmax(x, -1, idx);
            case TOP_K -> () -> ops.topK(x, 5, vals, idx);
            case TOP_LOG_PROBS -> () -> ops.topLogProbs(x, 5, vals, idx);
            case SAMPLE -> () -> ops.sample(x, serving, draws, idx, perRow);
            case MASKED_ARGMAX -> () -> ops.argmax(x, sparse, idx);
            case MASKED_TOP_LOG_PROBS -> () -> ops.topLogProbs(x, dense, 5, true, vals, idx);
            case MASKED_SAMPLE -> () -> ops.sample(x, sparse, serving, draws, idx, perRow);
            case MASKED_SAMPLE_DENSE -> () -> ops.sample(x, dense, serving, draws, idx, perRow);
            case SAMPLE_PENALTY_STATE -> () -> ops.sample(x, penalised, draws, idx, perRow);
            case TOKEN_LOG_PROBS -> () -> training.tokenLogProbs(x, classes, -100, perRow);
            case CE_GRAD -> () -> training.crossEntropyWithGradient(x, classes, ce, grad);
            case CE_BACKWARD_NONE -> () -> training.crossEntropyBackward(x, classes, ceNone, upstream, grad);
            case SOFTMAX_BACKWARD -> () -> training.softmaxBackward(probs, g, grad, -1);
        };
        long least = Long.MAX_VALUE;
        int calls = 2_000;
        // Warm-up rounds: the JIT compiles the call and removes what escape analysis can; a round
        // that allocates gets more warm-up (a recompilation) before the case fails.
        for (int round = 0; round < 4 && least > 0; round++) {
            for (int i = 0; i < 30_000 << round; i++) {
                call.run();
            }
            for (int batch = 0; batch < 5 && least > 0; batch++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    call.run();
                }
                least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
            }
        }
        assertEquals(0, least, op + " on " + dtype + " " + kind + " (" + backend + "): " + least
                + " bytes in " + calls + " calls, " + (double) least / calls + " per call");
    }

    /** A view of the kind, its elements {@code value(i)} (null: left zero). */
    private static Tensor view(Kind kind, DType t, IntToDoubleFunction value, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        ByteOrder swapped = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        BytePointer raw = null;
        ByteBuffer bytes;
        if (kind == Kind.RAW) {
            raw = new BytePointer((long) n * t.bytes());
            NATIVE.add(raw);
            bytes = raw.asByteBuffer().order(ByteOrder.nativeOrder());
        } else {
            bytes = kind == Kind.DIRECT || kind == Kind.DIRECT_SWAPPED
                    ? ByteBuffer.allocateDirect(n * t.bytes()) : ByteBuffer.allocate(n * t.bytes());
            bytes.order(kind == Kind.DIRECT_SWAPPED ? swapped : ByteOrder.nativeOrder());
        }
        for (int i = 0; value != null && i < n; i++) {
            double v = value.applyAsDouble(i);
            switch (t) {
                case F32 -> bytes.putFloat(i * 4, (float) v);
                case F64 -> bytes.putDouble(i * 8, v);
                // bfloat16 is the upper half of the float32; float16 here only holds values a
                // bfloat16 can (8 bits of mantissa fit), made by rounding through bfloat16 first
                case F16 -> bytes.putShort(i * 2, toHalf((float) v));
                case BF16 -> bytes.putShort(i * 2, (short) (Float.floatToRawIntBits((float) v) >>> 16));
                case I32 -> bytes.putInt(i * 4, (int) v);
                case I64 -> bytes.putLong(i * 8, (long) v);
            }
        }
        return switch (kind) {
            case ARRAY -> array(bytes, t, shape);
            case HEAP_BUFFER -> wrapped(bytes, t, shape);
            case DIRECT, DIRECT_SWAPPED -> Tensor.of(bytes, t, shape);
            case RAW -> OffHeap.tensor(raw.address(), n, t, shape);
        };
    }

    /** float16 bits of a float in [-2^15, 2^15] (normal range, rounded toward zero: test data). */
    private static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        if (exp <= 0) {
            return (short) sign;   // tiny: zero
        }
        return (short) (sign | (Math.min(exp, 30) << 10) | ((bits >>> 13) & 0x3ff));
    }

    /** A heap buffer wrapping an array of the element type (its array is what the ops use). */
    private static Tensor wrapped(ByteBuffer bytes, DType t, int[] shape) {
        int n = bytes.capacity() / t.bytes();
        return switch (t) {
            case F32 -> {
                float[] a = new float[n];
                bytes.asFloatBuffer().get(a);
                yield Tensor.of(java.nio.FloatBuffer.wrap(a), shape);
            }
            case F64 -> {
                double[] a = new double[n];
                bytes.asDoubleBuffer().get(a);
                yield Tensor.of(java.nio.DoubleBuffer.wrap(a), shape);
            }
            case F16, BF16 -> {
                short[] a = new short[n];
                bytes.asShortBuffer().get(a);
                yield Tensor.of(java.nio.ShortBuffer.wrap(a), t, shape);
            }
            case I32 -> {
                int[] a = new int[n];
                bytes.asIntBuffer().get(a);
                yield Tensor.of(java.nio.IntBuffer.wrap(a), shape);
            }
            case I64 -> {
                long[] a = new long[n];
                bytes.asLongBuffer().get(a);
                yield Tensor.of(java.nio.LongBuffer.wrap(a), shape);
            }
        };
    }

    private static Tensor array(ByteBuffer bytes, DType t, int[] shape) {
        int n = bytes.capacity() / t.bytes();
        return switch (t) {
            case F32 -> {
                float[] a = new float[n];
                bytes.asFloatBuffer().get(a);
                yield Tensor.of(a, shape);
            }
            case F64 -> {
                double[] a = new double[n];
                bytes.asDoubleBuffer().get(a);
                yield Tensor.of(a, shape);
            }
            case F16, BF16 -> {
                short[] a = new short[n];
                bytes.asShortBuffer().get(a);
                yield Tensor.of(a, t, shape);
            }
            case I32 -> {
                int[] a = new int[n];
                bytes.asIntBuffer().get(a);
                yield Tensor.of(a, shape);
            }
            case I64 -> {
                long[] a = new long[n];
                bytes.asLongBuffer().get(a);
                yield Tensor.of(a, shape);
            }
        };
    }

    static {
        assertTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM cannot count allocation");
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }
}
