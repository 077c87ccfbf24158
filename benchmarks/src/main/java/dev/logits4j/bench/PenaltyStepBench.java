package dev.logits4j.bench;

import dev.logits4j.Backend;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.PenaltyState;
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
 * One decode step of 32 rows of 128256 with a repetition penalty (issue 23, finding 7): T 0.7,
 * top-k 50, top-p 0.9, repetition 1.1 over {@code history} ids per row (0: no penalty), native,
 * single thread, one options object reused across calls as a server keeps one per step, and the
 * views of the logits, draws and tokens made once in the setup.
 * History ids are drawn from the row's top tokens half of the time (repeated text repeats likely
 * tokens) and uniformly otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class PenaltyStepBench {
    static final int ROWS = 32;
    static final int V = 128256;

    @Param({"0", "2048", "8192"})
    public int history;

    /** How the history reaches the call: copied into the options, or incremental PenaltyStates. */
    @Param({"copied", "state"})
    public String form;

    private float[] x;
    private double[] u;
    private int[] tokens;
    private Ops ops;
    private SamplingOptions options;
    private Tensor xv;
    private Tensor uv;
    private Tensor tokensv;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        x = new float[ROWS * V];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * r.nextGaussian());
        }
        u = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            u[i] = r.nextDouble();
        }
        tokens = new int[ROWS];
        ops = Logits4j.with(Backend.nativeVariant("auto"));
        xv = Tensor.of(x, ROWS, V);
        uv = Tensor.of(u);
        tokensv = Tensor.of(tokens);
        options = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9);
        if (history > 0) {
            int[][] h = new int[ROWS][history];
            for (int row = 0; row < ROWS; row++) {
                int[] top = topIds(row, 64);
                for (int e = 0; e < history; e++) {
                    h[row][e] = r.nextBoolean() ? top[r.nextInt(top.length)] : r.nextInt(V);
                }
            }
            options = options.withRepetitionPenalty(1.1);
            if (form.equals("state")) {
                PenaltyState[] states = new PenaltyState[ROWS];
                for (int row = 0; row < ROWS; row++) {
                    states[row] = new PenaltyState(V);
                    for (int id : h[row]) {
                        states[row].accept(id);
                    }
                }
                options = options.withPenaltyStates(states);
            } else {
                options = options.withHistory(h);
            }
        }
    }

    private int[] topIds(int row, int k) {
        float[] v = new float[k];
        int[] i = new int[k];
        ops.topK(Tensor.of(x, row * V, new int[] {1, V}), k, Tensor.of(v), Tensor.of(i));
        return i;
    }

    @Benchmark
    public int step() {
        ops.sample(xv, options, uv, tokensv, null);
        return tokens[0];
    }
}
