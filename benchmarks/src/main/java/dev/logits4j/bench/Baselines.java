package dev.logits4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The peers logits4j is measured against, written the way a careful user would. */
final class Baselines {
    private Baselines() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Textbook Java: three passes per row with Math.exp. */
    static void textbookSoftmax(float[] x, float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[o + j]);
            }
            float s = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[o + j] - m);
                y[o + j] = e;
                s += e;
            }
            float inv = 1 / s;
            for (int j = 0; j < cols; j++) {
                y[o + j] *= inv;
            }
        }
    }

    /** JDK Vector API: max, exp-store-sum, scale, with VectorOperators.EXP. */
    static void vectorSoftmax(float[] x, float[] y, int rows, int cols) {
        int w = S.length();
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector vm = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            int j = 0;
            for (; j + w <= cols; j += w) {
                vm = vm.max(FloatVector.fromArray(S, x, o + j));
            }
            float m = vm.reduceLanes(VectorOperators.MAX);
            for (; j < cols; j++) {
                m = Math.max(m, x[o + j]);
            }
            FloatVector vs = FloatVector.zero(S);
            FloatVector bm = FloatVector.broadcast(S, m);
            j = 0;
            for (; j + w <= cols; j += w) {
                FloatVector e = FloatVector.fromArray(S, x, o + j).sub(bm).lanewise(VectorOperators.EXP);
                e.intoArray(y, o + j);
                vs = vs.add(e);
            }
            float s = vs.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                float e = (float) Math.exp(x[o + j] - m);
                y[o + j] = e;
                s += e;
            }
            FloatVector inv = FloatVector.broadcast(S, 1 / s);
            j = 0;
            for (; j + w <= cols; j += w) {
                FloatVector.fromArray(S, y, o + j).mul(inv).intoArray(y, o + j);
            }
            for (; j < cols; j++) {
                y[o + j] *= 1 / s;
            }
        }
    }

    /** Textbook Java in float64. */
    static void textbookSoftmax(double[] x, double[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[o + j]);
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x[o + j] - m);
                y[o + j] = e;
                s += e;
            }
            double inv = 1 / s;
            for (int j = 0; j < cols; j++) {
                y[o + j] *= inv;
            }
        }
    }

    /** Textbook Java over the middle axis of [outer, n, inner]: three strided passes per slice. */
    static void textbookSoftmaxMiddle(float[] x, float[] y, int outer, int n, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int b = o * n * inner + i;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    m = Math.max(m, x[b + j * inner]);
                }
                float s = 0;
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(x[b + j * inner] - m);
                    y[b + j * inner] = e;
                    s += e;
                }
                for (int j = 0; j < n; j++) {
                    y[b + j * inner] /= s;
                }
            }
        }
    }

    static void copyFloor(double[] x, double[] y) {
        System.arraycopy(x, 0, y, 0, x.length);
    }

    static double readFloor(double[] x) {
        double a = 0;
        double b = 0;
        for (int j = 0; j + 1 < x.length; j += 2) {
            a += x[j];
            b += x[j + 1];
        }
        return a + b;
    }

    /** The memory-traffic floor of softmax / log-softmax: read x once, write y once. */
    static void copyFloor(float[] x, float[] y) {
        System.arraycopy(x, 0, y, 0, x.length);
    }

    /** The floor of logsumexp / cross-entropy: read x once. */
    static float readFloor(float[] x) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j + S.length() <= x.length; j += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, j));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
