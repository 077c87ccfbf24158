package dev.logits4j.it;

import static dev.logits4j.it.BuiltJars.jar;
import static dev.logits4j.it.BuiltJars.javacpp;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code MemorySegment} overloads ({@code dev.logits4j.Segments}, in the main jar's
 * {@code META-INF/versions/22}) on JDK 25: {@code src/test/java22/.../SegmentChecks} is compiled
 * against the packaged main jar and run with every segment kind on Java and native (both jars),
 * then with the main jar alone (no JavaCPP, no JNI: the Java kernels read the segments directly),
 * and likewise {@code SelectSegmentChecks} for argmax, topK, topLogProbs and sample,
 * then on JDK 17, where the class must not exist (the class path sees no change).
 */
class SegmentsIT {
    private static final Path TARGET = BuiltJars.TARGET;
    private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin");
    private static Path classes;

    @BeforeAll
    static void compileChecks() throws Exception {
        // Reported as skipped where no JDK 25 is installed (this project's machines have one;
        // the memory-segment profile that builds the class needs it too).
        Assumptions.assumeTrue(Files.isExecutable(JDK25.resolve("javac")), "no JDK 25 at " + JDK25);
        classes = Files.createTempDirectory(TARGET, "segment-checks-");
        String out = run(List.of(JDK25.resolve("javac").toString(), "--release", "22", "-d", classes.toString(),
                "-cp", jar("") + File.pathSeparator + TEST_CLASSES,
                "src/test/java22/dev/logits4j/LegacySegments.java",
                "src/test/java22/dev/logits4j/tools/SegmentChecks.java",
                "src/test/java22/dev/logits4j/tools/SelectSegmentChecks.java",
                "src/test/java22/dev/logits4j/examples/SegmentExample.java"));
        assertTrue(Files.exists(classes.resolve("dev/logits4j/tools/SegmentChecks.class")), out);
    }

    private static final java.nio.file.Path TEST_CLASSES = TARGET.resolve("test-classes");

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished: " + cmd);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        return out;
    }

    private static String checks(String classpath, String... jvmArgs) throws Exception {
        return program("dev.logits4j.tools.SegmentChecks", classpath, jvmArgs);
    }

    private static String program(String main, String classpath, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JDK25.resolve("java").toString()));
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache-it"));
        cmd.addAll(List.of(jvmArgs));
        // the checks call the ops through the test-side adapters (LegacyOps, LegacySegments)
        cmd.addAll(List.of("-cp", classpath + File.pathSeparator + classes + File.pathSeparator
                + TEST_CLASSES, main));
        String out = run(cmd);
        System.out.println(out.strip());
        return out;
    }

    @Test
    void everySegmentKindGivesTheArrayResultOnJavaAndNative() throws Exception {
        String cp = String.join(File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                javacpp().toString());
        String out = checks(cp, "--enable-native-access=ALL-UNNAMED");
        assertTrue(out.contains("all equal to the array results, backends [Backend[java], Backend[native-"), out);
    }

    @Test
    void selectionOpsOnEverySegmentKindGiveTheArrayResultOnJavaAndNative() throws Exception {
        String cp = String.join(File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                javacpp().toString());
        String out = program("dev.logits4j.tools.SelectSegmentChecks", cp, "--enable-native-access=ALL-UNNAMED");
        assertTrue(out.contains("all equal to the array results, backends [Backend[java], Backend[native-"), out);
        String alone = program("dev.logits4j.tools.SelectSegmentChecks", jar("").toString());
        assertTrue(alone.contains("all equal to the array results, backends [Backend[java]]"), alone);
    }

    @Test
    void readmeSegmentExampleRunsOnNativeAndOnTheMainJarAlone() throws Exception {
        String cp = String.join(File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                javacpp().toString());
        String out = program("dev.logits4j.examples.SegmentExample", cp, "--enable-native-access=ALL-UNNAMED");
        assertTrue(out.contains("segment example: ok on Backend[auto]"), out);
        assertTrue(program("dev.logits4j.examples.SegmentExample", jar("").toString())
                .contains("segment example: ok on Backend[auto]"));
    }

    @Test
    void segmentsWorkWithTheMainJarAlone() throws Exception {
        String out = checks(jar("").toString());
        assertTrue(out.contains("all equal to the array results, backends [Backend[java]]"), out);
        assertTrue(out.contains("not on the class path"), out);
    }

    @Test
    void jdk17SeesNoSegmentsClass() throws Exception {
        Path java17 = Paths.get(System.getProperty("java.home"), "bin", "java");
        // The multi-release jar on JDK 17: the base classes only (this test's JVM is JDK 17).
        Assumptions.assumeTrue(Runtime.version().feature() < 22, "the test JVM is JDK " + Runtime.version());
        String probe = "class P { public static void main(String[] a) { try { Class.forName(\"dev.logits4j.Segments\");"
                + " System.out.println(\"present\"); } catch (ClassNotFoundException e) { System.out.println(\"absent\"); } } }";
        Path src = Files.createTempDirectory(TARGET, "mr-probe-").resolve("P.java");
        Files.writeString(src, probe);
        String out = run(List.of(java17.toString(), "-cp", jar("").toString(), src.toString()));
        assertEquals("absent", out.strip());
        String on25 = run(List.of(JDK25.resolve("java").toString(), "-cp", jar("").toString(), src.toString()));
        assertEquals("present", on25.strip());
    }
}
