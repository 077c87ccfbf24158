package dev.logits4j.bench;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
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
 * What the byte order of direct buffers costs: native order goes to the kernels by address; the
 * other order (Java's default for {@code allocateDirect(n).asFloatBuffer()}, and mapped files) is
 * staged through byte-swapping copies on the native backend and read element by element on the
 * Java one. Softmax and cross-entropy of a 1024x1000 float32 batch, single thread, implementation
 * chosen per fork as in {@link OpsBench}; the views ({@code Tensor.of} of the arrays or of the
 * buffers, whose byte order they read once) are made in the setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class ByteOrderBench {
    @Param({"softmax", "cross-entropy"})
    public String op;

    /** native: the CPU's order; swapped: the other one; array: heap arrays (reference). */
    @Param({"native", "swapped", "array"})
    public String memory;

    @Param({"native-avx512", "java"})
    public String impl;

    private static final int ROWS = 1024;
    private static final int COLS = 1000;
    private float[] xa;
    private float[] ya;
    private int[] ta;
    private FloatBuffer x;
    private FloatBuffer y;
    private IntBuffer t;
    private Ops ops;
    private Tensor xv;
    private Tensor yv;
    private Tensor tv;

    @Setup(Level.Trial)
    public void setup() {
        if (impl.startsWith("native-")) {
            System.setProperty("logits4j.backend", "native");
            System.setProperty("logits4j.isa", impl.substring("native-".length()));
        } else {
            System.setProperty("logits4j.backend", impl);
        }
        Random r = new Random(1);
        xa = new float[ROWS * COLS];
        for (int i = 0; i < xa.length; i++) {
            xa[i] = (float) (r.nextGaussian() * 3);
        }
        ya = new float[xa.length];
        ta = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ta[i] = r.nextInt(COLS);
        }
        ByteOrder order = memory.equals("swapped")
                ? (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                : ByteOrder.nativeOrder();
        x = ByteBuffer.allocateDirect(4 * xa.length).order(order).asFloatBuffer().put(0, xa);
        y = ByteBuffer.allocateDirect(4 * xa.length).order(order).asFloatBuffer();
        t = ByteBuffer.allocateDirect(4 * ROWS).order(order).asIntBuffer().put(0, ta);
        boolean arrays = memory.equals("array");
        xv = arrays ? Tensor.of(xa, ROWS, COLS) : Tensor.of(x, ROWS, COLS);
        yv = arrays ? Tensor.of(ya) : Tensor.of(y);
        tv = arrays ? Tensor.of(ta) : Tensor.of(t);
        ops = Logits4j.ops();
    }

    @Benchmark
    public double run() {
        if (op.equals("softmax")) {
            ops.softmax(xv, yv, -1);
            return memory.equals("array") ? ya[7] : y.get(7);
        }
        return ops.crossEntropy(xv, tv, CrossEntropyOptions.DEFAULT);
    }
}
