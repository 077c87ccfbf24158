package dev.logits4j.bench;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import dev.logits4j.internal.javaimpl.JavaKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One short row per call through the public API (issue 14: a 1 x 10 call should take at most
 * 40 ns), ns per call, next to the textbook Java softmax on the same row. The backend is the
 * default ({@link Logits4j#ops()}, {@code auto}: Java below the native threshold), as a user gets
 * it; the views are made once in the setup, as a server makes them once per buffer, so a call is
 * the op's checks, plan and kernel. Each op is its own benchmark method so that one JMH run
 * compares them under the same machine conditions.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class ShortRowBench {
    @Param({"10"})
    public int n;

    private float[] x;
    private float[] y;
    private float[] one;
    private Ops ops;
    private Tensor xv;
    private Tensor yv;
    private Tensor onev;
    private Tensor targetv;

    @Setup
    public void setup() {
        Random r = new Random(1);
        x = new float[n];
        y = new float[n];
        one = new float[1];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        ops = Logits4j.ops();
        xv = Tensor.of(x, 1, n);
        yv = Tensor.of(y);
        onev = Tensor.of(one);
        targetv = Tensor.of(new int[] {n / 2});
    }

    @Benchmark
    public float softmax() {
        ops.softmax(xv, yv, -1);
        return y[0];
    }

    @Benchmark
    public float logSoftmax() {
        ops.logSoftmax(xv, yv, -1);
        return y[0];
    }

    @Benchmark
    public float logSumExp() {
        ops.logSumExp(xv, onev, -1);
        return one[0];
    }

    @Benchmark
    public double crossEntropy() {
        return ops.crossEntropy(xv, targetv, CrossEntropyOptions.DEFAULT);
    }

    /**
     * The Java kernel alone, past the facade's checks and plan (internal API, for the split of a
     * call's time only): softmax minus this is what the facade costs per call.
     */
    @Benchmark
    public float kernelSoftmax() {
        JavaKernels.INSTANCE.softmax(dev.logits4j.DType.F32, x, 0, y, 0, 1, n, 1, 1.0, 0);
        return y[0];
    }

    @Benchmark
    public float textbookSoftmax() {
        Baselines.textbookSoftmax(x, y, 1, n);
        return y[0];
    }
}
