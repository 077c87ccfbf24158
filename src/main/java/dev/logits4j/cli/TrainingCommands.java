package dev.logits4j.cli;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Ops;
import dev.logits4j.Reduction;
import dev.logits4j.Training;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The CLI commands of the ops around the loss (issue 27): {@code token-logprobs},
 * {@code softmax-backward}, {@code log-softmax-backward}, and cross-entropy's gradient for
 * {@code cross-entropy --grad-out}. As the other commands: every input is read and checked, the
 * op runs, and only then are the outputs written (each to a temporary file renamed into place).
 */
final class TrainingCommands {
    private TrainingCommands() {}

    static final String USAGE = String.join("\n",
            "  token-logprobs --logits X.npy --tokens T.npy --out LP.npy [--ignore-index I]",
            "                [--entropy-out H.npy] [--backend B] [--dtype bfloat16]",
            "                X [..., V], T [...] int32/int64 in [0, V) or I (default -100, log-prob 0);",
            "                LP [...] = log_softmax(X)[..., T], H [...] the rows' entropy (nats); both",
            "                X's dtype (float32 for 16-bit X)",
            "  softmax-backward --y Y.npy --grad G.npy --out GX.npy [--axis A] [--backend B]",
            "                Y = softmax(X) float32/64, G = dL/dY (Y's dtype and shape);",
            "                GX = dL/dX = Y * (G - sum(G * Y)) along A (default -1)",
            "  log-softmax-backward --y Y.npy --grad G.npy --out GX.npy [--axis A] [--backend B]",
            "                Y = log_softmax(X) float32/64: GX = G - exp(Y) * sum(G) along A");

