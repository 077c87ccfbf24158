package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float[] shortcuts ({@code Ops.softmax(float[])} and the rest, and their static twins on
 * {@link Logits4j}) hand the plans the arrays' operands directly instead of making two views per
 * call: they must give what their op gives on 1-d views of the same arrays, bit for bit, on every
 * backend and on the parallel form (which still goes through views), and refuse the same inputs
 * with messages that name the argument.
 */
class ShortcutsTest {
    private static final int[] LENGTHS = {0, 1, 2, 10, 17, 1000, 5000};
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    static Stream<Ops> ops() {
        return Stream.concat(AllBackends.all().stream().map(Logits4j::with),
                Stream.of(Logits4j.ops(), Logits4j.ops().parallel(POOL, 3)));
    }

    private static float[] row(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble(-30, 30));
        }
        if (n > 3) {
            x[n / 2] = Float.NEGATIVE_INFINITY;
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("ops")
    void eachShortcutIsItsOpOnOneDimensionalViews(Ops ops) {
        for (int n : LENGTHS) {
            float[] x = row(n, n);
            float[] before = x.clone();
            String what = ops.backend().name() + " n=" + n;

            float[] y = new float[n];
            ops.softmax(Tensor.of(x), Tensor.of(y), 0);
            assertArrayEquals(y, ops.softmax(x), "softmax " + what);

            ops.logSoftmax(Tensor.of(x), Tensor.of(y), 0);
            assertArrayEquals(y, ops.logSoftmax(x), "logSoftmax " + what);

            float[] l = new float[1];
            ops.logSumExp(Tensor.of(x), Tensor.of(l), 0);
            assertEquals(l[0], ops.logSumExp(x), "logSumExp " + what);
            if (n == 0) {
                assertEquals(Float.NEGATIVE_INFINITY, ops.logSumExp(x), what);
            }

            if (n > 0) {
                int[] a = new int[1];
                ops.argmax(Tensor.of(x), 0, Tensor.of(a));
                assertEquals(a[0], ops.argmax(x), "argmax " + what);
            }
            assertArrayEquals(before, x, "the input was written: " + what);
        }
    }

    @Test
    void theStaticShortcutsAreTheAutomaticOps() {
        Ops auto = Logits4j.ops();
        for (int n : LENGTHS) {
            float[] x = row(n, 100 + n);
            assertArrayEquals(auto.softmax(x), Logits4j.softmax(x));
            assertArrayEquals(auto.logSoftmax(x), Logits4j.logSoftmax(x));
            assertEquals(auto.logSumExp(x), Logits4j.logSumExp(x));
            if (n > 0) {
                assertEquals(auto.argmax(x), Logits4j.argmax(x));
            }
        }
    }

    @Test
    void crossEntropyAndSampleAreTheirOpsOnViews() {
        Ops auto = Logits4j.ops();
        for (int rows : new int[] {1, 3, 64}) {
            for (int c : new int[] {1, 10, 1000}) {
                float[] logits = row(rows * c, rows * 31L + c);
                int[] targets = new int[rows];
                for (int i = 0; i < rows; i++) {
                    targets[i] = (i * 7) % c;
                }
                float viewed = (float) auto.crossEntropy(Tensor.of(logits, rows, c), Tensor.of(targets),
                        CrossEntropyOptions.DEFAULT);
                assertEquals(viewed, Logits4j.crossEntropy(logits, targets), rows + "x" + c);
            }
        }
        for (int n : new int[] {1, 10, 1000}) {
            float[] x = row(n, 7 + n);
            SamplingOptions o = SamplingOptions.DEFAULT.withTopK(Math.min(n, 5));
            int viewed = auto.sample(Tensor.of(x), o, new SplittableRandom(n))[0];
            assertEquals(viewed, Logits4j.sample(x, o, new SplittableRandom(n)), "sample n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void badInputIsRefusedNamingTheArgument(Ops ops) {
        nullNamed("x", () -> ops.softmax(null));
        nullNamed("x", () -> ops.logSoftmax(null));
        nullNamed("x", () -> ops.logSumExp(null));
        nullNamed("x", () -> ops.argmax(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.argmax(new float[0]));
        assertTrue(e.getMessage().contains("empty axis"), e.getMessage());
    }

    @Test
    void badStaticInputIsRefusedNamingTheArgument() {
        nullNamed("logits", () -> Logits4j.crossEntropy(null, new int[1]));
        nullNamed("targets", () -> Logits4j.crossEntropy(new float[1], null));
        nullNamed("logits", () -> Logits4j.sample(null, SamplingOptions.DEFAULT, new SplittableRandom(1)));
        nullNamed("options", () -> Logits4j.sample(new float[1], null, new SplittableRandom(1)));
        nullNamed("random", () -> Logits4j.sample(new float[1], SamplingOptions.DEFAULT, null));
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Logits4j.crossEntropy(new float[5], new int[2]));
        assertTrue(rows.getMessage().contains("not a whole number of rows"), rows.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> Logits4j.crossEntropy(new float[6], new int[] {0, 3}));
        assertTrue(target.getMessage().startsWith("targets[1] = 3"), target.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Logits4j.sample(new float[0], SamplingOptions.DEFAULT, new SplittableRandom(1)));
        assertTrue(empty.getMessage().contains("empty vocabulary"), empty.getMessage());
    }

    private static void nullNamed(String argument, Runnable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call::run);
        assertEquals(argument + " must not be null", e.getMessage());
    }
}
