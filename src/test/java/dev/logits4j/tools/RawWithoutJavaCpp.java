package dev.logits4j.tools;

import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.OffHeap;
import dev.logits4j.Tensor;

/**
 * {@code OffHeap} on a raw address in a JVM that may lack JavaCPP altogether (the main jar alone):
 * names no JavaCPP type, so that only logits4j's own classes decide what happens. Prints the
 * exception viewing the address throws (it must be an IllegalStateException, never an Error).
 */
public final class RawWithoutJavaCpp {
    private RawWithoutJavaCpp() {}

    public static void main(String[] args) {
        try {
            Tensor x = OffHeap.tensor(4096, 4, DType.F32, 4);
            Logits4j.ops().softmax(x, OffHeap.tensor(8192, 4, DType.F32, 4), -1);
            System.out.println("raw call returned");
        } catch (RuntimeException | Error e) {
            System.out.println("threw " + e.getClass().getName() + ": " + e.getMessage());
        }
        System.out.println("implementation: " + Logits4j.info().implementation());
    }
}
