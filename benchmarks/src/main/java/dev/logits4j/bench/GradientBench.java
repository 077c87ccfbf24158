package dev.logits4j.bench;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Reduction;
import dev.logits4j.Tensor;
import dev.logits4j.Training;
import dev.logits4j.Ops;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
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
 * The ops around the loss (issue 27) against cross-entropy alone, float32 logits N(0, 3^2) in
 * native-order direct memory, int32 targets, reduction MEAN, auto backend, single thread:
 * {@code ce} (crossEntropy alone, the yardstick), {@code ceGrad} (crossEntropyWithGradient into
 * a separate gradient), {@code ceGradInPlace} (the gradient over the logits themselves),
 * {@code ceNone} (crossEntropy with reduction NONE) and {@code tokenLogProbs} (the issue's
 * second yardstick: within 1.1x of ceNone). Shapes: 2048 x 32000 (262 MB of logits: past every
 * cache) and 8 x 128256. PyTorch's forward + backward of {@code F.cross_entropy} on the same
 * shapes: benchmarks/torch_gradient.py, run in the same session.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx2g"})
@State(Scope.Thread)
public class GradientBench {
    @Param({"2048x32000", "8x128256"})
    public String shape;

    @Param({"ce", "ceGrad", "ceGradInPlace", "ceNone", "tokenLogProbs"})
    public String op;

    private Ops ops;
    private Training training;
    private Tensor logits;
    private Tensor targets;
    private Tensor grad;
    private Tensor losses;
    private CrossEntropyOptions mean;
    private CrossEntropyOptions none;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]);
        int c = Integer.parseInt(s[1]);
        SplittableRandom r = new SplittableRandom(27);
        FloatBuffer x = direct(n * c);
        for (int i = 0; i < n * c; i++) {
            x.put(i, (float) (3 * r.nextGaussian()));
        }
        IntBuffer t = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asIntBuffer();
        for (int i = 0; i < n; i++) {
            t.put(i, r.nextInt(c));
        }
        ops = Logits4j.ops();
        training = ops.training();
        logits = Tensor.of(x, n, c);
        targets = Tensor.of(t, n);
        grad = op.equals("ceGradInPlace") ? logits : Tensor.of(direct(n * c), n, c);
        losses = Tensor.of(direct(n), n);
        mean = CrossEntropyOptions.DEFAULT;
        none = CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE);
    }

    private static FloatBuffer direct(int count) {
        return ByteBuffer.allocateDirect(4 * count).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Benchmark
    public double run() {
        switch (op) {
            case "ce":
                return ops.crossEntropy(logits, targets, mean);
            case "ceGrad":
            case "ceGradInPlace":
                return training.crossEntropyWithGradient(logits, targets, mean, grad);
            case "ceNone":
                return ops.crossEntropy(logits, targets, losses, none);
            default:
                training.tokenLogProbs(logits, targets, -100, losses);
                return 0;
        }
    }
}
