package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The selection kernels keep per-thread work memory: threads sampling different vocabularies at
 * once (one above the retained size, 2^18) get the single-thread answers, and a history's counts
 * never leak from one call into the next.
 */
class SamplingConcurrencyTest {
    private static float[] row(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void threadsGetTheSingleThreadAnswers() throws Exception {
        int[] vocabs = {50, 1000, 32000, 300_000};
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.9).withTopK(40).withTopP(0.9)
                .withRepetitionPenalty(1.3).withPresenceFrequencyPenalty(0.2, 0.1)
                .withHistory(new int[][] {{0, 1, 1, 2, 3, 3, 3}});
        double[] u = {0.1, 0.4, 0.7, 0.95};
        int[][] want = new int[vocabs.length][];
        for (int v = 0; v < vocabs.length; v++) {
            float[] x = row(v, 4 * vocabs[v]);
            want[v] = Legacy.AUTO.sample(x, new int[] {4, vocabs[v]}, o, u);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int v = t % vocabs.length;
                fs.add(pool.submit(() -> {
                    float[] x = row(v, 4 * vocabs[v]);
                    for (int rep = 0; rep < 5; rep++) {
                        assertArrayEquals(want[v], Legacy.AUTO.sample(x, new int[] {4, vocabs[v]}, o, u));
                        // a call without history in between must not see the previous counts
                        Legacy.AUTO.sample(x, new int[] {4, vocabs[v]}, SamplingOptions.DEFAULT, u);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVocabularyAboveTheRetainedSizeMatchesTheReference() {
        int n = 300_000;
        float[] x = row(9, n);
        double[] xd = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = x[i];
        }
        SamplingReference.Row p = new SamplingReference.Row();
        p.temperature = 0.7;
        p.topK = 100;
        p.topP = 0.8;
        p.minP = 0.02;
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(100).withTopP(0.8).withMinP(0.02);
        int compared = 0;
        for (double u : new double[] {0.05, 0.5, 0.93}) {
            SamplingReference.Result ref = SamplingReference.sample(xd, p, u);
            if (ref.margin() > 1e-9) {
                compared++;
                assertEquals(ref.token(), Legacy.AUTO.sample(x, new int[] {1, n}, o, new double[] {u})[0], "u " + u);
            }
        }
        assertEquals(3, compared, "draws far from a boundary");
        float[] values = new float[5];
        int[] idx = new int[5];
        Legacy.AUTO.topK(x, 0, new int[] {1, n}, 5, values, 0, idx, 0);
        assertArrayEquals(SamplingReference.topK(xd, 5), idx);
    }
}
