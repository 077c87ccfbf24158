package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.logits4j.tools.SelectionAllocation} on JDK 25 over the packaged jars (issue 23,
 * finding 7): heap bytes per selection call at vocabulary 128256, on both backends, views made
 * once. A platform thread's steady state is 0 bytes per call for every selection op (up to 320
 * before views: the facade's per-call operand objects; a repetition penalty over 2048 ids allocated
 * 74 KB per call before the plan stopped building a name per id and copying the history per
 * call); a new virtual thread per call allocates under 64 KiB per call (5 MB before the
 * selection scratch was pooled for virtual threads).
 */
class SelectionAllocationIT {
    private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void selectionCallsAllocateWithinTheBounds() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25);
        List<String> cmd = List.of(JDK25.toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-Dlogits4j.alloc.platformBytes=0", "-Dlogits4j.alloc.virtualBytes=65536",
                "-cp", BuiltJars.classpathWithTests(), "dev.logits4j.tools.SelectionAllocation");
        BuiltJars.Finished run = BuiltJars.run(cmd, "selection-alloc", 300);
        String out = run.out();
        assertTrue(out.contains("selection-allocation: native virtual sample-history2048"), out);
        assertEquals(0, run.exit(), "a bound was exceeded\n" + out);
        System.out.println(out.strip());
    }
}
