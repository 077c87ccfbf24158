package dev.logits4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Where the integration tests find what {@code mvn package} built: one place for every IT. */
final class BuiltJars {
    /** The build directory, absolute (failsafe runs in the project root). */
    static final Path TARGET = Paths.get("target").toAbsolutePath();

    private BuiltJars() {}

    /** The project jar with this suffix: "" for the main jar, "-linux-x86_64" for the classifier one. */
    static Path jar(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(TARGET)) {
            return s.filter(p -> p.getFileName().toString().matches("logits4j-[^-]+(-SNAPSHOT)?" + suffix + "\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar " + suffix + " in " + TARGET));
        }
    }

    /** The main jar, the linux-x86_64 jar, JavaCPP and the test classes (tools run in child JVMs). */
    static String classpathWithTests() throws IOException {
        return String.join(java.io.File.pathSeparator, jar("").toString(), jar("-linux-x86_64").toString(),
                javacpp().toString(), TARGET.resolve("test-classes").toString());
    }

    /** What a child JVM printed (stdout and stderr together) and its exit status. */
    record Finished(int exit, String out) {}

    /**
     * Runs {@code cmd} with its output in a file under target (named from {@code name}), fails
     * the test if it is still running after {@code seconds}, and returns what it printed.
     */
    static Finished run(List<String> cmd, String name, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(TARGET, name + "-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log);
        assertTrue(done, "still running after " + seconds + " s\n" + out);
        return new Finished(p.exitValue(), out);
    }

    /** The JavaCPP jar the build copied to target/lib. */
    static Path javacpp() throws IOException {
        try (Stream<Path> s = Files.list(TARGET.resolve("lib"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("javacpp-")).findFirst().orElseThrow();
        }
    }
}