    static void tokenLogProbs(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("logits", "tokens", "out", "ignore-index",
                "entropy-out", "backend", "dtype"), Set.of());
        PathChecks paths = new PathChecks();
        Path logitsFile = paths.input("logits", a.required("logits"));
        Path tokensFile = paths.input("tokens", a.required("tokens"));
        Path outFile = paths.output("out", a.required("out"));
        Path entropyFile = a.optional("entropy-out") == null ? null
                : paths.output("entropy-out", a.optional("entropy-out"));
        Ops ops = Main.backend(a);
        long ignoreIndex = a.longValue("ignore-index", CrossEntropyOptions.DEFAULT_IGNORE_INDEX);
        NpyArray logits = Main.readLogits("logits", logitsFile, a);
        if (logits.rank() == 0) {
            throw new UsageException("--logits " + logitsFile + ": a 0-d array has no last axis (vocabulary)");
        }
        int[] rows = Main.reducedShape(logits.shape(), logits.rank() - 1, false);
        NpyArray tokens = Main.read("tokens", tokensFile);
        checkTokens(tokens, tokensFile, rows, logits.shape()[logits.rank() - 1], ignoreIndex);
        NpyType outType = Views.isHalf(logits) ? NpyType.FLOAT32 : logits.type();
        NpyArray out = NpyArray.allocate(outType, rows);
        NpyArray entropy = entropyFile == null ? null : NpyArray.allocate(outType, rows);
        ops.training().tokenLogProbs(Views.of(logits), Views.of(tokens), ignoreIndex, Views.of(out),
                entropy == null ? null : Views.of(entropy));
        Main.writeAll(new String[] {"out", "entropy-out"}, new Path[] {outFile, entropyFile},
                new NpyArray[] {out, entropy});
    }

    /**
     * {@code --tokens}: int32/int64 of the rows' shape, each in [0, V) or the ignore index. The
     * library checks the same, but its message cannot name the flag, the file or the position.
     */
    private static void checkTokens(NpyArray tokens, Path file, int[] rows, int vocab, long ignoreIndex)
            throws UsageException {
        if (tokens.type() != NpyType.INT32 && tokens.type() != NpyType.INT64) {
            throw new UsageException("--tokens " + file + ": dtype " + tokens.type().label()
                    + " is not supported here (expected int32 or int64 token ids)");
        }
        if (!Arrays.equals(tokens.shape(), rows)) {
            throw new UsageException("--tokens " + file + ": shape " + NpyArray.shapeString(tokens.shape())
                    + " but the logits need " + NpyArray.shapeString(rows) + " (their shape without the last axis)");
        }
        long n = tokens.elementCount();
        for (int i = 0; i < n; i++) {
            long t = tokens.type() == NpyType.INT32 ? tokens.asInts().get(i) : tokens.asLongs().get(i);
            if (t != ignoreIndex && (t < 0 || t >= vocab)) {
                throw new UsageException("--tokens " + file + ": token " + t + " at " + position(i, rows)
                        + " is outside [0, " + vocab + ") and is not the ignore index " + ignoreIndex);
            }
        }
    }

    /** The multi-index of flat C-order element {@code flat} of an array of {@code shape}. */
    private static String position(long flat, int[] shape) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return Arrays.toString(index);
    }

    /**
     * {@code cross-entropy --grad-out}: the loss into {@code out} (the value plain
     * {@code cross-entropy} writes) and d loss / d logits into {@code grad}. Reduction MEAN and
     * SUM: one fused call; NONE has one loss per position, so the gradient is that of their sum
     * (an upstream gradient of ones).
     */
    static void crossEntropyWithGradient(Ops ops, NpyArray logits, NpyArray targets,
                                         CrossEntropyOptions options, NpyArray out, NpyArray grad) {
        Training training = ops.training();
        if (options.reduction() == Reduction.NONE) {
            ops.crossEntropy(Views.of(logits), Views.of(targets), Views.of(out), options);
            NpyArray ones = NpyArray.allocate(out.type(), out.shape());
            for (int i = 0; i < ones.elementCount(); i++) {
                put(ones, i, 1.0);
            }
            training.crossEntropyBackward(Views.of(logits), Views.of(targets), options, Views.of(ones),
                    Views.of(grad));
        } else {
            // Training returns the value Ops.crossEntropy writes (bit for bit) before rounding to out's dtype
            put(out, 0, training.crossEntropyWithGradient(Views.of(logits), Views.of(targets), options,
                    Views.of(grad)));
        }
    }

    private static void put(NpyArray a, int i, double v) {
        if (a.type() == NpyType.FLOAT32) {
            a.asFloats().put(i, (float) v);
        } else {
            a.asDoubles().put(i, v);
        }
    }

    /** {@code softmax-backward} and {@code log-softmax-backward} ({@code log}): Y and G float32/64 of one dtype and shape. */
    static void softmaxBackward(String[] argv, boolean log) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("y", "grad", "out", "axis", "backend"), Set.of());
        PathChecks paths = new PathChecks();
        Path yFile = paths.input("y", a.required("y"));
        Path gFile = paths.input("grad", a.required("grad"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = Main.backend(a);
        int axis = a.intValue("axis", -1);
        NpyArray y = Main.readFloats("y", yFile);
        NpyArray g = Main.readFloats("grad", gFile);
        if (g.type() != y.type() || !Arrays.equals(g.shape(), y.shape())) {
            throw new UsageException("--grad " + gFile + ": " + g.type().label() + " "
                    + NpyArray.shapeString(g.shape()) + " but --y " + yFile + " is "
                    + y.type().label() + " " + NpyArray.shapeString(y.shape()) + ": they must match");
        }
        Main.axis(axis, y.shape());
        NpyArray gradIn = NpyArray.allocate(y.type(), y.shape());
        if (log) {
            ops.training().logSoftmaxBackward(Views.of(y), Views.of(g), Views.of(gradIn), axis);
        } else {
            ops.training().softmaxBackward(Views.of(y), Views.of(g), Views.of(gradIn), axis);
        }
        Main.write(outFile, gradIn);
    }
}
