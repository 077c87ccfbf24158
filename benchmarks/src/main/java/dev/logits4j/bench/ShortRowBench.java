package dev.logits4j.bench;

import dev.logits4j.Legacy;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.SoftmaxOptions;
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
 * One short row per call through the static facade (issue 14: a 1 x 10 call should take at most
 * 40 ns), ns per call, next to the textbook Java softmax on the same row. The backend is the
 * default ({@code auto}: Java below the native threshold), as a user gets it. Each op is its own
 * benchmark method so that one JMH run compares them under the same machine conditions.
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
    private int[] dims;
    private int[] target;

    @Setup
    public void setup() {
        Random r = new Random(1);
        x = new float[n];
        y = new float[n];
        one = new float[1];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        dims = new int[] {1, n};
        target = new int[] {n / 2};
    }

    @Benchmark
    public float softmax() {
        Legacy.softmax(x, 0, y, 0, dims, -1, SoftmaxOptions.DEFAULT);
        return y[0];
    }

    @Benchmark
    public float logSoftmax() {
        Legacy.logSoftmax(x, 0, y, 0, dims, -1, SoftmaxOptions.DEFAULT);
        return y[0];
    }

    @Benchmark
    public float logSumExp() {
        Legacy.logSumExp(x, 0, one, 0, dims, -1);
        return one[0];
    }

    @Benchmark
    public float crossEntropy() {
        return Legacy.crossEntropy(x, 0, dims, target, 0, CrossEntropyOptions.DEFAULT);
    }

    /**
     * The Java kernel alone, past the facade's checks and plan (internal API, for the split of a
     * call's time only): softmax minus this is what the facade costs per call.
     */
    @Benchmark
    public float kernelSoftmax() {
        JavaKernels.INSTANCE.softmaxF32(x, 0, y, 0, 1, n, 1, 1.0, 0);
        return y[0];
    }

    @Benchmark
    public float textbookSoftmax() {
        Baselines.textbookSoftmax(x, y, 1, n);
        return y[0];
    }
}
