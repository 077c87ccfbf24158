package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Claims of the docs checked against the code they describe, so that the docs cannot drift from
 * it again: SAMPLING.md on the serving ops of {@link Ops} and the views they take, the README and
 * docs/ on the public classes the view redesign removed, SPEC.md on overlaps that no check can see
 * (their behaviour is tested in {@code TrustBoundaryTest.overlapNoCheckCanSeeGivesTheOutOfPlaceResult}).
 */
class DocsAgreeWithCodeTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath();

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }

    /**
     * Every public method of {@code Ops} for argmax, topK, topLogProbs and sample that takes
     * views appears in SAMPLING.md as {@code `op(params)`} with the parameter names the code
     * declares, and the view factories SAMPLING.md names exist.
     */
    @Test
    void samplingMdSpellsTheSelectionOpsAsOpsDeclaresThem() throws IOException {
        String ops = read("src/main/java/dev/logits4j/Ops.java");
        String doc = read("docs/SAMPLING.md");
        Matcher m = Pattern.compile("public (?:void|int\\[\\]) (argmax|topK|topLogProbs|sample)\\((Tensor [^)]*)\\)")
                .matcher(ops);
        List<String> declared = new ArrayList<>();
        while (m.find()) {
            List<String> names = new ArrayList<>();
            for (String parameter : m.group(2).split(",")) {
                String[] words = parameter.trim().split(" ");
                names.add(words[words.length - 1]);
            }
            declared.add(m.group(1) + "(" + String.join(", ", names) + ")");
        }
        assertEquals(9, declared.size(), "the selection ops on views in Ops: " + declared);
        for (String op : declared) {
            assertTrue(doc.contains("`" + op + "`"), "SAMPLING.md spells " + op + " as Ops declares it");
        }
        String segments = read("src/main/java22/dev/logits4j/Segments.java");
        String offHeap = read("src/main/java/dev/logits4j/OffHeap.java");
        assertTrue(segments.contains("public static Tensor tensor(MemorySegment segment, DType dtype, int... shape)"));
        assertTrue(offHeap.contains("public static Tensor tensor(long address, long capacity, DType dtype, int... shape)"));
        assertTrue(offHeap.contains("public static Tensor tensor(Pointer pointer, DType dtype, int... shape)"));
        for (String factory : new String[] {"`Tensor.of`", "`OffHeap.tensor`", "`Segments.tensor`"}) {
            assertTrue(doc.contains(factory), "SAMPLING.md names " + factory);
        }
    }

    /**
     * The public classes the view redesign removed are gone from the code and from every page a
     * user reads (the measurement logs under docs/perf are history and keep their words).
     */
    @Test
    void noUserPageNamesARemovedClass() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (String removed : new String[] {"ParallelLogits4j", "HalfType"}) {
            assertFalse(Files.exists(ROOT.resolve("src/main/java/dev/logits4j/" + removed + ".java")),
                    removed + " is back in the code: this test's list is out of date");
            for (Path page : pages) {
                assertFalse(Files.readString(page, StandardCharsets.UTF_8).contains(removed),
                        ROOT.relativize(page) + " names the removed class " + removed);
            }
        }
    }

    @Test
    void specMdSaysAnOverlapNoCheckCanSeeIsComputedFromAPrivateCopy() throws IOException {
        String memory = read("src/main/java/dev/logits4j/internal/plan/Memory.java");
        assertTrue(memory.contains("read through a private copy"), "Memory still copies such inputs");
        String spec = read("docs/SPEC.md");
        assertFalse(spec.contains("Any other overlap of input and output is refused."), "SPEC.md claims every overlap is refused");
        assertTrue(spec.contains("private copy") && spec.contains("out-of-place result"), "SPEC.md says what happens");
    }
}
