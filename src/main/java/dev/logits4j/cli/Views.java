package dev.logits4j.cli;

import dev.logits4j.DType;
import dev.logits4j.Tensor;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;

/** The CLI's arrays as views: one place maps a .npy dtype to a {@link DType}. */
final class Views {
    private Views() {}

    /** The array's elements with its shape; uint16 arrays are bfloat16 bits (--dtype bfloat16). */
    static Tensor of(NpyArray a) {
        int[] shape = a.shape();
        return switch (a.type()) {
            case FLOAT32 -> Tensor.of(a.asFloats(), shape);
            case FLOAT64 -> Tensor.of(a.asDoubles(), shape);
            case INT32 -> Tensor.of(a.asInts(), shape);
            case INT64 -> Tensor.of(a.asLongs(), shape);
            case FLOAT16 -> Tensor.of(a.asShorts(), DType.F16, shape);
            case UINT16 -> Tensor.of(a.asShorts(), DType.BF16, shape);
        };
    }

    /** Whether logits read by {@code Main.readLogits} are 16-bit (their results are float32). */
    static boolean isHalf(NpyArray a) {
        return a.type() == NpyType.FLOAT16 || a.type() == NpyType.UINT16;
    }
}
