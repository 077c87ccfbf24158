package dev.logits4j.testutil;

import dev.logits4j.internal.plan.Memory;
import dev.logits4j.Legacy;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Backend;
import dev.logits4j.Logits4j;
import dev.logits4j.LegacyOps;
import dev.logits4j.Reduction;
import dev.logits4j.SoftmaxOptions;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Runs a conformance value case through the public Java API, on heap arrays or on direct buffers,
 * and returns the output widened to double.
 */
public final class CaseRunner {
    private CaseRunner() {}

    public enum Memory { HEAP_ARRAY, DIRECT_BUFFER }

    /** The case through the static facade (the JVM-wide backend). */
    public static double[] run(Conformance.Case c, Memory memory) throws IOException {
        return run(c, memory, Legacy.with(Backend.auto()));
    }

    /** The case through the ops of one backend. */
    public static double[] run(Conformance.Case c, Memory memory, LegacyOps ops) throws IOException {
        switch (c.op()) {
            case "softmax":
            case "log-softmax":
                return softmax(c, memory, ops);
            case "logsumexp":
                return logSumExp(c, memory, ops);
            case "cross-entropy":
                return crossEntropy(c, memory, ops);
            default:
                throw new IllegalArgumentException(c.op());
        }
    }

    public static double[] expected(Conformance.Case c) throws IOException {
        return Arrays2.toDoubles(NpyReader.read(c.expectedPath()));
    }

    private static int axis(Conformance.Case c) {
        return c.arg("axis") == null ? -1 : Integer.parseInt(c.arg("axis"));
    }

    private static double[] softmax(Conformance.Case c, Memory memory, LegacyOps ops) throws IOException {
        NpyArray x = NpyReader.read(c.input("in"));
        boolean log = c.op().equals("log-softmax");
        SoftmaxOptions o = SoftmaxOptions.DEFAULT;
        if (c.arg("temperature") != null) {
            o = o.withTemperature(Double.parseDouble(c.arg("temperature")));
        }
        if (c.args().containsKey("masked-rows-zero")) {
            o = o.withMaskedRowsZero(true);
        }
        int[] shape = x.shape();
        int n = (int) x.elementCount();
        if (x.type() == NpyType.FLOAT32) {
            if (memory == Memory.HEAP_ARRAY) {
                float[] xa = Arrays2.floats(x);
                float[] y = new float[n];
                if (log) {
                    ops.logSoftmax(xa, 0, y, 0, shape, axis(c), o);
                } else {
                    ops.softmax(xa, 0, y, 0, shape, axis(c), o);
                }
                return Arrays2.widen(y);
            }
            FloatBuffer y = direct(n * 4).asFloatBuffer();
            if (log) {
                ops.logSoftmax(x.asFloats(), y, shape, axis(c), o);
            } else {
                ops.softmax(x.asFloats(), y, shape, axis(c), o);
            }
            return Arrays2.widen(y);
        }
        if (memory == Memory.HEAP_ARRAY) {
            double[] xa = Arrays2.toDoubles(x);
            double[] y = new double[n];
            if (log) {
                ops.logSoftmax(xa, 0, y, 0, shape, axis(c), o);
            } else {
                ops.softmax(xa, 0, y, 0, shape, axis(c), o);
            }
            return y;
        }
        DoubleBuffer y = direct(n * 8).asDoubleBuffer();
        if (log) {
            ops.logSoftmax(x.asDoubles(), y, shape, axis(c), o);
        } else {
            ops.softmax(x.asDoubles(), y, shape, axis(c), o);
        }
        return Arrays2.widen(y);
    }

    private static double[] logSumExp(Conformance.Case c, Memory memory, LegacyOps ops) throws IOException {
        NpyArray x = NpyReader.read(c.input("in"));
        int[] shape = x.shape();
        int outN = (int) NpyArray.elementCount(c.shape());
        if (x.type() == NpyType.FLOAT32) {
            if (memory == Memory.HEAP_ARRAY) {
                float[] y = new float[outN];
                ops.logSumExp(Arrays2.floats(x), 0, y, 0, shape, axis(c));
                return Arrays2.widen(y);
            }
            FloatBuffer y = direct(outN * 4).asFloatBuffer();
            ops.logSumExp(x.asFloats(), y, shape, axis(c));
            return Arrays2.widen(y);
        }
        if (memory == Memory.HEAP_ARRAY) {
            double[] y = new double[outN];
            ops.logSumExp(Arrays2.toDoubles(x), 0, y, 0, shape, axis(c));
            return y;
        }
        DoubleBuffer y = direct(outN * 8).asDoubleBuffer();
        ops.logSumExp(x.asDoubles(), y, shape, axis(c));
        return Arrays2.widen(y);
    }

    private static double[] crossEntropy(Conformance.Case c, Memory memory, LegacyOps ops) throws IOException {
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
            o = o.withWeight(Arrays2.toDoubles(NpyReader.read(c.input("weight"))));
        }
        int[] shape = logits.shape();
        int outN = (int) NpyArray.elementCount(c.shape());
        boolean f32 = logits.type() == NpyType.FLOAT32;
        boolean probs = targets.type().isFloat();
        if (memory == Memory.HEAP_ARRAY) {
            if (f32) {
                float[] out = new float[outN];
                float[] l = Arrays2.floats(logits);
                if (probs) {
                    ops.crossEntropyWithProbabilities(l, 0, shape, Arrays2.floats(targets), 0, out, 0, o);
                } else if (targets.type() == NpyType.INT32) {
                    ops.crossEntropy(l, 0, shape, Arrays2.ints(targets), 0, out, 0, o);
                } else {
                    ops.crossEntropy(l, 0, shape, Arrays2.longs(targets), 0, out, 0, o);
                }
                return Arrays2.widen(out);
            }
            double[] out = new double[outN];
            double[] l = Arrays2.toDoubles(logits);
            if (probs) {
                ops.crossEntropyWithProbabilities(l, 0, shape, Arrays2.toDoubles(targets), 0, out, 0, o);
            } else if (targets.type() == NpyType.INT32) {
                ops.crossEntropy(l, 0, shape, Arrays2.ints(targets), 0, out, 0, o);
            } else {
                ops.crossEntropy(l, 0, shape, Arrays2.longs(targets), 0, out, 0, o);
            }
            return out;
        }
        if (f32) {
            FloatBuffer out = direct(outN * 4).asFloatBuffer();
            if (probs) {
                ops.crossEntropyWithProbabilities(logits.asFloats(), shape, targets.asFloats(), out, o);
            } else if (targets.type() == NpyType.INT32) {
                ops.crossEntropy(logits.asFloats(), shape, targets.asInts(), out, o);
            } else {
                ops.crossEntropy(logits.asFloats(), shape, targets.asLongs(), out, o);
            }
            return Arrays2.widen(out);
        }
        DoubleBuffer out = direct(outN * 8).asDoubleBuffer();
        if (probs) {
            ops.crossEntropyWithProbabilities(logits.asDoubles(), shape, targets.asDoubles(), out, o);
        } else if (targets.type() == NpyType.INT32) {
            ops.crossEntropy(logits.asDoubles(), shape, targets.asInts(), out, o);
        } else {
            ops.crossEntropy(logits.asDoubles(), shape, targets.asLongs(), out, o);
        }
        return Arrays2.widen(out);
    }

    static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(Math.max(bytes, 0)).order(ByteOrder.nativeOrder());
    }
}
