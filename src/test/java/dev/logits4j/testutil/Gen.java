package dev.logits4j.testutil;

import java.util.Random;

/** Random test inputs: shapes, axes and values of the kinds that break softmax implementations. */
public final class Gen {
    private Gen() {}

    public static final String[] KINDS = {"randn", "offset", "overflow-range", "huge", "neg-inf",
        "specials", "constant", "subnormal", "masked-rows"};

    /** {@code count} values of the given kind, representable in float32 when {@code f32}. */
    public static double[] values(Random r, int count, boolean f32, String kind, int rowLength) {
        double big = f32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        double[] v = new double[count];
        double c = r.nextGaussian() * 10;
        for (int i = 0; i < count; i++) {
            double x;
            switch (kind) {
                case "randn":
                    x = r.nextGaussian() * 4;
                    break;
                case "offset":
                    x = r.nextGaussian() * 30 + (r.nextBoolean() ? 1000 : -1000);
                    break;
                case "overflow-range":
                    // exp(x) overflows float32 but exp(x - max) does not: proves the max is subtracted.
                    x = 90 + 10 * r.nextDouble();
                    break;
                case "huge":
                    x = r.nextInt(4) == 0 ? (r.nextBoolean() ? big : -big) * r.nextDouble()
                            : r.nextGaussian() * 1e30;
                    break;
                case "neg-inf":
                    x = r.nextInt(4) == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian() * 5;
                    break;
                case "specials": {
                    int k = r.nextInt(40);
                    x = k == 0 ? Double.NaN : k == 1 ? Double.POSITIVE_INFINITY
                            : k == 2 ? Double.NEGATIVE_INFINITY : r.nextGaussian() * 3;
                    break;
                }
                case "constant":
                    x = c;
                    break;
                case "subnormal":
                    x = (f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL) * r.nextGaussian();
                    break;
                case "masked-rows":
                    // whole rows of -inf, next to ordinary ones
                    x = ((i / Math.max(rowLength, 1)) % 2 == 0) ? Double.NEGATIVE_INFINITY
                            : r.nextGaussian() * 2;
                    break;
                default:
                    throw new IllegalArgumentException(kind);
            }
            v[i] = f32 ? (double) (float) x : x;
        }
        return v;
    }

    /** A random shape of rank 1..4 with at most {@code maxCount} elements (dims may be 1). */
    public static int[] shape(Random r, int maxCount) {
        int rank = 1 + r.nextInt(4);
        int[] s = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            int limit = (int) Math.max(1, Math.min(70, maxCount / count));
            s[i] = 1 + r.nextInt(limit);
            count *= s[i];
        }
        return s;
    }

    public static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
