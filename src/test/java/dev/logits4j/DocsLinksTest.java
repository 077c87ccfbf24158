package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of the README and of {@code docs/} resolves: {@code [text](path)} names a
 * file or folder that exists, and {@code [text](path#anchor)} / {@code [text](#anchor)} a heading
 * of that Markdown file (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens,
 * "-1", "-2" for repeated headings). Links inside code are not links and are skipped; web links
 * are not fetched.
 */
class DocsLinksTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        for (String dir : new String[] {"docs", "docs/perf"}) {
            try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        assertTrue(pages.size() > 10, "pages found: " + pages);
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            links += links(page).size();
            broken.addAll(brokenLinks(page));
        }
        assertTrue(links > 50, "links checked: " + links);
        assertTrue(broken.isEmpty(), broken.size() + " broken links:\n" + String.join("\n", broken));
    }

    /** The check can fail: a missing file, a missing heading, and a good link beside them. */
    @Test
    void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.md"), "# A page\n\n## Set-up: the `mvn` command\n\n"
                + "[ok](B.md#b-page) [ok](#set-up-the-mvn-command) [gone](C.md) [no heading](B.md#nope)\n"
                + "```\n[in code](D.md)\n```\n`[inline](E.md)` [web](https://example.org/x)\n");
        Files.writeString(dir.resolve("B.md"), "# B page\n");
        List<String> broken = brokenLinks(dir.resolve("A.md"));
        assertEquals(2, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("C.md") && broken.get(1).contains("B.md#nope"), broken.toString());
    }

    /** The relative link targets of a Markdown page, outside code. */
    static List<String> links(Path page) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(withoutCode(read(page)));
        while (m.find()) {
            String target = m.group(1);
            if (!target.matches("(?i)(https?|mailto|ftp):.*")) {
                out.add(target);
            }
        }
        return out;
    }

    /** "page: target (why)" for each link of {@code page} that does not resolve. */
    static List<String> brokenLinks(Path page) {
        List<String> broken = new ArrayList<>();
        for (String target : links(page)) {
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = file.isEmpty() ? page
                    : page.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
            if (!Files.exists(resolved)) {
                broken.add(ROOT.relativize(page.toAbsolutePath()) + ": " + target + " (no such file)");
            } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                broken.add(ROOT.relativize(page.toAbsolutePath()) + ": " + target + " (no such heading in "
                        + resolved.getFileName() + ")");
            }
        }
        return broken;
    }

    /** GitHub's anchors for the headings of a Markdown file (none for other files). */
    static Set<String> anchors(Path page) {
        Set<String> out = new HashSet<>();
        if (!page.toString().endsWith(".md") || Files.isDirectory(page)) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutFences(read(page)).split("\n")) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                out.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return out;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static String withoutFences(String text) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                out.append('\n');
                continue;
            }
            out.append(fenced ? "" : line).append('\n');
        }
        return out.toString();
    }

    private static String withoutCode(String text) {
        return withoutFences(text).lines().map(l -> l.replaceAll("`[^`]*`", "``")).collect(Collectors.joining("\n"));
    }

    private static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
