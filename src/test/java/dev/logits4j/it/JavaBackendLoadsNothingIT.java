package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Choosing the Java implementation loads no native library: {@code Backend.java()}, the CLI's
 * {@code --backend java} and {@code -Dlogits4j.backend=java}, each in a fresh JVM on the packaged
 * jars (main, linux-x86_64, JavaCPP) with a fresh JavaCPP cache folder, run calls on arrays, heap
 * and direct buffers ({@code tools/JavaOnly}); then neither logits4j's library nor JavaCPP's is in
 * the JVM's /proc/self/maps and the cache folder holds no file. The same calls under auto, the
 * control, map logits4j's library and extract it, so the test can see a load when there is one.
 * (The overlap check of direct buffers used to resolve the JVM-wide backend, which loaded the
 * library under auto even for a call on {@code Backend.java()}.)
 */
class JavaBackendLoadsNothingIT {
    private static final Path TARGET = BuiltJars.TARGET;

    private static String run(String mode, List<String> flags, Path cache) throws Exception {
        String cp = String.join(File.pathSeparator, BuiltJars.jar("").toString(),
                BuiltJars.jar("-linux-x86_64").toString(), BuiltJars.javacpp().toString(),
                TARGET.resolve("test-classes").toString());
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dorg.bytedeco.javacpp.cachedir=" + cache));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", cp, "dev.logits4j.tools.JavaOnly", mode, cache.getParent().toString()));
        BuiltJars.Finished f = BuiltJars.run(cmd, "java-only-" + mode, 120);
        assertEquals(0, f.exit(), mode + "\n" + f.out());
        return f.out();
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static void loadsNothing(String mode, List<String> flags) throws Exception {
        Path cache = Files.createTempDirectory(TARGET, "java-only-" + mode).resolve("cache");
        String out = run(mode, flags, cache);
        assertTrue(out.contains("implementation: java"), mode + ": ran on java\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.equals("mapped: []")), mode + ": a native library was mapped\n" + out);
        assertEquals(List.of(), files(cache), mode + ": extracted into the cache\n" + out);
    }

    @Test
    void backendJavaByValueLoadsNothing() throws Exception {
        loadsNothing("value", List.of());
    }

    @Test
    void cliBackendJavaLoadsNothing() throws Exception {
        loadsNothing("cli", List.of());
    }

    @Test
    void backendPropertyJavaLoadsNothing() throws Exception {
        loadsNothing("property", List.of("-Dlogits4j.backend=java"));
    }

    @Test
    void autoLoadsTheLibraryAndTheTestSeesIt() throws Exception {
        Path cache = Files.createTempDirectory(TARGET, "java-only-auto").resolve("cache");
        String out = run("auto", List.of(), cache);
        assertTrue(out.contains("implementation: native-"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("mapped: [") && l.contains("libjniNativeBinding.so")), out);
        assertTrue(files(cache).stream().anyMatch(p -> p.getFileName().toString().equals("libjniNativeBinding.so")),
                "extracted: " + files(cache));
    }
}
