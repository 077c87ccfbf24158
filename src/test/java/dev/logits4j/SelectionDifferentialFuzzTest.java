package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.ForkedJvm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link SelectionDifferentialFuzz} (argmax, topK, topLogProbs and sample against a float64
 * sort-based reference, generators aimed at the selection code's edges, every memory kind, fresh
 * and reused threads) on every backend this machine runs in child JVMs, one per native variant
 * and one for the Java backends: a native write past an array corrupts the heap and kills the
 * child at a later GC, which then fails that variant's test (with HotSpot's crash report)
 * instead of the whole run.
 *
 * <p>System properties (passed on the mvn command line):
 * <ul>
 * <li>{@code logits4j.fuzz.cases}: cases per backend (default 200, a few seconds each; the full
 * run is {@code -Dlogits4j.fuzz.cases=100000});</li>
 * <li>{@code logits4j.fuzz.seed}: the seed (default 20261207; {@code random} draws one, printed);</li>
 * <li>{@code logits4j.fuzz.only}: run only this case (as a failure's "reproduce" line says);</li>
 * <li>{@code logits4j.fuzz.backends}: a comma list of backend names (default every one).</li>
 * </ul>
 */
class SelectionDifferentialFuzzTest {
    static final int DEFAULT_CASES = 200;
    static final long DEFAULT_SEED = 20261207L;

    static long seed() {
        String s = System.getProperty("logits4j.fuzz.seed");
        if (s == null) {
            return DEFAULT_SEED;
        }
        return s.equals("random") ? System.nanoTime() : Long.parseLong(s);
    }

    @Test
    void everyGeneratorIsDrawnAndCasesAreReproducible() {
        int[] seen = new int[SelectionDifferentialFuzz.GENERATORS.length];
        for (int i = 0; i < 400; i++) {
            SelectionDifferentialFuzz.Case c = SelectionDifferentialFuzz.generate(DEFAULT_SEED, i);
            seen[Arrays.asList(SelectionDifferentialFuzz.GENERATORS).indexOf(c.generator)]++;
            assertTrue(c.k >= 0 && c.k <= c.input.n, c.describe());
        }
        for (int g = 0; g < seen.length; g++) {
            assertTrue(seen[g] > 0, SelectionDifferentialFuzz.GENERATORS[g] + " never drawn");
        }
        // case i depends on (seed, i) only
        SelectionDifferentialFuzz.Case a = SelectionDifferentialFuzz.generate(7, 123);
        SelectionDifferentialFuzz.Case b = SelectionDifferentialFuzz.generate(7, 123);
        assertEquals(a.describe(), b.describe());
        assertTrue(Arrays.equals(a.input.values, b.input.values));
    }

    @TestFactory
    Stream<DynamicTest> fuzzEveryBackendInAChildJvm() {
        int cases = Integer.getInteger("logits4j.fuzz.cases", DEFAULT_CASES);
        long seed = seed();
        String only = System.getProperty("logits4j.fuzz.only");
        String chosen = System.getProperty("logits4j.fuzz.backends");
        List<String> names = chosen == null ? null : Arrays.asList(chosen.split(","));
        System.out.println("selection fuzz: " + cases + " cases per backend, seed " + seed
                + (only == null ? "" : ", only case " + only));
        // the Java backends share a child (they cannot corrupt the heap); each native variant has its own
        List<String> groups = new ArrayList<>();
        List<String> java = new ArrayList<>();
        for (Backend b : AllBackends.all()) {
            if (names != null && !names.contains(b.name())) {
                continue;
            }
            if (b.name().startsWith("native-")) {
                groups.add(b.name());
            } else {
                java.add(b.name());
            }
        }
        if (!java.isEmpty()) {
            groups.add(0, String.join(",", java));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String group : groups) {
            tests.add(DynamicTest.dynamicTest(group, () -> {
                List<String> args = new ArrayList<>(List.of(group, Integer.toString(cases), Long.toString(seed)));
                if (only != null) {
                    args.add(only);
                }
                ForkedJvm.Result r = ForkedJvm.run(SelectionDifferentialFuzz.class.getName(),
                        List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+VerifyBeforeExit", "-Xmx1g"), args,
                        120 + (long) cases * group.split(",").length / 20);
                for (String line : r.output.split("\n")) {
                    if (line.contains(" cases in ")) {
                        System.out.println(line);
                    }
                }
                assertEquals(0, r.exitCode, r.describe());
                for (String name : group.split(",")) {
                    assertTrue(r.output.contains(name + ": " + (only == null ? cases : 1) + " cases in "), r.describe());
                }
            }));
        }
        return tests.stream();
    }
}
