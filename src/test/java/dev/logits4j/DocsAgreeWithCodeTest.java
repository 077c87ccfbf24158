package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Two claims of the docs checked against the code they describe (issue 23, item 9.5), so that
 * the docs cannot drift from it again: SAMPLING.md on the 16-bit selection ops of
 * {@code Segments}, SPEC.md on overlaps that no check can see (their behaviour is tested in
 * {@code TrustBoundaryTest.overlapNoCheckCanSeeGivesTheOutOfPlaceResult}).
 */
class DocsAgreeWithCodeTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath();

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }

    @Test
    void samplingMdListsTheSixteenBitSelectionOpsOfSegments() throws IOException {
        String segments = read("src/main/java22/dev/logits4j/Segments.java");
        String doc = read("docs/SAMPLING.md");
        int at = doc.indexOf("`Segments.argmaxHalf`");
        assertTrue(at >= 0, "SAMPLING.md names Segments.argmaxHalf");
        String sentence = doc.substring(at, doc.indexOf(". ", at));
        for (String op : new String[] {"argmaxHalf", "topKHalf", "topLogProbsHalf", "sampleHalf"}) {
            assertTrue(segments.contains("public void " + op + "("), op + " is in Segments");
            assertTrue(sentence.contains(op), "SAMPLING.md names Segments." + op + ": " + sentence);
        }
        int notYet = doc.indexOf("Not yet:");
        assertTrue(notYet >= 0, "SAMPLING.md has its 'Not yet' list");
        String missing = doc.substring(notYet, doc.indexOf(". ", notYet));
        assertFalse(missing.contains("Segments"), "SAMPLING.md: " + missing);
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
