package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.logits4j.tools.RaceTorture} in a fresh JVM on the packaged jars, once with the
 * backend chosen automatically and once with native forced: writer threads rewrite targets,
 * shapes, class weights and logits while caller threads pass that memory to every op. The child
 * must exit 0 (every call returned or threw a documented IllegalArgumentException /
 * IndexOutOfBoundsException), print its summary line, and leave no hs_err_pid*.log in its working
 * directory (a JVM crash from an out-of-bounds native access).
 *
 * <p>{@code -Dlogits4j.race.seconds=N} per run (default 15; minutes locally);
 * {@code -Dlogits4j.race.writers}, {@code -Dlogits4j.race.callers}, {@code -Dlogits4j.race.seed}
 * are passed on to the child.
 */
class RaceTortureIT {
    private static final Path TARGET = Paths.get("target").toAbsolutePath();
    private static final int SECONDS = Integer.getInteger("logits4j.race.seconds", 15);

    @Test
    void backendAutoSurvivesMemoryRewrittenDuringCalls() throws Exception {
        torture("auto");
    }

    @Test
    void nativeForcedSurvivesMemoryRewrittenDuringCalls() throws Exception {
        torture("native");
    }

    private static String classpath() throws IOException {
        List<String> parts = new ArrayList<>();
        try (Stream<Path> s = Files.list(TARGET)) {
            s.filter(p -> p.getFileName().toString().matches("logits4j-.*\\.jar")).sorted()
                    .forEach(p -> parts.add(p.toString()));
        }
        assertTrue(parts.size() >= 2, "the main and the linux-x86_64 jars in " + TARGET + ": " + parts);
        try (Stream<Path> s = Files.list(TARGET.resolve("lib"))) {
            s.sorted().forEach(p -> parts.add(p.toString()));
        }
        parts.add(TARGET.resolve("test-classes").toString());
        return String.join(File.pathSeparator, parts);
    }

    private static void torture(String backend) throws Exception {
        Path dir = Files.createTempDirectory(TARGET, "race-torture-" + backend + "-");
        Path log = dir.resolve("output.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx256m");
        cmd.add("-Dlogits4j.backend=" + backend);
        cmd.add("-Dlogits4j.race.seconds=" + SECONDS);
        for (String p : new String[] {"logits4j.race.writers", "logits4j.race.callers", "logits4j.race.seed",
            "logits4j.race.nativeOrderOnly"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add("dev.logits4j.tools.RaceTorture");
        // the working directory is where a crashing JVM writes hs_err_pid<pid>.log
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(SECONDS + 150L, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        String shown = out.length() > 20_000 ? out.substring(0, 10_000) + "\n[...]\n" + out.substring(out.length() - 10_000) : out;
        List<Path> crashes;
        try (Stream<Path> s = Files.list(dir)) {
            crashes = s.filter(f -> f.getFileName().toString().matches("hs_err_pid.*\\.log")).collect(Collectors.toList());
        }
        if (!crashes.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Path c : crashes) {
                sb.append(c).append(":\n");
                try (Stream<String> lines = Files.lines(c, StandardCharsets.ISO_8859_1)) {
                    lines.filter(l -> l.startsWith("# Problematic frame") || l.startsWith("# C ") || l.startsWith("# V ")
                            || l.startsWith("# J ") || l.startsWith("#  SIG")).forEach(l -> sb.append("  ").append(l).append('\n'));
                }
            }
            fail("backend " + backend + ": the JVM crashed (hs_err file in its working directory)\n" + sb + "\n" + shown);
        }
        assertTrue(done, "backend " + backend + ": RaceTorture still running " + (SECONDS + 150) + " s later\n" + shown);
        assertEquals(0, p.exitValue(), "backend " + backend + ": exit status (1: an undocumented outcome, 2: a hung thread)\n" + shown);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("race-torture: ") && l.contains(" calls: ")),
                "backend " + backend + ": no summary line\n" + shown);
    }
}
