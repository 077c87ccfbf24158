package dev.logits4j.tools;

import dev.logits4j.LegacyOffHeap;
import dev.logits4j.Legacy;
import dev.logits4j.Logits4j;
import dev.logits4j.OffHeap;
import dev.logits4j.SoftmaxOptions;
import org.bytedeco.javacpp.FloatPointer;

/**
 * docs/USAGE.md's JavaCPP example as a program, for {@code it.OffHeapLoadingIT} to run in fresh JVMs
 * (nothing from logits4j has run before the pointers are made). {@code raw} instead calls
 * {@code OffHeap} on a raw address, to see what a JVM without any native library answers.
 */
public final class PointerExample {
    private PointerExample() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("raw")) {
            try {
                LegacyOffHeap.softmaxF32(4096, 4, 8192, 4, new int[] {4}, -1, SoftmaxOptions.DEFAULT);
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
        try (FloatPointer x = new FloatPointer(logits); FloatPointer y = new FloatPointer(logits.length)) {
            LegacyOffHeap.logSoftmax(x, y, new int[] {rows, cols}, -1, SoftmaxOptions.DEFAULT);
            float[] out = new float[logits.length];
            y.get(out);
            float[] expected = Legacy.logSoftmax(logits, new int[] {rows, cols}, -1, SoftmaxOptions.DEFAULT);
            System.out.println("pointer example: " + (java.util.Arrays.equals(out, expected) ? "ok" : "MISMATCH")
                    + " on " + Logits4j.info().implementation());
        }
    }
}
