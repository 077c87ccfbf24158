package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;
import dev.logits4j.npy.NpyWriter;
import dev.logits4j.testutil.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two paths that name one file (issue 23, item 9.1): two outputs (one would overwrite the other)
 * or an output and an input (the output would replace the input). Spelled differently ("./f",
 * "d/../f"), through a linked folder, through a link to the input, or as a hard link: each is
 * refused with status 2, both flags and the file named, before anything is written.
 */
class SameFileTest {
    @TempDir
    Path dir;

    private String x;
    private String u;
    private byte[] xBytes;

    @BeforeEach
    void inputs() throws IOException {
        NpyArray logits = NpyArray.allocate(NpyType.FLOAT32, new int[] {2, 3});
        logits.asFloats().put(new float[] {1, 2, 3, 0, 0, 0});
        NpyWriter.write(dir.resolve("x.npy"), logits);
        NpyArray draws = NpyArray.allocate(NpyType.FLOAT64, new int[] {2});
        draws.asDoubles().put(new double[] {0.25, 0.75});
        NpyWriter.write(dir.resolve("u.npy"), draws);
        x = dir.resolve("x.npy").toString();
        u = dir.resolve("u.npy").toString();
        xBytes = Files.readAllBytes(dir.resolve("x.npy"));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * Exit 2, one line naming both flags, nothing written; {@code x.npy} unchanged. Returns the
     * line.
     */
    private String refused(String flagA, String flagB, String... args) throws IOException {
        List<Path> before = listing();
        Cli.Result r = Cli.run(args);
        String err = r.err().strip();
        assertEquals(2, r.status(), () -> String.join(" ", args) + ": exit status; stderr: " + err);
        assertFalse(err.contains("\n"), () -> "one line: " + err);
        assertTrue(err.contains(flagA) && err.contains(flagB), () -> "'" + err + "' should name " + flagA + " and " + flagB);
        assertTrue(err.contains("same file"), err);
        assertEquals(before, listing(), "no file written or left behind");
        assertArrayEquals(xBytes, Files.readAllBytes(dir.resolve("x.npy")), "the input is untouched");
        return err;
    }

    @Test
    void twoOutputsSpelledDifferentlyAreRefused() throws IOException {
        String f = dir.resolve("f.npy").toString();
        String dotF = dir + "/./f.npy";
        String err = refused("--out", "--log-probs", "sample", "--logits", x, "--uniform", u, "--out", f, "--log-probs", dotF);
        assertTrue(err.contains(dir.toRealPath().resolve("f.npy").toString()), err);
        refused("--values", "--indices", "topk", "--in", x, "--k", "2", "--values", f, "--indices", dotF);
        Files.createDirectory(dir.resolve("sub"));
        refused("--values", "--indices", "topk", "--in", x, "--k", "2", "--values", f, "--indices",
                dir + "/sub/../f.npy");
    }

    @Test
    void twoOutputsThroughALinkedFolderAreRefused() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        // neither output exists yet: only the folders can tell that they are one file
        refused("--values", "--indices", "topk", "--in", x, "--k", "2",
                "--values", real.resolve("v.npy").toString(), "--indices", link.resolve("v.npy").toString());
        refused("--out", "--log-probs", "sample", "--logits", x, "--uniform", u,
                "--out", link.resolve("t.npy").toString(), "--log-probs", real.resolve("t.npy").toString());
    }

    @Test
    void twoExistingOutputsThatAreHardLinksOfOneFileAreRefused() throws IOException {
        Path a = dir.resolve("a.npy");
        Files.write(a, new byte[] {1});
        Files.createLink(dir.resolve("b.npy"), a);
        refused("--values", "--indices", "topk", "--in", x, "--k", "2",
                "--values", a.toString(), "--indices", dir.resolve("b.npy").toString());
    }

    @Test
    void anOutputThatIsAnInputIsRefused() throws IOException {
        String dotX = dir + "/./x.npy";
        String t = dir.resolve("t.npy").toString();
        refused("--in", "--out", "softmax", "--in", x, "--out", x);
        refused("--in", "--out", "log-softmax", "--in", x, "--out", dotX);
        refused("--in", "--out", "logsumexp", "--in", x, "--out", dotX);
        refused("--in", "--out", "argmax", "--in", x, "--out", dotX);
        refused("--in", "--indices", "topk", "--in", x, "--k", "2", "--values", t, "--indices", dotX);
        refused("--logits", "--out", "sample", "--logits", x, "--uniform", u, "--out", dotX);
        refused("--uniform", "--log-probs", "sample", "--logits", x, "--uniform", u, "--out", t,
                "--log-probs", dir + "/./u.npy");
        Path h = Files.write(dir.resolve("h.npy"), new byte[] {1});  // refused before it is read
        refused("--history", "--out", "sample", "--logits", x, "--uniform", u, "--out", dir + "/./h.npy",
                "--history", h.toString());
        refused("--logits", "--out", "cross-entropy", "--logits", x, "--targets", u, "--out", dotX);
        refused("--targets", "--out", "cross-entropy", "--logits", x, "--targets", u, "--out", dir + "/./u.npy");
    }

    @Test
    void anInputThatLinksToAnOutputIsRefused() throws IOException {
        // the input is read through the link, then the output renamed over its target
        Path y = dir.resolve("y.npy");
        Files.copy(dir.resolve("x.npy"), y);
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), y);
        refused("--in", "--out", "softmax", "--in", link.toString(), "--out", y.toString());
        Path hard = dir.resolve("hard.npy");
        Files.createLink(hard, dir.resolve("x.npy"));
        refused("--in", "--out", "softmax", "--in", x, "--out", hard.toString());
    }

    @Test
    void distinctFilesAndOneInputTwiceStillWork() throws IOException {
        List<String> args = new ArrayList<>(List.of("cross-entropy", "--logits", x, "--targets", x,
                "--out", dir.resolve("l.npy").toString()));
        // the same file as two inputs is fine (probability targets equal to the logits)
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.err());
        r = Cli.run("topk", "--in", x, "--k", "2", "--values", dir.resolve("v.npy").toString(),
                "--indices", dir.resolve("i.npy").toString());
        assertEquals(0, r.status(), r.err());
    }
}
