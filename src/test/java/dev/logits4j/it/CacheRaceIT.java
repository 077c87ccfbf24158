package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Two builds of one SNAPSHOT loaded at the same time from one JavaCPP cache folder: four JVMs,
 * two on the built linux-x86_64 jar and two on a second build of it (same file name, a library
 * with other bytes), start together and wait for each other after loading
 * ({@code tools/CacheRace}). Each must keep the file it mapped: JavaCPP's own extraction, keyed by
 * the jar's name, deleted and rewrote that file under the first JVM (outside testers saw SIGBUS
 * in ld-linux from it); the content-keyed cache gives each build its own file.
 */
class CacheRaceIT {
    private static final Path TARGET = BuiltJars.TARGET;
    private static final String LIBRARY = "dev/logits4j/internal/nativeimpl/linux-x86_64/libjniNativeBinding.so";

    /**
     * A second build of the classifier jar, under the same file name in its own folder: the same
     * entries, but a library with bytes appended past its ELF sections (a different file, as a
     * rebuild makes, that still loads: ld.so maps only the segments).
     */
    private static Path secondBuild(Path jar, Path folder) throws IOException {
        Path out = Files.createDirectories(folder).resolve(jar.getFileName());
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream o = new JarOutputStream(Files.newOutputStream(out))) {
            boolean found = false;
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                o.putNextEntry(new JarEntry(e.getName()));
                try (InputStream s = in.getInputStream(e)) {
                    s.transferTo(o);
                }
                if (e.getName().equals(LIBRARY)) {
                    o.write(("second build " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
                    found = true;
                }
                o.closeEntry();
            }
            assertTrue(found, LIBRARY + " in " + jar);
        }
        return out;
    }

    @Test
    void twoBuildsOfOneSnapshotLoadAtOnceFromOneCache() throws Exception {
        Path work = Files.createTempDirectory(TARGET, "cache-race");
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path meet = Files.createDirectories(work.resolve("meet"));
        Path buildA = BuiltJars.jar("-linux-x86_64");
        Path buildB = secondBuild(buildA, work.resolve("b"));
        assertEquals(buildA.getFileName(), buildB.getFileName());

        String common = String.join(File.pathSeparator, BuiltJars.jar("").toString(),
                BuiltJars.javacpp().toString(), TARGET.resolve("test-classes").toString());
        List<Process> jvms = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        String[] names = {"a1", "b1", "a2", "b2"};
        for (String name : names) {
            Path jar = name.startsWith("a") ? buildA : buildB;
            Path log = work.resolve(name + ".txt");
            List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.bytedeco.javacpp.cachedir=" + cache,
                    "-cp", jar + File.pathSeparator + common, "dev.logits4j.tools.CacheRace",
                    name, meet.toString(), String.valueOf(names.length));
            jvms.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            logs.add(log);
        }
        Set<String> aFiles = new TreeSet<>();
        Set<String> bFiles = new TreeSet<>();
        for (int i = 0; i < jvms.size(); i++) {
            Process p = jvms.get(i);
            boolean done = p.waitFor(150, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String name = names[i];
            String out = Files.readString(logs.get(i));
            assertTrue(done, name + " still running\n" + out);
            assertEquals(0, p.exitValue(), name + " (exit 134/135: a crash, SIGBUS is 135)\n" + out);
            String line = out.lines().filter(l -> l.startsWith("cache race: ok " + name + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " printed no result\n" + out));
            (name.startsWith("a") ? aFiles : bFiles).add(line.substring(line.lastIndexOf(' ') + 1));
        }
        // each build one file, shared by its JVMs; the two builds never one file
        assertEquals(1, aFiles.size(), aFiles.toString());
        assertEquals(1, bFiles.size(), bFiles.toString());
        assertNotEquals(aFiles, bFiles);
        assertTrue(aFiles.iterator().next().startsWith(cache.toString()), aFiles + " under " + cache);
    }
}
