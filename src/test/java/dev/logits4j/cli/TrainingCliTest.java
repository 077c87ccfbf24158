package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.npy.NpyType;
import dev.logits4j.npy.NpyWriter;
import dev.logits4j.testutil.Arrays2;
import dev.logits4j.testutil.Cli;
import dev.logits4j.testutil.HalfBits;
import dev.logits4j.testutil.NpyBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token-logprobs}, {@code cross-entropy --grad-out}, {@code softmax-backward} and
 * {@code log-softmax-backward} on the command line, against float64 references written here from
 * the definitions (log-softmax by a max-shifted loop, the cross-entropy gradient as
 * softmax minus the target distribution, the backward formulas), and their refusals.
 */
class TrainingCliTest {
    /** float32 results against float64 references of O(1) values (a few float32 ulps). */
    private static final double TOL32 = 2e-6;
    private static final double TOL64 = 1e-12;

    @TempDir
    Path dir;

    // ---- files ------------------------------------------------------------------------------

    private Path npy(String name, NpyType t, int[] shape, double... v) throws IOException {
        NpyArray a = NpyArray.allocate(t, shape);
        for (int i = 0; i < v.length; i++) {
            switch (t) {
                case FLOAT32 -> a.asFloats().put(i, (float) v[i]);
                case FLOAT64 -> a.asDoubles().put(i, v[i]);
                case INT32 -> a.asInts().put(i, (int) v[i]);
                case INT64 -> a.asLongs().put(i, (long) v[i]);
                default -> throw new IllegalArgumentException(t.toString());
            }
        }
        Path p = dir.resolve(name);
        NpyWriter.write(p, a);
        return p;
    }

