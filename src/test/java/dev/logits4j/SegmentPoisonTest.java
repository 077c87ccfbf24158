package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.ForkedJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, finding 4 (reproducer {@code SegPoison.java}): a sample call on a shared-arena
 * segment whose arena another thread closes mid-call (the docs say not to) throws
 * IllegalStateException; afterwards later calls on the same thread, on ordinary heap arrays, were
 * wrong (a greedy sample whose maximum is token 0 gave -1): the exception left per-thread work
 * memory half written. An exception in the middle of a call must leave the thread's next calls
 * right.
 *
 * <p>The program below ({@link #PROGRAM}) needs JDK 22+ (MemorySegment) and the main classes'
 * {@code META-INF/versions/22} (where the build compiles {@code Segments}); it runs in a child JVM
 * of such a JDK with the source launcher, on every backend this machine has: rounds of a closer
 * thread that closes the arena at a random moment of a call (timed from the call's start), each
 * followed by checks on heap arrays whose answers it computes by plain sorting: a greedy sample,
 * a sample with history and top-k, and topK. Each backend runs on a fresh thread. The test is
 * skipped where no JDK 22+ is found ({@code -Dlogits4j.test.jdk22=<JDK home>}, else this JVM if
 * it is one, else {@code /usr/lib/jvm/temurin-25-jdk-amd64}). The race is timed, so each backend runs for
 * {@code -Dlogits4j.poison.millis} (default 1200) or until the first wrong answer; the test also
 * asserts that exceptions did come mid-call (else it proved nothing).
 */
class SegmentPoisonTest {
    static final String PROGRAM = """
            import dev.logits4j.*;
            import java.lang.foreign.*;
            import java.util.*;
            import java.util.concurrent.atomic.*;

            public class SegmentPoisonProgram {
                static final int V = 65536;

                /** Positions of x by value descending, ties by index: a plain sort. */
                static Integer[] order(float[] x) {
                    Integer[] o = new Integer[x.length];
                    for (int i = 0; i < o.length; i++) o[i] = i;
                    Arrays.sort(o, (p, q) -> x[p] != x[q] ? Float.compare(x[q], x[p]) : Integer.compare(p, q));
                    return o;
                }

                public static void main(String[] a) throws Exception {
                    long millis = Long.parseLong(a[0]);
                    int failed = 0;
                    for (int b = 1; b < a.length; b++) {
                        // each backend on a fresh thread: the pipeline's per-thread memory is
                        // shared by the backends, so one poisoned thread would fail them all
                        String name = a[b];
                        boolean[] ok = {false};
                        Thread t = new Thread(() -> {
                            try {
                                ok[0] = run(name, millis);
                            } catch (Exception e) {
                                e.printStackTrace(System.out);
                            }
                        });
                        t.start();
                        t.join();
                        failed += ok[0] ? 0 : 1;
                    }
                    System.exit(failed == 0 ? 0 : 1);
                }

                static Backend backend(String name) {
                    return name.equals("java") ? Backend.java() : Backend.nativeVariant(name.substring("native-".length()));
                }

                /** False when a later call was wrong. */
                static boolean run(String name, long millis) throws Exception {
                    Backend be = backend(name);
                    Ops ops = Logits4j.with(be);
                    int[] hist = new int[16000];
                    for (int i = 0; i < hist.length; i++) hist[i] = i;
                    SamplingOptions withHistory = SamplingOptions.DEFAULT.withTopK(50)
                            .withPresenceFrequencyPenalty(0.5, 0.0).withHistory(new int[][] {hist});
                    Random r = new Random(5);
                    float[] row = new float[V];
                    for (int j = 0; j < V; j++) row[j] = (float) r.nextGaussian();
                    // the checks: token 0 is the clear maximum
                    float[] check = row.clone();
                    check[0] = 50f;
                    Integer[] order = order(check);
                    int[] shape = {1, V};
                    SamplingOptions greedy = SamplingOptions.DEFAULT.withTemperature(0);
                    // token 0 penalised far down (and token order[1] too): the greedy token is order[2]
                    SamplingOptions penalised = SamplingOptions.DEFAULT.withTemperature(0).withTopK(5)
                            .withPresenceFrequencyPenalty(100, 0).withHistory(new int[][] {{0, order[1], 0}});
                    // the duration of one call, for the closer's timing
                    long took;
                    try (Arena ar = Arena.ofShared()) {
                        MemorySegment xs = ar.allocate(4L * V);
                        MemorySegment.copy(row, 0, xs, ValueLayout.JAVA_FLOAT, 0, V);
                        for (int i = 0; i < 5; i++) ops.sample(Segments.tensor(xs, DType.F32, shape), withHistory, Tensor.of(new double[] {0.5}), Tensor.of(new int[1]), null);
                        long t0 = System.nanoTime();
                        for (int i = 0; i < 5; i++) ops.sample(Segments.tensor(xs, DType.F32, shape), withHistory, Tensor.of(new double[] {0.5}), Tensor.of(new int[1]), null);
                        took = Math.max(1, (System.nanoTime() - t0) / 5);
                    }
                    long end = System.nanoTime() + millis * 1_000_000L;
                    int rounds = 0, midCall = 0, wrong = 0, interrupts = 0;
                    String first = null;
                    while (System.nanoTime() < end && wrong == 0) {
                        rounds++;
                        Arena ar = Arena.ofShared();
                        MemorySegment xs = ar.allocate(4L * V);
                        MemorySegment.copy(row, 0, xs, ValueLayout.JAVA_FLOAT, 0, V);
                        AtomicLong started = new AtomicLong();
                        long delay = (long) (r.nextDouble() * took);
                        Thread closer = new Thread(() -> {
                            long t;
                            while ((t = started.get()) == 0) Thread.onSpinWait();
                            while (System.nanoTime() - t < delay) Thread.onSpinWait();
                            ar.close();
                        });
                        closer.start();
                        String ex = null;
                        try {
                            long t0 = System.nanoTime();
                            started.set(t0);
                            ops.sample(Segments.tensor(xs, DType.F32, shape), withHistory, Tensor.of(new double[] {0.5}), Tensor.of(new int[1]), null);
                            took = (took + System.nanoTime() - t0) / 2;   // follows the JIT's progress
                        } catch (IllegalStateException e) {
                            midCall++;
                            ex = e.toString();
                        }
                        // (the thread is sometimes interrupted when the arena closes under a call)
                        while (closer.isAlive()) {
                            try {
                                closer.join();
                            } catch (InterruptedException e) {
                                interrupts++;
                            }
                        }
                        interrupts += Thread.interrupted() ? 1 : 0;
                        int g = ops.sample(Tensor.of(check, shape), greedy, new java.util.Random(1))[0];
                        int p = ops.sample(Tensor.of(check, shape), penalised, new java.util.Random(1))[0];
                        int[] top = new int[3];
                        ops.topK(Tensor.of(check, shape), 3, Tensor.of(new float[3]), Tensor.of(top));
                        String bad = g != 0 ? "greedy token " + g + ", want 0"
                                : p != order[2] ? "greedy token with history {0, " + order[1] + "} " + p + ", want " + order[2]
                                : top[0] != order[0] || top[1] != order[1] || top[2] != order[2]
                                        ? "topK(3) " + Arrays.toString(top) + ", want [" + order[0] + ", " + order[1] + ", " + order[2] + "]"
                                : null;
                        if (bad != null) {
                            wrong++;
                            first = "after " + midCall + " exceptions mid-call (the last: " + ex + "), on heap arrays on the same thread: " + bad;
                        }
                    }
                    System.out.println(name + ": rounds " + rounds + ", exceptions mid-call " + midCall + ", wrong " + wrong
                            + " (one call " + took / 1000 + " us, interrupts " + interrupts + ")" + (first == null ? "" : "; " + first));
                    return wrong == 0;
                }
            }
            """;

    /** A JDK 22+ {@code java} launcher, or null. */
    private static Path jdk22Launcher() {
        String home = System.getProperty("logits4j.test.jdk22");
        if (home == null && Runtime.version().feature() >= 22) {
            home = System.getProperty("java.home");
        }
        if (home == null) {
            home = "/usr/lib/jvm/temurin-25-jdk-amd64";
        }
        Path java = Paths.get(home, "bin", "java");
        return Files.isExecutable(java) ? java : null;
    }

    /** The main classes directory on the class path (surefire puts target/classes there). */
    private static Path mainClasses() {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(e);
            if (Files.isDirectory(p) && Files.exists(p.resolve("dev/logits4j/Logits4j.class"))) {
                return p;
            }
        }
        return null;
    }

    @Test
    void anExceptionMidCallLeavesTheThreadsLaterCallsRight() throws Exception {
        Path java = jdk22Launcher();
        Assumptions.assumeTrue(java != null, "no JDK 22+ (set -Dlogits4j.test.jdk22=<JDK home>)");
        Path classes = mainClasses();
        Assumptions.assumeTrue(classes != null && Files.isDirectory(classes.resolve("META-INF/versions/22")),
                "the build made no META-INF/versions/22 (Segments) in " + classes);
        Path dir = Files.createDirectories(Paths.get("target", "forked-jvms").toAbsolutePath());
        Path source = dir.resolve("SegmentPoisonProgram.java");
        Files.writeString(source, PROGRAM);
        List<String> backends = new ArrayList<>();
        for (Backend b : AllBackends.all()) {
            if (!b.name().equals("java-scalar")) {   // not reachable by name from outside the package
                backends.add(b.name());
            }
        }
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                classes.resolve("META-INF/versions/22") + File.pathSeparator + System.getProperty("java.class.path"),
                source.toString(), Long.toString(Long.getLong("logits4j.poison.millis", 1200))));
        cmd.addAll(backends);
        ForkedJvm.Result r = ForkedJvm.run(cmd, 300);
        System.out.println(r.output.strip());
        assertEquals(0, r.exitCode, r.describe());
        for (String b : backends) {
            Matcher m = Pattern.compile(Pattern.quote(b) + ": rounds \\d+, exceptions mid-call (\\d+), wrong 0")
                    .matcher(r.output);
            assertTrue(m.find(), b + " reported no result:\n" + r.describe());
            assertTrue(Integer.parseInt(m.group(1)) > 0,
                    b + ": no exception came mid-call, so this proved nothing:\n" + r.describe());
        }
    }
}
