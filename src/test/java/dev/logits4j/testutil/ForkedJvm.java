package dev.logits4j.testutil;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a test class's {@code main} in a child JVM with this JVM's class path (surefire sets
 * {@code java.class.path} to the test class path), so that a native write past the end of an
 * array, which corrupts the heap and crashes a later GC, kills the child and not the test run.
 * The child gets the flags the parent runs with where they matter ({@code --add-modules
 * jdk.incubator.vector} when this JVM has it, native access), and HotSpot's crash reports go to
 * {@code target/forked-jvms}, where the result's description points.
 */
public final class ForkedJvm {
    private ForkedJvm() {}

    /** A finished (or killed) child: its exit status and everything it printed. */
    public static final class Result {
        public final int exitCode;
        public final boolean timedOut;
        public final String output;
        private final String command;
        private final Path errorDir;
        private final long pid;

        Result(int exitCode, boolean timedOut, String output, String command, Path errorDir, long pid) {
            this.exitCode = exitCode;
            this.timedOut = timedOut;
            this.output = output;
            this.command = command;
            this.errorDir = errorDir;
            this.pid = pid;
        }

        /** The exit, the crash report's problematic frame if HotSpot wrote one, the command and the output's tail. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            if (timedOut) {
                b.append("the child JVM did not finish in time (killed)");
            } else if (exitCode > 128) {
                b.append("the child JVM died: exit ").append(exitCode).append(" (signal ").append(exitCode - 128)
                        .append(exitCode == 134 ? ", SIGABRT: a HotSpot crash or a failed heap verification" : "")
                        .append(')');
            } else {
                b.append("the child JVM exited with ").append(exitCode);
            }
            Path hsErr = errorDir.resolve("hs_err_pid" + pid + ".log");
            if (Files.exists(hsErr)) {
                b.append("; crash report ").append(hsErr);
                try {
                    List<String> lines = Files.readAllLines(hsErr, StandardCharsets.ISO_8859_1);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).startsWith("# Problematic frame:") && i + 1 < lines.size()) {
                            b.append(", problematic frame ").append(lines.get(i + 1).substring(1).trim());
                        }
                    }
                } catch (IOException e) {
                    b.append(" (unreadable: ").append(e).append(')');
                }
            }
            b.append("\ncommand: ").append(command);
            String tail = output.length() > 6000 ? "..." + output.substring(output.length() - 6000) : output;
            b.append("\noutput:\n").append(tail);
            return b.toString();
        }
    }

    /** The {@code java} launcher of the running JVM. */
    public static Path javaLauncher() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    /** Whether this JVM runs with the Vector API module (so the child should too). */
    public static boolean hasVectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM of this JVM's version and class path,
     * with {@code jvmFlags} in front of the class; kills it after {@code timeoutSeconds}.
     */
    public static Result run(String mainClass, List<String> jvmFlags, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaLauncher().toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (hasVectorModule()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return run(cmd, timeoutSeconds);
    }

    /** Runs a whole command line (the launcher first), output and crash reports as {@link #run(String, List, List, long)}. */
    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path errorDir = Paths.get("target", "forked-jvms").toAbsolutePath();
        Files.createDirectories(errorDir);
        List<String> cmd = new ArrayList<>(command);
        cmd.add(1, "-XX:ErrorFile=" + errorDir + File.separator + "hs_err_pid%p.log");
        Path out = Files.createTempFile(errorDir, "child-", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        Files.delete(out);
        String shown = String.join(" ", Stream.of(cmd.toArray(new String[0]))
                .map(s -> s.length() > 200 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s)
                .toArray(String[]::new));
        return new Result(finished ? p.exitValue() : -1, !finished, text, shown, errorDir, p.pid());
    }
}
