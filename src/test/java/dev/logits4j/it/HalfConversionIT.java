package dev.logits4j.it;

import static dev.logits4j.it.BuiltJars.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java implementation converts 16-bit logits by whichever exact route the JVM offers
 * ({@code HalfConversion}): {@code Float.float16ToFloat} on JDK 21+, Vector API lanes when the
 * incubator module is loaded, a table and a scalar shift otherwise. Each JVM this project tests
 * on runs {@code HalfConversionCheck} (every bit pattern, every buffer route) with and without
 * the Vector API, and must report the route it is meant to take and no mismatch. JDK 25 is
 * skipped where it is not installed (this project's machines have it).
 */
class HalfConversionIT {
    private static final Path TARGET = BuiltJars.TARGET;
    private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private static String check(Path java, boolean vector) throws Exception {
        String jar = jar("").toString();
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        if (vector) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", jar + File.pathSeparator + TARGET.resolve("test-classes"),
                "dev.logits4j.tools.HalfConversionCheck"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        assertTrue(out.contains("mismatches: 0"), out);
        return out;
    }

    @Test
    void thisJdkTakesItsRoutesExactly() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        boolean jdk21 = Runtime.version().feature() >= 21;
        String with = check(java, true);
        assertTrue(with.contains(jdk21 ? "float16 by Float.float16ToFloat" : "float16 by Vector API"), with);
        assertTrue(with.contains("bfloat16 by Vector API"), with);
        String without = check(java, false);
        assertTrue(without.contains(jdk21 ? "float16 by Float.float16ToFloat" : "float16 by table"), without);
        assertTrue(without.contains("bfloat16 by scalar shift"), without);
    }

    @Test
    void jdk25UsesFloat16ToFloatExactly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25);
        String with = check(JDK25, true);
        assertTrue(with.contains("route: float16 by Float.float16ToFloat, bfloat16 by Vector API"), with);
        String without = check(JDK25, false);
        assertTrue(without.contains("route: float16 by Float.float16ToFloat, bfloat16 by scalar shift"), without);
    }
}
