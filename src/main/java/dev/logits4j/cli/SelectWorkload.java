package dev.logits4j.cli;

import dev.logits4j.DType;
import dev.logits4j.Ops;
import dev.logits4j.SamplingOptions;
import dev.logits4j.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@code bench}'s serving ops, {@code argmax}, {@code topk} and {@code sample}, on one workload's
 * logits of any dtype, through the public API: Java on heap arrays, native on the direct buffer
 * (as the other ops), with sort-based Java as the {@code textbook-java} row. {@code topk} takes
 * k = min(50, COLS); {@code sample} the serving setting {@link #SERVING}.
 */
final class SelectWorkload {
    private SelectWorkload() {}

    static final SamplingOptions SERVING = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50)
            .withTopP(0.9).withMinP(0.05);
    static final int TOP_K = 50;

    /** {@code impl}'s call on views made here, once; null {@code impl}: the textbook-java row. */
    static Runnable call(Bench.Workload w, Bench.Impl impl) {
        if (impl == null) {
            return textbook(w);
        }
        return impl.direct() ? direct(w, impl.ops()) : heap(w, impl.ops());
    }

    private static int k(Bench.Workload w) {
        return Math.min(TOP_K, w.cols);
    }

    private static double[] uniforms(int rows) {
        double[] u = new double[rows];
        for (int r = 0; r < rows; r++) {
            u[r] = (r + 0.5) / rows;
        }
        return u;
    }

    /** The Java implementation on heap arrays. */
    private static Runnable heap(Bench.Workload w, Ops ops) {
        int k = k(w);
        Tensor x = w.logits(false);
        Tensor values = w.f64 ? Tensor.of(new double[w.rows * k]) : Tensor.of(new float[w.rows * k]);
        return calls(w, ops, x, values, Tensor.of(new long[Math.max(w.rows * k, w.rows)]));
    }

    /** A native implementation on the workload's direct buffer, outputs direct too. */
    private static Runnable direct(Bench.Workload w, Ops ops) {
        int k = k(w);
        Tensor x = w.logits(true);
        ByteBuffer idx = ByteBuffer.allocateDirect(8 * Math.max(w.rows * k, w.rows))
                .order(ByteOrder.nativeOrder());
        ByteBuffer values = ByteBuffer.allocateDirect((w.f64 ? 8 : 4) * w.rows * k)
                .order(ByteOrder.nativeOrder());
        return calls(w, ops, x, Tensor.of(values, w.f64 ? DType.F64 : DType.F32),
                Tensor.of(idx, DType.I64));
    }

    /** The workload's op on views made once (as a server makes them). */
    private static Runnable calls(Bench.Workload w, Ops ops, Tensor x, Tensor values, Tensor idx) {
        int k = k(w);
        Tensor u = Tensor.of(uniforms(w.rows));
        switch (w.op) {
            case "argmax":
                return () -> ops.argmax(x, -1, idx);
            case "topk":
                return () -> ops.topK(x, k, values, idx);
            default:
                return () -> ops.sample(x, SERVING, u, idx, null);
        }
    }

    /**
     * The usual Java a library would replace, row by row on heap arrays (16-bit logits read as the
     * float32 values they hold): a max loop, a full sort for top-k, the sort-based sampling
     * pipeline.
     */
    private static Runnable textbook(Bench.Workload w) {
        int rows = w.rows;
        int cols = w.cols;
        int k = k(w);
        int[] out = new int[rows * k];
        double[] u = uniforms(rows);
        switch (w.op) {
            case "argmax":
                return () -> {
                    for (int r = 0; r < rows; r++) {
                        out[r] = argmaxRow(w.f64, w.xa, w.xda, r * cols, cols);
                    }
                };
            case "topk":
                return () -> {
                    for (int r = 0; r < rows; r++) {
                        Integer[] idx = sortedIndices(w.f64, w.xa, w.xda, r * cols, cols, 1.0);
                        for (int j = 0; j < k; j++) {
                            out[r * k + j] = idx[j];
                        }
                    }
                };
            default:
                return () -> {
                    for (int r = 0; r < rows; r++) {
                        out[r] = sortSample(w.f64, w.xa, w.xda, r * cols, cols, u[r]);
                    }
                };
        }
    }

    private static int argmaxRow(boolean f64, float[] xa, double[] xda, int off, int n) {
        int best = 0;
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = f64 ? xda[off + i] : xa[off + i];
            if (v > m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    /** Every index of the row, by logit / t descending. */
    private static Integer[] sortedIndices(boolean f64, float[] xa, double[] xda, int off, int n, double t) {
        Integer[] idx = new Integer[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            z[i] = (f64 ? xda[off + i] : xa[off + i]) / t;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(z[b], z[a]));
        return idx;
    }

    /**
     * Scale, sort every index by logit, top-k prefix (ties kept), softmax, top-p, min-p, draw. Unchanged
     * since SampleWorkload, so that the textbook-java sample rows compare with earlier tables.
     */
    static int sortSample(boolean f64, float[] xa, double[] xda, int off, int n, double u) {
        Integer[] idx = new Integer[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            z[i] = (f64 ? xda[off + i] : xa[off + i]) / 0.7;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(z[b], z[a]));
        int keep = Math.min(TOP_K, n);
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
