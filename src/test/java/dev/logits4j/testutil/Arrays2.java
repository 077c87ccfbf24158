package dev.logits4j.testutil;

import dev.logits4j.npy.NpyArray;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Conversions between .npy arrays, Java arrays and doubles for tests. */
public final class Arrays2 {
    private Arrays2() {}

    public static float[] floats(NpyArray a) {
        float[] f = new float[(int) a.elementCount()];
        a.asFloats().get(f);
        return f;
    }

    public static int[] ints(NpyArray a) {
        int[] v = new int[(int) a.elementCount()];
        a.asInts().get(v);
        return v;
    }

    public static long[] longs(NpyArray a) {
        long[] v = new long[(int) a.elementCount()];
        a.asLongs().get(v);
        return v;
    }

    /** Any float or integer array as doubles. */
    public static double[] toDoubles(NpyArray a) {
        double[] d = new double[(int) a.elementCount()];
        switch (a.type()) {
            case FLOAT32: {
                FloatBuffer b = a.asFloats();
                for (int i = 0; i < d.length; i++) {
                    d[i] = b.get(i);
                }
                break;
            }
            case FLOAT64:
                a.asDoubles().get(d);
                break;
            case INT32:
                for (int i = 0; i < d.length; i++) {
                    d[i] = a.asInts().get(i);
                }
                break;
            default:
                for (int i = 0; i < d.length; i++) {
                    d[i] = a.asLongs().get(i);
                }
        }
        return d;
    }

    public static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    public static double[] widen(FloatBuffer b) {
        double[] d = new double[b.remaining()];
        for (int i = 0; i < d.length; i++) {
            d[i] = b.get(b.position() + i);
        }
        return d;
    }

    public static double[] widen(DoubleBuffer b) {
        double[] d = new double[b.remaining()];
        for (int i = 0; i < d.length; i++) {
            d[i] = b.get(b.position() + i);
        }
        return d;
    }
}
