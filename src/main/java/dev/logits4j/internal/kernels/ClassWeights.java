package dev.logits4j.internal.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cross-entropy class weights in every form a kernel may want, made once when the options are
 * built (options are immutable and reused, so no call pays for a conversion): float64 and
 * float32 arrays, and the same in direct memory for kernels that take raw addresses.
 */
public final class ClassWeights {
    private final double[] f64;
    private final float[] f32;
    private final ByteBuffer direct64;
    private final ByteBuffer direct32;

    public ClassWeights(double[] weights) {
        this.f64 = weights.clone();
        this.f32 = new float[f64.length];
        this.direct64 = ByteBuffer.allocateDirect(Math.max(8, 8 * f64.length)).order(ByteOrder.nativeOrder());
        this.direct32 = ByteBuffer.allocateDirect(Math.max(4, 4 * f64.length)).order(ByteOrder.nativeOrder());
        for (int i = 0; i < f64.length; i++) {
            f32[i] = (float) f64[i];
            direct64.putDouble(8 * i, f64[i]);
            direct32.putFloat(4 * i, f32[i]);
        }
    }

    public int length() {
        return f64.length;
    }

    /** The weights; never modify. */
    public double[] f64() {
        return f64;
    }

    /** The weights rounded to float32; never modify. */
    public float[] f32() {
        return f32;
    }

    /** The float64 weights in direct memory (native order). */
    public ByteBuffer direct64() {
        return direct64;
    }

    /** The float32 weights in direct memory (native order). */
    public ByteBuffer direct32() {
        return direct32;
    }
}
