package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Native memory in fresh JVMs on the packaged jars: docs/USAGE.md's JavaCPP pointer example (with
 * JavaCPP's platform jar, as USAGE.md says) works before any other logits4j call, with the native or the Java backend, and with or without
 * logits4j's classifier jar (JavaCPP's own natives then carry the pointers); with no native library
 * at all {@code OffHeap} throws one IllegalStateException that says why; a variant asked for with
 * the Java backend is an error, not silently ignored.
 */
class OffHeapLoadingIT {
    private static final Path TARGET = Paths.get("target").toAbsolutePath();

    private static String jar(String classifier) throws IOException {
        try (Stream<Path> s = Files.list(TARGET)) {
            return s.map(Path::toString)
                    .filter(p -> p.matches(".*/logits4j-[^/]*-SNAPSHOT" + classifier + "\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar " + classifier + " in " + TARGET));
        }
    }

    /** JavaCPP's jar and its platform jar (JavaCPP's own natives), from this test's class path. */
    private static String javacpp(boolean withNatives) {
        List<String> parts = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Paths.get(e).getFileName().toString();
            if (name.matches("javacpp-[0-9.]+\\.jar") || (withNatives && name.matches("javacpp-[0-9.]+-linux-x86_64\\.jar"))) {
                parts.add(e);
            }
        }
        assertEquals(withNatives ? 2 : 1, parts.size(), "JavaCPP jars on the test class path: " + parts);
        return String.join(File.pathSeparator, parts);
    }

    private static String run(String classpath, List<String> jvmArgs, String main, int expected, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "no hang: " + cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expected, p.exitValue(), out);
        return out;
    }

    private static String cp(String... parts) {
        return String.join(File.pathSeparator, parts);
    }

    private static final String EXAMPLE = "dev.logits4j.tools.PointerExample";

    @Test
    void readmePointerExampleWorksInAFreshJvmOnEveryBackend() throws Exception {
        String tests = TARGET.resolve("test-classes").toString();
        // JavaCPP pointers need JavaCPP's own natives (its platform jar), as for every JavaCPP
        // preset: docs/USAGE.md's dependency note for pointers names it.
        String full = cp(jar(""), jar("-linux-x86_64"), javacpp(true), tests);
        String out = run(full, List.of(), EXAMPLE, 0);
        assertTrue(out.contains("pointer example: ok on native-"), out);
        out = run(full, List.of("-Dlogits4j.backend=java"), EXAMPLE, 0);
        assertTrue(out.contains("pointer example: ok on java"), out);
        // Without logits4j's library: JavaCPP's own natives make the pointers, Java computes.
        String mainOnly = cp(jar(""), javacpp(true), tests);
        out = run(mainOnly, List.of(), EXAMPLE, 0);
        assertTrue(out.contains("pointer example: ok on java"), out);
    }

    @Test
    void withoutAnyNativeLibraryOffHeapSaysWhy() throws Exception {
        String tests = TARGET.resolve("test-classes").toString();
        String out = run(cp(jar(""), javacpp(false), tests), List.of(), EXAMPLE, 0, "raw");
        assertTrue(out.contains("IllegalStateException: OffHeap needs a native library"), out);
        assertTrue(out.contains("linux-x86_64"), out);
        assertTrue(out.contains("implementation: java"), out);
        String info = run(cp(jar(""), javacpp(false)), List.of(), "dev.logits4j.cli.Main", 0, "info");
        assertTrue(info.contains("raw memory:     OffHeap unusable"), info);
    }

    @Test
    void mainJarAloneOffHeapThrowsIllegalStateExceptionNotAnError() throws Exception {
        // No JavaCPP at all: linking OffHeap must not need a JavaCPP class.
        String out = run(cp(jar(""), TARGET.resolve("test-classes").toString()), List.of(),
                "dev.logits4j.tools.RawWithoutJavaCpp", 0);
        assertTrue(out.contains("threw java.lang.IllegalStateException: OffHeap needs a native library"), out);
        assertTrue(out.contains("JavaCPP (org.bytedeco:javacpp) is not on the class path"), out);
        assertTrue(out.contains("implementation: java"), out);
    }

    @Test
    void aVariantWithTheJavaBackendIsAnError() throws Exception {
        String full = cp(jar(""), jar("-linux-x86_64"), javacpp(false));
        String out = run(full, List.of("-Dlogits4j.backend=java", "-Dlogits4j.isa=avx2"), "dev.logits4j.cli.Main", 2,
                "softmax", "--in", "examples/logits.npy", "--out", TARGET.resolve("never-isa.npy").toString());
        assertTrue(out.contains("-Dlogits4j.isa=avx2") && out.contains("java"), out);
        assertTrue(!Files.exists(TARGET.resolve("never-isa.npy")));
    }
}
