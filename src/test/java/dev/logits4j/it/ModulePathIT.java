package dev.logits4j.it;

import static dev.logits4j.it.BuiltJars.jar;
import static dev.logits4j.it.BuiltJars.javacpp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars as modules: a consumer named module ({@code src/test/resources/module-consumer},
 * {@code requires dev.logits4j} and nothing else) compiled against the main jar and run on the
 * module path in fresh JVMs. With the platform jar and JavaCPP on the module path the native
 * kernels load (service binding resolves the platform module: no {@code --add-modules}); with the
 * main jar alone, or without the platform jar, the pure-Java kernels run and say why. Every run's
 * probabilities are checked against a float64 softmax computed here.
 */
class ModulePathIT {
    private static final Path TARGET = BuiltJars.TARGET;
    private static Path consumer;

    @BeforeAll
    static void compileConsumer() throws Exception {
        Path src = Paths.get("src/test/resources/module-consumer").toAbsolutePath();
        consumer = Files.createTempDirectory(TARGET, "module-consumer-");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", consumer.toString(), "--module-path", jar("").toString(),
                src.resolve("module-info.java").toString(), src.resolve("app/App.java").toString());
        assertEquals(0, status, "javac of the consumer module");
    }

    private static String run(String modulePath, String... jvmArgs) throws Exception {
        return runOn(Paths.get(System.getProperty("java.home"), "bin", "java"), modulePath, jvmArgs);
    }

    private static String runOn(Path java, String modulePath, String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache-it"));
        cmd.addAll(List.of(jvmArgs));
        cmd.add("--module-path");
        cmd.add(modulePath + File.pathSeparator + consumer);
        cmd.add("--module");
        cmd.add("app/app.App");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        checkProbabilities(out);
        return out;
    }

    /**
     * The consumer's 64 probabilities against float64 softmax, within the conformance rule's bound
     * for float32 softmax (relative (|x - max| + 5)·u plus the sum's error; u = 2^-24): here 2e-6.
     */
    private static void checkProbabilities(String out) {
        String line = out.lines().filter(l -> l.startsWith("probabilities:")).findFirst()
                .orElseThrow(() -> new AssertionError("no probabilities line\n" + out));
        String[] bits = line.substring("probabilities:".length()).trim().split(" ");
        assertEquals(64, bits.length, line);
        double[] x = new double[64];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 64; i++) {
            x[i] = (float) Math.sin(i * 0.7) * 5f;
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        for (int i = 0; i < 64; i++) {
            double expect = Math.exp(x[i] - max) / sum;
            float got = Float.intBitsToFloat(Integer.parseInt(bits[i]));
            assertTrue(Math.abs(got - expect) <= 2e-6 * expect, "p[" + i + "] = " + got + ", float64 " + expect);
        }
    }

    private static String implementation(String out) {
        return out.lines().filter(l -> l.startsWith("implementation:")).findFirst()
                .orElseThrow(() -> new AssertionError("no implementation line\n" + out)).substring(15).trim();
    }

    @Test
    void bothJarsOnTheModulePathLoadNative() throws Exception {
        String path = String.join(File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                javacpp().toString());
        String out = run(path, "--enable-native-access=ALL-UNNAMED");
        assertTrue(implementation(out).startsWith("native-"), out);
        assertTrue(out.contains("libjniNativeBinding.so"), out);
    }

    @Test
    void jdk25WithNativeAccessDeniedExceptForTheTwoModulesLoadsNative() throws Exception {
        // Reported as skipped where no JDK 25 is installed (this project's machines have one).
        Path jdk25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(jdk25), "no JDK 25 at " + jdk25);
        String path = String.join(File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                javacpp().toString());
        // JavaCPP's Loader calls System.load; NativeBinding (in dev.logits4j) declares the natives:
        // the flag in docs/USAGE.md ("Modules (JPMS)") names both.
        String out = runOn(jdk25, path, "--illegal-native-access=deny",
                "--enable-native-access=org.bytedeco.javacpp,dev.logits4j");
        assertTrue(implementation(out).startsWith("native-"), out);
        assertTrue(!out.contains("WARNING"), out);
    }

    @Test
    void vectorApiKernelsWorkOnTheModulePath() throws Exception {
        String out = run(jar("").toString(), "--add-modules", "jdk.incubator.vector");
        String kernels = out.lines().filter(l -> l.startsWith("java kernels:")).findFirst().orElse("");
        assertTrue(kernels.contains("Vector API") || kernels.contains("vector"), out);
    }

    @Test
    void mainJarAloneOnTheModulePathRunsJavaAndSaysWhy() throws Exception {
        String out = run(jar("").toString());
        assertEquals("java", implementation(out), out);
        assertTrue(out.contains("JavaCPP (org.bytedeco:javacpp) is not on the class path or module path"), out);
    }

    @Test
    void withoutThePlatformJarJavaRunsAndSaysWhy() throws Exception {
        // JavaCPP is on the module path but nothing requires it: the main module only reads it
        // statically, so it stays unresolved and the message is the same as without it.
        String out = run(jar("").toString() + File.pathSeparator + javacpp());
        assertEquals("java", implementation(out), out);
    }

    @Test
    void onlyThePublicApiIsExported() throws Exception {
        ModuleDescriptor main = descriptor(jar(""));
        assertEquals("dev.logits4j", main.name());
        Set<String> everyone = main.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.logits4j"), everyone);
        assertTrue(main.opens().stream().allMatch(ModuleDescriptor.Opens::isQualified), main.opens().toString());
        assertTrue(main.requires().stream().filter(r -> r.name().equals("org.bytedeco.javacpp"))
                .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)), main.requires().toString());
        ModuleDescriptor platform = descriptor(jar("-linux-x86_64"));
        assertEquals("dev.logits4j.linux.x86_64", platform.name());
        assertTrue(platform.exports().isEmpty(), platform.exports().toString());
        assertEquals(1, platform.provides().size(), platform.provides().toString());
    }

    private static Path arm64JarOrSkip() throws IOException {
        // Reported as skipped where the build had no cross compiler (profile linux-arm64-skipped).
        try (Stream<Path> s = Files.list(TARGET)) {
            Path jar = s.filter(p -> p.getFileName().toString().matches("logits4j-[^-]+(-SNAPSHOT)?-linux-arm64\\.jar"))
                    .findFirst().orElse(null);
            org.junit.jupiter.api.Assumptions.assumeTrue(jar != null,
                    "no linux-arm64 jar: the build had no /usr/bin/aarch64-linux-gnu-g++");
            return jar;
        }
    }

    @Test
    void theArm64JarIsItsOwnModuleWithAnAarch64Library() throws Exception {
        Path arm = arm64JarOrSkip();
        ModuleDescriptor platform = descriptor(arm);
        assertEquals("dev.logits4j.linux.arm64", platform.name());
        assertTrue(platform.exports().isEmpty(), platform.exports().toString());
        assertEquals(Set.of("dev.logits4j.internal.bundle.NativeBundle"),
                platform.provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()));
        ModuleDescriptor main = descriptor(jar(""));
        assertTrue(main.exports().stream().anyMatch(e -> e.source().equals("dev.logits4j.internal.bundle")
                && e.targets().equals(Set.of("dev.logits4j.linux.x86_64", "dev.logits4j.linux.arm64"))), main.exports().toString());
        try (java.util.jar.JarFile jf = new java.util.jar.JarFile(arm.toFile())) {
            java.util.jar.JarEntry lib = jf.getJarEntry("dev/logits4j/internal/nativeimpl/linux-arm64/libjniNativeBinding.so");
            assertTrue(lib != null, "the arm64 library in " + arm);
            byte[] elf = jf.getInputStream(lib).readNBytes(20);
            // ELF, 64-bit, little-endian; e_machine (bytes 18-19) 183 = EM_AARCH64
            assertEquals(0x7f, elf[0]);
            assertEquals(2, elf[4]);
            assertEquals(183, (elf[18] & 0xff) | (elf[19] & 0xff) << 8, "e_machine");
            assertTrue(jf.stream().noneMatch(e -> e.getName().contains("linux-x86_64")), "no x86 file in " + arm);
        }
        try (java.util.jar.JarFile jf = new java.util.jar.JarFile(jar("-linux-x86_64").toFile())) {
            assertTrue(jf.stream().noneMatch(e -> e.getName().contains("arm64")), "no arm64 file in the x86 jar");
        }
        try (java.util.jar.JarFile jf = new java.util.jar.JarFile(jar("").toFile())) {
            assertTrue(jf.stream().noneMatch(e -> e.getName().contains("linux-")), "no platform file in the main jar");
        }
    }

    @Test
    void bothPlatformJarsOnTheModulePathLoadThisMachinesLibrary() throws Exception {
        // As with a dependency on every classifier: both platform modules resolve, the loader
        // picks the library of the platform it runs on.
        String path = String.join(File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                arm64JarOrSkip().toString(), javacpp().toString());
        String out = run(path, "--enable-native-access=ALL-UNNAMED");
        assertTrue(implementation(out).startsWith("native-"), out);
        assertTrue(out.contains("linux-x86_64/libjniNativeBinding.so"), out);
    }

    private static ModuleDescriptor descriptor(Path jarFile) {
        Set<ModuleReference> refs = ModuleFinder.of(jarFile).findAll();
        assertEquals(1, refs.size(), jarFile.toString());
        ModuleDescriptor d = refs.iterator().next().descriptor();
        assertTrue(!d.isAutomatic(), jarFile + " is an automatic module: its descriptor was not found");
        return d;
    }
}
