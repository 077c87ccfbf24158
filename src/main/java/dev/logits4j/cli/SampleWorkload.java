package dev.logits4j.cli;

import dev.logits4j.Backend;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.SamplingOptions;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * {@code bench --ops sample}: the serving setting (T 0.7, top-k 50, top-p 0.9, min-p 0.05)
 * through the public API on each implementation (Java on heap arrays, native on direct buffers;
 * the native backends run the Java selection kernels for now), with the usual sort-based Java
 * pipeline as the {@code textbook-java} row.
 */
final class SampleWorkload {
    private SampleWorkload() {}

    static final SamplingOptions SERVING = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50)
            .withTopP(0.9).withMinP(0.05);

    static Runnable call(String impl, int rows, int cols, boolean f64, float[] xa, double[] xda,
                         ByteBuffer x) {
        int[] shape = {rows, cols};
        double[] u = new double[rows];
        for (int r = 0; r < rows; r++) {
            u[r] = (r + 0.5) / rows;
        }
        int[] tokens = new int[rows];
        switch (impl) {
            case "floor":
                return () -> Bench.Workload.readAll(x);
            case "textbook-java":
                return () -> {
                    for (int r = 0; r < rows; r++) {
                        tokens[r] = sortSample(f64, xa, xda, r * cols, cols, u[r]);
                    }
                };
            case "java": {
                Ops ops = Logits4j.with(Backend.java());
                return f64 ? () -> ops.sample(xda, 0, shape, SERVING, u, 0, tokens, 0, null, 0)
                        : () -> ops.sample(xa, 0, shape, SERVING, u, 0, tokens, 0, null, 0);
            }
            default: {
                Ops ops = Logits4j.with(Backend.nativeVariant(impl.substring("native-".length())));
                DoubleBuffer ub = DoubleBuffer.wrap(u);
                LongBuffer tb = ByteBuffer.allocateDirect(8 * rows).order(java.nio.ByteOrder.nativeOrder()).asLongBuffer();
                return f64 ? () -> ops.sample(x.asDoubleBuffer(), shape, SERVING, ub, tb, null)
                        : () -> ops.sample(x.asFloatBuffer(), shape, SERVING, ub, tb, null);
            }
        }
    }

    /** Scale, sort every index by logit, top-k prefix (ties kept), softmax, top-p, min-p, draw. */
    static int sortSample(boolean f64, float[] xa, double[] xda, int off, int n, double u) {
        Integer[] idx = new Integer[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            z[i] = (f64 ? xda[off + i] : xa[off + i]) / 0.7;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(z[b], z[a]));
        int keep = Math.min(50, n);
        double kth = z[idx[keep - 1]];
        while (keep < n && z[idx[keep]] >= kth) {
            keep++;
        }
        double m = z[idx[0]];
        double[] p = new double[keep];
        double s = 0;
        for (int j = 0; j < keep; j++) {
            p[j] = Math.exp(z[idx[j]] - m);
            s += p[j];
        }
        double c = 0;
        int cut = 0;
        while (cut < keep && c < 0.9 * s) {
            c += p[cut++];
        }
        double total = 0;
        for (int j = 0; j < cut; j++) {
            p[j] = p[j] < 0.05 ? 0 : p[j];
            total += p[j];
        }
        double run = 0;
        for (int j = 0; j < cut; j++) {
            run += p[j];
            if (run > u * total) {
                return idx[j];
            }
        }
        return idx[0];
    }
}
