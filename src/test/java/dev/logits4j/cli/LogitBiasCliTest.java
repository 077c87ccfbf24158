package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.npy.NpyType;
import dev.logits4j.npy.NpyWriter;
import dev.logits4j.testutil.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sample --logit-bias id:value,...}: what SamplingOptions.withLogitBias takes (ids in
 * [0, vocab), finite values or -inf) is taken; anything else exits 2 with one line naming the flag
 * and its value, before the op runs, and writes nothing.
 */
class LogitBiasCliTest {
    @TempDir
    Path dir;
    private String x;

    @BeforeEach
    void logits() throws IOException {
        // vocabulary 6; token 3 dominates
        NpyArray a = NpyArray.allocate(NpyType.FLOAT32, new int[] {2, 6});
        a.asFloats().put(new float[] {0, 0, 0, 9, 0, 0, 0, 0, 0, 9, 0, 0});
        Path p = dir.resolve("x.npy");
        NpyWriter.write(p, a);
        x = p.toString();
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "5", "5:", ":1", "a:1", "-1:1", "+1:1", "1.0:1", "6:1", "1000000:0",
        "99999999999:1", "1:nan", "1:NaN", "1:inf", "1:+inf", "1:Infinity", "1:1e999", "1:0x10", "1:1d",
        "1: 1", " 1:1", "1:1,", ",1:1", "1:1,,2:1", "1:1,1:2", "1:-Inf", "1:2:3", "\u0663:1"})
    void aBadBiasIsRefusedNamingTheFlagAndTheValue(String bias) throws IOException {
        List<Path> before = listing();
        Cli.Result r = Cli.run("sample", "--logits", x, "--seed", "1", "--out", dir.resolve("t.npy").toString(),
                "--logit-bias", bias);
        assertEquals(2, r.status(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        // printError escapes control characters; the values above have none, so they appear as given
        String want = bias.isEmpty() ? "--logit-bias is empty" : "--logit-bias '" + bias + "'";
        assertTrue(err.startsWith("logits4j sample: " + want), err);
        assertEquals(before, listing(), "no file written");
    }

    @Test
    void aBiasMovesAndBansTokens() throws IOException {
        Path t = dir.resolve("t.npy");
        Cli.Result r = Cli.run("sample", "--logits", x, "--seed", "1", "--out", t.toString(),
                "--temperature", "0", "--logit-bias", "3:-inf,5:+0.5,0:-100");
        assertEquals(0, r.status(), r.err());
        NpyArray tokens = NpyReader.read(t);
        // greedy: token 3 is banned, token 5 is the only one raised
        assertEquals(5, tokens.asLongs().get(0));
        assertEquals(5, tokens.asLongs().get(1));
        r = Cli.run("sample", "--logits", x, "--seed", "1", "--out", t.toString(),
                "--temperature", "0", "--logit-bias", "3:-inf,4:1e1,0:-100");
        assertEquals(0, r.status(), r.err());
        assertEquals(4, NpyReader.read(t).asLongs().get(0));
    }
}
