package dev.logits4j.cli;

import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Reduction;
import dev.logits4j.SoftmaxOptions;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyFormatException;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.npy.NpyType;
import dev.logits4j.npy.NpyWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/logits4j}: the ops on .npy files. Exit status 0 on success, 2 on bad input or flags
 * (one line on stderr, no output file), 1 on an internal error.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: logits4j <command> [options]",
            "  softmax       --in X.npy --out Y.npy [--axis A] [--temperature T] [--masked-rows-zero] [--backend B]",
            "                [--dtype bfloat16]",
            "  log-softmax   --in X.npy --out Y.npy [--axis A] [--temperature T] [--masked-rows-zero] [--backend B]",
            "                [--dtype bfloat16]",
            "  logsumexp     --in X.npy --out Y.npy [--axis A] [--keepdims] [--backend B] [--dtype bfloat16]",
            "  cross-entropy --logits X.npy --targets T.npy --out L.npy [--weight W.npy] [--ignore-index I]",
            "                [--reduction mean|sum|none] [--label-smoothing S] [--grad-out G.npy] [--backend B]",
            "                [--dtype bfloat16]   G: dL/dX, X's shape (float32 for 16-bit X); for none,",
            "                the gradient of the losses' sum",
            SelectCommands.USAGE,
            StatCommands.USAGE,
            TrainingCommands.USAGE,
            "  info          [--backend B]   which implementation runs here, and why",
            "  bench         [--ops OP,...] [--shapes ROWSxCOLS,...] [--dtype float32|float64|float16|bfloat16]",
            "                [--backend B] [--no-reference] [--json]",
            "                a short throughput table for this machine (progress on stderr, on a terminal).",
            "                OP: softmax, log-softmax, logsumexp, cross-entropy, argmax, topk (k = min(50, COLS)),",
            "                sample (T 0.7, top-k 50, top-p 0.9, min-p 0.05); all by default. B auto: native",
            "                (if it runs here) and java rows. --no-reference: no textbook-java rows (sort-based",
            "                and Math.exp code; 1-2 s per call on 2048x32000)",
            "  --version     the version of logits4j",
            "B is auto (default), java or native. Inputs are float32 or float64 .npy files, or 16-bit",
            "logits: <f2 (float16), or <u2 holding bfloat16 bits with --dtype bfloat16; their results",
            "are float32. Flags: --in names a command's one input, the input's role (--logits,",
            "--targets, --history) where there are several; every flag is spelled one way in every",
            "command (words joined by hyphens). COMMAND --help prints that command's usage.");

    private Main() {}

    /** The jar's Implementation-Version, or a plain word when running from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development build, no jar manifest)" : v;
    }

    /** The usage lines of one command (its line and continuation lines), or null if unknown. */
    static String usageOf(String command) {
        StringBuilder sb = new StringBuilder("usage: logits4j\n");
        boolean in = false;
        for (String line : USAGE.split("\n")) {
            if (line.startsWith("  " + command + " ")) {
                in = true;
            } else if (!line.startsWith("                ")) {
                in = false;
            }
            if (in) {
                sb.append(line).append('\n');
            }
        }
        return sb.length() == "usage: logits4j\n".length() ? null : sb.toString().stripTrailing();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        quietLibraryLogging();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        if (command.equals("--version") || command.equals("version")) {
            out.println("logits4j " + version());
            return 0;
        }
        if (Arrays.asList(args).subList(1, args.length).stream().anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            String usage = usageOf(command);
            (usage == null ? err : out).println(usage == null ? USAGE : usage);
            return usage == null ? 2 : 0;
        }
        try {
            switch (command) {
                case "softmax":
                    softmax(args, false);
                    break;
                case "log-softmax":
                    softmax(args, true);
                    break;
                case "logsumexp":
                    logSumExp(args);
                    break;
                case "cross-entropy":
                    crossEntropy(args);
                    break;
                // ---- selection and sampling (issue 12)
                case "sample":
                    SelectCommands.sample(args);
                    break;
                case "argmax":
                    SelectCommands.argmax(args);
                    break;
                case "topk":
                    SelectCommands.topK(args);
                    break;
                case "verify":
                    SelectCommands.verify(args);
                    break;
                case "entropy":
                    StatCommands.entropy(args);
                    break;
                case "kl":
                    StatCommands.kl(args);
                    break;
                // ---- the ops around the loss (issue 27)
                case "token-logprobs":
                    TrainingCommands.tokenLogProbs(args);
                    break;
                case "softmax-backward":
                    TrainingCommands.softmaxBackward(args, false);
                    break;
                case "log-softmax-backward":
                    TrainingCommands.softmaxBackward(args, true);
                    break;
                // ----
                case "info":
                    out.print(info(Args.parse(command, args, 1, Set.of("backend"), Set.of())));
                    break;
                case "bench":
                    return Bench.run(args, out, err);
                default:
                    throw new UsageException("unknown command '" + command + "'; try --help");
            }
            return 0;
        } catch (UsageException | IllegalArgumentException | IndexOutOfBoundsException
                 | IllegalStateException e) {
            printError(err, command, e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            printError(err, command, "no such file: " + e.getFile());
            return 2;
        } catch (AccessDeniedException e) {
            printError(err, command, "permission denied: " + e.getFile());
            return 2;
        } catch (IOException e) {
            printError(err, command, e.getMessage());
            return 2;
        } catch (RuntimeException | OutOfMemoryError e) {
            printError(err, command, "internal error: " + e);
            return 1;
        }
    }

    /**
     * The one way an error reaches stderr: {@code logits4j <command>: <message>} on one line.
     * Messages carry text from the user and from files (flag values, paths, .npy header keys),
     * so every character a terminal could act on is escaped here, in one place.
     */
    static void printError(PrintStream err, String command, String message) {
        err.println(printable("logits4j " + command + ": " + (message == null ? "(no message)" : message)));
    }

    /**
     * {@code s} with control and invisible characters written as escapes: \n \r \t; \xNN for
     * the other C0/C1 controls and DEL (ESC is \x1b); backslash-u and 4 hex digits (backslash-U
     * and 8 above U+FFFF, as Python writes them) for format characters (bidi overrides,
     * zero-width), line and paragraph separators, lone surrogates, private-use and unassigned code
     * points. Printable text, non-ASCII letters included, is left as it is. (The escape is spelled
     * out because javac reads it even inside comments.)
     */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (!needsEscape(c)) {
                sb.appendCodePoint(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x100) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else if (c < 0x10000) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                sb.append(String.format(Locale.ROOT, "\\U%08x", c));
            }
        });
        return sb.toString();
    }

    private static boolean needsEscape(int c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }

    /**
     * The CLI talks through its exit status and its one stderr line (which carries the library's
     * reasons too), so the library's own log lines are switched off.
     */
    private static void quietLibraryLogging() {
        java.util.logging.Logger.getLogger("dev.logits4j").setLevel(java.util.logging.Level.OFF);
    }

    /**
     * The ops of {@code --backend}: an instance, so the flag never touches the JVM-wide choice
     * (auto stays what -Dlogits4j.backend says; native takes -Dlogits4j.isa's variant, else the
     * widest this CPU runs).
     */
    static Ops backend(Args a) throws UsageException {
        String b = a.optional("backend");
        if (b == null || b.equals("auto")) {
            return Logits4j.with(Backend.auto());
        }
        if (b.equals("java")) {
            return Logits4j.with(Backend.java());
        }
        if (b.equals("native")) {
            return Logits4j.with(Backend.nativeVariant(System.getProperty("logits4j.isa", "auto")));
        }
        throw new UsageException("--backend '" + b + "' is not one of auto, java, native");
    }

    /** {@code info [--backend B]}: what B runs and why, also when B cannot run here. */
    private static String info(Args a) throws UsageException {
        try {
            return backend(a).info().describe();
        } catch (IllegalStateException e) {
            return "backend:        " + a.optional("backend") + "\nimplementation: none\nreason:         "
                    + e.getMessage() + "\n";
        }
    }

    static NpyArray read(String flag, Path file) throws IOException, UsageException {
        try {
            return NpyReader.read(file);
        } catch (NpyFormatException e) {
            throw new UsageException("--" + flag + " " + file + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException("--" + flag + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("--" + flag + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("--" + flag + " " + file + ": cannot read: " + e.getMessage());
        }
    }

    static NpyArray readFloats(String flag, Path file) throws IOException, UsageException {
        NpyArray a = read(flag, file);
        if (!a.type().isFloat()) {
            throw new UsageException("--" + flag + " " + file + ": dtype " + a.type().label()
                    + " is not supported here (expected float32 or float64)");
        }
        return a;
    }

    static void write(Path file, NpyArray a) throws UsageException {
        write("out", file, a);
    }

    /** Writes {@code a} to {@code file} (a temporary file renamed into place); a failure names {@code flag}. */
    static void write(String flag, Path file, NpyArray a) throws UsageException {
        try {
            NpyWriter.write(file, a);
        } catch (IOException e) {
            throw new UsageException("--" + flag + " " + file + ": cannot write: " + e);
        }
    }

    /**
     * Writes several outputs: every one to its temporary file first, then the renames, so a
     * write that fails (a missing folder, a full disk) leaves none of them; null files are
     * skipped. A failure names its flag.
     */
    static void writeAll(String[] flags, Path[] files, NpyArray[] arrays) throws UsageException {
        NpyWriter.Pending[] pending = new NpyWriter.Pending[files.length];
        int i = 0;
        try {
            for (; i < files.length; i++) {
                if (files[i] != null) {
                    pending[i] = NpyWriter.prepare(files[i], arrays[i]);
                }
            }
            for (i = 0; i < files.length; i++) {
                if (pending[i] != null) {
                    pending[i].commit();
                }
            }
        } catch (IOException e) {
            throw new UsageException("--" + flags[i] + " " + files[i] + ": cannot write: " + e);
        } finally {
            for (NpyWriter.Pending p : pending) {
                if (p != null) {
                    try {
                        p.close();
                    } catch (IOException ignored) {
                        // a temporary file that cannot be deleted is left; the outputs are not
                    }
                }
            }
        }
    }

    /**
     * {@code --axis} as an index in {@code [0, rank)} (a 0-d array counts as rank 1), checked here
     * rather than by the library because output shapes depend on it.
     */
    static int axis(int axis, int[] shape) throws UsageException {
        int r = Math.max(shape.length, 1);
        if (axis < -r || axis >= r) {
            throw new UsageException("--axis " + axis + " is out of range for a tensor of rank "
                    + shape.length + " (shape " + NpyArray.shapeString(shape) + ")");
        }
        return axis < 0 ? axis + r : axis;
    }

    private static void softmax(String[] argv, boolean log) throws IOException, UsageException {
        String command = argv[0];
        Args a = Args.parse(command, argv, 1, Set.of("in", "out", "axis", "temperature", "backend",
                "dtype"), Set.of("masked-rows-zero"));
        PathChecks paths = new PathChecks();
        Path in = paths.input("in", a.required("in"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = backend(a);
        int axis = a.intValue("axis", -1);
        SoftmaxOptions options = SoftmaxOptions.DEFAULT;
        if (a.optional("temperature") != null) {
            options = options.withTemperature(a.doubleValue("temperature", 1.0));
        }
        options = options.withMaskedRowsZero(a.flag("masked-rows-zero"));
        NpyArray x = readLogits("in", in, a);
        NpyArray y = NpyArray.allocate(Views.isHalf(x) ? NpyType.FLOAT32 : x.type(), x.shape());
        if (log) {
            ops.logSoftmax(Views.of(x), Views.of(y), axis, options);
        } else {
            ops.softmax(Views.of(x), Views.of(y), axis, options);
        }
        write(outFile, y);
    }

    private static void logSumExp(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("in", "out", "axis", "backend", "dtype"),
                Set.of("keepdims"));
        PathChecks paths = new PathChecks();
        Path in = paths.input("in", a.required("in"));
        Path outFile = paths.output("out", a.required("out"));
        Ops ops = backend(a);
        int axis = a.intValue("axis", -1);
        NpyArray x = readLogits("in", in, a);
        int[] outShape = reducedShape(x.shape(), axis(axis, x.shape()), a.flag("keepdims"));
        NpyArray y = NpyArray.allocate(Views.isHalf(x) ? NpyType.FLOAT32 : x.type(), outShape);
        ops.logSumExp(Views.of(x), Views.of(y), axis);
        write(outFile, y);
    }

    static int[] reducedShape(int[] shape, int axis, boolean keepdims) {
        if (shape.length == 0) {
            return new int[0];
        }
        if (keepdims) {
            int[] s = shape.clone();
            s[axis] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    private static void crossEntropy(String[] argv) throws IOException, UsageException {
        Args a = Args.parse(argv[0], argv, 1, Set.of("logits", "targets", "out", "weight",
                "ignore-index", "reduction", "label-smoothing", "grad-out", "backend", "dtype"), Set.of());
        PathChecks paths = new PathChecks();
        Path logitsFile = paths.input("logits", a.required("logits"));
        Path targetsFile = paths.input("targets", a.required("targets"));
        Path weightFile = a.optional("weight") == null ? null
                : paths.input("weight", a.optional("weight"));
        Path outFile = paths.output("out", a.required("out"));
        Path gradFile = a.optional("grad-out") == null ? null : paths.output("grad-out", a.optional("grad-out"));
        Ops ops = backend(a);
        CrossEntropyOptions options = CrossEntropyOptions.DEFAULT
                .withIgnoreIndex(a.longValue("ignore-index", CrossEntropyOptions.DEFAULT_IGNORE_INDEX))
                .withReduction(reduction(a))
                .withLabelSmoothing(a.doubleValue("label-smoothing", 0.0));
        NpyArray logits = readLogits("logits", logitsFile, a);
        boolean half = Views.isHalf(logits);
        // 16-bit logits compute in float32: probability targets, weights and output are float32
        NpyType computeType = half ? NpyType.FLOAT32 : logits.type();
        NpyArray targets = read("targets", targetsFile);
        NpyArray weight = weightFile == null ? null : readFloats("weight", weightFile);
        int[] shape = logits.shape();
        if (shape.length == 0) {
            throw new UsageException("--logits " + logitsFile + " is 0-d; cross-entropy needs (C), (N, C) "
                    + "or (N, C, d1, ..., dk)");
        }
        int[] positionShape = reducedShape(shape, shape.length == 1 ? 0 : 1, false);
        boolean probabilities = targets.type().isFloat();
        if (probabilities) {
            if (targets.type() != computeType) {
                throw new UsageException("--targets " + targetsFile + ": probability targets have dtype "
                        + targets.type().label() + " but the logits are " + logits.type().label()
                        + (half ? " (16-bit logits take float32 probability targets)" : ""));
            }
            if (!Arrays.equals(targets.shape(), shape)) {
                throw new UsageException("--targets " + targetsFile + ": probability targets have shape "
                        + NpyArray.shapeString(targets.shape()) + " but must match the logits' shape "
                        + NpyArray.shapeString(shape));
            }
        } else if (!Arrays.equals(targets.shape(), positionShape)) {
            throw new UsageException("--targets " + targetsFile + ": class-index targets have shape "
                    + NpyArray.shapeString(targets.shape()) + " but logits of shape "
                    + NpyArray.shapeString(shape) + " need " + NpyArray.shapeString(positionShape));
        }
        if (weight != null) {
            options = withWeight(options, weight, weightFile, computeType);
        }
        boolean none = options.reduction() == Reduction.NONE;
        NpyArray out = NpyArray.allocate(computeType, none ? positionShape : new int[0]);
        if (gradFile == null) {
            ops.crossEntropy(Views.of(logits), Views.of(targets), Views.of(out), options);
            write(outFile, out);
            return;
        }
        NpyArray grad = NpyArray.allocate(computeType, shape);
        TrainingCommands.crossEntropyWithGradient(ops, logits, targets, options, out, grad);
        writeAll(new String[] {"out", "grad-out"}, new Path[] {outFile, gradFile}, new NpyArray[] {out, grad});
    }

    /** {@code --reduction} (default mean); the library's message does not name the flag. */
    private static Reduction reduction(Args a) throws UsageException {
        String r = a.optional("reduction");
        try {
            return Reduction.parse(r == null ? "mean" : r);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--reduction '" + r + "' is not one of none, mean, sum");
        }
    }

    /** {@code --weight}: 1-d, the logits' dtype. */
    private static CrossEntropyOptions withWeight(CrossEntropyOptions options, NpyArray weight,
                                                  Path weightFile, NpyType computeType) throws UsageException {
        if (weight.type() != computeType) {
            throw new UsageException("--weight " + weightFile + ": dtype "
                    + weight.type().label() + " does not match the logits' " + computeType.label()
                    + " (16-bit logits take float32 weights)");
        }
        if (weight.rank() != 1) {
            throw new UsageException("--weight " + weightFile + ": shape "
                    + NpyArray.shapeString(weight.shape()) + " is not 1-d");
        }
        double[] w = new double[(int) weight.elementCount()];
        if (weight.type() == NpyType.FLOAT32) {
            float[] f = new float[w.length];
            weight.asFloats().get(f);
            return options.withWeight(f);
        } else {
            weight.asDoubles().get(w);
            return options.withWeight(w);
        }
    }

    // ---- 16-bit logits ------------------------------------------------------------------------

    /**
     * {@code --in} / {@code --logits}: float32 or float64, or 16-bit. {@code <f2} is float16;
     * {@code <u2} is bfloat16 bits, only with {@code --dtype bfloat16} (numpy has no bfloat16, so
     * the type is never guessed from the file); {@code --dtype float16} asks for {@code <f2}.
     */
    static NpyArray readLogits(String flag, Path file, Args a) throws IOException, UsageException {
        String dtype = a.optional("dtype");
        if (dtype != null && !dtype.equals("bfloat16") && !dtype.equals("float16")) {
            throw new UsageException("--dtype '" + dtype + "' is not one of bfloat16, float16 (the "
                    + "16-bit type of the logits; float32 and float64 come from the file)");
        }
        NpyArray x = read(flag, file);
        NpyType t = x.type();
        if (t.isFloat() && dtype == null) {
            return x;
        }
        if (t == NpyType.FLOAT16 && (dtype == null || dtype.equals("float16"))) {
            return x;
        }
        if (t == NpyType.UINT16 && "bfloat16".equals(dtype)) {
            return x;
        }
        if (dtype != null) {
            throw new UsageException("--" + flag + " " + file + ": dtype " + t.label() + " does not "
                    + "hold --dtype " + dtype + " (" + (dtype.equals("bfloat16")
                    ? "bfloat16 bits come as <u2 (uint16)" : "float16 comes as <f2") + ")");
        }
        if (t == NpyType.UINT16) {
            throw new UsageException("--" + flag + " " + file + ": dtype uint16 is not supported here; "
                    + "if it holds bfloat16 bits, pass --dtype bfloat16");
        }
        throw new UsageException("--" + flag + " " + file + ": dtype " + t.label()
                + " is not supported here (expected float32, float64, float16, or bfloat16 bits as "
                + "uint16 with --dtype bfloat16)");
    }
}
