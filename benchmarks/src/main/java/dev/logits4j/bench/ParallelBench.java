package dev.logits4j.bench;

import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Softmax of 32 x 128256 on the calling thread ({@link Logits4j#ops()}, threads 1) versus the same
 * ops split over a 2-thread pool ({@code Logits4j.ops().parallel(pool, 2)}), float32 heap arrays,
 * the views made once in the setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ParallelBench {
    @Param({"1", "2"})
    public int threads;

    private float[] x;
    private float[] y;
    private ExecutorService pool;
    private Ops ops;
    private Tensor xv;
    private Tensor yv;

    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(3);
        x = new float[32 * 128256];
        y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        pool = Executors.newFixedThreadPool(threads);
        ops = threads == 1 ? Logits4j.ops() : Logits4j.ops().parallel(pool, threads);
        xv = Tensor.of(x, 32, 128256);
        yv = Tensor.of(y);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public float softmax() {
        ops.softmax(xv, yv, -1);
        return y[0];
    }
}
