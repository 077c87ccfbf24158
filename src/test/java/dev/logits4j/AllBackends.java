package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * Every implementation this machine runs, by value, for the parity suites
 * ({@code @ParameterizedClass @MethodSource("dev.logits4j.AllBackends#all")}): the Java
 * kernels (Vector API where the JVM has the module, and scalar) and each native variant the CPU
 * supports. A variant the CPU lacks, or one of another architecture's library (neon on x86-64,
 * avx2 on AArch64), is left out; a native library that fails to load where the build made one
 * fails the run.
 */
final class AllBackends {
    private static final boolean EXPECT_NATIVE = Boolean.getBoolean("logits4j.test.expectNative");

    private AllBackends() {}

    static List<Backend> all() {
        List<Backend> all = new ArrayList<>(List.of(Backend.java(), Backend.javaScalar()));
        for (String variant : new String[] {"scalar", "neon", "avx2", "avx512"}) {
            try {
                all.add(Backend.nativeVariant(variant));
            } catch (IllegalArgumentException e) {
                // a CPU without it, or a variant this architecture's library does not build
                assertTrue(e.getMessage().contains("cannot run") || e.getMessage().contains("is not one of"),
                        e.getMessage());
            } catch (IllegalStateException e) {
                assertFalse(EXPECT_NATIVE, "the build made the native library: " + e.getMessage());
            }
        }
        return all;
    }
}
