package dev.logits4j.internal.javaimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** The Java kernels' row primitives for selection: a row's log-prob and its blocked sum of exp, in float64. */
public final class JavaRowMath {
    private JavaRowMath() {}

    /** {@link Kernels#sumExpBlocks} in Java: float64, {@code Math.exp}, in index order. */
    public static double sumExpBlocks(DType type, Object x, long xi, int n, double max,
                                      double invT, int[] ids, double[] values, int m, double[] blockSums) {
        double total = 0;
        int o = 0;
        for (int j0 = 0, b = 0; j0 < n; j0 += Kernels.SUM_BLOCK, b++) {
            int end = Math.min(n, j0 + Kernels.SUM_BLOCK);
            double s = 0;
            for (int j = j0; j < end; j++) {
                double z;
                if (o < m && ids[o] == j) {
                    z = values[o++];
                } else {
                    z = Elements.read(type, x, xi + j);
                }
                s += Math.exp((z - max) * invT);
            }
            blockSums[b] = s;
            total += s;
        }
        return total;
    }

    /** {@link Kernels#rowLogProb} in Java: (x[t] - m) - log(sum(exp(x - m))), float64. */
    public static double rowLogProb(DType type, Object x, long xi, int n, int t) {
        if (t < 0 || t >= n) {
            return Double.NaN;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = Elements.read(type, x, xi + j);
            if (v != v) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        if (!(m > Double.NEGATIVE_INFINITY && m < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(Elements.read(type, x, xi + j) - m);
        }
        return (Elements.read(type, x, xi + t) - m) - Math.log(s);
    }
}
