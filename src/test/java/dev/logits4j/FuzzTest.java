package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile arguments through the public API: random and adversarial shapes, axes, offsets,
 * buffer positions and limits, read-only and heap/direct mixes, overflowing element counts,
 * aliasing, extreme targets, wrong weight lengths. Every call must either succeed or throw one of
 * the documented exceptions; a call that throws must leave the destination untouched, and a call
 * that succeeds may write only the elements the shape names. -Dlogits4j.fuzz.iterations=N runs
 * longer (default 20000, well under a minute).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class FuzzTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;

    FuzzTest(Backend backend) {
        this.ops = Legacy.with(backend);
    }
    private static final float GUARD = 31337.5f;
    private static final int[] DIMS = {0, 1, 2, 3, 7, 16, 17, 33, -1, -7, Integer.MAX_VALUE, 1 << 16, 1 << 30};

    @Test
    void hostileArgumentsNeverCrashOrWriteOutOfBounds() {
        int iterations = Integer.getInteger("logits4j.fuzz.iterations", 20000);
        Random r = new Random(Long.getLong("logits4j.fuzz.seed", 5));
        int ok = 0;
        int refused = 0;
        for (int it = 0; it < iterations; it++) {
            int rank = r.nextInt(5);
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = r.nextInt(4) == 0 ? DIMS[r.nextInt(DIMS.length)] : 1 + r.nextInt(12);
            }
            int axis = r.nextInt(11) - 5;
            long count = 1;
            boolean sane = true;
            for (int d : shape) {
                if (d < 0 || (count *= Math.max(d, 0)) > 50_000) {
                    sane = false;
                }
            }
            int len = sane && r.nextInt(5) > 0 ? (int) count + r.nextInt(3) : r.nextInt(64);
            int xOff = r.nextInt(8) == 0 ? r.nextInt(9) - 4 : r.nextInt(3);
            int yOff = r.nextInt(8) == 0 ? r.nextInt(9) - 4 : r.nextInt(3);
            float[] x = new float[Math.max(0, len + Math.max(xOff, 0))];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(20) == 0 ? Float.NaN : (float) (r.nextGaussian() * 5);
            }
            float[] y = new float[Math.max(0, len + Math.max(yOff, 0)) + 8];
            Arrays.fill(y, GUARD);
            int op = r.nextInt(6);
            boolean alias = r.nextInt(10) == 0;

            float[] dst = alias ? x : y;
            float[] before = dst.clone();
            long written = -1;
            Reduction[] reduction = {Reduction.MEAN};
            try {
                switch (op) {
                    case 0 -> ops.softmax(x, xOff, dst, yOff, shape, axis, SoftmaxOptions.DEFAULT
                            .withTemperature(new double[] {1, 0.5, 3, 1e-30, 1e30}[r.nextInt(5)]));
                    case 1 -> ops.logSoftmax(x, xOff, dst, yOff, shape, axis,
                            SoftmaxOptions.DEFAULT.withMaskedRowsZero(true));
                    case 2 -> ops.logSumExp(x, xOff, dst, yOff, shape, axis);
                    case 3 -> {
                        int positions = Math.max(0, len / Math.max(1, shape.length > 1 ? shape[1] : len));
                        long[] t = new long[positions + r.nextInt(3)];
                        for (int i = 0; i < t.length; i++) {
                            t[i] = new long[] {0, 1, -100, -1, Integer.MAX_VALUE, Long.MIN_VALUE,
                                Long.MAX_VALUE, 3}[r.nextInt(8)];
                        }
                        reduction[0] = Reduction.values()[r.nextInt(3)];
                        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT
                                .withReduction(reduction[0])
                                .withIgnoreIndex(r.nextBoolean() ? -100 : r.nextInt(5) - 2);
                        if (r.nextBoolean()) {
                            o = o.withWeight(new float[r.nextInt(20)]);
                        }
                        ops.crossEntropy(x, xOff, shape, t, 0, dst, yOff, o);
                    }
                    case 4 -> {
                        FloatBuffer xb = direct(x);
                        if (xb.capacity() > 0) {
                            xb.position(r.nextInt(xb.capacity() + 1));
                        }
                        FloatBuffer yb = r.nextBoolean() ? FloatBuffer.wrap(dst) : direct(dst);
                        if (r.nextInt(6) == 0) {
                            yb = yb.asReadOnlyBuffer();
                        }
                        yb.limit(Math.max(0, yb.capacity() - r.nextInt(4)));
                        ops.softmax(xb, yb, shape, axis, SoftmaxOptions.DEFAULT);
                        if (yb.isDirect()) {
                            FloatBuffer all = yb.duplicate().clear();
                            for (int i = 0; i < dst.length; i++) {
                                dst[i] = all.get(i);
                            }
                        }
                    }
                    default -> {
                        IntBuffer t = IntBuffer.wrap(new int[] {0, 5, -100, 2, 1, 1, 0});
                        ops.crossEntropyWithProbabilities(FloatBuffer.wrap(x), shape,
                                FloatBuffer.wrap(y), CrossEntropyOptions.DEFAULT);
                        ops.crossEntropy(FloatBuffer.wrap(x), shape, t, CrossEntropyOptions.DEFAULT);
                    }
                }
                ok++;
                written = 1;
            } catch (IllegalArgumentException | IndexOutOfBoundsException | NullPointerException
                     | ReadOnlyBufferException e) {
                refused++;
                if (e.getMessage() == null || e.getMessage().isEmpty()) {
                    fail("iteration " + it + ": exception without a message, op " + op + " shape "
                            + Arrays.toString(shape), e);
                }
                if (op != 5 && !alias) {
                    for (int i = 0; i < dst.length; i++) {
                        if (Float.floatToRawIntBits(dst[i]) != Float.floatToRawIntBits(before[i])) {
                            fail("iteration " + it + ": refused call (" + e.getMessage() + ") wrote " + i);
                        }
                    }
                }
            } catch (RuntimeException e) {
                fail("iteration " + it + ": undocumented exception for shape " + Arrays.toString(shape)
                        + " axis " + axis + " op " + op, e);
            }
            if (written > 0 && !alias && op <= 3) {
                long outCount = outputCount(op, shape, axis, reduction[0]);
                for (int i = 0; i < y.length; i++) {
                    boolean inside = i >= yOff && i < yOff + outCount;
                    if (!inside && Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(GUARD)) {
                        fail("iteration " + it + ": op " + op + " shape " + Arrays.toString(shape)
                                + " wrote " + i + " outside [" + yOff + ", " + (yOff + outCount) + ")");
                    }
                }
            }
        }
        assertTrue(ok > iterations / 20 && refused > iterations / 20, ok + " ok, " + refused + " refused");
    }

    /** How many elements a successful call writes (from the destination offset). */
    private static long outputCount(int op, int[] shape, int axis, Reduction reduction) {
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (op <= 1) {
            return count;
        }
        if (op == 2) {
            int r = Math.max(shape.length, 1);
            int ax = axis < 0 ? axis + r : axis;
            long n = shape.length == 0 ? 1 : shape[ax];
            return n == 0 ? outer(shape, ax) * inner(shape, ax) : count / n;
        }
        if (reduction != Reduction.NONE) {
            return 1;
        }
        return shape.length == 1 ? 1 : shape[0] * inner(shape, 1);
    }

    private static long outer(int[] s, int ax) {
        long c = 1;
        for (int i = 0; i < ax; i++) {
            c *= s[i];
        }
        return c;
    }

    private static long inner(int[] s, int ax) {
        long c = 1;
        for (int i = ax + 1; i < s.length; i++) {
            c *= s[i];
        }
        return c;
    }

    private static FloatBuffer direct(float[] a) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * a.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(a).clear();
        return b;
    }
}
