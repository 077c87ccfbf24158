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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample}, {@code argmax} and {@code topk} on the command line: results, usage, refusals. */
class SelectCliTest {
    @TempDir
    Path dir;

    private Path floats(String name, int[] shape, float... v) throws IOException {
        NpyArray a = NpyArray.allocate(NpyType.FLOAT32, shape);
        a.asFloats().put(v);
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    private Path doubles(String name, int[] shape, double... v) throws IOException {
        NpyArray a = NpyArray.allocate(NpyType.FLOAT64, shape);
        a.asDoubles().put(v);
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    private Path longs(String name, int[] shape, long... v) throws IOException {
        NpyArray a = NpyArray.allocate(NpyType.INT64, shape);
        a.asLongs().put(v);
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private void refused(String mention, String... args) throws IOException {
        List<Path> before = listing();
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), () -> "exit status; stderr: " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), () -> "one line: " + err);
        assertTrue(err.toLowerCase().contains(mention.toLowerCase()), () -> "'" + err + "' should mention " + mention);
        assertEquals(before, listing(), "no file written or left behind");
    }

    private void ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), () -> "stderr: " + r.err());
    }

    @Test
    void sampleWritesTokensAndLogProbs() throws IOException {
        Path x = floats("x.npy", new int[] {2, 4}, 0, 5, 1, 5, 3, -1, 2, 0);
        Path u = doubles("u.npy", new int[] {2}, 0.6, 0.1);
        Path h = longs("h.npy", new int[] {2, 2}, 1, -1, -1, -1);
        Path t = dir.resolve("t.npy");
        Path l = dir.resolve("l.npy");
        ok("sample", "--logits", x.toString(), "--uniform", u.toString(), "--out", t.toString(),
                "--temperature", "0.7", "--top-k", "2", "--top-p", "0.9", "--repetition-penalty", "2",
                "--history", h.toString(), "--log-probs", l.toString());
        NpyArray tokens = NpyReader.read(t);
        assertEquals(NpyType.INT64, tokens.type());
        // row 0: 5/2 = 2.5 for token 1 (penalised), token 3 keeps 5: top-2 {3, 2.5->1}; row 1: greedy-ish
        assertEquals(3, tokens.asLongs().get(0));
        assertEquals(0, tokens.asLongs().get(1));
        NpyArray lp = NpyReader.read(l);
        assertEquals(NpyType.FLOAT32, lp.type());
        double lse = Math.log(Math.exp(0) + 2 * Math.exp(5) + Math.exp(1));
        assertEquals(5 - lse, lp.asFloats().get(0), 1e-5);
        Path g = dir.resolve("g.npy");
        ok("sample", "--logits", x.toString(), "--uniform", u.toString(), "--out", g.toString(), "--temperature", "0");
        assertEquals(1, NpyReader.read(g).asLongs().get(0));
    }

    @Test
    void argmaxAndTopK() throws IOException {
        Path x = floats("x.npy", new int[] {2, 3}, 1, 9, 9, 4, 2, 8);
        Path i = dir.resolve("i.npy");
        ok("argmax", "--in", x.toString(), "--out", i.toString(), "--axis", "0");
        NpyArray am = NpyReader.read(i);
        assertEquals(3, am.shape()[0]);
        assertEquals(1, am.asLongs().get(0));
        assertEquals(0, am.asLongs().get(1));
        Path v = dir.resolve("v.npy");
        Path k = dir.resolve("k.npy");
        ok("topk", "--in", x.toString(), "--k", "2", "--values", v.toString(), "--indices", k.toString());
        NpyArray idx = NpyReader.read(k);
        assertEquals(2, idx.shape()[1]);
        assertEquals(1, idx.asLongs().get(0));
        assertEquals(2, idx.asLongs().get(1));
        assertEquals(2, idx.asLongs().get(2));
        assertEquals(0, idx.asLongs().get(3));
        assertEquals(9f, NpyReader.read(v).asFloats().get(0));
        ok("topk", "--in", x.toString(), "--k", "1", "--values", v.toString(), "--indices", k.toString(), "--log-probs");
        assertTrue(NpyReader.read(v).asFloats().get(0) < 0);
    }

    private Path shorts(String name, NpyType type, int[] shape, short... v) throws IOException {
        NpyArray a = NpyArray.allocate(type, shape);
        a.asShorts().put(v);
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    /** 16-bit logits: <f2 float16, and bfloat16 bits as <u2 with --dtype bfloat16; float32 results. */
    @Test
    void sixteenBitLogitsForSampleArgmaxAndTopK() throws IOException {
        // float16 0x3C00 = 1, 0x4500 = 5, 0x4200 = 3; bfloat16 0x3F80 = 1, 0x40A0 = 5, 0x4040 = 3
        Path xh = shorts("xh.npy", NpyType.FLOAT16, new int[] {2, 3},
                (short) 0x3C00, (short) 0x4500, (short) 0x4200, (short) 0x4500, (short) 0x3C00, (short) 0x4200);
        Path xb = shorts("xb.npy", NpyType.UINT16, new int[] {2, 3},
                (short) 0x3F80, (short) 0x40A0, (short) 0x4040, (short) 0x40A0, (short) 0x3F80, (short) 0x4040);
        Path u = doubles("u.npy", new int[] {2}, 0.5, 0.5);
        for (String[] in : new String[][] {{xh.toString()}, {xb.toString(), "--dtype", "bfloat16"}}) {
            Path i = dir.resolve("i.npy");
            ok(concat(new String[] {"argmax", "--in", in[0], "--out", i.toString()}, tail(in)));
            assertEquals(1, NpyReader.read(i).asLongs().get(0));
            assertEquals(0, NpyReader.read(i).asLongs().get(1));
            Path v = dir.resolve("v.npy");
            Path k = dir.resolve("k.npy");
            ok(concat(new String[] {"topk", "--in", in[0], "--k", "2", "--values", v.toString(),
                    "--indices", k.toString(), "--log-probs"}, tail(in)));
            NpyArray values = NpyReader.read(v);
            assertEquals(NpyType.FLOAT32, values.type());
            double lse = Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3));
            assertEquals(5 - lse, values.asFloats().get(0), 1e-6);
            assertEquals(3 - lse, values.asFloats().get(1), 1e-6);
            assertEquals(2, NpyReader.read(k).asLongs().get(1));
            Path t = dir.resolve("t.npy");
            Path l = dir.resolve("l.npy");
            ok(concat(new String[] {"sample", "--logits", in[0], "--uniform", u.toString(), "--out",
                    t.toString(), "--temperature", "0", "--log-probs", l.toString()}, tail(in)));
            assertEquals(1, NpyReader.read(t).asLongs().get(0));
            assertEquals(0, NpyReader.read(t).asLongs().get(1));
            assertEquals(5 - lse, NpyReader.read(l).asFloats().get(1), 1e-6);
        }
        // bfloat16 bits without --dtype: refused, nothing written
        refused("--dtype bfloat16", "argmax", "--in", xb.toString(), "--out", dir.resolve("n.npy").toString());
    }

    private static String[] tail(String[] a) {
        return java.util.Arrays.copyOfRange(a, 1, a.length);
    }

    @Test
    void badInputExits2WithOneLineAndNoFile() throws IOException {
        Path x = floats("x.npy", new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        Path u = doubles("u.npy", new int[] {2}, 0.5, 0.5);
        String t = dir.resolve("t.npy").toString();
        String[] base = {"sample", "--logits", x.toString(), "--uniform", u.toString(), "--out", t};
        refused("topK", concat(base, "--top-k", "-1"));
        refused("topP", concat(base, "--top-p", "0"));
        refused("topP", concat(base, "--top-p", "1.5"));
        refused("minP", concat(base, "--min-p", "2"));
        refused("temperature", concat(base, "--temperature", "-1"));
        refused("temperature", concat(base, "--temperature", "nan"));
        refused("repetitionPenalty", concat(base, "--repetition-penalty", "0"));
        refused("history", concat(base, "--history", longs("h.npy", new int[] {2, 1}, 0, 3).toString()));
        Files.delete(dir.resolve("h.npy"));
        refused("uniform", "sample", "--logits", x.toString(), "--uniform",
                doubles("u2.npy", new int[] {2}, 0.5, 1.0).toString(), "--out", t);
        Files.delete(dir.resolve("u2.npy"));
        refused("uniform", "sample", "--logits", x.toString(), "--uniform",
                floats("u3.npy", new int[] {2}, 0.5f, 0.5f).toString(), "--out", t);
        Files.delete(dir.resolve("u3.npy"));
        refused("--k", "topk", "--in", x.toString(), "--k", "4", "--values", t, "--indices", dir.resolve("i.npy").toString());
        refused("axis", "argmax", "--in", x.toString(), "--out", t, "--axis", "2");
    }

    @Test
    void usagePerCommand() {
        for (String c : new String[] {"sample", "argmax", "topk"}) {
            Cli.Result r = Cli.run(new String[] {c, "--help"});
            assertEquals(0, r.status());
            assertTrue(r.out().contains(c + " "), r.out());
        }
        assertTrue(Cli.run(new String[] {"sample", "--help"}).out().contains("--frequency-penalty"));
        assertTrue(Cli.run(new String[] {"--help"}).out().contains("topk"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void benchHasSampleRows() {
        Cli.Result r = Cli.run(new String[] {"bench", "--ops", "sample", "--shapes", "2x200"});
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("sample") && r.out().contains("textbook-java"), r.out());
        assertEquals(2, Cli.run(new String[] {"bench", "--ops", "sampel"}).status());
    }

    private Path ints(String name, int[] shape, int... v) throws IOException {
        NpyArray a = NpyArray.allocate(NpyType.INT32, shape);
        a.asInts().put(v);
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    /** --mask, --allowed and --banned: greedy picks the best token each leaves, rows apart. */
    @Test
    void sampleTakesTokenMasksAllowedAndBannedIds() throws IOException {
        int v = 40;
        float[] x = new float[2 * v];
        for (int j = 0; j < v; j++) {
            x[j] = j;            // row 0: ascending, best 39
            x[v + j] = v - j;    // row 1: descending, best 0
        }
        Path xf = floats("x.npy", new int[] {2, v}, x);
        Path u = doubles("u.npy", new int[] {2}, 0.5, 0.5);
        Path t = dir.resolve("t.npy");
        // row 0 allows 3 and 35 (word 0 bit 3, word 1 bit 3); row 1 allows 20 and 30 (one word: 30 only... and 20)
        Path m = ints("m.npy", new int[] {2, 2}, 1 << 3, 1 << 3, (1 << 20) | (1 << 30), 0);
        ok("sample", "--logits", xf.toString(), "--uniform", u.toString(), "--out", t.toString(),
                "--temperature", "0", "--mask", m.toString());
        NpyArray r = NpyReader.read(t);
        assertEquals(35, r.asLongs().get(0));
        assertEquals(20, r.asLongs().get(1));
        Path allowed = longs("a.npy", new int[] {3}, 5, 17, 30);
        Path banned = ints("b.npy", new int[] {2}, 30, 39);
        ok("sample", "--logits", xf.toString(), "--uniform", u.toString(), "--out", t.toString(),
                "--temperature", "0", "--allowed", allowed.toString());
        r = NpyReader.read(t);
        assertEquals(30, r.asLongs().get(0));
        assertEquals(5, r.asLongs().get(1));
        ok("sample", "--logits", xf.toString(), "--uniform", u.toString(), "--out", t.toString(),
                "--temperature", "0", "--allowed", allowed.toString(), "--banned", banned.toString(),
                "--mask", m.toString());
        r = NpyReader.read(t);
        assertEquals(-1, r.asLongs().get(0), "row 0: the mask allows 3 and 35, --allowed neither");
        assertEquals(-1, r.asLongs().get(1), "row 1: 30 is banned, 20 not in --allowed");
        ok("sample", "--logits", xf.toString(), "--uniform", u.toString(), "--out", t.toString(),
                "--temperature", "0", "--banned", banned.toString());
        r = NpyReader.read(t);
        assertEquals(38, r.asLongs().get(0));
        assertEquals(0, r.asLongs().get(1));
        String out = dir.resolve("t2.npy").toString();
        refused("mask", "sample", "--logits", xf.toString(), "--uniform", u.toString(), "--out", out,
                "--mask", doubles("md.npy", new int[] {2, 2}, 1, 1, 1, 1).toString());
        refused("allowed", "sample", "--logits", xf.toString(), "--uniform", u.toString(), "--out", out,
                "--allowed", longs("bad.npy", new int[] {1}, 40).toString());
    }

    /** verify, greedy: the draft token the target agrees with is accepted, then the bonus; a disagreeing one is replaced. */
    @Test
    void verifyAcceptsReplacesAndAddsTheBonus() throws IOException {
        Path t = floats("t.npy", new int[] {2, 2, 3}, 10, 0, 0, 0, 5, 0, 10, 0, 0, 0, 5, 0);
        Path d = longs("d.npy", new int[] {2, 1}, 0, 2);
        Path q = floats("q.npy", new int[] {2, 1, 3}, 0.8f, 0.1f, 0.1f, 0.1f, 0.1f, 0.8f);
        Path u = doubles("u.npy", new int[] {2, 2}, 0.5, 0.5, 0.5, 0.5);
        Path r = dir.resolve("r.npy");
        for (String flag : new String[] {"--draft-probs", "--draft-logits"}) {
            ok("verify", "--target-logits", t.toString(), "--draft-tokens", d.toString(), flag, q.toString(),
                    "--uniform", u.toString(), "--out", r.toString(), "--temperature", "0");
            NpyArray got = NpyReader.read(r);
            long[] v = new long[6];
            got.asLongs().get(0, v);
            assertEquals(List.of(1L, 0L, 1L, 0L, 0L, -1L), java.util.Arrays.stream(v).boxed().toList(), flag);
        }
        refused("draft", "verify", "--target-logits", t.toString(), "--draft-tokens", d.toString(),
                "--draft-probs", q.toString(), "--draft-logits", q.toString(), "--uniform", u.toString(),
                "--out", dir.resolve("r2.npy").toString());
    }
}
