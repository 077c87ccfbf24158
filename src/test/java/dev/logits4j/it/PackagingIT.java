package dev.logits4j.it;

import static dev.logits4j.it.BuiltJars.jar;
import static dev.logits4j.it.BuiltJars.javacpp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars, each in its own JVM (run by failsafe after {@code package}): the main jar
 * works alone on the pure-Java path and says why; with JavaCPP but without the classifier jar it
 * says the classifier jar is missing; with both, the native kernels load from the jar.
 */
class PackagingIT {
    private static final Path TARGET = BuiltJars.TARGET;

    private static String run(List<String> cmd, int expectedStatus) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedStatus, p.exitValue(), out);
        return out;
    }

    private static List<String> java(String classpath, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache-it"));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("dev.logits4j.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void mainJarAloneRunsPureJavaAndSaysWhy() throws Exception {
        String main = jar("").toString();
        String out = run(java(main, "info"), 0);
        assertTrue(out.contains("implementation: java"), out);
        assertTrue(out.contains("JavaCPP"), out);
        Path probs = Files.createTempDirectory("it").resolve("p.npy");
        run(java(main, "softmax", "--in", "examples/logits.npy", "--out", probs.toString()), 0);
        assertTrue(Files.size(probs) > 128);
        String forced = run(java(main, "info", "--backend", "native"), 0);
        assertTrue(forced.contains("not usable"), forced);
        run(java(main, "softmax", "--in", "examples/logits.npy", "--out", probs.toString(), "--backend", "native"), 2);
    }

    @Test
    void withoutTheClassifierJarTheMessageNamesIt() throws Exception {
        String cp = jar("") + java.io.File.pathSeparator + javacpp();
        String out = run(java(cp, "info"), 0);
        assertTrue(out.contains("implementation: java"), out);
        assertTrue(out.contains("linux-x86_64"), out);
    }

    @Test
    void withTheClassifierJarTheNativeKernelsLoadFromIt() throws Exception {
        String cp = jar("") + java.io.File.pathSeparator + jar("-linux-x86_64") + java.io.File.pathSeparator + javacpp();
        String out = run(java(cp, "info"), 0);
        assertTrue(out.contains("implementation: native-"), out);
        assertTrue(out.contains("javacpp-cache-it"), "loaded from the jar (extracted to the cache): " + out);
    }
}
