package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code sample(..., RandomGenerator)} checks everything before it draws or allocates (issue 23,
 * item 9.3): a refused call takes no value from the caller's generator (its sequence is the
 * caller's state) and allocates nothing in proportion to a shape it then refuses; a huge shape
 * with an empty vocabulary is an {@link IllegalArgumentException} naming the shape, not an
 * {@link OutOfMemoryError}.
 */
class SampleDrawsTest {
    /** Counts draws; every draw is 0.5. */
    private static final class Counting implements RandomGenerator {
        long draws;

        @Override
        public long nextLong() {
            draws++;
            return 0;
        }

        @Override
        public double nextDouble() {
            draws++;
            return 0.5;
        }
    }

    private static <T extends Throwable> T refusedWithoutDrawing(Class<T> type, Counting random, Executable call) {
        long before = random.draws;
        T e = assertThrows(type, call);
        assertEquals(before, random.draws, () -> "values drawn before refusing: " + e.getMessage());
        return e;
    }

    @Test
    void aRefusedCallDrawsNothing() {
        Counting r = new Counting();
        float[] x = {1, 2, 3, 4};
        double[] xd = {1, 2, 3, 4};
        int[] shape = {2, 2};
        SamplingOptions o = SamplingOptions.DEFAULT;
        // 2^26 rows over 16 logits: too little memory for the shape (the report drew 2^26 values
        // and allocated 768 MB before saying so)
        refusedWithoutDrawing(IndexOutOfBoundsException.class, r,
                () -> Legacy.AUTO.sample(new float[16], new int[] {1 << 26, 1}, o, r));
        refusedWithoutDrawing(IndexOutOfBoundsException.class, r,
                () -> Legacy.AUTO.sample(new double[16], new int[] {1 << 26, 1}, o, r));
        refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> Legacy.AUTO.sample(x, new int[0], o, r));
        refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> Legacy.AUTO.sample(x, shape, o.withTemperatures(new double[] {1, 1, 1}), r));
        refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> Legacy.AUTO.sample(x, shape, o.withHistory(new int[][] {{2}}), r));
        refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> Legacy.AUTO.sample(xd, shape, o.withLogitBias(java.util.Map.of(7, 1.0)), r));
        refusedWithoutDrawing(NullPointerException.class, r, () -> Legacy.AUTO.sample((float[]) null, shape, o, r));
        refusedWithoutDrawing(NullPointerException.class, r, () -> Legacy.AUTO.sample(x, shape, null, r));
        refusedWithoutDrawing(NullPointerException.class, r, () -> Legacy.AUTO.sample(x, null, o, r));
        LegacyOps java = Legacy.with(Backend.java());
        refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> java.sample(x, shape, o.withTopKs(new int[] {1, 1, 1}), r));
        assertEquals(0, r.draws);
    }

    @Test
    void aHugeShapeWithAnEmptyVocabularyIsAShapeError() {
        Counting r = new Counting();
        int[] shape = {2_000_000_000, 0};
        String m = refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> Legacy.AUTO.sample(new float[0], shape, SamplingOptions.DEFAULT, r)).getMessage();
        assertTrue(m.contains("[2000000000, 0]") && m.contains("empty vocabulary"), m);
        m = refusedWithoutDrawing(IllegalArgumentException.class, r,
                () -> Legacy.AUTO.sample(new double[0], shape, SamplingOptions.DEFAULT, r)).getMessage();
        assertTrue(m.contains("[2000000000, 0]") && m.contains("empty vocabulary"), m);
        // the same with the draws given: checked before the tokens array is made
        m = assertThrows(IllegalArgumentException.class,
                () -> Legacy.AUTO.sample(new float[0], shape, SamplingOptions.DEFAULT, new double[0])).getMessage();
        assertTrue(m.contains("[2000000000, 0]") && m.contains("empty vocabulary"), m);
    }

    @Test
    void drawsAreOnePerRowInRowOrderAsBefore() {
        float[] x = new float[5 * 7];
        SplittableRandom fill = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) fill.nextGaussian();
        }
        int[] shape = {5, 7};
        SamplingOptions o = SamplingOptions.DEFAULT.withTopP(0.9);
        double[] u = new double[5];
        SplittableRandom draws = new SplittableRandom(42);
        for (int i = 0; i < u.length; i++) {
            u[i] = draws.nextDouble();
        }
        SplittableRandom g = new SplittableRandom(42);
        assertArrayEquals(Legacy.AUTO.sample(x, shape, o, u), Legacy.AUTO.sample(x, shape, o, g));
        assertEquals(draws.nextLong(), g.nextLong(), "exactly one draw per row taken");
        // zero rows: nothing drawn, nothing to sample
        Counting r = new Counting();
        assertEquals(0, Legacy.AUTO.sample(new float[0], new int[] {0, 7}, o, r).length);
        assertEquals(0, r.draws);
    }

    @Test
    void aDrawOutsideTheUnitIntervalIsRefusedNamingTheRow() {
        RandomGenerator one = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 1.0;
            }
        };
        String m = assertThrows(IllegalArgumentException.class,
                () -> Legacy.AUTO.sample(new float[] {1, 2}, new int[] {1, 2}, SamplingOptions.DEFAULT, one)).getMessage();
        assertTrue(m.contains("1.0") && m.contains("[0, 1)") && m.contains("row 0"), m);
    }
}
