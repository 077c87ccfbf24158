package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fuzzers' fast oracle ({@link SelectionOracle}) gives {@link SamplingReference}'s answers:
 * the same sort order, and the same token wherever neither puts a decision within 1e-9 of its
 * boundary, on small rows full of ties, -inf, NaN and +inf with random parameters. Neither calls
 * the library, so this checks the references against each other only.
 */
class SelectionOracleTest {
    @Test
    void orderIsTheSortOfSamplingReference() {
        SplittableRandom r = new SplittableRandom(31);
        for (int trial = 0; trial < 500; trial++) {
            int n = r.nextInt(1, 60);
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(12);
                row[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.NEGATIVE_INFINITY
                        : kind == 2 ? Double.POSITIVE_INFINITY : kind == 3 ? -0.0 : kind == 4 ? 0.0 : r.nextInt(-3, 4) / 2.0;
            }
            Integer[] want = SamplingReference.sortedDesc(row);
            int[] w = new int[n];
            for (int i = 0; i < n; i++) {
                w[i] = want[i];
            }
            assertArrayEquals(w, SelectionOracle.order(row), Arrays.toString(row));
            double[] notFloat = row.clone();
            notFloat[0] = 0.1;   // not a float32: the fallback
            Integer[] want2 = SamplingReference.sortedDesc(notFloat);
            for (int i = 0; i < n; i++) {
                w[i] = want2[i];
            }
            assertArrayEquals(w, SelectionOracle.order(notFloat));
        }
    }

    @Test
    void sampleDrawsSamplingReferencesToken() {
        SplittableRandom r = new SplittableRandom(32);
        int compared = 0;
        for (int trial = 0; trial < 20000; trial++) {
            int n = r.nextInt(1, 40);
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(40);
                row[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY
                        : kind < 5 ? Double.NEGATIVE_INFINITY : r.nextInt(-8, 9) / 4.0;
            }
            SamplingReference.Row p = new SamplingReference.Row();
            p.temperature = r.nextInt(6) == 0 ? 0 : new double[] {0.5, 0.7, 1, 2}[r.nextInt(4)];
            p.topK = r.nextInt(3) == 0 ? 0 : r.nextInt(1, n + 2);
            p.topP = r.nextInt(3) == 0 ? 1 : r.nextDouble(0.01, 1);
            p.minP = r.nextInt(3) == 0 ? 0 : r.nextDouble(0, 0.6);
            p.repetition = r.nextBoolean() ? 1 : r.nextDouble(0.2, 3);
            p.presence = r.nextBoolean() ? 0 : r.nextDouble(-2, 2);
            p.frequency = r.nextBoolean() ? 0 : r.nextDouble(-1, 1);
            p.history = new int[r.nextInt(0, 6)];
            for (int j = 0; j < p.history.length; j++) {
                p.history[j] = r.nextInt(n);
            }
            Map<Integer, Double> bias = new HashMap<>();
            for (int j = r.nextInt(0, 3); j > 0; j--) {
                bias.put(r.nextInt(n), r.nextInt(6) == 0 ? Double.NEGATIVE_INFINITY : r.nextInt(-8, 9) / 2.0);
            }
            p.bias = bias;
            double u = r.nextInt(10) == 0 ? 0 : r.nextDouble();
            SamplingReference.Result a = SamplingReference.sample(row, p, u);
            SelectionOracle.Draw b = SelectionOracle.sample(row, p, u);
            if (a.margin() < 1e-9 || b.margin < 1e-9) {
                continue;
            }
            compared++;
            assertEquals(a.token(), b.token, "trial " + trial + " row " + Arrays.toString(row));
        }
        assertTrue(compared > 12000, "compared " + compared);
    }
}
