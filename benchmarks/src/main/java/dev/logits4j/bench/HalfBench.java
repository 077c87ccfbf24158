package dev.logits4j.bench;

import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * float16 / bfloat16 logits against float32 (issue 13): softmax and cross-entropy (int64 class
 * targets, mean) on native-order direct buffers, results float32 for every input type, one
 * implementation by value per trial, the views made once in the setup ({@code Tensor.of} of a
 * {@code FloatBuffer}, or of a {@code ShortBuffer} with {@link DType#F16} / {@link DType#BF16}).
 * docs/perf/half.md has the numbers and how to read them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class HalfBench {
    @Param({"softmax", "cross-entropy"})
    public String op;

    @Param({"float32", "float16", "bfloat16"})
    public String dtype;

    @Param({"1x128256", "1024x1000", "2048x32000"})
    public String shape;

    @Param({"native-avx512", "java"})
    public String impl;

    private Ops ops;
    private int[] dims;
    private FloatBuffer x32;
    private ShortBuffer x16;
    private FloatBuffer y;
    private LongBuffer targets;
    private DType type;
    private Tensor xv;
    private Tensor yv;
    private Tensor tv;

    @Setup(Level.Trial)
    public void setup() {
        ops = Logits4j.with(impl.startsWith("native-") ? Backend.nativeVariant(impl.substring(7)) : Backend.java());
        String[] p = shape.split("x");
        dims = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        int n = dims[0] * dims[1];
        type = dtype.equals("float16") ? DType.F16 : dtype.equals("bfloat16") ? DType.BF16 : null;
        Random r = new Random(42);
        x32 = direct(4L * n).asFloatBuffer();
        x16 = direct(2L * n).asShortBuffer();
        for (int i = 0; i < n; i++) {
            float v = (float) (r.nextGaussian() * 3);
            x32.put(i, v);
            int b = Float.floatToRawIntBits(v);
            x16.put(i, type == DType.BF16 ? (short) (b >>> 16) : f16(b));
        }
        y = direct(4L * n).asFloatBuffer();
        targets = direct(8L * dims[0]).asLongBuffer();
        for (int i = 0; i < dims[0]; i++) {
            targets.put(i, r.nextInt(dims[1]));
        }
        xv = type == null ? Tensor.of(x32, dims) : Tensor.of(x16, type, dims);
        yv = Tensor.of(y);
        tv = Tensor.of(targets);
    }

    private static ByteBuffer direct(long bytes) {
        return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
    }

    /** Benchmark data: float32 bits to float16 by truncation (values below 2^-14 become 0). */
    static short f16(int b) {
        int e = ((b >>> 23) & 0xFF) - 112;
        if (e <= 0) {
            return (short) ((b >>> 16) & 0x8000);
        }
        return (short) (((b >>> 16) & 0x8000) | (Math.min(e, 30) << 10) | ((b >>> 13) & 0x3FF));
    }

    @Benchmark
    public double run() {
        if (op.equals("softmax")) {
            ops.softmax(xv, yv, -1);
            return y.get(0);
        }
        return ops.crossEntropy(xv, tv, CrossEntropyOptions.DEFAULT);
    }
}
