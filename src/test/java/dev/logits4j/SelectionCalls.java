package dev.logits4j;

import dev.logits4j.internal.plan.Memory;
import dev.logits4j.testutil.HalfBits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * argmax, topK, topLogProbs and sample through one memory kind: Java arrays from an offset (int32
 * or int64 indices), NIO buffers from a position (heap, heap byte views big-endian, direct in
 * either byte order, read-only direct), float64 copies of the same values, and float16 /
 * bfloat16 bits where the API takes them. Outputs come
 * back as long indices and double values; array outputs sit between guard values, and a call that
 * writes outside its output throws {@link AssertionError}.
 */
final class SelectionCalls {
    private SelectionCalls() {}

    /** The memory the logits are read from. */
    enum Memory {
        FLOAT_ARRAY(false, true), DOUBLE_ARRAY(false, false), FLOAT_HEAP_BUFFER(false, true),
        FLOAT_HEAP_BYTES_BIG_ENDIAN(false, true), FLOAT_DIRECT_NATIVE_ORDER(false, true),
        FLOAT_DIRECT_BIG_ENDIAN(false, true), FLOAT_DIRECT_READ_ONLY(false, true),
        DOUBLE_DIRECT_NATIVE_ORDER(false, false), HALF_ARRAY(true, true), HALF_HEAP_BUFFER(true, true),
        HALF_HEAP_BYTES_BIG_ENDIAN(true, true), HALF_DIRECT_NATIVE_ORDER(true, true), HALF_DIRECT_BIG_ENDIAN(true, true);

        /** Whether it takes 16-bit bits (else float32 values, or float64 copies of them). */
        final boolean half;
        /** Whether values and log-probs come back as float32. */
        final boolean float32;

        Memory(boolean half, boolean float32) {
            this.half = half;
            this.float32 = float32;
        }

        static final Memory[] FLOATS = {FLOAT_ARRAY, DOUBLE_ARRAY, FLOAT_HEAP_BUFFER, FLOAT_HEAP_BYTES_BIG_ENDIAN,
            FLOAT_DIRECT_NATIVE_ORDER, FLOAT_DIRECT_BIG_ENDIAN, FLOAT_DIRECT_READ_ONLY, DOUBLE_DIRECT_NATIVE_ORDER};
        static final Memory[] HALVES = {HALF_ARRAY, HALF_HEAP_BUFFER, HALF_HEAP_BYTES_BIG_ENDIAN,
            HALF_DIRECT_NATIVE_ORDER, HALF_DIRECT_BIG_ENDIAN};
    }

    /** Elements before the data in arrays and buffers, and guard slots around array outputs. */
    private static final int PAD = 3;
    private static final float GUARD = -12345.5f;

    /** Logits {@code [rows, n]}: float32 values, or 16-bit bits (then {@code values} are their exact values). */
    static final class Input {
        final int rows;
        final int n;
        final float[] values;
        final short[] bits;
        final DType type;

        private Input(int rows, int n, float[] values, short[] bits, DType type) {
            this.rows = rows;
            this.n = n;
            this.values = values;
            this.bits = bits;
            this.type = type;
        }

        static Input ofFloats(int rows, int n, float[] values) {
            return new Input(rows, n, values, null, null);
        }

        static Input ofHalves(int rows, int n, short[] bits, boolean bf16) {
            float[] v = new float[bits.length];
            for (int i = 0; i < bits.length; i++) {
                v[i] = (float) HalfBits.toDouble(bits[i], bf16);
            }
            return new Input(rows, n, v, bits, bf16 ? DType.BF16 : DType.F16);
        }

        boolean half() {
            return bits != null;
        }

        int[] shape() {
            return new int[] {rows, n};
        }

        /** Row {@code r} as float64. */
        double[] row(int r) {
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                d[j] = values[r * n + j];
            }
            return d;
        }

