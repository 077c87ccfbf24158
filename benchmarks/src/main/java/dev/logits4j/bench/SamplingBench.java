package dev.logits4j.bench;

import dev.logits4j.Backend;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.SamplingOptions;
import dev.logits4j.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
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
 * sample (issue 12) against one softmax of the same logits and against the pipeline written the
 * usual way in Java (sort the vocabulary, cumulative sum, draw), single thread, float32 heap
 * arrays. Parameters as the issue: T 0.7, top-k 50, top-p 0.9, min-p 0.05. Logits are Gaussian
 * with standard deviation 3 (a peaked but not degenerate distribution, like an LLM's). The views
 * of the logits, draws, tokens and log-probs are made once in the setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class SamplingBench {
    @Param({"1x128256", "32x128256"})
    public String shape;

    /**
     * sample-java (the Java backend, Vector API scan where the JVM has it), sample-native (the
     * native candidate scan), sample-native-logprobs (also each token's log-prob: one more pass,
     * a log-sum-exp of the row), sample-native-f16 / -bf16 (the same logits rounded to 16 bits,
     * read as such), sample-native-plain / sample-java-plain (T 0.7 only: no top-k, every token
     * weighed), sample-native-topp (T 0.7, top-p 0.9, no top-k), softmax-auto, sort-java.
     */
    @Param({"sample-java", "sample-native", "sample-native-logprobs", "sample-native-f16",
            "sample-native-bf16", "sample-native-plain", "sample-native-topp", "sample-java-plain",
            "softmax-auto", "sort-java"})
    public String impl;

    private int rows;
    private int cols;
    private float[] x;
    private float[] y;
    private double[] u;
    private int[] tokens;
    private float[] logProbs;
    private short[] half;
    private DType halfType;
    private Ops ops;
    private SamplingOptions options;
    private Tensor logitsv;   // x, or the 16-bit copy half
    private Tensor yv;
    private Tensor uv;
    private Tensor tokensv;
    private Tensor logProbsv; // null: no log-probs

    @Setup
    public void setup() {
        String[] p = shape.split("x");
        rows = Integer.parseInt(p[0]);
        cols = Integer.parseInt(p[1]);
        SplittableRandom r = new SplittableRandom(1);
        x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * r.nextGaussian());
        }
        y = new float[x.length];
        u = new double[rows];
        for (int i = 0; i < rows; i++) {
            u[i] = r.nextDouble();
        }
        tokens = new int[rows];
        logProbs = impl.endsWith("-logprobs") ? new float[rows] : null;
        halfType = impl.endsWith("-bf16") ? DType.BF16 : impl.endsWith("-f16") ? DType.F16 : null;
        if (halfType != null) {
            half = new short[x.length];
            for (int i = 0; i < x.length; i++) {
                // truncation to 16 bits is fine for timing (HalfBench.f16)
                half[i] = halfType == DType.BF16 ? (short) (Float.floatToRawIntBits(x[i]) >>> 16)
                        : HalfBench.f16(Float.floatToRawIntBits(x[i]));
            }
        }
        ops = impl.startsWith("sample-native") ? Logits4j.with(Backend.nativeVariant("auto"))
                : impl.equals("softmax-auto") ? Logits4j.with(Backend.auto()) : Logits4j.with(Backend.java());
        logitsv = halfType != null ? Tensor.of(half, halfType, rows, cols) : Tensor.of(x, rows, cols);
        yv = Tensor.of(y);
        uv = Tensor.of(u);
        tokensv = Tensor.of(tokens);
        logProbsv = logProbs != null ? Tensor.of(logProbs) : null;
        options = impl.endsWith("-plain") ? SamplingOptions.DEFAULT.withTemperature(0.7)
                : impl.endsWith("-topp") ? SamplingOptions.DEFAULT.withTemperature(0.7).withTopP(0.9)
                : SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9).withMinP(0.05);
    }

    @Benchmark
    public int run() {
        switch (impl) {
            case "softmax-auto":
                ops.softmax(logitsv, yv, -1);
                return Float.floatToRawIntBits(y[0]);
            case "sort-java":
                for (int i = 0; i < rows; i++) {
                    tokens[i] = sortSample(x, i * cols, cols, 0.7, 50, 0.9, 0.05, u[i]);
                }
                return tokens[0];
            default:
                ops.sample(logitsv, options, uv, tokensv, logProbsv);
                return tokens[0];
        }
    }

    /**
     * The straightforward Java pipeline: scale, sort every index by logit (boxed comparator sort,
     * as most hand-written Java does), softmax over the top-k prefix, cumulative top-p cut,
     * min-p, inverse-CDF draw in sorted order.
     */
    static int sortSample(float[] x, int off, int n, double t, int k, double topP, double minP, double u) {
        Integer[] idx = new Integer[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            z[i] = x[off + i] / t;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(z[b], z[a]));
        int keep = Math.min(k, n);
        double kth = z[idx[keep - 1]];
        while (keep < n && z[idx[keep]] >= kth) {
            keep++;
        }
        double m = z[idx[0]];
        double[] p = new double[keep];
        double s = 0;
        for (int j = 0; j < keep; j++) {
            p[j] = Math.exp(z[idx[j]] - m);
            s += p[j];
        }
        double c = 0;
        int cut = 0;
        while (cut < keep && c < topP * s) {
            c += p[cut++];
        }
        double total = 0;
        for (int j = 0; j < cut; j++) {
            if (p[j] < minP) {
                p[j] = 0;
            }
            total += p[j];
        }
        double target = u * total;
        double run = 0;
        for (int j = 0; j < cut; j++) {
            run += p[j];
            if (run > target) {
                return idx[j];
            }
        }
        return idx[0];
    }
}
