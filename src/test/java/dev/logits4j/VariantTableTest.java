package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.nativeimpl.NativeKernels;
import dev.logits4j.internal.nativeimpl.VariantTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The native variant table, as the Java side reads it: one place names every variant. */
class VariantTableTest {
    @Test
    void theTableIsWellFormedAndDecidesTheVariant() {
        int features;
        try {
            features = NativeKernels.cpuFeatures();
        } catch (Throwable t) {
            Assumptions.assumeFalse(Boolean.getBoolean("logits4j.test.expectNative"), "native must load: " + t);
            return;
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        int baseline = 0;
        int previousPriority = Integer.MAX_VALUE;
        for (VariantTable.Variant v : VariantTable.all()) {
            assertTrue(names.add(v.name()) && ids.add(v.id()), "unique: " + v);
            assertTrue(v.priority() < previousPriority, "widest first: " + v);
            previousPriority = v.priority();
            baseline += v.requiredFeatures() == 0 ? 1 : 0;
            assertEquals(v, VariantTable.byName(v.name()).orElseThrow());
            assertEquals(v.arch(), VariantTable.describeFeatures(0), "one architecture per build: " + v);
        }
        assertEquals(1, baseline, "exactly one variant runs on every CPU of the architecture");
        VariantTable.Variant best = VariantTable.best(features);
        assertTrue(VariantTable.supported(best, features));
        for (VariantTable.Variant v : VariantTable.all()) {
            if (VariantTable.supported(v, features)) {
                assertTrue(v.priority() <= best.priority(), "best is the widest supported: " + best + " vs " + v);
            }
        }
        assertEquals("native-" + best.name(), Backend.nativeVariant("auto").name());
    }

    /**
     * pom.xml runs the JVM-wide suites once per variant (one JVM each, {@code -Dlogits4j.isa});
     * Maven cannot read the native table, so its executions are a copy, checked here: every
     * variant this library has must have its execution.
     */
    @Test
    void pomRunsEveryVariant() throws IOException {
        try {
            NativeKernels.cpuFeatures();
        } catch (Throwable t) {
            Assumptions.assumeFalse(Boolean.getBoolean("logits4j.test.expectNative"), "native must load: " + t);
            return;
        }
        Path pom = Path.of("pom.xml");
        Assumptions.assumeTrue(Files.exists(pom), "run from the project directory");
        String text = Files.readString(pom);
        for (VariantTable.Variant v : VariantTable.all()) {
            assertTrue(text.contains("<id>native-" + v.name() + "</id>")
                            && text.contains("<logits4j.isa>" + v.name() + "</logits4j.isa>"),
                    "pom.xml has no surefire execution native-" + v.name() + " with -Dlogits4j.isa=" + v.name());
        }
    }
}
