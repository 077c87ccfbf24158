package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.choice.Backends;
import org.junit.jupiter.api.Test;

/**
 * The implementation a test JVM asked for is the one that runs: forced variants are really
 * active, and where the build produced the native library (CI here) it must have loaded.
 */
class VariantTest {
    @Test
    void theRequestedImplementationRuns() {
        String backend = System.getProperty("logits4j.backend", "auto");
        String isa = System.getProperty("logits4j.isa", "auto");
        BackendInfo info = Logits4j.info();
        String largeCall = Backends.selection().forElements(1 << 20).name();
        switch (backend) {
            case "java" -> {
                assertEquals("java", info.implementation());
                assertEquals("java", largeCall);
            }
            case "native" -> {
                assertTrue(info.implementation().startsWith("native-"), info.describe());
                assertEquals(info.implementation(), largeCall);
                assertEquals("native", info.backend());
                if (!isa.equals("auto")) {
                    assertEquals("native-" + isa, info.implementation(), info.describe());
                }
                assertEquals(largeCall, Backends.selection().forElements(1).name(),
                        "forced native runs every call natively");
            }
            default -> {
                if (Boolean.getBoolean("logits4j.test.expectNative")) {
                    assertTrue(largeCall.startsWith("native-"),
                            "the native library was built, so auto must use it: " + info.describe());
                }
            }
        }
    }

    @Test
    void infoNamesTheCpuFeaturesAndTheLibraryWhenNative() {
        BackendInfo info = Logits4j.info();
        if (info.implementation().startsWith("native-")) {
            // the architecture the library was built for comes first
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86-64";
            assertTrue(info.cpuFeatures().startsWith(arch), info.describe());
            assertTrue(info.nativeLibrary().endsWith(".so"), info.describe());
        } else {
            assertTrue(info.reason().length() > 10, info.describe());
        }
    }
}
