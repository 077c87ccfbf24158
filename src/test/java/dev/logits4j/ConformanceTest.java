package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.testutil.Arrays2;
import dev.logits4j.testutil.CaseRunner;
import dev.logits4j.testutil.Cli;
import dev.logits4j.testutil.Conformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PyTorch-generated conformance case: value cases through the Java API (heap arrays and
 * direct buffers), error cases and a sample of value cases through the CLI.
 */
class ConformanceTest {
    static final List<Conformance.Case> CASES = Conformance.cases();

    @TempDir
    Path tmp;

    @Test
    void manifestIsComplete() {
        assertEquals(678, CASES.size());
        assertTrue(CASES.stream().filter(c -> !c.ok()).count() >= 50);
    }

    @TestFactory
    Stream<DynamicTest> valueCasesThroughTheApi() {
        return CASES.stream().filter(Conformance.Case::ok).flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.id() + " heap", () -> check(c, CaseRunner.Memory.HEAP_ARRAY)),
                DynamicTest.dynamicTest(c.id() + " direct", () -> check(c, CaseRunner.Memory.DIRECT_BUFFER))));
    }

    private static void check(Conformance.Case c, CaseRunner.Memory memory) throws Exception {
        double[] got = CaseRunner.run(c, memory);
        String failure = Conformance.compare(got, CaseRunner.expected(c), c.atol(), c.rtol());
        assertNull(failure, () -> c.id() + " (" + memory + "): " + failure);
    }

    @TestFactory
    Stream<DynamicTest> errorCasesThroughTheCli() {
        return CASES.stream().filter(c -> !c.ok()).map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Path dir = Files.createDirectories(tmp.resolve(c.id()));
            Cli.Result r = Cli.run(c.cliArgs(dir.resolve("out.npy")));
            assertEquals(2, r.status(), () -> c.id() + ": " + r.err());
            String err = r.err().strip();
            assertFalse(err.isEmpty(), "a message on stderr");
            assertFalse(err.contains("\n"), () -> "one line on stderr: " + err);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no file left behind");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> sampleOfValueCasesThroughTheCli() {
        List<Conformance.Case> sample = new ArrayList<>();
        List<Conformance.Case> ok = CASES.stream().filter(Conformance.Case::ok).toList();
        for (int i = 0; i < ok.size(); i += 5) {
            sample.add(ok.get(i));
        }
        return sample.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Path out = tmp.resolve(c.id() + ".npy");
            Cli.Result r = Cli.run(c.cliArgs(out));
            assertEquals(0, r.status(), () -> c.id() + ": " + r.err());
            NpyArray y = NpyReader.read(out);
            assertEquals(c.dtype(), y.type().label());
            assertArrayEquals(c.shape(), y.shape());
            String failure = Conformance.compare(Arrays2.toDoubles(y), CaseRunner.expected(c), c.atol(), c.rtol());
            assertNull(failure, () -> c.id() + " (cli): " + failure);
        }));
    }
}
