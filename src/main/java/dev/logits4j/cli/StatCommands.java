package dev.logits4j.cli;

import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code entropy} and {@code kl}: per row over the last axis, nats, float32 out (computed in
 * float64 for float64 logits, then rounded once).
 */
final class StatCommands {
    private StatCommands() {}

    static final String USAGE = String.join("\n",
            "  entropy       --in X.npy --out H.npy [--backend B] [--dtype bfloat16]",
            "                H [...] float32: the entropy of softmax(X) over the last axis (nats)",
            "  kl            --p X.npy --q Y.npy --out K.npy [--backend B] [--dtype bfloat16]",
            "                K [...] float32: KL(softmax(X) || softmax(Y)) over the last axis (nats);",
            "                X and Y of one dtype and shape");

    static void entropy(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("in", "out", "backend", "dtype"), Set.of());
        PathChecks paths = new PathChecks();
        Path in = paths.input("in", a.required("in"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = Main.backend(a);
        NpyArray x = Main.readLogits("in", in, a);
        NpyArray y = perRow(x, in, "in");
        if (x.type() == NpyType.FLOAT64) {
            double[] d = new double[(int) y.elementCount()];
            ops.entropy(Views.of(x), Tensor.of(d), -1);
            narrow(d, y);
        } else {
            ops.entropy(Views.of(x), Views.of(y), -1);
        }
        Main.write(outFile, y);
    }

    static void kl(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("p", "q", "out", "backend", "dtype"), Set.of());
        PathChecks paths = new PathChecks();
        Path pFile = paths.input("p", a.required("p"));
        Path qFile = paths.input("q", a.required("q"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = Main.backend(a);
        NpyArray p = Main.readLogits("p", pFile, a);
        NpyArray q = Main.readLogits("q", qFile, a);
        if (p.type() != q.type() || !Arrays.equals(p.shape(), q.shape())) {
            throw new UsageException("--q " + qFile + ": " + q.type().label() + " "
                    + NpyArray.shapeString(q.shape()) + " but --p " + pFile + " is "
                    + p.type().label() + " " + NpyArray.shapeString(p.shape())
                    + ": they must match");
        }
        NpyArray y = perRow(p, pFile, "p");
        if (p.type() == NpyType.FLOAT64) {
            double[] d = new double[(int) y.elementCount()];
            ops.klDivergence(Views.of(p), Views.of(q), Tensor.of(d), -1);
            narrow(d, y);
        } else {
            ops.klDivergence(Views.of(p), Views.of(q), Views.of(y), -1);
        }
        Main.write(outFile, y);
    }

    /** A float32 array of the input's shape without its last axis. */
    private static NpyArray perRow(NpyArray x, Path file, String flag) throws UsageException {
        if (x.rank() == 0) {
            throw new UsageException("--" + flag + " " + file + ": a 0-d array has no last axis");
        }
        return NpyArray.allocate(NpyType.FLOAT32, Main.reducedShape(x.shape(), x.rank() - 1, false));
    }

    private static void narrow(double[] d, NpyArray y) {
        for (int i = 0; i < d.length; i++) {
            y.asFloats().put(i, (float) d[i]);
        }
    }
}
