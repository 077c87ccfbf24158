package dev.logits4j.bench;

import dev.logits4j.Backend;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.SamplingOptions;
import dev.logits4j.Tensor;
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
 * The selection ops' worst case (issue 23, finding 6): one row of 128256, single thread, float32
 * heap array, on rows built to defeat the candidate scan against random rows. Patterns (the
 * outside attack's AdversarialTiming): random N(0, 3^2); ascending (x[j] = j 1e-3); ascTies
 * (ascending in runs of 26 equal values: every cut keeps just under half); lateFlood (random,
 * then the last quarter equal to the row's maximum + 1); flat (uniform in [0, 1e-3): top-p 0.9
 * needs 90 % of the vocabulary); sharedBits (8 values sharing their top bits).
 * Ops: argmax, topK 50, topLogProbs 20, sample T 0.7 + top-k 50 + top-p 0.9 (k50p9), T 0.7 +
 * top-p 0.9 (p9), T 1 only (plain), top-k 50 + repetition 1.1 over 300 history ids (k50hist300),
 * on views made once in the setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class SelectionBench {
    static final int V = 128256;

    @Param({"random", "ascending", "ascTies", "lateFlood", "flat", "sharedBits"})
    public String pattern;

    @Param({"argmax", "topK50", "topLogProbs20", "k50p9", "p9", "plain", "k50hist300"})
    public String op;

    /** native (the auto native variant) or java. */
    @Param({"native"})
    public String backend;

    private final int[] one = new int[1];
    private final int[] indices = new int[50];
    private Tensor xv;
    private final Tensor onev = Tensor.of(one);
    private final Tensor valuesv = Tensor.of(new float[50]);
    private final Tensor indicesv = Tensor.of(indices);
    private final Tensor uv = Tensor.of(new double[] {0.37});
    private Ops ops;
    private SamplingOptions options;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        xv = Tensor.of(pattern(pattern, r), 1, V);
        ops = Logits4j.with(backend.equals("java") ? Backend.java() : Backend.nativeVariant("auto"));
        int[] hist = new int[300];
        for (int i = 0; i < hist.length; i++) {
            hist[i] = r.nextInt(V);
        }
        switch (op) {
            case "k50p9": options = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9); break;
            case "p9": options = SamplingOptions.DEFAULT.withTemperature(0.7).withTopP(0.9); break;
            case "plain": options = SamplingOptions.DEFAULT; break;
            case "k50hist300":
                options = SamplingOptions.DEFAULT.withTopK(50).withRepetitionPenalty(1.1).withHistory(new int[][] {hist});
                break;
            default: options = null;
        }
    }

    static float[] pattern(String p, SplittableRandom r) {
        float[] x = new float[V];
        switch (p) {
            case "random": for (int j = 0; j < V; j++) x[j] = (float) (r.nextGaussian() * 3); break;
            case "ascending": for (int j = 0; j < V; j++) x[j] = j * 1e-3f; break;
            case "ascTies": for (int j = 0; j < V; j++) x[j] = (j / 26) * 1e-2f; break;
            case "lateFlood": {
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < V; j++) {
                    x[j] = (float) r.nextGaussian();
                    m = Math.max(m, x[j]);
                }
                for (int j = V - V / 4; j < V; j++) x[j] = m + 1;
                break;
            }
            case "flat": for (int j = 0; j < V; j++) x[j] = (float) (r.nextDouble() * 1e-3); break;
            case "sharedBits": for (int j = 0; j < V; j++) x[j] = Float.intBitsToFloat(0x40000000 | r.nextInt(8)); break;
            default: throw new IllegalArgumentException(p);
        }
        return x;
    }

    @Benchmark
    public int run() {
        switch (op) {
            case "argmax": ops.argmax(xv, -1, onev); return one[0];
            case "topK50": ops.topK(xv, 50, valuesv, indicesv); return indices[0];
            case "topLogProbs20": ops.topLogProbs(xv, 20, valuesv, indicesv); return indices[0];
            default: ops.sample(xv, options, uv, onev, null); return one[0];
        }
    }
}
