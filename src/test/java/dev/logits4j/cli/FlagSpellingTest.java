package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One spelling per flag across commands: an old spelling is refused with a message naming the
 * new one (before any file is read or written), and every flag a command's help lists is one the
 * command takes, none of them an old spelling.
 */
class FlagSpellingTest {
    private static final String[] COMMANDS = {"softmax", "log-softmax", "logsumexp", "cross-entropy",
        "sample", "argmax", "topk", "info", "bench", "token-logprobs", "softmax-backward",
        "log-softmax-backward"};
    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z0-9-]*");

    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void sampleRefusesTheOldLogprobsSpellingNamingTheNewOne() throws IOException {
        String out = dir.resolve("t.npy").toString();
        String lp = dir.resolve("l.npy").toString();
        // the inputs need not exist: the flags are refused before any path is looked at
        for (String[] args : new String[][] {
            {"sample", "--logits", "x.npy", "--uniform", "u.npy", "--out", out, "--logprobs", lp},
            {"sample", "--logits", "x.npy", "--uniform", "u.npy", "--out", out, "--logprobs=" + lp}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.status(), r.err());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), err);
            assertTrue(err.contains("--logprobs") && err.contains("use --log-probs"), err);
            assertEquals(List.of(), listing(), "nothing written");
        }
    }

    @Test
    void anUnderscoredSpellingIsToldTheHyphenatedOne() {
        Cli.Result r = Cli.run("sample", "--logits", "x.npy", "--top_k", "5");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--top_k") && r.err().contains("--top-k"), r.err());
    }

    @Test
    void anOldSpellingNoCommandTakesIsPlainlyUnknown() {
        // softmax takes no log-probs flag at all: pointing at --log-probs would mislead
        Cli.Result r = Cli.run("softmax", "--logprobs", "l.npy");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown option --logprobs for softmax"), r.err());
    }

    @Test
    void everyFlagInEveryCommandsHelpIsTakenAndNoneIsAnOldSpelling() {
        for (String command : COMMANDS) {
            String usage = Main.usageOf(command);
            assertNotNull(usage, command);
            List<String> flags = new ArrayList<>();
            Matcher m = FLAG.matcher(usage);
            while (m.find()) {
                flags.add(m.group());
            }
            assertFalse(flags.isEmpty(), command);
            for (String flag : flags) {
                assertFalse(Args.RENAMED.containsKey(flag.substring(2)), command + " lists " + flag);
                // a bogus value (or a stray argument after a switch) is refused, but not as an
                // unknown flag; nothing runs
                Cli.Result r = Cli.run(command, flag, "\u0001bogus");
                assertEquals(2, r.status(), command + " " + flag);
                assertFalse(r.err().contains("unknown option"), command + " " + flag + ": " + r.err());
            }
        }
    }
}
