package dev.logits4j.testutil;

import dev.logits4j.internal.plan.Memory;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.LegacyOps;
import dev.logits4j.Reduction;
import dev.logits4j.SoftmaxOptions;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Runs a float16 / bfloat16 conformance case (conformance/half, issue 13) through the public
 * 16-bit overloads, with the logits in one of several memory kinds, and returns the float32
 * output widened to double.
 */
public final class HalfCaseRunner {
    private HalfCaseRunner() {}

    /** Where the 16-bit logits live. */
    public enum Memory {
        /** short[] logits, float[] outputs. */
        HEAP_ARRAY,
        /** direct ShortBuffer in native order (native kernels read it by address). */
        DIRECT_NATIVE,
        /** direct ShortBuffer in the other byte order (staged, or read value by value). */
        DIRECT_OTHER_ORDER,
        /** a read-only heap ShortBuffer (no accessible array). */
        HEAP_READ_ONLY
    }

    public static DType type(Conformance.Case c) {
        switch (c.dtype()) {
            case "float16":
                return DType.F16;
            case "bfloat16":
                return DType.BF16;
            default:
                throw new IllegalArgumentException(c.id() + ": dtype " + c.dtype());
        }
    }

    /** The 16-bit values of a '<f2' or '<u2' file. */
    public static short[] bits(NpyArray a) {
        if (a.type() != NpyType.FLOAT16 && a.type() != NpyType.UINT16) {
            throw new IllegalArgumentException("not 16-bit: " + a.type());
        }
        short[] s = new short[(int) a.elementCount()];
        a.asShorts().get(s);
        return s;
    }

    /** {@code bits} in memory of the given kind (for the buffer kinds, from position 0). */
    public static ShortBuffer buffer(short[] bits, Memory memory) {
        switch (memory) {
            case DIRECT_NATIVE:
            case DIRECT_OTHER_ORDER: {
                ByteOrder order = memory == Memory.DIRECT_NATIVE ? ByteOrder.nativeOrder()
                        : ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN;
                ShortBuffer b = ByteBuffer.allocateDirect(Math.max(2 * bits.length, 2)).order(order)
                        .asShortBuffer();
                b.put(bits).flip();
                return b;
            }
            default:
                return ShortBuffer.wrap(bits).asReadOnlyBuffer();
        }
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(Math.max(4 * n, 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public static double[] run(Conformance.Case c, Memory memory, LegacyOps ops) throws IOException {
        DType type = type(c);
        switch (c.op()) {
            case "softmax":
            case "log-softmax":
                return softmax(c, type, memory, ops);
            case "logsumexp":
                return logSumExp(c, type, memory, ops);
            default:
                return crossEntropy(c, type, memory, ops);
        }
    }

    private static int axis(Conformance.Case c) {
        return c.arg("axis") == null ? -1 : Integer.parseInt(c.arg("axis"));
    }

    private static double[] softmax(Conformance.Case c, DType type, Memory memory, LegacyOps ops)
            throws IOException {
        NpyArray x = NpyReader.read(c.input("in"));
        boolean log = c.op().equals("log-softmax");
        SoftmaxOptions o = SoftmaxOptions.DEFAULT;
        if (c.arg("temperature") != null) {
            o = o.withTemperature(Double.parseDouble(c.arg("temperature")));
        }
        int[] shape = x.shape();
        short[] bits = bits(x);
        if (memory == Memory.HEAP_ARRAY) {
            float[] y = new float[bits.length];
            if (log) {
                ops.logSoftmax(type, bits, 0, y, 0, shape, axis(c), o);
            } else {
                ops.softmax(type, bits, 0, y, 0, shape, axis(c), o);
            }
            return Arrays2.widen(y);
        }
        FloatBuffer y = floats(bits.length);
        if (log) {
            ops.logSoftmax(type, buffer(bits, memory), y, shape, axis(c), o);
        } else {
            ops.softmax(type, buffer(bits, memory), y, shape, axis(c), o);
        }
        return Arrays2.widen(y);
    }

    private static double[] logSumExp(Conformance.Case c, DType type, Memory memory, LegacyOps ops)
            throws IOException {
        NpyArray x = NpyReader.read(c.input("in"));
        int[] shape = x.shape();
        int outN = (int) NpyArray.elementCount(c.shape());
        short[] bits = bits(x);
        if (memory == Memory.HEAP_ARRAY) {
            float[] y = new float[outN];
            ops.logSumExp(type, bits, 0, y, 0, shape, axis(c));
            return Arrays2.widen(y);
        }
        FloatBuffer y = floats(outN);
        ops.logSumExp(type, buffer(bits, memory), y, shape, axis(c));
        return Arrays2.widen(y);
    }

    private static double[] crossEntropy(Conformance.Case c, DType type, Memory memory, LegacyOps ops)
            throws IOException {
        NpyArray logits = NpyReader.read(c.input("logits"));
        NpyArray targets = NpyReader.read(c.input("targets"));
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT;
        if (c.arg("ignore-index") != null) {
            o = o.withIgnoreIndex(Long.parseLong(c.arg("ignore-index")));
        }
        if (c.arg("reduction") != null) {
            o = o.withReduction(Reduction.parse(c.arg("reduction")));
        }
        if (c.arg("label-smoothing") != null) {
            o = o.withLabelSmoothing(Double.parseDouble(c.arg("label-smoothing")));
        }
        if (c.input("weight") != null) {
            o = o.withWeight(Arrays2.floats(NpyReader.read(c.input("weight"))));
        }
        int[] shape = logits.shape();
        int outN = (int) NpyArray.elementCount(c.shape());
        short[] bits = bits(logits);
        boolean probs = targets.type() == NpyType.FLOAT32;
        if (memory == Memory.HEAP_ARRAY) {
            float[] out = new float[outN];
            if (probs) {
                ops.crossEntropyWithProbabilities(type, bits, 0, shape, Arrays2.floats(targets), 0, out, 0, o);
            } else if (targets.type() == NpyType.INT32) {
                ops.crossEntropy(type, bits, 0, shape, Arrays2.ints(targets), 0, out, 0, o);
            } else if (o.reduction() != Reduction.NONE) {
                out[0] = ops.crossEntropy(type, bits, 0, shape, Arrays2.longs(targets), 0, o);
            } else {
                long[] t = Arrays2.longs(targets);
                int[] t32 = new int[t.length];
                for (int i = 0; i < t.length; i++) {
                    t32[i] = Math.toIntExact(t[i]);
                }
                ops.crossEntropy(type, bits, 0, shape, t32, 0, out, 0, o);
            }
            return Arrays2.widen(out);
        }
        FloatBuffer out = floats(outN);
        ShortBuffer l = buffer(bits, memory);
        if (probs) {
            ops.crossEntropyWithProbabilities(type, l, shape, targets.asFloats(), out, o);
        } else if (targets.type() == NpyType.INT32) {
            IntBuffer t = targets.asInts();
            ops.crossEntropy(type, l, shape, t, out, o);
        } else {
            LongBuffer t = targets.asLongs();
            ops.crossEntropy(type, l, shape, t, out, o);
        }
        return Arrays2.widen(out);
    }
}
