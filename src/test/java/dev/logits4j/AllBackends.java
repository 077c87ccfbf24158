package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.nativeimpl.VariantTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every implementation this machine runs, by value, for the parity suites
 * ({@code @ParameterizedClass @MethodSource("dev.logits4j.AllBackends#all")}): the Java
 * kernels (Vector API where the JVM has the module, and scalar) and each native variant of the
 * library's variant table ({@link VariantTable}, read from {@code native/dispatch/variants.h})
 * that the CPU supports; one it lacks must be refused by name. A native library that fails to
 * load where the build made one fails the run.
 */
final class AllBackends {
    private static final boolean EXPECT_NATIVE = Boolean.getBoolean("logits4j.test.expectNative");

    private AllBackends() {}

    static List<Backend> all() {
        List<Backend> all = new ArrayList<>(List.of(Backend.java(), Backend.javaScalar()));
        try {
            Backend.nativeVariant("auto");   // loads the library through the facade's checks
        } catch (IllegalStateException e) {
            assertFalse(EXPECT_NATIVE, "the build made the native library: " + e.getMessage());
            return all;
        }
        int features = NativeKernels.cpuFeatures();
        List<VariantTable.Variant> variants = new ArrayList<>(VariantTable.all());
        variants.sort(Comparator.comparingInt(VariantTable.Variant::priority));   // scalar first
        for (VariantTable.Variant v : variants) {
            if (VariantTable.supported(v, features)) {
                all.add(Backend.nativeVariant(v.name()));
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Backend.nativeVariant(v.name()));
                assertTrue(e.getMessage().contains("cannot run"), e.getMessage());
            }
        }
        return all;
    }
}
