package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.Logits4j;
import dev.logits4j.SoftmaxOptions;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a fresh JVM by LoadingFaultsIT: many threads make their first logits4j call at the same
 * instant, so the one-time backend choice (native load, CPU detection) happens under a race.
 * Prints one line: the implementations the threads saw and whether every result was identical.
 */
public final class StartupRace {
    private StartupRace() {}

    public static void main(String[] args) throws Exception {
        int threads = 32;
        float[] x = new float[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.1) * 4;
        }
        CountDownLatch go = new CountDownLatch(1);
        float[][] results = new float[threads][];
        String[] seen = new String[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            ts[t] = new Thread(() -> {
                try {
                    go.await();
                    float[] y = new float[x.length];
                    Legacy.AUTO.softmax(x, 0, y, 0, new int[] {4, 1024}, -1, SoftmaxOptions.DEFAULT);
                    results[id] = y;
                    seen[id] = Logits4j.info().implementation();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            ts[t].start();
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        if (failure.get() != null) {
            System.out.println("race: FAILED " + failure.get());
            System.exit(1);
        }
        boolean same = true;
        for (float[] r : results) {
            same &= Arrays.equals(r, results[0]);
        }
        System.out.println("race: " + threads + " threads, implementations "
                + Arrays.stream(seen).distinct().toList() + ", identical results: " + same);
        System.exit(same ? 0 : 1);
    }
}
