package dev.logits4j.cli;

import dev.logits4j.Tensor;
import dev.logits4j.Ops;
import dev.logits4j.SamplingOptions;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyType;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Set;

/**
 * The CLI commands of the selection ops (issue 12): {@code sample}, {@code argmax}, {@code topk}.
 * As the other commands: every input is read and checked, the op runs, and only then are the
 * outputs written (each to a temporary file renamed into place); bad input exits 2 with one line
 * and leaves no output file.
 */
final class SelectCommands {
    private SelectCommands() {}

    static final String USAGE = String.join("\n",
            "  sample        --logits X.npy (--seed N | --uniform U.npy) --out T.npy [--temperature T]",
            "                [--top-k K] [--top-p P] [--min-p M] [--repetition-penalty R] [--presence-penalty A]",
            "                [--frequency-penalty F] [--logit-bias ID:VALUE,...] [--history H.npy]",
            "                [--log-probs L.npy] [--mask M.npy] [--allowed A.npy] [--banned B.npy]",
            "                [--backend B] [--dtype bfloat16]",
            "                X [N, V] float32/64/16, U [N] float64 in [0, 1), H [N, L] int64 (-1: padding);",
            "                T out [N] int64 (-1: a row without a distribution), L out [N] float32.",
            "                --seed N (any int64): row r takes draw r of SplitMix64 seeded with N (the",
            "                stream of java.util.SplittableRandom(N).nextDouble()): the same draws on every",
            "                JDK and backend. --logit-bias adds VALUE (finite, or -inf: banned) to token ID's",
            "                logit in every row, e.g. 50256:-inf,13:2.5; IDs in [0, V)",
            "                --mask: int32 [N, W] words, bit j % 32 of word j / 32 set = token j allowed",
            "                (XGrammar's layout; fewer than ceil(V / 32) words disallow the rest);",
            "                --allowed / --banned: int32 or int64 [K] token ids, for every row; a token",
            "                must pass every mask flag given (disallowed tokens are never drawn).",
            "  verify        --target-logits T.npy --draft-tokens D.npy (--draft-probs Q.npy | --draft-logits Q.npy)",
            "                --uniform U.npy --out R.npy [--temperature T] [--top-k K] [--top-p P] [--min-p M]",
            "                [--backend B]   speculative decoding's acceptance step: T [N, k+1, V] float32/64,",
            "                D [N, k] int32/int64, Q [N, k, V] the draft's probabilities (or logits: softmax),",
            "                U [N, k+1] float64; R out [N, k+2] int64: accepted count, tokens, then -1",
            "  argmax        --in X.npy --out I.npy [--axis A] [--backend B] [--dtype bfloat16]   (I: int64)",
            "  topk          --in X.npy --k K --values V.npy --indices I.npy [--log-probs] [--backend B]",
            "                [--dtype bfloat16]   (V: float32 for 16-bit X)");