    /** A hand-built {@code <f2} file (the writer has no float16 output). */
    private Path float16(String name, short[] bits, int... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : bits) {
            b.putShort(s);
        }
        StringBuilder sh = new StringBuilder("(");
        for (int d : shape) {
            sh.append(d).append(", ");
        }
        Path p = dir.resolve(name);
        Files.write(p, NpyBytes.file(1, NpyBytes.dict("<f2", false, sh.append(")").toString()), b.array()));
        return p;
    }

    /** Float16 bits of moderate values: sign, exponent 13..17 (0.25 to 8), any mantissa. */
    private static short[] halfBits(Random r, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) ((r.nextBoolean() ? 0x8000 : 0) | (13 + r.nextInt(5)) << 10 | r.nextInt(1024));
        }
        return s;
    }

    private static double[] gaussians(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return v;
    }

    /** The values as {@code t} stores them, widened back: the reference starts from the same inputs. */
    private static double[] stored(NpyType t, double[] v) {
        double[] s = v.clone();
        for (int i = 0; t == NpyType.FLOAT32 && i < s.length; i++) {
            s[i] = (float) s[i];
        }
        return s;
    }

    private NpyArray read(Path p) throws IOException {
        return NpyReader.read(p);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertClose(double[] want, NpyArray got, double tol, String what) {
        double[] g = Arrays2.toDoubles(got);
        assertEquals(want.length, g.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], g[i], tol * Math.max(1, Math.abs(want[i])), what + " [" + i + "]");
        }
    }

    // ---- float64 references -------------------------------------------------------------------

    /** Row r's log-softmax over the last {@code v} values, from the max-shifted definition. */
    private static double[] logSoftmaxRow(double[] x, int r, int v) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, x[r * v + j]);
        }
        double sum = 0;
        for (int j = 0; j < v; j++) {
            sum += Math.exp(x[r * v + j] - max);
        }
        double lse = max + Math.log(sum);
        double[] row = new double[v];
        for (int j = 0; j < v; j++) {
            row[j] = x[r * v + j] - lse;
        }
        return row;
    }

    /** softmax(x) - target per row, each row scaled by {@code scale[r]}. */
    private static double[] ceGradient(double[] x, double[] target, double[] scale, int v) {
        double[] g = new double[x.length];
        for (int r = 0; r < x.length / v; r++) {
            double[] ls = logSoftmaxRow(x, r, v);
            for (int j = 0; j < v; j++) {
                g[r * v + j] = scale[r] * (Math.exp(ls[j]) - target[r * v + j]);
            }
        }
        return g;
    }

    private static double[] oneHot(long[] t, int v, long ignore) {
        double[] q = new double[t.length * v];
        for (int r = 0; r < t.length; r++) {
            if (t[r] != ignore) {
                q[r * v + (int) t[r]] = 1;
            }
        }
        return q;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    // ---- token-logprobs -----------------------------------------------------------------------

    @Test
    void tokenLogProbsAreTheLogSoftmaxGatheredAtTheTokenAndTheEntropyOfTheRow() throws IOException {
        Random rnd = new Random(27);
        int b = 2, s = 3, v = 5;
        long[] tokens = {0, 4, -100, 2, 1, 3};
        for (NpyType t : new NpyType[] {NpyType.FLOAT32, NpyType.FLOAT64}) {
            for (NpyType tt : new NpyType[] {NpyType.INT32, NpyType.INT64}) {
                double[] x = stored(t, gaussians(rnd, b * s * v, 3));
                Path xf = npy("x.npy", t, new int[] {b, s, v}, x);
                Path tf = npy("t.npy", tt, new int[] {b, s}, java.util.Arrays.stream(tokens).asDoubleStream().toArray());
                Path lp = dir.resolve("lp.npy");
                Path h = dir.resolve("h.npy");
                Cli.Result r = Cli.run("token-logprobs", "--logits", xf.toString(), "--tokens", tf.toString(),
                        "--out", lp.toString(), "--entropy-out", h.toString());
                assertEquals(0, r.status(), r.err());
                double[] wantLp = new double[b * s];
                double[] wantH = new double[b * s];
                for (int row = 0; row < b * s; row++) {
                    double[] ls = logSoftmaxRow(x, row, v);
                    wantLp[row] = tokens[row] == -100 ? 0 : ls[(int) tokens[row]];
                    for (double l : ls) {
                        wantH[row] -= Math.exp(l) * l;
                    }
                }
                NpyArray got = read(lp);
                assertEquals(t, got.type());
                assertArrayEquals(new int[] {b, s}, got.shape());
                double tol = t == NpyType.FLOAT32 ? TOL32 : TOL64;
                assertClose(wantLp, got, tol, t + "/" + tt + " log-probs");
                assertEquals(0.0, Arrays2.toDoubles(got)[2], "the ignored position is 0");
                assertClose(wantH, read(h), tol, t + "/" + tt + " entropy");
            }
        }
    }

    @Test
    void tokenLogProbsTakeAnotherIgnoreIndex() throws IOException {
        double[] x = {1, 2, 3, 0.5, -1, 4};
        Path xf = npy("x.npy", NpyType.FLOAT64, new int[] {2, 3}, x);
        // -100 is now an ordinary (out of range) value, so -1 marks the ignored position
        Path tf = npy("t.npy", NpyType.INT64, new int[] {2}, 2, -1);
        Path lp = dir.resolve("lp.npy");
        Cli.Result r = Cli.run("token-logprobs", "--logits", xf.toString(), "--tokens", tf.toString(),
                "--out", lp.toString(), "--ignore-index", "-1");
        assertEquals(0, r.status(), r.err());
        assertClose(new double[] {logSoftmaxRow(x, 0, 3)[2], 0}, read(lp), TOL64, "log-probs");
    }

    @Test
    void float16LogitsGiveFloat32LogProbs() throws IOException {
        Random rnd = new Random(16);
        int rows = 4, v = 9;
        short[] bits = halfBits(rnd, rows * v);
        double[] x = HalfBits.toDoubles(bits, false);
        Path xf = float16("x.npy", bits, rows, v);
        long[] tokens = {8, 0, -100, 5};
        Path tf = npy("t.npy", NpyType.INT32, new int[] {rows}, 8, 0, -100, 5);
        Path lp = dir.resolve("lp.npy");
        Cli.Result r = Cli.run("token-logprobs", "--logits", xf.toString(), "--tokens", tf.toString(),
                "--out", lp.toString());
        assertEquals(0, r.status(), r.err());
        double[] want = new double[rows];
        for (int row = 0; row < rows; row++) {
            want[row] = tokens[row] == -100 ? 0 : logSoftmaxRow(x, row, v)[(int) tokens[row]];
        }
        NpyArray got = read(lp);
        assertEquals(NpyType.FLOAT32, got.type());
        assertClose(want, got, TOL32, "float16 log-probs");
    }

    // ---- cross-entropy --grad-out ---------------------------------------------------------------

    /** Runs cross-entropy with {@code --grad-out}; returns {loss file, gradient file}. */
    private Path[] crossEntropyWithGrad(Path xf, Path tf, String... options) {
        Path l = dir.resolve("l.npy");
        Path g = dir.resolve("g.npy");
        List<String> args = new ArrayList<>(List.of("cross-entropy", "--logits", xf.toString(),
                "--targets", tf.toString(), "--out", l.toString(), "--grad-out", g.toString()));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.err());
        return new Path[] {l, g};
    }

    @Test
    void theMeanGradientIsSoftmaxMinusOneHotOverNAndTheLossIsUnchanged() throws IOException {
        Random rnd = new Random(5);
        int n = 4, c = 6;
        long[] t = {5, 0, 3, 3};
        for (NpyType type : new NpyType[] {NpyType.FLOAT32, NpyType.FLOAT64}) {
            double[] x = stored(type, gaussians(rnd, n * c, 2));
            Path xf = npy("x.npy", type, new int[] {n, c}, x);
            Path tf = npy("t.npy", NpyType.INT64, new int[] {n}, 5, 0, 3, 3);
            Path[] out = crossEntropyWithGrad(xf, tf);
            NpyArray g = read(out[1]);
            assertEquals(type, g.type());
            assertArrayEquals(new int[] {n, c}, g.shape());
            double tol = type == NpyType.FLOAT32 ? TOL32 : TOL64;
            assertClose(ceGradient(x, oneHot(t, c, -100), filled(n, 1.0 / n), c), g, tol, type + " mean gradient");
            // the loss file is the one the command writes without --grad-out, byte for byte
            byte[] withGrad = Files.readAllBytes(out[0]);
            Path plain = dir.resolve("plain.npy");
            assertEquals(0, Cli.run("cross-entropy", "--logits", xf.toString(), "--targets", tf.toString(),
                    "--out", plain.toString()).status());
            assertArrayEquals(Files.readAllBytes(plain), withGrad, type + " loss");
        }
    }

    @Test
    void sumAndNoneGradientsSkipIgnoredPositionsAndNoneIsTheGradientOfTheSum() throws IOException {
        Random rnd = new Random(6);
        int n = 5, c = 4;
        long[] t = {1, -100, 0, 3, 2};
        double[] x = gaussians(rnd, n * c, 2);
        Path xf = npy("x.npy", NpyType.FLOAT64, new int[] {n, c}, x);
        Path tf = npy("t.npy", NpyType.INT32, new int[] {n}, 1, -100, 0, 3, 2);
        double[] perRow = {1, 0, 1, 1, 1};
        double[] want = ceGradient(x, oneHot(t, c, -100), perRow, c);
        for (String reduction : new String[] {"sum", "none"}) {
            Path[] out = crossEntropyWithGrad(xf, tf, "--reduction", reduction);
            assertClose(want, read(out[1]), TOL64, reduction + " gradient");
            assertArrayEquals(reduction.equals("none") ? new int[] {n} : new int[0], read(out[0]).shape());
        }
    }

    @Test
    void weightsLabelSmoothingAndProbabilityTargetsKeepWorkingWithTheGradient() throws IOException {
        Random rnd = new Random(7);
        int n = 3, c = 4;
        long[] t = {2, 0, 3};
        double[] x = gaussians(rnd, n * c, 2);
        Path xf = npy("x.npy", NpyType.FLOAT64, new int[] {n, c}, x);
        Path tf = npy("t.npy", NpyType.INT64, new int[] {n}, 2, 0, 3);
        // weighted mean: row r scaled by w[t_r] / sum of the rows' weights
        double[] w = {0.5, 1, 2, 3};
        Path wf = npy("w.npy", NpyType.FLOAT64, new int[] {c}, w);
        double wsum = w[2] + w[0] + w[3];
        Path[] out = crossEntropyWithGrad(xf, tf, "--weight", wf.toString());
        assertClose(ceGradient(x, oneHot(t, c, -100), new double[] {w[2] / wsum, w[0] / wsum, w[3] / wsum}, c),
                read(out[1]), TOL64, "weighted gradient");
        // label smoothing eps: the target distribution is (1 - eps) one-hot + eps / C
        double eps = 0.2;
        double[] q = oneHot(t, c, -100);
        for (int i = 0; i < q.length; i++) {
            q[i] = (1 - eps) * q[i] + eps / c;
        }
        out = crossEntropyWithGrad(xf, tf, "--label-smoothing", "0.2");
        assertClose(ceGradient(x, q, filled(n, 1.0 / n), c), read(out[1]), TOL64, "smoothed gradient");
        // probability targets: the gradient is (softmax - p) / N
        Path pf = npy("p.npy", NpyType.FLOAT64, new int[] {n, c}, q);
        out = crossEntropyWithGrad(xf, pf);
        assertClose(ceGradient(x, q, filled(n, 1.0 / n), c), read(out[1]), TOL64, "probability-target gradient");
    }

    @Test
    void float16LogitsGiveAFloat32Gradient() throws IOException {
        Random rnd = new Random(17);
        int n = 3, c = 7;
        short[] bits = halfBits(rnd, n * c);
        double[] x = HalfBits.toDoubles(bits, false);
        Path xf = float16("x.npy", bits, n, c);
        long[] t = {6, 1, 0};
        Path tf = npy("t.npy", NpyType.INT64, new int[] {n}, 6, 1, 0);
        Path[] out = crossEntropyWithGrad(xf, tf);
        NpyArray g = read(out[1]);
        assertEquals(NpyType.FLOAT32, g.type());
        assertEquals(NpyType.FLOAT32, read(out[0]).type());
        assertClose(ceGradient(x, oneHot(t, c, -100), filled(n, 1.0 / n), c), g, TOL32, "float16 gradient");
    }

    // ---- softmax-backward, log-softmax-backward -----------------------------------------------

    @Test
    void backwardsAreTheVectorJacobianProductsAlongTheAxis() throws IOException {
        Random rnd = new Random(8);
        int rows = 3, cols = 4;
        for (NpyType type : new NpyType[] {NpyType.FLOAT32, NpyType.FLOAT64}) {
            for (int axis : new int[] {-1, 0}) {
                // y = softmax(x) along the axis (stored in the file's dtype), g arbitrary
                double[] x = gaussians(rnd, rows * cols, 2);
                double[] g = stored(type, gaussians(rnd, rows * cols, 1));
                double[] y = new double[x.length];
                double[] logY = new double[x.length];
                boolean lastAxis = axis == -1;
                int lines = lastAxis ? rows : cols;
                int len = lastAxis ? cols : rows;
                for (int l = 0; l < lines; l++) {
                    double[] line = new double[len];
                    for (int k = 0; k < len; k++) {
                        line[k] = x[lastAxis ? l * cols + k : k * cols + l];
                    }
                    double[] ls = logSoftmaxRow(line, 0, len);
                    for (int k = 0; k < len; k++) {
                        int i = lastAxis ? l * cols + k : k * cols + l;
                        logY[i] = ls[k];
                        y[i] = Math.exp(ls[k]);
                    }
                }
                y = stored(type, y);
                logY = stored(type, logY);
                double[] wantSoft = new double[x.length];
                double[] wantLog = new double[x.length];
                for (int l = 0; l < lines; l++) {
                    double gy = 0;
                    double gSum = 0;
                    for (int k = 0; k < len; k++) {
                        int i = lastAxis ? l * cols + k : k * cols + l;
                        gy += g[i] * y[i];
                        gSum += g[i];
                    }
                    for (int k = 0; k < len; k++) {
                        int i = lastAxis ? l * cols + k : k * cols + l;
                        wantSoft[i] = y[i] * (g[i] - gy);
                        wantLog[i] = g[i] - Math.exp(logY[i]) * gSum;
                    }
                }
                Path gf = npy("g.npy", type, new int[] {rows, cols}, g);
                double tol = type == NpyType.FLOAT32 ? TOL32 : TOL64;
                for (boolean log : new boolean[] {false, true}) {
                    Path yf = npy("y.npy", type, new int[] {rows, cols}, log ? logY : y);
                    Path gx = dir.resolve("gx.npy");
                    Cli.Result r = Cli.run(log ? "log-softmax-backward" : "softmax-backward", "--y", yf.toString(),
                            "--grad", gf.toString(), "--out", gx.toString(), "--axis", Integer.toString(axis));
                    assertEquals(0, r.status(), r.err());
                    NpyArray got = read(gx);
                    assertEquals(type, got.type());
                    assertClose(log ? wantLog : wantSoft, got, tol, type + " axis " + axis + (log ? " log" : ""));
                }
            }
        }
    }

    // ---- refusals -----------------------------------------------------------------------------

    /** Runs {@code args}; asserts exit 2, one line naming {@code flag}, and only {@code inputs} in the folder. */
    private void refused(String flag, List<String> inputs, String... args) throws IOException {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains(flag), flag + " not in: " + err);
        assertEquals(inputs.stream().sorted().toList(), listing(), "no output file: " + err);
    }

    @Test
    void badInputExitsTwoNamingTheFlagAndWritesNothing() throws IOException {
        String x = npy("x.npy", NpyType.FLOAT32, new int[] {2, 3}, 1, 2, 3, 4, 5, 6).toString();
        String t = npy("t.npy", NpyType.INT64, new int[] {2}, 0, 2).toString();
        String tBig = npy("tbig.npy", NpyType.INT64, new int[] {2}, 0, 3).toString();
        String tNeg = npy("tneg.npy", NpyType.INT32, new int[] {2}, -1, 0).toString();
        String tShape = npy("tshape.npy", NpyType.INT64, new int[] {3}, 0, 1, 2).toString();
        String tFloat = npy("tfloat.npy", NpyType.FLOAT32, new int[] {2}, 0, 1).toString();
        String y64 = npy("y64.npy", NpyType.FLOAT64, new int[] {2, 3}, 1, 2, 3, 4, 5, 6).toString();
        String yInt = npy("yint.npy", NpyType.INT32, new int[] {2, 3}, 1, 2, 3, 4, 5, 6).toString();
        String g23 = npy("g23.npy", NpyType.FLOAT32, new int[] {3, 2}, 1, 2, 3, 4, 5, 6).toString();
        List<String> inputs = List.of("x.npy", "t.npy", "tbig.npy", "tneg.npy", "tshape.npy", "tfloat.npy",
                "y64.npy", "yint.npy", "g23.npy");
        String out = dir.resolve("out.npy").toString();
        String h = dir.resolve("h.npy").toString();
        String g = dir.resolve("g.npy").toString();

        refused("--tokens", inputs, "token-logprobs", "--logits", x, "--out", out);
        refused("--tokens", inputs, "token-logprobs", "--logits", x, "--tokens", tBig, "--out", out, "--entropy-out", h);
        refused("--tokens", inputs, "token-logprobs", "--logits", x, "--tokens", tNeg, "--out", out);
        refused("--tokens", inputs, "token-logprobs", "--logits", x, "--tokens", tShape, "--out", out);
        refused("--tokens", inputs, "token-logprobs", "--logits", x, "--tokens", tFloat, "--out", out);
        refused("--ignore-index", inputs, "token-logprobs", "--logits", x, "--tokens", t, "--out", out,
                "--ignore-index", "none");
        refused("--logits", inputs, "token-logprobs", "--logits", yInt, "--tokens", t, "--out", out);

        refused("--targets", inputs, "cross-entropy", "--logits", x, "--targets", tShape, "--out", out, "--grad-out", g);
        refused("--grad-out", inputs, "cross-entropy", "--logits", x, "--targets", t, "--out", out, "--grad-out", out);
        // the second output cannot be written: the first is not left behind either
        refused("--grad-out", inputs, "cross-entropy", "--logits", x, "--targets", t, "--out", out, "--grad-out",
                dir.resolve("missing").resolve("g.npy").toString());
        refused("--entropy-out", inputs, "token-logprobs", "--logits", x, "--tokens", t, "--out", out,
                "--entropy-out", dir.resolve("missing").resolve("h.npy").toString());
        refused("--reduction", inputs, "cross-entropy", "--logits", x, "--targets", t, "--out", out, "--grad-out", g,
                "--reduction", "max");

        for (String command : new String[] {"softmax-backward", "log-softmax-backward"}) {
            refused("--grad", inputs, command, "--y", x, "--out", out);
            refused("--grad", inputs, command, "--y", x, "--grad", y64, "--out", out);
            refused("--grad", inputs, command, "--y", x, "--grad", g23, "--out", out);
            refused("--y", inputs, command, "--y", yInt, "--grad", yInt, "--out", out);
            refused("--axis", inputs, command, "--y", x, "--grad", x, "--out", out, "--axis", "2");
        }
    }

    @Test
    void theTokenMessageNamesThePositionAndTheValue() throws IOException {
        String x = npy("x.npy", NpyType.FLOAT64, new int[] {2, 2, 3}, new double[12]).toString();
        String t = npy("t.npy", NpyType.INT64, new int[] {2, 2}, 0, 1, 2, 7).toString();
        Cli.Result r = Cli.run("token-logprobs", "--logits", x, "--tokens", t, "--out", dir.resolve("o.npy").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("token 7 at [1, 1]") && r.err().contains("[0, 3)"), r.err());
    }

    @Test
    void eachCommandHasItsHelp() {
        for (String command : new String[] {"token-logprobs", "softmax-backward", "log-softmax-backward"}) {
            Cli.Result help = Cli.run(command, "--help");
            assertEquals(0, help.status(), command);
            assertTrue(help.out().contains("  " + command + " "), help.out());
        }
        assertFalse(Cli.run("softmax", "--help").out().contains("backward"), "softmax's help is its own");
        assertTrue(Cli.run("cross-entropy", "--help").out().contains("--grad-out"));
    }
}
