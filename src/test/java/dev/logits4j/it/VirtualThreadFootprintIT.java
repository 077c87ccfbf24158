package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.logits4j.tools.VirtualThreadFootprint} on JDK 25 over the packaged jars: 10,000
 * virtual threads, each making staged native calls (half of them above the size a staging slot
 * keeps). The native memory retained afterwards must stay under the bound {@code Staging}
 * documents for virtual threads: its pool size (max(2, processors)) times three 1 MiB slots plus
 * the 16-byte report pair. Before the bound existed, each virtual thread kept its own staging
 * buffers (191 MiB of direct memory after 1,000 calls).
 */
class VirtualThreadFootprintIT {
    private static final Path TARGET = Paths.get("target").toAbsolutePath();
    private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void tenThousandVirtualThreadsRetainAtMostThePoolBound() throws Exception {
        // Reported as skipped where no JDK 25 is installed (this project's machines have one).
        Assumptions.assumeTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25);
        long pool = Math.max(2, Runtime.getRuntime().availableProcessors());
        long bound = pool * (3 * (1L << 20) + 16);
        List<String> cmd = new ArrayList<>(List.of(JDK25.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-Dlogits4j.backend=native", "-Dlogits4j.vt.threads=10000",
                "-Dlogits4j.vt.boundBytes=" + bound, "-cp", classpath(),
                "dev.logits4j.tools.VirtualThreadFootprint"));
        BuiltJars.Finished run = BuiltJars.run(cmd, "vt-footprint", 300);
        String out = run.out();
        assertEquals(0, run.exit(), "exit status (1: retained above the bound, 2: a wrong result)\n" + out);
        assertTrue(out.contains("virtual-thread-footprint: threads 10000"), out);
        System.out.println(out.strip());
    }

    private static String classpath() throws IOException {
        List<String> parts = new ArrayList<>();
        try (Stream<Path> s = Files.list(TARGET)) {
            s.filter(p -> p.getFileName().toString().matches("logits4j-[^-]+-SNAPSHOT(-linux-x86_64)?\\.jar")
                    || p.getFileName().toString().matches("logits4j-[0-9.]+(-linux-x86_64)?\\.jar"))
                    .sorted().forEach(p -> parts.add(p.toString()));
        }
        assertTrue(parts.size() >= 2, "the main and the linux-x86_64 jars in " + TARGET + ": " + parts);
        try (Stream<Path> s = Files.list(TARGET.resolve("lib"))) {
            s.sorted().forEach(p -> parts.add(p.toString()));
        }
        parts.add(TARGET.resolve("test-classes").toString());
        return String.join(File.pathSeparator, parts);
    }
}