    static void sample(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("logits", "seed", "uniform", "out", "temperature",
                "top-k", "top-p", "min-p", "repetition-penalty", "presence-penalty",
                "frequency-penalty", "logit-bias", "history", "log-probs", "mask", "allowed", "banned",
                "backend", "dtype"), Set.of());
        PathChecks paths = new PathChecks();
        Path logitsFile = paths.input("logits", a.required("logits"));
        SampleDraws draws = SampleDraws.of(a, paths);
        Path outFile = paths.output("out", a.required("out"));
        Path lpFile = a.optional("log-probs") == null ? null : paths.output("log-probs", a.optional("log-probs"));
        Path histFile = a.optional("history") == null ? null : paths.input("history", a.optional("history"));
        LogitBiasFlag bias = LogitBiasFlag.parse(a.optional("logit-bias"));
        MaskFlags masks = MaskFlags.of(a, paths);
        Ops ops = Main.backend(a);
        SamplingOptions o = SamplingOptions.DEFAULT
                .withTemperature(a.doubleValue("temperature", 1.0))
                .withTopK(a.intValue("top-k", 0))
                .withTopP(a.doubleValue("top-p", 1.0))
                .withMinP(a.doubleValue("min-p", 0.0))
                .withRepetitionPenalty(a.doubleValue("repetition-penalty", 1.0))
                .withPresenceFrequencyPenalty(a.doubleValue("presence-penalty", 0.0),
                        a.doubleValue("frequency-penalty", 0.0));
        NpyArray x = Main.readLogits("logits", logitsFile, a);
        if (x.rank() != 2) {
            throw new UsageException("--logits " + logitsFile + ": shape " + NpyArray.shapeString(x.shape())
                    + " is not [N, V]");
        }
        int rows = x.shape()[0];
        DoubleBuffer u = draws.forRows(rows);
        if (bias != null) {
            o = o.withLogitBias(bias.forVocabulary(x.shape()[1], logitsFile));
        }
        if (histFile != null) {
            o = withHistory(o, histFile, rows);
        }
        NpyArray tokens = NpyArray.allocate(NpyType.INT64, new int[] {rows});
        NpyArray lp = lpFile == null ? null : NpyArray.allocate(NpyType.FLOAT32, new int[] {rows});
        int[] mask = masks.words(rows, x.shape()[1]);
        sample(ops, x, mask == null ? null : Tensor.of(mask, rows, mask.length / Math.max(rows, 1)),
                o, u, tokens, lp);
        Main.writeAll(new String[] {"out", "log-probs"}, new Path[] {outFile, lpFile},
                new NpyArray[] {tokens, lp});
    }

    /** {@code --history}: int64 [N, L], -1 as padding. */
    private static SamplingOptions withHistory(SamplingOptions o, Path histFile, int rows)
            throws IOException, UsageException {
        NpyArray h = Main.read("history", histFile);
        if (h.type() != NpyType.INT64 || h.rank() != 2 || h.shape()[0] != rows) {
            throw new UsageException("--history " + histFile + ": expected int64 [" + rows
                    + ", L], got " + h.type().label() + " " + NpyArray.shapeString(h.shape()));
        }
        long[] ids = new long[(int) h.elementCount()];
        h.asLongs().get(0, ids);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < -1) {
                throw new UsageException("--history " + histFile + ": id " + ids[i] + " at ["
                        + i / h.shape()[1] + ", " + i % h.shape()[1] + "] is neither a token nor -1 (padding)");
            }
        }
        return o.withPaddedHistory(ids, h.shape()[1]);
    }

    /** The sample call for the logits' dtype; log-probs (when wanted) come out float32. */
    private static void sample(Ops ops, NpyArray x, Tensor mask, SamplingOptions o, DoubleBuffer u,
                               NpyArray tokens, NpyArray lp) {
        Tensor uniform = Tensor.of(u);
        int rows = x.shape()[0];
        double[] lp64 = lp == null || x.type() != NpyType.FLOAT64 ? null : new double[rows];
        Tensor lpOut = lp == null ? null : lp64 != null ? Tensor.of(lp64) : Views.of(lp);
        if (mask == null) {
            ops.sample(Views.of(x), o, uniform, Views.of(tokens), lpOut);
        } else {
            ops.sample(Views.of(x), mask, o, uniform, Views.of(tokens), lpOut);
        }
        if (lp64 == null) {
            return;
        }
        for (int i = 0; lp != null && i < rows; i++) {
            lp.asFloats().put(i, (float) lp64[i]);
        }
    }

    static void verify(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("target-logits", "draft-tokens", "draft-probs",
                "draft-logits", "uniform", "out", "temperature", "top-k", "top-p", "min-p", "backend"),
                Set.of());
        PathChecks paths = new PathChecks();
        Path tFile = paths.input("target-logits", a.required("target-logits"));
        Path dFile = paths.input("draft-tokens", a.required("draft-tokens"));
        boolean logits = a.optional("draft-logits") != null;
        if (logits == (a.optional("draft-probs") != null)) {
            throw new UsageException("give exactly one of --draft-probs and --draft-logits");
        }
        String qFlag = logits ? "draft-logits" : "draft-probs";
        Path qFile = paths.input(qFlag, a.optional(qFlag));
        Path uFile = paths.input("uniform", a.required("uniform"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = Main.backend(a);
        SamplingOptions o = SamplingOptions.DEFAULT
                .withTemperature(a.doubleValue("temperature", 1.0))
                .withTopK(a.intValue("top-k", 0))
                .withTopP(a.doubleValue("top-p", 1.0))
                .withMinP(a.doubleValue("min-p", 0.0));
        NpyArray t = Main.read("target-logits", tFile);
        NpyArray d = Main.read("draft-tokens", dFile);
        NpyArray q = Main.read(qFlag, qFile);
        NpyArray u = Main.read("uniform", uFile);
        if (t.rank() != 3 || (t.type() != NpyType.FLOAT32 && t.type() != NpyType.FLOAT64)) {
            throw new UsageException("--target-logits " + tFile + ": expected float32/64 [N, k+1, V], got "
                    + t.type().label() + " " + NpyArray.shapeString(t.shape()));
        }
        if (q.type() != t.type()) {
            throw new UsageException("--" + qFlag + " " + qFile + ": " + q.type().label()
                    + ", but the target logits are " + t.type().label() + ": they must match");
        }
        Tensor qv = Views.of(q);
        if (logits) {   // the draft's distribution: softmax of its logits over the last axis
            NpyArray probs = NpyArray.allocate(q.type(), q.shape());
            ops.softmax(qv, Views.of(probs), -1);
            qv = Views.of(probs);
        }
        int[] ts = t.shape();
        NpyArray r = NpyArray.allocate(NpyType.INT64, new int[] {ts[0], ts[1] + 1});
        ops.verify(Views.of(t), Views.of(d), qv, o, Views.of(u), Views.of(r));
        Main.write(outFile, r);
    }

    static void argmax(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("in", "out", "axis", "backend", "dtype"), Set.of());
        PathChecks paths = new PathChecks();
        Path in = paths.input("in", a.required("in"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = Main.backend(a);
        int axis = a.intValue("axis", -1);
        NpyArray x = Main.readLogits("in", in, a);
        NpyArray out = NpyArray.allocate(NpyType.INT64, Main.reducedShape(x.shape(), Main.axis(axis, x.shape()), false));
        ops.argmax(Views.of(x), axis, Views.of(out));
        Main.write(outFile, out);
    }

    static void topK(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("in", "k", "values", "indices", "backend", "dtype"),
                Set.of("log-probs"));
        PathChecks paths = new PathChecks();
        Path in = paths.input("in", a.required("in"));
        Path valuesFile = paths.output("values", a.required("values"));
        Path indicesFile = paths.output("indices", a.required("indices"));
        Ops ops = Main.backend(a);
        int k = a.intValue("k", -1);
        if (a.optional("k") == null) {
            throw new UsageException("--k is required");
        }
        NpyArray x = Main.readLogits("in", in, a);
        int[] shape = x.shape();
        if (shape.length == 0) {
            throw new UsageException("--in " + in + ": a 0-d array has no last axis");
        }
        if (k < 0 || k > shape[shape.length - 1]) {
            throw new UsageException("--k " + k + " must lie in [0, " + shape[shape.length - 1] + "]");
        }
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = k;
        NpyArray values = NpyArray.allocate(Views.isHalf(x) ? NpyType.FLOAT32 : x.type(), outShape);
        NpyArray indices = NpyArray.allocate(NpyType.INT64, outShape);
        if (a.flag("log-probs")) {
            ops.topLogProbs(Views.of(x), k, Views.of(values), Views.of(indices));
        } else {
            ops.topK(Views.of(x), k, Views.of(values), Views.of(indices));
        }
        Main.writeAll(new String[] {"values", "indices"}, new Path[] {valuesFile, indicesFile},
                new NpyArray[] {values, indices});
    }
}
