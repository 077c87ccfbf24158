package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error of SPEC.md ("Errors"): the exception type, and a message naming argument and value. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class ErrorPathTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;

    ErrorPathTest(Backend backend) {
        this.ops = Legacy.with(backend);
    }
    private static final float[] X = new float[12];
    private static final int[] SHAPE = {3, 4};

    private static void fails(Class<? extends Throwable> type, Executable call, String... mustMention) {
        Throwable t = assertThrows(type, call);
        String m = t.getMessage();
        assertTrue(m != null && !m.isEmpty(), "a message");
        for (String s : mustMention) {
            assertTrue(m.contains(s), () -> "message '" + m + "' should mention '" + s + "'");
        }
    }

    @Test
    void badShapes() {
        fails(IllegalArgumentException.class,
                () -> ops.softmax(X, 0, new float[12], 0, new int[] {3, -4}, -1, SoftmaxOptions.DEFAULT),
                "shape[1]", "-4");
        fails(IllegalArgumentException.class,
                () -> ops.softmax(X, 0, new float[12], 0, new int[] {1 << 30, 1 << 30, 1 << 30}, -1,
                        SoftmaxOptions.DEFAULT), "shape", "1073741824");
        fails(NullPointerException.class,
                () -> ops.softmax(X, 0, new float[12], 0, null, -1, SoftmaxOptions.DEFAULT), "shape");
    }

    @Test
    void axisOutOfRange() {
        fails(IllegalArgumentException.class,
                () -> ops.softmax(X, 0, new float[12], 0, SHAPE, 2, SoftmaxOptions.DEFAULT), "axis", "2");
        fails(IllegalArgumentException.class,
                () -> ops.logSoftmax(X, 0, new float[12], 0, SHAPE, -3, SoftmaxOptions.DEFAULT), "axis", "-3");
        fails(IllegalArgumentException.class,
                () -> ops.logSumExp(X, 0, new float[12], 0, SHAPE, 5), "axis", "5");
        fails(IllegalArgumentException.class,
                () -> ops.logSumExp(new float[1], 0, new float[1], 0, new int[0], 1), "axis", "1");
    }

    @Test
    void badTemperatures() {
        for (double t : new double[] {0, -1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            fails(IllegalArgumentException.class, () -> SoftmaxOptions.DEFAULT.withTemperature(t),
                    "temperature", String.valueOf(t));
        }
    }

    @Test
    void badLabelSmoothing() {
        for (double e : new double[] {-0.1, 1.5, Double.NaN}) {
            fails(IllegalArgumentException.class, () -> CrossEntropyOptions.DEFAULT.withLabelSmoothing(e),
                    "labelSmoothing", String.valueOf(e));
        }
    }

    @Test
    void badReductionName() {
        fails(IllegalArgumentException.class, () -> Reduction.parse("avg"), "reduction", "avg");
        fails(NullPointerException.class, () -> Reduction.parse(null), "reduction");
        fails(NullPointerException.class, () -> CrossEntropyOptions.DEFAULT.withReduction(null), "reduction");
    }

    @Test
    void weightOfWrongLength() {
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[] {0, 1, 2}, 0,
                CrossEntropyOptions.DEFAULT.withWeight(new double[3])), "weight", "3", "C = 4");
    }

    @Test
    void targetsOutOfRange() {
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[] {0, 4, 2}, 0,
                CrossEntropyOptions.DEFAULT), "targets[1]", "4");
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE, new long[] {0, 1, -1}, 0,
                CrossEntropyOptions.DEFAULT), "targets[2]", "-1");
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE,
                new long[] {0, 1, Long.MAX_VALUE}, 0, CrossEntropyOptions.DEFAULT), "targets[2]",
                String.valueOf(Long.MAX_VALUE));
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE,
                new int[] {Integer.MIN_VALUE, 0, 0}, 0, CrossEntropyOptions.DEFAULT), "targets[0]",
                String.valueOf(Integer.MIN_VALUE));
    }

    /**
     * A target out of range beside ignored ones (the facade's second, counting pass): refused by
     * the facade's check, naming it, not by a kernel as if another thread had changed it.
     */
    @Test
    void targetsOutOfRangeBesideIgnoredOnes() {
        for (Object targets : new Object[] {new int[] {0, -100, 4}, new long[] {-100, 1, 4},
                new int[] {-100, -100, -7}, new long[] {-100, 3, Long.MIN_VALUE}}) {
            for (Reduction reduction : Reduction.values()) {
                CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withReduction(reduction);
                boolean none = reduction == Reduction.NONE;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                    if (targets instanceof int[] t && none) {
                        ops.crossEntropy(X, 0, SHAPE, t, 0, new float[3], 0, o);
                    } else if (targets instanceof int[] t) {
                        ops.crossEntropy(X, 0, SHAPE, t, 0, o);
                    } else if (none) {
                        ops.crossEntropy(X, 0, SHAPE, (long[]) targets, 0, new float[3], 0, o);
                    } else {
                        ops.crossEntropy(X, 0, SHAPE, (long[]) targets, 0, o);
                    }
                });
                assertTrue(e.getMessage().contains("targets[2]") && !e.getMessage().contains("changed"),
                        reduction + ": " + e.getMessage());
            }
        }
    }

    @Test
    void crossEntropyShapesAndOptions() {
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(new float[1], 0, new int[0], new int[] {0}, 0,
                CrossEntropyOptions.DEFAULT), "logits shape", "0-d");
        fails(IllegalArgumentException.class, () -> ops.crossEntropyWithProbabilities(X, 0, SHAPE, new float[12], 0,
                CrossEntropyOptions.DEFAULT.withIgnoreIndex(0)), "ignoreIndex", "0", "probability");
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[3], 0,
                CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)), "reduction NONE");
        fails(IndexOutOfBoundsException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[2], 0,
                CrossEntropyOptions.DEFAULT), "targets", "2", "3");
        fails(IndexOutOfBoundsException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[3], 0, new float[2], 0,
                CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)), "out", "2", "3");
        fails(IndexOutOfBoundsException.class, () -> ops.crossEntropyWithProbabilities(X, 0, SHAPE, new float[11], 0,
                CrossEntropyOptions.DEFAULT), "targets", "11", "12");
        fails(IllegalArgumentException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[3], 0, X, 11,
                CrossEntropyOptions.DEFAULT), "out", "overlaps", "logits");
    }

    @Test
    void memorySmallerThanTheShape() {
        fails(IndexOutOfBoundsException.class,
                () -> ops.softmax(new float[11], 0, new float[12], 0, SHAPE, -1, SoftmaxOptions.DEFAULT),
                "array of 11", "[3, 4]", "12");
        fails(IndexOutOfBoundsException.class,
                () -> ops.softmax(X, 0, new float[12], 1, SHAPE, -1, SoftmaxOptions.DEFAULT), "y", "11", "12");
        fails(IndexOutOfBoundsException.class,
                () -> ops.softmax(X, -1, new float[12], 0, SHAPE, -1, SoftmaxOptions.DEFAULT), "x", "-1");
        fails(IndexOutOfBoundsException.class,
                () -> ops.softmax(X, 13, new float[12], 0, SHAPE, -1, SoftmaxOptions.DEFAULT), "x", "13");
        fails(IndexOutOfBoundsException.class,
                () -> ops.logSumExp(X, 0, new float[2], 0, SHAPE, -1), "y", "2", "3");
        FloatBuffer small = FloatBuffer.allocate(20).position(9);
        fails(IndexOutOfBoundsException.class,
                () -> ops.softmax(small, FloatBuffer.allocate(12), SHAPE, -1, SoftmaxOptions.DEFAULT),
                "buffer of 11", "position 9", "needs 12");
    }

    @Test
    void nullArguments() {
        fails(NullPointerException.class, () -> ops.softmax(null, 0, X, 0, SHAPE, -1, SoftmaxOptions.DEFAULT), "x");
        fails(NullPointerException.class, () -> ops.softmax(X, 0, null, 0, SHAPE, -1, SoftmaxOptions.DEFAULT), "y");
        fails(NullPointerException.class, () -> ops.softmax(X, 0, new float[12], 0, SHAPE, -1, null), "options");
        fails(NullPointerException.class, () -> ops.crossEntropy(X, 0, SHAPE, (int[]) null, 0,
                CrossEntropyOptions.DEFAULT), "targets");
        fails(NullPointerException.class, () -> ops.crossEntropy(X, 0, SHAPE, new int[3], 0, null), "options");
        fails(NullPointerException.class, () -> ops.logSumExp((FloatBuffer) null, FloatBuffer.allocate(3), SHAPE, -1), "x");
    }

    @Test
    void readOnlyDestination() {
        FloatBuffer ro = FloatBuffer.allocate(12).asReadOnlyBuffer();
        fails(ReadOnlyBufferException.class,
                () -> ops.softmax(FloatBuffer.wrap(X), ro, SHAPE, -1, SoftmaxOptions.DEFAULT), "y", "read-only");
        FloatBuffer roDirect = ByteBuffer.allocateDirect(48).asFloatBuffer().asReadOnlyBuffer();
        fails(ReadOnlyBufferException.class,
                () -> ops.logSumExp(FloatBuffer.wrap(X), roDirect, SHAPE, -1), "y", "read-only");
        fails(ReadOnlyBufferException.class, () -> ops.crossEntropy(FloatBuffer.wrap(X), SHAPE,
                IntBuffer.allocate(3), roDirect, CrossEntropyOptions.DEFAULT), "out", "read-only");
    }

    @Test
    void partialOverlapIsRefusedButInPlaceIsAllowed() {
        float[] a = new float[20];
        fails(IllegalArgumentException.class,
                () -> ops.softmax(a, 0, a, 4, SHAPE, -1, SoftmaxOptions.DEFAULT), "overlaps");
        FloatBuffer whole = FloatBuffer.wrap(a);
        FloatBuffer shifted = FloatBuffer.wrap(a, 2, 18).slice();
        fails(IllegalArgumentException.class,
                () -> ops.softmax(whole, shifted, SHAPE, -1, SoftmaxOptions.DEFAULT), "overlaps");
        fails(IllegalArgumentException.class, () -> ops.logSumExp(a, 0, a, 1, SHAPE, -1), "overlaps");
        ops.softmax(a, 4, a, 4, SHAPE, -1, SoftmaxOptions.DEFAULT);
        assertTrue(Math.abs(a[4] - 0.25f) < 1e-7, "in place on zeros gives 1/4");
    }
}
