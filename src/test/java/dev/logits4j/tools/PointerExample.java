package dev.logits4j.tools;

import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.OffHeap;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * docs/USAGE.md's JavaCPP example as a program, for {@code it.OffHeapLoadingIT} to run in fresh JVMs
 * (nothing from logits4j has run before the pointers are made). {@code raw} instead views a raw
 * address with {@code OffHeap}, to see what a JVM without any native library answers (the view
 * is refused when it is made, before any call).
 */
public final class PointerExample {
    private PointerExample() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("raw")) {
            try {
                Tensor x = OffHeap.tensor(4096, 4, DType.F32, 4);
                Logits4j.ops().softmax(x, OffHeap.tensor(8192, 4, DType.F32, 4), -1);
                System.out.println("raw call returned");
            } catch (IllegalStateException e) {
                System.out.println("IllegalStateException: " + e.getMessage());
            }
            System.out.println("implementation: " + Logits4j.info().implementation());
            return;
        }
        float[] logits = {1f, 2f, 3f, 4f, 0.5f, -1f};
        int rows = 2;
        int cols = 3;
        Ops ops = Logits4j.ops();
        try (FloatPointer x = new FloatPointer(logits); FloatPointer y = new FloatPointer(logits.length)) {
            ops.logSoftmax(OffHeap.tensor(x, DType.F32, rows, cols), OffHeap.tensor(y, DType.F32, rows, cols), -1);
            float[] out = new float[logits.length];
            y.get(out);
            float[] expected = new float[logits.length];
            ops.logSoftmax(Tensor.of(logits, rows, cols), Tensor.of(expected), -1);
            System.out.println("pointer example: " + (Arrays.equals(out, expected) ? "ok" : "MISMATCH")
                    + " on " + Logits4j.info().implementation());
        }
    }
}
