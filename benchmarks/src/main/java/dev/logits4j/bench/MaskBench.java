package dev.logits4j.bench;

import dev.logits4j.Backend;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.SamplingOptions;
import dev.logits4j.Tensor;
import dev.logits4j.TokenMask;
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
 * Token masks (structured output): sample of one row of 128256 float32 logits (Gaussian, sd 3)
 * with a mask allowing {@code allowed} random tokens (0: no mask, the unmasked call) against
 * the same call unmasked, on the native backend (auto) or Java; the serving setting (T 0.7,
 * top-k 50, top-p 0.9) or plain sampling (T 1, every token weighed). Views made once; the mask
 * words fixed for the run, as a grammar engine's mask is per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class MaskBench {
    /** Allowed tokens: 0 = no mask; 1000 (sparse: gathered); 64128 (dense: scanned). */
    @Param({"0", "1000", "64128"})
    public int allowed;

    @Param({"serving", "plain"})
    public String options;

    @Param({"auto", "java"})
    public String impl;

    private Ops ops;
    private SamplingOptions o;
    private Tensor x;
    private Tensor mask;
    private Tensor u;
    private Tensor tokens;

    @Setup
    public void setup() {
        int vocab = 128256;
        SplittableRandom r = new SplittableRandom(1);
        float[] logits = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            logits[i] = (float) (3 * r.nextGaussian());
        }
        int[] ids = new int[allowed];
        for (int i = 0; i < allowed; i++) {
            ids[i] = r.nextInt(vocab);
        }
        int[] words = TokenMask.allowing(vocab, ids);
        ops = impl.equals("java") ? Logits4j.with(Backend.java()) : Logits4j.ops();
        o = options.equals("serving")
                ? SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9)
                : SamplingOptions.DEFAULT;
        x = Tensor.of(logits, 1, vocab);
        mask = allowed == 0 ? null : Tensor.of(words, 1, words.length);
        u = Tensor.of(new double[] {0.37});
        tokens = Tensor.of(new int[1]);
    }

    @Benchmark
    public Tensor sample() {
        if (mask == null) {
            ops.sample(x, o, u, tokens, null);
        } else {
            ops.sample(x, mask, o, u, tokens, null);
        }
        return tokens;
    }
}
