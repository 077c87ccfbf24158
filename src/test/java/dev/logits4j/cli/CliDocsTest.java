package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/CLI.md's usage block is {@code bin/logits4j --help}'s output, character for character, so a
 * new command or flag cannot reach the usage without reaching the page (regenerate the block from
 * {@code --help} after changing Main.USAGE).
 */
class CliDocsTest {
    @Test
    void theUsageBlockOfCliMdIsTheHelpOutput() throws IOException {
        String page = Files.readString(Paths.get("docs/CLI.md"), StandardCharsets.UTF_8);
        int start = page.indexOf("```\n");
        assertTrue(start >= 0, "docs/CLI.md has no plain ``` block");
        start += 4;
        int end = page.indexOf("```\n", start);
        assertTrue(end >= 0, "docs/CLI.md's usage block is not closed");
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.status(), help.err());
        assertEquals(help.out(), page.substring(start, end));
    }
}
