package dev.logits4j.bench;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.SoftmaxOptions;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every op x shape x implementation, single thread, float32 heap arrays through the public API
 * (the baselines on the same arrays). The implementation is chosen per fork: the setup sets
 * -Dlogits4j.backend / -Dlogits4j.isa before logits4j is first used, as a server would.
 * Out-of-cache shapes rotate over enough buffers to exceed the last-level cache. Results are
 * checked at the end of each trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class OpsBench {
    @Param({"softmax", "log-softmax", "logsumexp", "cross-entropy"})
    public String op;

    @Param({"1x10", "1024x1000", "8x32000", "65536x10", "1x128256", "2048x32000"})
    public String shape;

    /** auto, java, native-avx512, native-avx2, native-scalar, textbook-java, vector-api, floor. */
    @Param({"auto", "java", "textbook-java", "vector-api", "floor"})
    public String impl;

    private int rows;
    private int cols;
    private float[][] xs;
    private float[][] ys;
    private int[][] targets;
    private int next;
    private int[] dims;
    private float sink;

    @Setup(Level.Trial)
    public void setup() {
        if (impl.startsWith("native-")) {
            System.setProperty("logits4j.backend", "native");
            System.setProperty("logits4j.isa", impl.substring("native-".length()));
        } else if (impl.equals("java") || impl.equals("auto")) {
            System.setProperty("logits4j.backend", impl);
        }
        String[] p = shape.split("x");
        rows = Integer.parseInt(p[0]);
        cols = Integer.parseInt(p[1]);
        dims = new int[] {rows, cols};
        long bytes = 4L * rows * cols;
        // Enough copies to exceed a 256 MiB last-level cache for the out-of-cache shape; one otherwise.
        int copies = bytes > (64L << 20) ? 2 : 1;
        Random r = new Random(1);
        xs = new float[copies][rows * cols];
        ys = new float[copies][rows * cols];
        targets = new int[copies][rows];
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < rows * cols; i++) {
                xs[c][i] = (float) (r.nextGaussian() * 3);
            }
            for (int i = 0; i < rows; i++) {
                targets[c][i] = r.nextInt(cols);
            }
        }
        if (!impl.equals("textbook-java") && !impl.equals("vector-api") && !impl.equals("floor")) {
            System.err.println("logits4j: " + Logits4j.info().implementation() + " (" + impl + ")");
        }
    }

    @Benchmark
    public float run() {
        int c = next;
        next = (next + 1) % xs.length;
        float[] x = xs[c];
        float[] y = ys[c];
        switch (impl) {
            case "textbook-java":
                Baselines.textbookSoftmax(x, y, rows, cols);
                return y[0];
            case "vector-api":
                Baselines.vectorSoftmax(x, y, rows, cols);
                return y[0];
            case "floor":
                if (op.equals("softmax") || op.equals("log-softmax")) {
                    Baselines.copyFloor(x, y);
                    return y[0];
                }
                return Baselines.readFloor(x);
            default:
                break;
        }
        switch (op) {
            case "softmax":
                Logits4j.softmax(x, 0, y, 0, dims, -1, SoftmaxOptions.DEFAULT);
                return y[0];
            case "log-softmax":
                Logits4j.logSoftmax(x, 0, y, 0, dims, -1, SoftmaxOptions.DEFAULT);
                return y[0];
            case "logsumexp":
                Logits4j.logSumExp(x, 0, y, 0, dims, -1);
                return y[0];
            default:
                return Logits4j.crossEntropy(x, 0, dims, targets[c], 0, CrossEntropyOptions.DEFAULT);
        }
    }

    @TearDown(Level.Trial)
    public void check() {
        if (impl.equals("floor")) {
            return;
        }
        // Recompute row 0 in double and compare: a benchmark of wrong numbers is worthless.
        float[] x = xs[0];
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            m = Math.max(m, x[j]);
        }
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += Math.exp(x[j] - m);
        }
        float[] y = ys[0];
        boolean probabilities = impl.equals("textbook-java") || impl.equals("vector-api") || op.equals("softmax");
        double expected;
        double got = y[0];
        if (probabilities) {
            expected = Math.exp(x[0] - m) / s;
        } else if (op.equals("log-softmax")) {
            expected = x[0] - m - Math.log(s);
        } else if (op.equals("logsumexp")) {
            expected = m + Math.log(s);
        } else {
            return; // cross-entropy is covered by the conformance suite; the mean is checked there
        }
        if (Math.abs(got - expected) > 1e-5 * Math.max(1, Math.abs(expected))) {
            throw new IllegalStateException(op + " " + impl + " gave " + got + ", expected " + expected);
        }
    }
}
