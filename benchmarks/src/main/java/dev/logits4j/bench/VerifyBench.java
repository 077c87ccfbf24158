package dev.logits4j.bench;

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
 * Speculative verification of k = 4 drafts at vocab 128256 (target rows Gaussian sd 3, draft
 * probabilities a softmax of a perturbed copy; the serving chain T 0.7, top-k 50, top-p 0.9, or
 * plain T 1), against one softmax of one row (the yardstick: verification <= 6x it),
 * auto backend, single thread, views made once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class VerifyBench {
    @Param({"verify-serving", "verify-plain", "softmax-row"})
    public String op;

    private static final int V = 128256;
    private static final int K = 4;
    private Ops ops;
    private Tensor target;
    private Tensor drafts;
    private Tensor q;
    private Tensor u;
    private Tensor out;
    private Tensor row;
    private Tensor rowOut;
    private SamplingOptions options;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(3);
        float[] t = new float[(K + 1) * V];
        float[] d = new float[K * V];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (3 * r.nextGaussian());
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = t[i] + (float) r.nextGaussian();
        }
        ops = Logits4j.ops();
        float[] qp = new float[K * V];
        ops.softmax(Tensor.of(d, K, V), Tensor.of(qp, K, V), -1);
        int[] ids = new int[K];
        for (int i = 0; i < K; i++) {
            int best = 0;
            for (int j = 1; j < V; j++) {
                best = d[i * V + j] > d[i * V + best] ? j : best;
            }
            ids[i] = best;
        }
        target = Tensor.of(t, 1, K + 1, V);
        drafts = Tensor.of(ids, 1, K);
        q = Tensor.of(qp, 1, K, V);
        u = Tensor.of(new double[] {0.3, 0.5, 0.7, 0.2, 0.6}, 1, K + 1);
        out = Tensor.of(new long[K + 2]);
        row = Tensor.of(t, 0, new int[] {V});
        rowOut = Tensor.of(new float[V]);
        options = op.equals("verify-plain") ? SamplingOptions.DEFAULT
                : SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9);
    }

    @Benchmark
    public Tensor run() {
        if (op.equals("softmax-row")) {
            ops.softmax(row, rowOut, -1);
            return rowOut;
        }
        ops.verify(target, drafts, q, options, u, out);
        return out;
    }
}
