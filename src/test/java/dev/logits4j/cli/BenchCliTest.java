package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bench}: every op (the serving ops included, by default) on every dtype, with
 * {@code --no-reference} leaving out the textbook rows; {@code --backend} picks the rows; long
 * rows are warmed before any timing. About 15 s per dtype on a small shape (the JIT warm-up).
 */
class BenchCliTest {
    private static final List<String> OPS = List.of("softmax", "log-softmax", "logsumexp", "cross-entropy",
            "argmax", "topk", "sample");
    private static final Pattern ROW = Pattern.compile(
            "\\{\"op\":\"([a-z-]+)\",\"shape\":\\[2,100\\],\"dtype\":\"([a-z0-9]+)\",\"impl\":\"([a-z0-9-]+)\","
            + "\"ns_per_element\":([0-9.]+),\"ns_per_call\":([0-9.]+),\"gb_per_s\":([0-9.]+)\\}");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"float32", "float64", "float16", "bfloat16"})
    void everyOpRunsOnEveryDtypeWithoutTheReference(String dtype) {
        Cli.Result r = Cli.run("bench", "--shapes", "2x100", "--dtype", dtype, "--no-reference", "--json");
        assertEquals(0, r.status(), r.err());
        Set<String> seen = new TreeSet<>();
        for (String line : r.out().strip().split("\n")) {
            Matcher m = ROW.matcher(line);
            assertTrue(m.matches(), "one JSON object per line: " + line);
            assertEquals(dtype, m.group(2), line);
            assertFalse(m.group(3).equals("textbook-java"), "--no-reference: " + line);
            assertTrue(Double.parseDouble(m.group(5)) > 0, line);
            seen.add(m.group(1) + " " + m.group(3));
        }
        for (String op : OPS) {
            assertTrue(seen.contains(op + " java"), op + " on java: " + seen);
            assertTrue(seen.contains(op + " floor"), op + " floor: " + seen);
        }
    }

    @Test
    void backendPicksTheRowsAndIsChecked() {
        Cli.Result r = Cli.run("bench", "--ops", "argmax", "--shapes", "2x3", "--backend", "java");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("argmax         2x3         java"), r.out());
        assertTrue(r.out().contains("textbook-java"), "the reference by default: " + r.out());
        assertFalse(r.out().contains("native-"), r.out());
        Cli.Result bad = Cli.run("bench", "--backend", "gpu");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--backend 'gpu'"), bad.err());
        Cli.Result op = Cli.run("bench", "--ops", "argmax,");
        assertEquals(2, op.status());
        assertTrue(op.err().contains("unknown op ''"), op.err());
    }

    @Test
    void theLongestMeasuredRowIsWarmedUp() {
        List<int[]> measured = new ArrayList<>(List.of(new int[] {8, 32000}, new int[] {1, 128256}, new int[] {65536, 10}));
        List<int[]> warm = Bench.warmShapes(measured);
        assertArrayEquals(new int[] {1, 128256}, warm.get(warm.size() - 1));
        assertTrue(warm.stream().anyMatch(s -> s[1] == 10), "the short-row (block) path too");
        assertEquals(2, Bench.warmShapes(List.of(new int[] {4, 100})).size(), "no long row to warm");
    }

    @Test
    void theWarmUpRunsEveryCallUntilTheJitIsQuiet() {
        int[] runs = new int[2];
        long t0 = System.nanoTime();
        JitWarmUp.untilQuiet(List.of(() -> runs[0]++, () -> runs[1]++));
        long ran = System.nanoTime() - t0;
        assertTrue(runs[0] > 0 && runs[1] > 0, "both calls ran");
        assertTrue(ran >= JitWarmUp.MIN_NS, "at least the minimum: " + ran);
        // MAX_NS plus one round of 10 ms slices
        assertTrue(ran < JitWarmUp.MAX_NS + 1_000_000_000L, "at most the maximum: " + ran);
    }
}
