package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.testutil.Arrays2;
import dev.logits4j.testutil.Cli;
import dev.logits4j.testutil.NpyBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI on good and bad files and flags: exit status, one-line message, no partial output. */
class CliTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path good() throws IOException {
        return write("x.npy", NpyBytes.file(1, NpyBytes.dict("<f4", false, "(2, 3)"),
                NpyBytes.floats(1, 2, 3, 0, 0, 0)));
    }

    /**
     * Asserts exit 2, one line on stderr mentioning {@code mention}, and nothing new in the folder;
     * returns that line.
     */
    private String refused(String mention, String... args) throws IOException {
        List<Path> before = listing();
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), () -> "exit status; stderr: " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), () -> "one line: " + err);
        assertTrue(err.toLowerCase().contains(mention.toLowerCase()), () -> "'" + err + "' should mention " + mention);
        assertEquals(before, listing(), "no file written or left behind");
        return err;
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static Stream<Arguments> badFiles() {
        byte[] data6 = NpyBytes.floats(1, 2, 3, 4, 5, 6);
        byte[] ok = NpyBytes.file(1, NpyBytes.dict("<f4", false, "(2, 3)"), data6);
        byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 3);
        byte[] badMagic = ok.clone();
        badMagic[1] = 'X';
        return Stream.of(
                Arguments.of("truncated", truncated, "truncated"),
                Arguments.of("bad magic", badMagic, "magic"),
                Arguments.of("empty", new byte[0], "not a .npy"),
                Arguments.of("fortran order", NpyBytes.file(1, NpyBytes.dict("<f4", true, "(2, 3)"), data6), "fortran"),
                Arguments.of("big-endian", NpyBytes.file(1, NpyBytes.dict(">f4", false, "(2, 3)"), data6), "big-endian"),
                Arguments.of("big-endian float16", NpyBytes.file(1, NpyBytes.dict(">f2", false, "(2, 3)"), new byte[12]), "big-endian"),
                Arguments.of("uint16 without --dtype bfloat16", NpyBytes.file(1, NpyBytes.dict("<u2", false, "(2, 3)"), new byte[12]), "--dtype bfloat16"),
                Arguments.of("int32 input", NpyBytes.file(1, NpyBytes.dict("<i4", false, "(2, 3)"), data6), "int32"),
                Arguments.of("bool", NpyBytes.file(1, NpyBytes.dict("|b1", false, "(6,)"), new byte[6]), "|b1"),
                Arguments.of("trailing bytes", NpyBytes.file(1, NpyBytes.dict("<f4", false, "(5,)"), data6), "after the data"),
                Arguments.of("version 4", NpyBytes.file(2, NpyBytes.dict("<f4", false, "(6,)"), data6).clone(), "version"),
                Arguments.of("garbage header", NpyBytes.file(1, "{'descr': <f4}", data6), "header"),
                Arguments.of("unknown key", NpyBytes.file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 1}", data6), "key"),
                Arguments.of("missing shape", NpyBytes.file(1, "{'descr': '<f4', 'fortran_order': False}", data6), "shape"),
                Arguments.of("negative dim", NpyBytes.file(1, NpyBytes.dict("<f4", false, "(-6,)"), data6), "header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputFilesAreRefused(String name, byte[] bytes, String mention) throws IOException {
        if (name.equals("version 4")) {
            bytes[6] = 4;
        }
        Path in = write("in.npy", bytes);
        refused(mention, "softmax", "--in", in.toString(), "--out", dir.resolve("y.npy").toString());
    }

    @Test
    void missingInputFile() throws IOException {
        refused("no such file", "softmax", "--in", dir.resolve("nope.npy").toString(), "--out",
                dir.resolve("y.npy").toString());
    }

    @Test
    void badFlags() throws IOException {
        String in = good().toString();
        String out = dir.resolve("y.npy").toString();
        refused("--bogus", "softmax", "--in", in, "--out", out, "--bogus", "1");
        refused("--in", "softmax", "--out", out);
        refused("--out", "softmax", "--in", in);
        refused("--axis", "softmax", "--in", in, "--out", out, "--axis", "one");
        refused("axis 2", "softmax", "--in", in, "--out", out, "--axis", "2");
        refused("temperature", "log-softmax", "--in", in, "--out", out, "--temperature", "0");
        refused("temperature", "softmax", "--in", in, "--out", out, "--temperature", "NaN");
        refused("more than once", "softmax", "--in", in, "--out", out, "--axis", "0", "--axis", "1");
        refused("needs a value", "softmax", "--in", in, "--out", out, "--axis");
        refused("unknown command", "softmaxx", "--in", in, "--out", out);
        refused("--backend", "softmax", "--in", in, "--out", out, "--backend", "gpu");
        refused("switch", "logsumexp", "--in", in, "--out", out, "--keepdims=yes");
        refused("unexpected argument", "softmax", "extra", "--in", in, "--out", out);
        refused("--keepdims", "softmax", "--in", in, "--out", out, "--keepdims");
        refused("reduction", "cross-entropy", "--logits", in, "--targets", in, "--out", out, "--reduction", "avg");
        refused("label-smoothing", "cross-entropy", "--logits", in, "--targets", in, "--out", out,
                "--label-smoothing", "x");
        refused("--ignore-index", "cross-entropy", "--logits", in, "--targets", in, "--out", out,
                "--ignore-index", "1.5");
    }

    /**
     * Makes {@code name} in the temp folder as a kind of file that is not a regular file. Device
     * nodes are made there with mknod (never the real /dev/null: the tests may run as root, where
     * a regression would replace it); the test is skipped where the system does not allow it.
     */
    private Path special(String kind) throws Exception {
        Path p = dir.resolve(kind.replace(' ', '-'));
        switch (kind) {
            case "directory" -> Files.createDirectory(p);
            case "fifo" -> command("mkfifo", p.toString());
            case "device" -> command("mknod", p.toString(), "c", "1", "3");
            case "symlink" -> Files.createSymbolicLink(p, write("target.npy", new byte[] {1, 2, 3}));
            case "dangling symlink" -> Files.createSymbolicLink(p, dir.resolve("nowhere.npy"));
            case "symlink to a fifo" -> Files.createSymbolicLink(p, special("fifo"));
            default -> throw new IllegalArgumentException(kind);
        }
        return p;
    }

    private static void command(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
                () -> String.join(" ", cmd) + " is not allowed here");
    }

    /** What the path names, without following links, and which inode (to see a replacement). */
    private static String describe(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return "regular " + a.isRegularFile() + ", directory " + a.isDirectory() + ", link " + a.isSymbolicLink()
                + ", other " + a.isOther() + ", key " + a.fileKey()
                + (a.isSymbolicLink() ? " -> " + Files.readSymbolicLink(p) : "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"directory", "fifo", "device", "symlink", "dangling symlink"})
    void anOutputThatIsNotARegularFileIsRefusedAndLeftAsItWas(String kind) throws Exception {
        String in = good().toString();
        Path out = special(kind);
        String before = describe(out);
        String err = refused("--out " + out, "softmax", "--in", in, "--out", out.toString());
        assertTrue(err.contains("not a regular file"), err);
        assertEquals(before, describe(out), kind + " left as it was");
    }

    @Test
    void everyCommandChecksItsOutputBeforeReadingInputs() throws Exception {
        String out = special("fifo").toString();
        // The inputs are not even .npy files: the output is refused before they are read.
        String junk = write("junk.npy", new byte[] {1}).toString();
        refused("--out " + out, "softmax", "--in", junk, "--out", out);
        refused("--out " + out, "log-softmax", "--in", junk, "--out", out);
        refused("--out " + out, "logsumexp", "--in", junk, "--out", out);
        refused("--out " + out, "cross-entropy", "--logits", junk, "--targets", junk, "--out", out);
    }

    /**
     * Runs the CLI on another thread. Opening a FIFO for reading blocks until a writer comes, so
     * if the CLI is still running after a while the test opens the FIFO for writing (which lets
     * the blocked open return and read end-of-file) and fails.
     */
    private static Cli.Result runWithoutHanging(Path fifo, String... args) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Cli.Result> result = runner.submit(() -> Cli.run(args));
            try {
                return result.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (fifo != null) {
                    Files.newOutputStream(fifo).close();
                }
                return fail("the CLI blocked on " + String.join(" ", args));
            }
        } finally {
            runner.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fifo", "device", "directory", "symlink to a fifo"})
    void anInputThatIsNotARegularFileIsRefusedBeforeItIsOpened(String kind) throws Exception {
        Path bad = special(kind);
        Path fifo = kind.contains("fifo") ? dir.resolve("fifo") : null;
        String x = good().toString();
        String t = write("t.npy", NpyBytes.file(1, NpyBytes.dict("<i8", false, "(2,)"), NpyBytes.longs(0, 1))).toString();
        String w = write("w.npy", NpyBytes.file(1, NpyBytes.dict("<f4", false, "(3,)"), NpyBytes.floats(1, 1, 1))).toString();
        String out = dir.resolve("y.npy").toString();
        String b = bad.toString();
        String[][] cases = {
            {"--in", "softmax", "--in", b, "--out", out},
            {"--logits", "cross-entropy", "--logits", b, "--targets", t, "--weight", w, "--out", out},
            {"--targets", "cross-entropy", "--logits", x, "--targets", b, "--weight", w, "--out", out},
            {"--weight", "cross-entropy", "--logits", x, "--targets", t, "--weight", b, "--out", out},
        };
        List<Path> before = listing();
        for (String[] c : cases) {
            Cli.Result r = runWithoutHanging(fifo, java.util.Arrays.copyOfRange(c, 1, c.length));
            String err = r.err().strip();
            assertEquals(2, r.status(), err);
            assertFalse(err.contains("\n"), err);
            assertTrue(err.contains(c[0] + " " + b + ": is a"), err);
            assertTrue(err.contains("not a regular file"), err);
            assertEquals(before, listing(), "no file written");
        }
    }

    @Test
    void aSymbolicLinkToARegularInputIsFollowed() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), good());
        Path out = dir.resolve("y.npy");
        Cli.Result r = Cli.run("softmax", "--in", link.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(new int[] {2, 3}, NpyReader.read(out).shape());
    }

    @Test
    void anOutputWithoutAFileNameIsRefusedClearly() throws IOException {
        String in = good().toString();
        for (String out : new String[] {"/", dir + "/", dir.resolve("new") + "/", dir + "/.", dir + "/.."}) {
            String err = refused("--out '" + out + "'", "softmax", "--in", in, "--out", out);
            assertTrue(err.contains("folder"), err);
            assertFalse(err.contains("null"), err);
        }
        String err = refused("--out", "softmax", "--in", in, "--out", "");
        assertTrue(err.contains("empty"), err);
    }

    /** A format 3.0 file: its header is UTF-8, so any character can reach a message. */
    private static byte[] utf8Npy(String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + h.length + data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 3).put((byte) 0);
        b.putInt(h.length).put(h).put(data);
        return b.array();
    }

    /** Exit 2 and one stderr line with no control character in it, showing {@code escaped}. */
    private void refusedWithEscapes(String escaped, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.err());
        String line = r.err().endsWith(System.lineSeparator())
                ? r.err().substring(0, r.err().length() - System.lineSeparator().length()) : r.err();
        line.codePoints().forEach(c -> {
            int type = Character.getType(c);
            assertFalse(Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR, () -> String.format("U+%04X reached stderr raw in %s",
                    c, line.replaceAll("\\p{Cntrl}", "?")));
        });
        assertTrue(line.contains(escaped), () -> line.replaceAll("\\p{Cntrl}", "?") + " should show " + escaped);
    }

    @Test
    void controlCharactersNeverReachStderrRaw() throws IOException {
        String out = dir.resolve("y.npy").toString();
        byte[] data = NpyBytes.floats(1, 2, 3);
        Path esc = write("esc.npy", NpyBytes.file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), "
                + "'\u001b[2J\u001b]0;owned\u0007\r': 1}", data));
        refusedWithEscapes("'\\x1b[2J\\x1b]0;owned\\x07\\r'", "softmax", "--in", esc.toString(), "--out", out);
        // Format 1.0 headers are Latin-1: 0x9b is the one-byte CSI of some terminals.
        Path csi = write("csi.npy", NpyBytes.file(1, NpyBytes.dict("\u009b31m", false, "(3,)"), data));
        refusedWithEscapes("\\x9b31m", "softmax", "--in", csi.toString(), "--out", out);
        Path bidi = write("bidi.npy", utf8Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), "
                + "'a\u2028b\u202ec\ud800\udc00\udb40\udc01': 1}", data));
        refusedWithEscapes("a\\u2028b\\u202ec\ud800\udc00\\U000e0001", "softmax", "--in", bidi.toString(),
                "--out", out);
        refusedWithEscapes("soft\\x1bmax", "soft\u001bmax");
        refusedWithEscapes("'1\\n2'", "softmax", "--in", esc.toString(), "--out", out, "--axis", "1\n2");
        refusedWithEscapes("no\\x1b.npy: no such file", "softmax", "--in", dir.resolve("no\u001b.npy").toString(),
                "--out", out);
        refusedWithEscapes("'\\x1b'", "bench", "--dtype", "\u001b");
        refusedWithEscapes("--bogus\\r", "bench", "--bogus\r");
    }

    @Test
    void numericFlagsAreParsedStrictly() throws IOException {
        String in = good().toString();
        String out = dir.resolve("y.npy").toString();
        refused("--temperature '2d'", "softmax", "--in", in, "--out", out, "--temperature", "2d");
        refused("--temperature '0x1p3'", "log-softmax", "--in", in, "--out", out, "--temperature", "0x1p3");
        refused("--temperature 'Infinity'", "softmax", "--in", in, "--out", out, "--temperature", "Infinity");
        refused("--axis '\u0661'", "logsumexp", "--in", in, "--out", out, "--axis", "\u0661");
        refused("--label-smoothing '0.1f'", "cross-entropy", "--logits", in, "--targets", in, "--out", out,
                "--label-smoothing", "0.1f");
        refused("--ignore-index '-\u0661'", "cross-entropy", "--logits", in, "--targets", in, "--out", out,
                "--ignore-index", "-\u0661");
        refused("--shapes", "bench", "--shapes", "\u0663x10");
        // The usual notations still work.
        assertEquals(0, Cli.run("softmax", "--in", in, "--out", out, "--temperature", "7e-1", "--axis", "+1").status());
    }

    @Test
    void printableEscapesWhatATerminalWouldActOnAndNothingElse() {
        // NUL, DEL, NEL, soft hyphen, private use, unassigned, paragraph separator, tab; a
        // backslash is left as it is (it does nothing to a terminal), as are letters and dashes.
        assertEquals("a\\x00\\x7f\\x85\\xad\\ue000\\u0378\\u2029\\t\\x",
                Main.printable("a\u0000\u007f\u0085\u00ad\ue000\u0378\u2029\t\\x"));
        assertEquals("é ü 中文 ٣ —", Main.printable("é ü 中文 ٣ —"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Main.printError(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8), "softmax", null);
        assertEquals("logits4j softmax: (no message)", bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void crossEntropyShapeMismatches() throws IOException {
        String in = good().toString();
        String out = dir.resolve("l.npy").toString();
        Path t3 = write("t3.npy", NpyBytes.file(1, NpyBytes.dict("<i8", false, "(3,)"), NpyBytes.longs(0, 1, 2)));
        refused("shape", "cross-entropy", "--logits", in, "--targets", t3.toString(), "--out", out);
        Path tOut = write("tbad.npy", NpyBytes.file(1, NpyBytes.dict("<i8", false, "(2,)"), NpyBytes.longs(0, 3)));
        refused("targets[1] = 3", "cross-entropy", "--logits", in, "--targets", tOut.toString(), "--out", out);
        Path w2 = write("w2.npy", NpyBytes.file(1, NpyBytes.dict("<f4", false, "(2,)"), NpyBytes.floats(1, 1)));
        Path t2 = write("t2.npy", NpyBytes.file(1, NpyBytes.dict("<i8", false, "(2,)"), NpyBytes.longs(0, 1)));
        refused("weight", "cross-entropy", "--logits", in, "--targets", t2.toString(), "--weight", w2.toString(),
                "--out", out);
    }

    @Test
    void failureLeavesAnExistingOutputUntouched() throws IOException {
        Path out = write("y.npy", "precious".getBytes(StandardCharsets.UTF_8));
        Path in = good();
        Cli.Result r = Cli.run("softmax", "--in", in.toString(), "--out", out.toString(), "--axis", "7");
        assertEquals(2, r.status());
        assertEquals("precious", Files.readString(out));
        Cli.Result missingDir = Cli.run("softmax", "--in", in.toString(), "--out",
                dir.resolve("no/such/dir/y.npy").toString());
        assertEquals(2, missingDir.status());
        assertTrue(missingDir.err().contains("cannot write"), missingDir.err());
    }

    @Test
    void successWritesAValidFileAndNothingElse() throws IOException {
        Path in = good();
        Path out = dir.resolve("y.npy");
        Cli.Result r = Cli.run("softmax", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        NpyArray y = NpyReader.read(out);
        assertArrayEquals(new int[] {2, 3}, y.shape());
        double[] v = Arrays2.toDoubles(y);
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / s, v[2], 1e-7);
        assertEquals(1 / 3.0, v[4], 1e-7);
        assertEquals(List.of(in, out), listing(), "no temporary file left");

        Path lse = dir.resolve("lse.npy");
        assertEquals(0, Cli.run("logsumexp", "--in", in.toString(), "--out", lse.toString(), "--axis", "0",
                "--keepdims").status());
        assertArrayEquals(new int[] {1, 3}, NpyReader.read(lse).shape());
    }

    @Test
    void readsFormatVersions2And3() throws IOException {
        for (int major : new int[] {2, 3}) {
            Path in = write("v" + major + ".npy", NpyBytes.file(major, NpyBytes.dict("<f4", false, "(3,)"),
                    NpyBytes.floats(0, 0, 0)));
            Path out = dir.resolve("o" + major + ".npy");
            assertEquals(0, Cli.run("softmax", "--in", in.toString(), "--out", out.toString()).status());
            assertEquals(1 / 3.0, Arrays2.toDoubles(NpyReader.read(out))[0], 1e-7);
        }
    }

    @Test
    void infoAndHelp() {
        Cli.Result info = Cli.run("info");
        assertEquals(0, info.status());
        assertTrue(info.out().contains("implementation:"), info.out());
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("cross-entropy"));
        assertEquals(2, Cli.run().status());
    }

    @Test
    void versionAndPerCommandHelp() {
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("logits4j "), version.out());
        for (String command : new String[] {"softmax", "log-softmax", "logsumexp", "cross-entropy", "info", "bench"}) {
            Cli.Result help = Cli.run(command, "--help");
            assertEquals(0, help.status(), command + ": " + help.err());
            assertTrue(help.out().contains("  " + command + " "), command + ": " + help.out());
            assertTrue(help.err().isEmpty(), help.err());
        }
        assertTrue(Cli.run("cross-entropy", "-h").out().contains("--label-smoothing"));
        assertTrue(Cli.run("bench", "--help").out().contains("--shapes"));
        Cli.Result unknown = Cli.run("nope", "--help");
        assertEquals(2, unknown.status());
    }

    @Test
    void benchPrintsNoCarriageReturnsWhenStderrIsNotATerminal() {
        Cli.Result r = Cli.run("bench", "--ops", "softmax", "--shapes", "2x3");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("softmax        2x3"), r.out());
        assertFalse(r.err().contains("\r") || r.out().contains("\r"), "no progress control characters in a log");
    }

    /** The real script, in its own JVM, on the bundled example (built classes are enough). */
    @Test
    void binScriptRunsTheBundledExample() throws Exception {
        Path root = Paths.get("").toAbsolutePath();
        Path out = dir.resolve("probs.npy");
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("bin/logits4j").toString(), "softmax",
                "--in", root.resolve("examples/logits.npy").toString(), "--out", out.toString(), "--backend", "java"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LOGITS4J_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        double[] y = Arrays2.toDoubles(NpyReader.read(out));
        for (int row = 0; row < 4; row++) {
            double s = 0;
            for (int j = 0; j < 10; j++) {
                s += y[row * 10 + j];
            }
            assertEquals(1.0, s, 1e-6, "row " + row + " sums to 1");
        }
        assertEquals(0.0, y[13], "the -inf logit gets probability 0");

        ProcessBuilder badPb = new ProcessBuilder("bash", root.resolve("bin/logits4j").toString(), "softmax", "--in",
                root.resolve("examples/logits.npy").toString(), "--out", out.toString(), "--backend", "native")
                .redirectErrorStream(true);
        badPb.environment().put("LOGITS4J_CLASSPATH", System.getProperty("java.class.path"));
        Process bad = badPb.start();
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        String badText = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Only where this JVM chose its backend itself: a JVM forced to java (the Surefire
        // executions java and java-vector, which run CliTest under -Dtest) says nothing about
        // whether the script's fresh JVM can load the native library.
        if (System.getProperty("logits4j.backend", "").isEmpty()
                && !dev.logits4j.Logits4j.info().implementation().startsWith("native")) {
            assertEquals(2, bad.exitValue(), badText);
            assertTrue(badText.contains("native"), badText);
        }
    }
}
