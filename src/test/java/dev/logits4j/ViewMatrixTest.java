package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Every op on every dtype of logits, every index dtype and every kind of memory, generated: no
 * hole in the matrix. Each combination runs on the Java and the automatic backend and must give
 * the bits the same op gives on plain arrays of the same dtypes on that backend (memory kinds
 * change where the numbers live, never the numbers); the array results themselves are checked
 * against float64 maths (softmax sums, argmax, top-k order, sampled tokens inside the row).
 */
class ViewMatrixTest {
    private static final int ROWS = 3;
    private static final int VOCAB = 37;   // not a multiple of any lane width
    private static final int K = 4;
    private static final List<BytePointer> NATIVE = new ArrayList<>();

    enum Kind { ARRAY, HEAP_BUFFER, HEAP_BYTES, DIRECT, DIRECT_SWAPPED, RAW }

    enum Op { SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP, CE_INDEX, CE_PROB, ARGMAX, TOP_K, TOP_LOG_PROBS, SAMPLE }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Backend b : List.of(Backend.java(), Backend.auto())) {
            for (Op op : Op.values()) {
                for (DType t : new DType[] {DType.F32, DType.F64, DType.F16, DType.BF16}) {
                    for (DType index : new DType[] {DType.I32, DType.I64}) {
                        for (Kind k : Kind.values()) {
                            all.add(Arguments.of(b, op, t, index, k));
                        }
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

    @ParameterizedTest(name = "{1} {2} {3} {4} on {0}")
    @MethodSource("matrix")
    void everyCombinationGivesTheArrayBits(Backend backend, Op op, DType dtype, DType index, Kind kind) {
        Ops ops = Logits4j.with(backend);
        double[] got = run(ops, op, dtype, index, kind);
        double[] want = run(ops, op, dtype, index, Kind.ARRAY);
        assertArrayEquals(want, got, op + " " + dtype + " " + index + " " + kind);
        if (kind == Kind.ARRAY) {
            checkAgainstFloat64(op, dtype, want);
        }
    }

    /** Runs the op on fresh views of the kind; returns every output element as a double. */
    private static double[] run(Ops ops, Op op, DType dtype, DType index, Kind kind) {
        Random r = new Random(7);
        DType out = dtype == DType.F64 ? DType.F64 : DType.F32;
        double[] logits = new double[ROWS * VOCAB];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = representable(dtype, r.nextGaussian() * 3);
        }
        Made x = make(kind, dtype, i -> logits[i], ROWS, VOCAB);
        switch (op) {
            case SOFTMAX, LOG_SOFTMAX -> {
                Made y = make(kind, out, null, ROWS, VOCAB);
                if (op == Op.SOFTMAX) {
                    ops.softmax(x.view, y.view, -1);
                } else {
                    ops.logSoftmax(x.view, y.view, -1);
                }
                return y.read();
            }
            case LOG_SUM_EXP -> {
                Made y = make(kind, out, null, ROWS);
                ops.logSumExp(x.view, y.view, -1);
                return y.read();
            }
            case CE_INDEX, CE_PROB -> {
                Made t = op == Op.CE_INDEX ? make(kind, index, i -> (i * 11) % VOCAB, ROWS)
                        : make(kind, out, i -> 1.0 / VOCAB, ROWS, VOCAB);
                Made perRow = make(kind, out, null, ROWS);
                CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE);
                ops.crossEntropy(x.view, t.view, perRow.view, o);
                double mean = ops.crossEntropy(x.view, t.view, CrossEntropyOptions.DEFAULT);
                double[] per = perRow.read();
                double[] all = java.util.Arrays.copyOf(per, per.length + 1);
                all[per.length] = mean;
                return all;
            }
            case ARGMAX -> {
                Made o = make(kind, index, null, ROWS);
                ops.argmax(x.view, -1, o.view);
                return o.read();
            }
            case TOP_K, TOP_LOG_PROBS -> {
                Made v = make(kind, out, null, ROWS * K);
                Made i = make(kind, index, null, ROWS * K);
                if (op == Op.TOP_K) {
                    ops.topK(x.view, K, v.view, i.view);
                } else {
                    ops.topLogProbs(x.view, K, v.view, i.view);
                }
                double[] a = v.read();
                double[] b = i.read();
                double[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, all, a.length, b.length);
                return all;
            }
            case SAMPLE -> {
                Made u = make(kind, DType.F64, i -> (i + 0.5) / ROWS, ROWS);
                Made tokens = make(kind, index, null, ROWS);
                Made lp = make(kind, out, null, ROWS);
                SamplingOptions s = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(10).withTopP(0.9);
                ops.sample(x.view, s, u.view, tokens.view, lp.view);
                double[] a = tokens.read();
                double[] b = lp.read();
                double[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, all, a.length, b.length);
                return all;
            }
        }
        throw new AssertionError(op);
    }

    /** The array results against float64 maths of the same (representable) logits. */
    private static void checkAgainstFloat64(Op op, DType dtype, double[] result) {
        Random r = new Random(7);
        double[] x = new double[ROWS * VOCAB];
        for (int i = 0; i < x.length; i++) {
            x[i] = representable(dtype, r.nextGaussian() * 3);
        }
        double tol = dtype == DType.F64 ? 1e-12 : 2e-6;
        for (int row = 0; row < ROWS; row++) {
            double m = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < VOCAB; j++) {
                if (x[row * VOCAB + j] > m) {
                    m = x[row * VOCAB + j];
                    arg = j;
                }
            }
            double s = 0;
            for (int j = 0; j < VOCAB; j++) {
                s += Math.exp(x[row * VOCAB + j] - m);
            }
            double lse = m + Math.log(s);
            switch (op) {
                case SOFTMAX -> {
                    for (int j = 0; j < VOCAB; j++) {
                        double want = Math.exp(x[row * VOCAB + j] - lse);
                        assertEquals(want, result[row * VOCAB + j], tol * Math.max(want, 1e-30) + 1e-30);
                    }
                }
                case LOG_SOFTMAX -> {
                    for (int j = 0; j < VOCAB; j++) {
                        double want = x[row * VOCAB + j] - lse;
                        assertEquals(want, result[row * VOCAB + j], tol * Math.max(1, Math.abs(want)));
                    }
                }
                case LOG_SUM_EXP -> assertEquals(lse, result[row], tol * Math.max(1, Math.abs(lse)));
                case CE_INDEX -> {
                    double want = lse - x[row * VOCAB + (row * 11) % VOCAB];
                    assertEquals(want, result[row], tol * Math.max(1, want));
                }
                case CE_PROB -> {
                    double want = 0;
                    for (int j = 0; j < VOCAB; j++) {
                        want += (lse - x[row * VOCAB + j]) / VOCAB;
                    }
                    assertEquals(want, result[row], 4 * tol * Math.max(1, want));
                }
                case ARGMAX -> assertEquals(arg, result[row]);
                case TOP_K, TOP_LOG_PROBS -> {
                    assertEquals(arg, result[ROWS * K + row * K], "top-1 index");
                    double want = op == Op.TOP_K ? m : m - lse;
                    assertEquals(want, result[row * K], tol * Math.max(1, Math.abs(want)));
                }
                case SAMPLE -> {
                    double token = result[row];
                    assertTrue(token >= 0 && token < VOCAB, "token " + token);
                    double want = x[row * VOCAB + (int) token] - lse;   // log-prob under the raw logits
                    assertEquals(want, result[ROWS + row], tol * Math.max(1, Math.abs(want)));
                }
            }
        }
    }

    /** The value a dtype holds for v (bfloat16 and float16 keep 8 and 11 significant bits). */
    private static double representable(DType t, double v) {
        return switch (t) {
            case F64 -> v;
            case F32 -> (float) v;
            case BF16 -> Float.intBitsToFloat(Float.floatToRawIntBits((float) v) & 0xFFFF0000);
            default -> fromF16(f16((float) v));
        };
    }

    /** A view and how to read back what an op wrote into it. */
    record Made(Tensor view, ByteBuffer bytes, Object array, DType dtype, int n) {
        double[] read() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = array != null ? java.lang.reflect.Array.getDouble(array, i) : switch (dtype) {
                    case F32 -> bytes.getFloat(i * 4);
                    case F64 -> bytes.getDouble(i * 8);
                    case I32 -> bytes.getInt(i * 4);
                    case I64 -> bytes.getLong(i * 8);
                    default -> throw new AssertionError(dtype);
                };
            }
            return out;
        }
    }

    private static Made make(Kind kind, DType t, IntToDoubleFunction value, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        ByteOrder swapped = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer bytes;
        BytePointer raw = null;
        if (kind == Kind.RAW) {
            raw = new BytePointer((long) n * t.bytes());
            NATIVE.add(raw);
            bytes = raw.asByteBuffer();
        } else {
            bytes = kind == Kind.DIRECT || kind == Kind.DIRECT_SWAPPED
                    ? ByteBuffer.allocateDirect(n * t.bytes()) : ByteBuffer.allocate(n * t.bytes());
        }
        bytes.order(kind == Kind.DIRECT_SWAPPED ? swapped : ByteOrder.nativeOrder());
        Object array = switch (t) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case F16, BF16 -> new short[n];
            case I32 -> new int[n];
            case I64 -> new long[n];
        };
        for (int i = 0; value != null && i < n; i++) {
            double v = value.applyAsDouble(i);
            switch (t) {
                case F32 -> {
                    bytes.putFloat(i * 4, (float) v);
                    ((float[]) array)[i] = (float) v;
                }
                case F64 -> {
                    bytes.putDouble(i * 8, v);
                    ((double[]) array)[i] = v;
                }
                case F16, BF16 -> {
                    short h = t == DType.BF16 ? (short) (Float.floatToRawIntBits((float) v) >>> 16) : f16((float) v);
                    bytes.putShort(i * 2, h);
                    ((short[]) array)[i] = h;
                }
                case I32 -> {
                    bytes.putInt(i * 4, (int) v);
                    ((int[]) array)[i] = (int) v;
                }
                case I64 -> {
                    bytes.putLong(i * 8, (long) v);
                    ((long[]) array)[i] = (long) v;
                }
            }
        }
        return switch (kind) {
            case ARRAY -> new Made(arrayView(array, t, shape), null, array, t, n);
            case HEAP_BUFFER -> new Made(wrapped(array, t, shape), null, array, t, n);
            case HEAP_BYTES, DIRECT, DIRECT_SWAPPED -> new Made(Tensor.of(bytes, t, shape), bytes, null, t, n);
            case RAW -> new Made(OffHeap.tensor(raw.address(), n, t, shape), bytes, null, t, n);
        };
    }

    /** float16 bits of a float that has at most 11 significant bits and a normal exponent. */
    private static short f16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        if (f == 0 || exp <= 0) {
            return (short) sign;
        }
        return (short) (sign | (exp << 10) | ((bits >>> 13) & 0x3ff));
    }

    private static float fromF16(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        return exp == 0 ? Float.intBitsToFloat(sign)
                : Float.intBitsToFloat(sign | ((exp + 112) << 23) | ((h & 0x3ff) << 13));
    }

    private static Tensor arrayView(Object a, DType t, int[] shape) {
        return switch (t) {
            case F32 -> Tensor.of((float[]) a, shape);
            case F64 -> Tensor.of((double[]) a, shape);
            case F16, BF16 -> Tensor.of((short[]) a, t, shape);
            case I32 -> Tensor.of((int[]) a, shape);
            case I64 -> Tensor.of((long[]) a, shape);
        };
    }

    private static Tensor wrapped(Object a, DType t, int[] shape) {
        return switch (t) {
            case F32 -> Tensor.of(java.nio.FloatBuffer.wrap((float[]) a), shape);
            case F64 -> Tensor.of(java.nio.DoubleBuffer.wrap((double[]) a), shape);
            case F16, BF16 -> Tensor.of(java.nio.ShortBuffer.wrap((short[]) a), t, shape);
            case I32 -> Tensor.of(java.nio.IntBuffer.wrap((int[]) a), shape);
            case I64 -> Tensor.of(java.nio.LongBuffer.wrap((long[]) a), shape);
        };
    }
}