        String dtype() {
            return bits == null ? "float32" : type == DType.BF16 ? "bfloat16" : "float16";
        }
    }

    // ---------------------------------------------------------------------------------------------
    // inputs in each memory kind

    private static float[] floatArray(Input in) {
        float[] a = new float[PAD + in.values.length];
        Arrays.fill(a, 0, PAD, Float.NaN);
        System.arraycopy(in.values, 0, a, PAD, in.values.length);
        return a;
    }

    private static double[] doubleArray(Input in) {
        double[] a = new double[PAD + in.values.length];
        Arrays.fill(a, 0, PAD, Double.NaN);
        for (int i = 0; i < in.values.length; i++) {
            a[PAD + i] = in.values[i];
        }
        return a;
    }

    private static short[] halfArray(Input in) {
        short[] a = new short[PAD + in.bits.length];
        Arrays.fill(a, 0, PAD, (short) 0x7E00);
        System.arraycopy(in.bits, 0, a, PAD, in.bits.length);
        return a;
    }

    private static ByteBuffer bytes(Memory m, int count, int size) {
        boolean big = m == Memory.FLOAT_DIRECT_BIG_ENDIAN || m == Memory.HALF_DIRECT_BIG_ENDIAN
                || m == Memory.FLOAT_HEAP_BYTES_BIG_ENDIAN || m == Memory.HALF_HEAP_BYTES_BIG_ENDIAN;
        boolean heap = m == Memory.FLOAT_HEAP_BYTES_BIG_ENDIAN || m == Memory.HALF_HEAP_BYTES_BIG_ENDIAN;
        ByteBuffer b = heap ? ByteBuffer.allocate(size * (PAD + count)) : ByteBuffer.allocateDirect(size * (PAD + count));
        return b.order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder());
    }

    private static FloatBuffer floatBuffer(Memory m, Input in) {
        FloatBuffer b = m == Memory.FLOAT_HEAP_BUFFER ? FloatBuffer.allocate(PAD + in.values.length)
                : bytes(m, in.values.length, 4).asFloatBuffer();
        b.position(PAD);
        b.put(in.values);
        b.position(PAD);
        return m == Memory.FLOAT_DIRECT_READ_ONLY ? b.asReadOnlyBuffer() : b;
    }

    private static DoubleBuffer doubleBuffer(Input in) {
        DoubleBuffer b = ByteBuffer.allocateDirect(8 * (PAD + in.values.length)).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
        b.position(PAD);
        for (float v : in.values) {
            b.put(v);
        }
        b.position(PAD);
        return b;
    }

    private static ShortBuffer shortBuffer(Memory m, Input in) {
        ShortBuffer b = m == Memory.HALF_HEAP_BUFFER ? ShortBuffer.allocate(PAD + in.bits.length)
                : bytes(m, in.bits.length, 2).asShortBuffer();
        b.position(PAD);
        b.put(in.bits);
        b.position(PAD);
        return b;
    }

    // ---------------------------------------------------------------------------------------------
    // outputs between guards

    private static void checkGuards(float[] a, int count, String what) {
        for (int i = 0; i < a.length; i++) {
            if ((i < PAD || i >= PAD + count) && Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(GUARD)) {
                throw new AssertionError(what + " wrote outside its output at " + (i - PAD) + " of " + count);
            }
        }
    }

    private static void checkGuards(double[] a, int count, String what) {
        for (int i = 0; i < a.length; i++) {
            if ((i < PAD || i >= PAD + count) && a[i] != GUARD) {
                throw new AssertionError(what + " wrote outside its output at " + (i - PAD) + " of " + count);
            }
        }
    }

    private static void checkGuards(long[] a, int count, String what) {
        for (int i = 0; i < a.length; i++) {
            if ((i < PAD || i >= PAD + count) && a[i] != (long) GUARD) {
                throw new AssertionError(what + " wrote outside its output at " + (i - PAD) + " of " + count);
            }
        }
    }

    private static void checkGuards(int[] a, int count, String what) {
        for (int i = 0; i < a.length; i++) {
            if ((i < PAD || i >= PAD + count) && a[i] != (int) GUARD) {
                throw new AssertionError(what + " wrote outside its output at " + (i - PAD) + " of " + count);
            }
        }
    }

    private static float[] guardedFloats(int count) {
        float[] a = new float[2 * PAD + count];
        Arrays.fill(a, GUARD);
        return a;
    }

    private static double[] guardedDoubles(int count) {
        double[] a = new double[2 * PAD + count];
        Arrays.fill(a, GUARD);
        return a;
    }

    private static long[] guardedLongs(int count) {
        long[] a = new long[2 * PAD + count];
        Arrays.fill(a, (long) GUARD);
        return a;
    }

    private static int[] guardedInts(int count) {
        int[] a = new int[2 * PAD + count];
        Arrays.fill(a, (int) GUARD);
        return a;
    }

    private static long[] unpad(long[] a, int count) {
        return Arrays.copyOfRange(a, PAD, PAD + count);
    }

    private static long[] unpad(int[] a, int count) {
        long[] r = new long[count];
        for (int i = 0; i < count; i++) {
            r[i] = a[PAD + i];
        }
        return r;
    }

    private static double[] unpad(float[] a, int count) {
        double[] r = new double[count];
        for (int i = 0; i < count; i++) {
            r[i] = a[PAD + i];
        }
        return r;
    }

    private static double[] unpad(double[] a, int count) {
        return Arrays.copyOfRange(a, PAD, PAD + count);
    }

    private static long[] longs(LongBuffer b, int count) {
        long[] r = new long[count];
        b.get(0, r);
        return r;
    }

    private static long[] longs(IntBuffer b, int count) {
        long[] r = new long[count];
        for (int i = 0; i < count; i++) {
            r[i] = b.get(i);
        }
        return r;
    }

    private static double[] doubles(FloatBuffer b, int count) {
        double[] r = new double[count];
        for (int i = 0; i < count; i++) {
            r[i] = b.get(i);
        }
        return r;
    }

    private static double[] doubles(DoubleBuffer b, int count) {
        double[] r = new double[count];
        b.get(0, r);
        return r;
    }

    /** Options carrying each row's parameters (single values for one row, else {@link #perRowOptions}). */
    static SamplingOptions options(SamplingReference.Row... rows) {
        if (rows.length == 1) {
            SamplingReference.Row r = rows[0];
            return SamplingOptions.DEFAULT.withTemperature(r.temperature).withTopK(r.topK).withTopP(r.topP)
                    .withMinP(r.minP).withRepetitionPenalty(r.repetition)
                    .withPresenceFrequencyPenalty(r.presence, r.frequency)
                    .withHistory(new int[][] {r.history}).withLogitBias(r.bias);
        }
        return perRowOptions(rows);
    }

    /** Options carrying each row's parameters as per-row arrays (length 1 too). */
    static SamplingOptions perRowOptions(SamplingReference.Row... rows) {
        int b = rows.length;
        double[] t = new double[b];
        int[] k = new int[b];
        double[] tp = new double[b];
        double[] mp = new double[b];
        double[] rep = new double[b];
        double[] pres = new double[b];
        double[] freq = new double[b];
        int[][] hist = new int[b][];
        List<Map<Integer, Double>> bias = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            t[i] = rows[i].temperature;
            k[i] = rows[i].topK;
            tp[i] = rows[i].topP;
            mp[i] = rows[i].minP;
            rep[i] = rows[i].repetition;
            pres[i] = rows[i].presence;
            freq[i] = rows[i].frequency;
            hist[i] = rows[i].history;
            bias.add(rows[i].bias);
        }
        return SamplingOptions.DEFAULT.withTemperatures(t).withTopKs(k).withTopPs(tp).withMinPs(mp)
                .withRepetitionPenalties(rep).withPresenceFrequencyPenalties(pres, freq)
                .withHistory(hist).withLogitBiases(bias);
    }

    /** A readable summary of a row's parameters, for failure messages. */
    static String describe(SamplingReference.Row p) {
        StringBuilder b = new StringBuilder("T=").append(p.temperature).append(" topK=").append(p.topK)
                .append(" topP=").append(p.topP).append(" minP=").append(p.minP);
        if (p.repetition != 1 || p.presence != 0 || p.frequency != 0) {
            b.append(" rep=").append(p.repetition).append(" pres=").append(p.presence).append(" freq=").append(p.frequency);
        }
        if (p.history.length > 0) {
            b.append(" history(").append(p.history.length).append(")=")
                    .append(Arrays.toString(Arrays.copyOf(p.history, Math.min(12, p.history.length))))
                    .append(p.history.length > 12 ? "..." : "");
        }
        if (!p.bias.isEmpty()) {
            String m = new TreeMap<>(p.bias).toString();
            b.append(" bias(").append(p.bias.size()).append(")=").append(m.length() > 200 ? m.substring(0, 200) + "..." : m);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // the ops

    /** argmax along the last axis, one index per row; {@code int64} picks the index type. */
    static long[] argmax(LegacyOps ops, Memory m, Input in, boolean int64) {
        int rows = in.rows;
        int[] shape = in.shape();
        switch (m) {
            case FLOAT_ARRAY:
            case DOUBLE_ARRAY:
            case HALF_ARRAY: {
                if (int64) {
                    long[] out = guardedLongs(rows);
                    if (m == Memory.FLOAT_ARRAY) {
                        ops.argmax(floatArray(in), PAD, shape, -1, out, PAD);
                    } else if (m == Memory.DOUBLE_ARRAY) {
                        ops.argmax(doubleArray(in), PAD, shape, -1, out, PAD);
                    } else {
                        ops.argmax(in.type, halfArray(in), PAD, shape, -1, out, PAD);
                    }
                    checkGuards(out, rows, "argmax");
                    return unpad(out, rows);
                }
                int[] out = guardedInts(rows);
                if (m == Memory.FLOAT_ARRAY) {
                    ops.argmax(floatArray(in), PAD, shape, -1, out, PAD);
                } else if (m == Memory.DOUBLE_ARRAY) {
                    ops.argmax(doubleArray(in), PAD, shape, -1, out, PAD);
                } else {
                    ops.argmax(in.type, halfArray(in), PAD, shape, -1, out, PAD);
                }
                checkGuards(out, rows, "argmax");
                return unpad(out, rows);
            }
            default: {
                LongBuffer l = LongBuffer.allocate(rows);
                IntBuffer i = IntBuffer.allocate(rows);
                if (m == Memory.DOUBLE_DIRECT_NATIVE_ORDER) {
                    if (int64) {
                        ops.argmax(doubleBuffer(in), shape, -1, l);
                    } else {
                        ops.argmax(doubleBuffer(in), shape, -1, i);
                    }
                } else if (m.half) {
                    if (int64) {
                        ops.argmax(in.type, shortBuffer(m, in), shape, -1, l);
                    } else {
                        ops.argmax(in.type, shortBuffer(m, in), shape, -1, i);
                    }
                } else if (int64) {
                    ops.argmax(floatBuffer(m, in), shape, -1, l);
                } else {
                    ops.argmax(floatBuffer(m, in), shape, -1, i);
                }
                return int64 ? longs(l, rows) : longs(i, rows);
            }
        }
    }

    /** topK ({@code logProbs} false) or topLogProbs: {@code [rows, k]} values and indices. */
    static final class TopK {
        final double[] values;
        final long[] indices;

        TopK(double[] values, long[] indices) {
            this.values = values;
            this.indices = indices;
        }
    }

    static TopK topK(LegacyOps ops, Memory m, Input in, int k, boolean logProbs, boolean int64) {
        int count = in.rows * k;
        int[] shape = in.shape();
        String what = logProbs ? "topLogProbs" : "topK";
        if (m == Memory.FLOAT_ARRAY || m == Memory.HALF_ARRAY) {
            float[] v = guardedFloats(count);
            long[] l = guardedLongs(count);
            int[] i = guardedInts(count);
            if (m == Memory.FLOAT_ARRAY) {
                float[] x = floatArray(in);
                if (logProbs && int64) {
                    ops.topLogProbs(x, PAD, shape, k, v, PAD, l, PAD);
                } else if (logProbs) {
                    ops.topLogProbs(x, PAD, shape, k, v, PAD, i, PAD);
                } else if (int64) {
                    ops.topK(x, PAD, shape, k, v, PAD, l, PAD);
                } else {
                    ops.topK(x, PAD, shape, k, v, PAD, i, PAD);
                }
            } else {
                short[] x = halfArray(in);
                if (logProbs && int64) {
                    ops.topLogProbs(in.type, x, PAD, shape, k, v, PAD, l, PAD);
                } else if (logProbs) {
                    ops.topLogProbs(in.type, x, PAD, shape, k, v, PAD, i, PAD);
                } else if (int64) {
                    ops.topK(in.type, x, PAD, shape, k, v, PAD, l, PAD);
                } else {
                    ops.topK(in.type, x, PAD, shape, k, v, PAD, i, PAD);
                }
            }
            checkGuards(v, count, what + " values");
            if (int64) {
                checkGuards(l, count, what + " indices");
            } else {
                checkGuards(i, count, what + " indices");
            }
            return new TopK(unpad(v, count), int64 ? unpad(l, count) : unpad(i, count));
        }
        if (m == Memory.DOUBLE_ARRAY) {
            double[] v = guardedDoubles(count);
            long[] l = guardedLongs(count);
            int[] i = guardedInts(count);
            double[] x = doubleArray(in);
            if (logProbs && int64) {
                ops.topLogProbs(x, PAD, shape, k, v, PAD, l, PAD);
            } else if (logProbs) {
                ops.topLogProbs(x, PAD, shape, k, v, PAD, i, PAD);
            } else if (int64) {
                ops.topK(x, PAD, shape, k, v, PAD, l, PAD);
            } else {
                ops.topK(x, PAD, shape, k, v, PAD, i, PAD);
            }
            checkGuards(v, count, what + " values");
            if (int64) {
                checkGuards(l, count, what + " indices");
            } else {
                checkGuards(i, count, what + " indices");
            }
            return new TopK(unpad(v, count), int64 ? unpad(l, count) : unpad(i, count));
        }
        LongBuffer l = LongBuffer.allocate(count);
        IntBuffer i = IntBuffer.allocate(count);
        if (m == Memory.DOUBLE_DIRECT_NATIVE_ORDER) {
            DoubleBuffer v = DoubleBuffer.allocate(count);
            DoubleBuffer x = doubleBuffer(in);
            if (logProbs && int64) {
                ops.topLogProbs(x, shape, k, v, l);
            } else if (logProbs) {
                ops.topLogProbs(x, shape, k, v, i);
            } else if (int64) {
                ops.topK(x, shape, k, v, l);
            } else {
                ops.topK(x, shape, k, v, i);
            }
            return new TopK(doubles(v, count), int64 ? longs(l, count) : longs(i, count));
        }
        FloatBuffer v = FloatBuffer.allocate(count);
        if (m.half) {
            ShortBuffer x = shortBuffer(m, in);
            if (logProbs && int64) {
                ops.topLogProbs(in.type, x, shape, k, v, l);
            } else if (logProbs) {
                ops.topLogProbs(in.type, x, shape, k, v, i);
            } else if (int64) {
                ops.topK(in.type, x, shape, k, v, l);
            } else {
                ops.topK(in.type, x, shape, k, v, i);
            }
        } else {
            FloatBuffer x = floatBuffer(m, in);
            if (logProbs && int64) {
                ops.topLogProbs(x, shape, k, v, l);
            } else if (logProbs) {
                ops.topLogProbs(x, shape, k, v, i);
            } else if (int64) {
                ops.topK(x, shape, k, v, l);
            } else {
                ops.topK(x, shape, k, v, i);
            }
        }
        return new TopK(doubles(v, count), int64 ? longs(l, count) : longs(i, count));
    }

    /** sample: one token and its log-prob per row. */
    static final class Sampled {
        final long[] tokens;
        final double[] logProbs;

        Sampled(long[] tokens, double[] logProbs) {
            this.tokens = tokens;
            this.logProbs = logProbs;
        }
    }

    static Sampled sample(LegacyOps ops, Memory m, Input in, SamplingOptions o, double[] u, boolean int64) {
        int rows = in.rows;
        int[] shape = in.shape();
        double[] uPadded = new double[PAD + rows];
        System.arraycopy(u, 0, uPadded, PAD, rows);
        if (m == Memory.FLOAT_ARRAY || m == Memory.HALF_ARRAY) {
            float[] lp = guardedFloats(rows);
            long[] l = guardedLongs(rows);
            int[] i = guardedInts(rows);
            if (m == Memory.FLOAT_ARRAY) {
                float[] x = floatArray(in);
                if (int64) {
                    ops.sample(x, PAD, shape, o, uPadded, PAD, l, PAD, lp, PAD);
                } else {
                    ops.sample(x, PAD, shape, o, uPadded, PAD, i, PAD, lp, PAD);
                }
            } else {
                short[] x = halfArray(in);
                if (int64) {
                    ops.sample(in.type, x, PAD, shape, o, uPadded, PAD, l, PAD, lp, PAD);
                } else {
                    ops.sample(in.type, x, PAD, shape, o, uPadded, PAD, i, PAD, lp, PAD);
                }
            }
            checkGuards(lp, rows, "sample log-probs");
            if (int64) {
                checkGuards(l, rows, "sample tokens");
            } else {
                checkGuards(i, rows, "sample tokens");
            }
            return new Sampled(int64 ? unpad(l, rows) : unpad(i, rows), unpad(lp, rows));
        }
        if (m == Memory.DOUBLE_ARRAY) {
            double[] lp = guardedDoubles(rows);
            long[] l = guardedLongs(rows);
            int[] i = guardedInts(rows);
            double[] x = doubleArray(in);
            if (int64) {
                ops.sample(x, PAD, shape, o, uPadded, PAD, l, PAD, lp, PAD);
            } else {
                ops.sample(x, PAD, shape, o, uPadded, PAD, i, PAD, lp, PAD);
            }
            checkGuards(lp, rows, "sample log-probs");
            if (int64) {
                checkGuards(l, rows, "sample tokens");
            } else {
                checkGuards(i, rows, "sample tokens");
            }
            return new Sampled(int64 ? unpad(l, rows) : unpad(i, rows), unpad(lp, rows));
        }
        DoubleBuffer ub = DoubleBuffer.wrap(uPadded);
        ub.position(PAD);
        LongBuffer l = LongBuffer.allocate(rows);
        IntBuffer i = IntBuffer.allocate(rows);
        if (m == Memory.DOUBLE_DIRECT_NATIVE_ORDER) {
            DoubleBuffer lp = DoubleBuffer.allocate(rows);
            if (int64) {
                ops.sample(doubleBuffer(in), shape, o, ub, l, lp);
            } else {
                ops.sample(doubleBuffer(in), shape, o, ub, i, lp);
            }
            return new Sampled(int64 ? longs(l, rows) : longs(i, rows), doubles(lp, rows));
        }
        FloatBuffer lp = FloatBuffer.allocate(rows);
        if (m.half) {
            if (int64) {
                ops.sample(in.type, shortBuffer(m, in), shape, o, ub, l, lp);
            } else {
                ops.sample(in.type, shortBuffer(m, in), shape, o, ub, i, lp);
            }
        } else if (int64) {
            ops.sample(floatBuffer(m, in), shape, o, ub, l, lp);
        } else {
            ops.sample(floatBuffer(m, in), shape, o, ub, i, lp);
        }
        return new Sampled(int64 ? longs(l, rows) : longs(i, rows), doubles(lp, rows));
    }
}
