package dev.logits4j.bench;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
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
 * Every op x shape x implementation, single thread, heap arrays through the public API (the
 * baselines on the same arrays). The implementation is chosen per fork: the setup sets
 * -Dlogits4j.backend / -Dlogits4j.isa before logits4j is first used, as a server would, and runs
 * {@link Logits4j#ops()}; a native variant this CPU lacks fails its setup (JMH reports it and goes
 * on). The tensor views are made once in the setup, so the measured call is the op itself.
 *
 * <p>Shapes are ROWSxCOLS float32 over the last axis, plus two variants: {@code /f64} (float64)
 * and {@code AxBxC/axis1} (float32, softmax over the middle axis). The out-of-cache shape
 * (2048x32000, 262 MB) rotates over two copies of x and y: 1 GB in all, past any last-level
 * cache. Every trial ends with a check of the results against a float64 recomputation.
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

    @Param({"1x10", "1024x1000", "8x32000", "65536x10", "1x128256", "2048x32000", "1024x1000/f64",
        "64x1000x64/axis1"})
    public String shape;

    @Param({"auto", "native-avx512", "native-avx2", "native-scalar", "java", "textbook-java",
        "vector-api", "floor"})
    public String impl;

    private int rows;
    private int cols;
    private int inner;
    private boolean f64;
    private float[][] xs;
    private float[][] ys;
    private double[][] xd;
    private double[][] yd;
    private int[][] targets;
    private Tensor[] xv;
    private Tensor[] yv;
    private Tensor[] tv;
    private Ops ops;
    private int next;
    private int[] dims;
    private int axis;
    private double lastLoss;

    @Setup(Level.Trial)
    public void setup() {
        if (impl.startsWith("native-")) {
            System.setProperty("logits4j.backend", "native");
            System.setProperty("logits4j.isa", impl.substring("native-".length()));
        } else if (impl.equals("java") || impl.equals("auto")) {
            System.setProperty("logits4j.backend", impl);
        }
        String[] parts = shape.split("/");
        String[] p = parts[0].split("x");
        f64 = parts.length > 1 && parts[1].equals("f64");
        boolean middle = parts.length > 1 && parts[1].equals("axis1");
        rows = Integer.parseInt(p[0]);
        cols = Integer.parseInt(p[1]);
        inner = middle ? Integer.parseInt(p[2]) : 1;
        dims = middle ? new int[] {rows, cols, inner} : new int[] {rows, cols};
        axis = middle ? 1 : -1;
        boolean baseline = impl.equals("textbook-java") || impl.equals("vector-api");
        // cross-entropy on [A, B, C] / axis 1 is the K-dim loss: classes on axis 1, as PyTorch.
        if (impl.equals("vector-api") && (f64 || middle)) {
            throw new UnsupportedOperationException("no " + impl + " baseline for " + shape);
        }
        int n = rows * cols * inner;
        long bytes = (long) n * (f64 ? 8 : 4);
        int copies = bytes > (64L << 20) ? 2 : 1;
        Random r = new Random(1);
        int positions = rows * inner;
        targets = new int[copies][positions];
        if (f64) {
            xd = new double[copies][n];
            yd = new double[copies][n];
        } else {
            xs = new float[copies][n];
            ys = new float[copies][n];
        }
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < n; i++) {
                double v = r.nextGaussian() * 3;
                if (f64) {
                    xd[c][i] = v;
                } else {
                    xs[c][i] = (float) v;
                }
            }
            for (int i = 0; i < positions; i++) {
                targets[c][i] = r.nextInt(cols);
            }
        }
        xv = new Tensor[copies];
        yv = new Tensor[copies];
        tv = new Tensor[copies];
        int[] targetShape = middle ? new int[] {rows, inner} : new int[] {rows};
        for (int c = 0; c < copies; c++) {
            xv[c] = f64 ? Tensor.of(xd[c], dims) : Tensor.of(xs[c], dims);
            yv[c] = f64 ? Tensor.of(yd[c]) : Tensor.of(ys[c]);
            tv[c] = Tensor.of(targets[c], targetShape);
        }
        if (!baseline && !impl.equals("floor")) {
            ops = Logits4j.ops();
            String got = Logits4j.info().implementation();
            if (got.equals("none")) {
                throw new UnsupportedOperationException(impl + " is not available here: " + Logits4j.info().reason());
            }
            System.err.println("logits4j: " + got + " (" + impl + "), java kernels: " + Logits4j.info().javaKernels());
        }
    }

    @Benchmark
    public double run() {
        int c = next;
        next = (next + 1) % targets.length;
        return f64 ? run64(c) : run32(c);
    }

    private double run32(int c) {
        float[] x = xs[c];
        float[] y = ys[c];
        switch (impl) {
            case "textbook-java":
                if (inner > 1) {
                    Baselines.textbookSoftmaxMiddle(x, y, rows, cols, inner);
                } else {
                    Baselines.textbookSoftmax(x, y, rows, cols);
                }
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
        if (runOp(c)) {
            return lastLoss;
        }
        return y[0];
    }

    private double run64(int c) {
        double[] x = xd[c];
        double[] y = yd[c];
        switch (impl) {
            case "textbook-java":
                Baselines.textbookSoftmax(x, y, rows, cols);
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
        if (runOp(c)) {
            return lastLoss;
        }
        return y[0];
    }

    /** The op on copy c's views (either dtype); true when it set {@code lastLoss}. */
    private boolean runOp(int c) {
        switch (op) {
            case "softmax":
                ops.softmax(xv[c], yv[c], axis);
                return false;
            case "log-softmax":
                ops.logSoftmax(xv[c], yv[c], axis);
                return false;
            case "logsumexp":
                ops.logSumExp(xv[c], yv[c], axis);
                return false;
            default:
                lastLoss = ops.crossEntropy(xv[c], tv[c], CrossEntropyOptions.DEFAULT);
                return true;
        }
    }

    /** Slice s's element j of copy 0 (the layout's strides), widened to double. */
    private double x0(int s, int j) {
        int o = s / inner;
        int i = s % inner;
        int idx = o * cols * inner + j * inner + i;
        return f64 ? xd[0][idx] : xs[0][idx];
    }

    private double y0(int idx) {
        return f64 ? yd[0][idx] : ys[0][idx];
    }

    @TearDown(Level.Trial)
    public void check() {
        if (impl.equals("floor")) {
            return;
        }
        // Recompute in double and compare: a benchmark of wrong numbers is worthless. With two
        // copies, run once more on copy 0 so that the last loss is copy 0's.
        if (targets.length > 1) {
            next = 0;
            run();
        }
        boolean probabilities = impl.equals("textbook-java") || impl.equals("vector-api") || op.equals("softmax");
        double tol = f64 ? 1e-12 : 1e-5;
        double lossSum = 0;
        int slices = rows * inner;
        int checked = op.equals("cross-entropy") ? slices : Math.min(slices, 3);
        for (int s = 0; s < checked; s++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x0(s, j));
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x0(s, j) - m);
            }
            double logS = Math.log(sum);
            if (op.equals("cross-entropy") && !probabilities) {
                lossSum += -((x0(s, targets[0][s]) - m) - logS);
                continue;
            }
            int o = s / inner;
            int i = s % inner;
            int idx = o * cols * inner + i; // element 0 of slice s
            double expected;
            double got;
            if (probabilities) {
                expected = Math.exp(x0(s, 0) - m) / sum;
                got = y0(idx);
            } else if (op.equals("log-softmax")) {
                expected = x0(s, 0) - m - logS;
                got = y0(idx);
            } else {
                expected = m + logS;
                got = y0(s);
            }
            if (Math.abs(got - expected) > tol * Math.max(1, Math.abs(expected))) {
                throw new IllegalStateException(op + " " + impl + " " + shape + " slice " + s + " gave "
                        + got + ", expected " + expected);
            }
        }
        if (op.equals("cross-entropy") && !probabilities) {
            double mean = lossSum / slices;
            if (Math.abs(lastLoss - mean) > tol * Math.max(1, Math.abs(mean))) {
                throw new IllegalStateException("cross-entropy " + impl + " " + shape + " mean " + lastLoss
                        + ", expected " + mean);
            }
        }
    }
}
