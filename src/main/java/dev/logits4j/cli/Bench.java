package dev.logits4j.cli;

import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * {@code logits4j bench}: a quick throughput table for this machine (about a minute and a half
 * with every op): ns/element and GB/s per op, shape and implementation, next to the textbook Java
 * code (unless {@code --no-reference}) and the memory-traffic floor. Simple timing loops (the
 * fastest of several batches after a warm-up); the JMH suite in benchmarks/ is the careful
 * measurement. Progress goes to stderr; {@code --json} prints one JSON object per line.
 *
 * <p>Every timed call goes through the public API, {@code Logits4j.with(backend)} on
 * {@link Tensor} views made once before timing (as a server makes them): what a user's call
 * costs, argument checks included.
 */
final class Bench {
    private static final String[] DEFAULT_OPS = {"softmax", "log-softmax", "logsumexp", "cross-entropy",
        "argmax", "topk", "sample"};
    /** The ops {@link SelectWorkload} runs (through the public API). */
    static final List<String> SELECT_OPS = List.of("argmax", "topk", "sample");
    /** The row length of the short-row warm-up shapes; longer measured rows are warmed too. */
    private static final int WARM_COLS = 1000;
    private static final String[] DEFAULT_SHAPES = {"1x10", "1024x1000", "8x32000", "65536x10", "1x128256"};

    private Bench() {}

    static int run(String[] argv, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(argv);
        } catch (UsageException e) {
            Main.printError(err, "bench", e.getMessage());
            return 2;
        }
        List<Impl> impls = new ArrayList<>();
        // --backend java never asks for the native library (nor Logits4j.info(), which loads it)
        Backend nat = o.backend.equals("java") ? null : nativeBackend();
        if (nat != null) {
            impls.add(new Impl(nat.name(), Logits4j.with(nat), true));
        } else if (o.backend.equals("native")) {
            Main.printError(err, "bench", "--backend native: no native implementation runs here ("
                    + "bin/logits4j info --backend native says why)");
            return 2;
        }
        if (!o.backend.equals("native")) {
            impls.add(new Impl("java", Logits4j.with(Backend.java()), false));
        }
        if (!o.json) {
            out.println("logits4j bench on " + cpuName() + ", " + o.dtype + ", single thread ("
                    + (o.backend.equals("java") ? "java" : Logits4j.info().implementation())
                    + " is what auto uses for large calls)");
            out.printf(Locale.ROOT, "%-14s %-11s %-16s %12s %14s %9s%n", "op", "shape", "impl", "ns/element",
                    "ns/call", "GB/s");
        }
        warmUp(o, impls, err);
        measure(o, impls, out, err);
        if (TERMINAL) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
        return 0;
    }

    /**
     * Progress goes to a terminal only, rewritten in place with a carriage return; a log file or
     * a pipe (CI) gets none, so it never fills with control characters.
     */
    private static final boolean TERMINAL = System.console() != null;

    private static void progress(PrintStream err, String line) {
        if (TERMINAL) {
            err.print("\r" + line + "          ");
            err.flush();
        }
    }

    /**
     * One implementation's rows: its name in the table and the ops it times, on direct buffers
     * (native: what the CLI and off-heap servers use) or on heap arrays (java: what a JVM without
     * the native jar mostly sees).
     */
    record Impl(String name, Ops ops, boolean direct) {}

    /** bench's flags, checked. */
    private static final class Options {
        String[] ops;
        List<int[]> shapes = new ArrayList<>();
        String dtype;
        /** The logits' type; 16-bit logits (issue 13) give float32 results. */
        DType logits;
        boolean json;
        /** {@code --no-reference}: no textbook-java rows (1-2 s per call on 2048x32000). */
        boolean noReference;
        /** auto (native where it runs, and java), java or native. */
        String backend;

        static Options parse(String[] argv) throws UsageException {
            Args a = Args.parse("bench", argv, 1, Set.of("ops", "shapes", "dtype", "backend"),
                    Set.of("json", "no-reference"));
            Options o = new Options();
            o.ops = a.optional("ops") == null ? DEFAULT_OPS : a.optional("ops").split(",", -1);
            String[] shapes = a.optional("shapes") == null ? DEFAULT_SHAPES : a.optional("shapes").split(",", -1);
            o.dtype = a.optional("dtype") == null ? "float32" : a.optional("dtype");
            o.json = a.flag("json");
            o.noReference = a.flag("no-reference");
            o.backend = a.optional("backend") == null ? "auto" : a.optional("backend");
            if (!List.of("auto", "java", "native").contains(o.backend)) {
                throw new UsageException("--backend '" + o.backend + "' is not one of auto, java, native");
            }
            for (String op : o.ops) {
                if (!Arrays.asList(DEFAULT_OPS).contains(op)) {
                    throw new UsageException("--ops: unknown op '" + op + "' (" + String.join(", ", DEFAULT_OPS) + ")");
                }
            }
            if (!Arrays.asList("float32", "float64", "float16", "bfloat16").contains(o.dtype)) {
                throw new UsageException("--dtype '" + o.dtype + "' is not float32, float64, float16 "
                        + "or bfloat16");
            }
            o.logits = o.dtype.equals("float64") ? DType.F64 : o.dtype.equals("float16") ? DType.F16
                    : o.dtype.equals("bfloat16") ? DType.BF16 : DType.F32;
            for (String s : shapes) {
                o.shapes.add(shape(s));
            }
            return o;
        }

        private static int[] shape(String s) throws UsageException {
            String[] p = s.toLowerCase(Locale.ROOT).split("x");
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                int rows = Args.strictInt(p[0]);
                int cols = Args.strictInt(p[1]);
                if (rows < 1 || cols < 1 || (long) rows * cols > (1L << 28)) {
                    throw new NumberFormatException();
                }
                return new int[] {rows, cols};
            } catch (NumberFormatException e) {
                throw new UsageException("--shapes: '" + s + "' is not ROWSxCOLS (at most 2^28 elements)");
            }
        }
    }

    /**
     * JIT warm-up of every op's calls first, so that the first timed shape does not pay for
     * compilation (the Vector API code needs C2): on rows of 1000 and of 10 (the block path), and
     * on one row as long as the longest measured, until the JIT is quiet ({@link JitWarmUp}).
     */
    private static void warmUp(Options o, List<Impl> impls, PrintStream err) {
        List<int[]> shapes = warmShapes(o.shapes);
        for (String op : o.ops) {
            progress(err, String.format(Locale.ROOT, "warming up %s", op));
            List<Runnable> calls = new ArrayList<>();
            for (int[] shape : shapes) {
                Workload w = new Workload(op, shape[0], shape[1], o.logits);
                for (String impl : implNames(o, impls, false)) {
                    calls.add(w.call(impl(impls, impl), impl));
                }
            }
            JitWarmUp.untilQuiet(calls);
        }
    }

    /** The warm-up shapes for the measured ones: 64x1000, 256x10, and 1xN for the longest N above 1000. */
    static List<int[]> warmShapes(List<int[]> measured) {
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {64, WARM_COLS}, new int[] {256, 10}));
        int longest = measured.stream().mapToInt(s -> s[1]).max().orElse(0);
        if (longest > WARM_COLS) {
            shapes.add(new int[] {1, longest});
        }
        return shapes;
    }

    /** The rows of one shape: each implementation, then textbook-java (unless --no-reference), then floor. */
    private static List<String> implNames(Options o, List<Impl> impls, boolean floor) {
        List<String> names = new ArrayList<>();
        for (Impl impl : impls) {
            names.add(impl.name());
        }
        if (!o.noReference) {
            names.add("textbook-java");
        }
        if (floor) {
            names.add("floor");
        }
        return names;
    }

    /** The implementation of that name, or null for the baselines (textbook-java, floor). */
    private static Impl impl(List<Impl> impls, String name) {
        return impls.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    }

    /** One line (or JSON object) per op, shape and implementation, with the baselines. */
    private static void measure(Options o, List<Impl> impls, PrintStream out, PrintStream err) {
        List<String> implNames = implNames(o, impls, true);
        int total = o.ops.length * o.shapes.size() * implNames.size();
        int done = 0;
        for (String op : o.ops) {
            for (int[] shape : o.shapes) {
                Workload w = new Workload(op, shape[0], shape[1], o.logits);
                for (String impl : implNames) {
                    done++;
                    progress(err, String.format(Locale.ROOT, "[%d/%d] %s %dx%d %s", done, total, op,
                            shape[0], shape[1], impl));
                    double ns = w.time(impl(impls, impl), impl);
                    print(out, o, op, shape, impl, ns / w.elements, ns, w.bytes / ns);
                }
            }
        }
    }

    private static void print(PrintStream out, Options o, String op, int[] shape, String impl,
                              double perElement, double ns, double gbs) {
        if (o.json) {
            out.printf(Locale.ROOT, "{\"op\":\"%s\",\"shape\":[%d,%d],\"dtype\":\"%s\",\"impl\":\"%s\","
                            + "\"ns_per_element\":%.4f,\"ns_per_call\":%.1f,\"gb_per_s\":%.2f}%n",
                    op, shape[0], shape[1], o.dtype, impl, perElement, ns, gbs);
        } else {
            out.printf(Locale.ROOT, "%-14s %-11s %-16s %12.3f %14.1f %9.2f%n", op,
                    shape[0] + "x" + shape[1], impl, perElement, ns, gbs);
        }
    }

    /**
     * The native variant auto runs large calls on (the widest this CPU runs, or the one
     * {@code -Dlogits4j.isa} forces), as a value; null when auto runs none.
     */
    private static Backend nativeBackend() {
        try {
            String impl = Logits4j.info().implementation();
            if (!impl.startsWith("native-")) {
                return null;
            }
            return Backend.nativeVariant(impl.substring("native-".length()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String cpuName() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /**
     * One op on one shape: the same logits in a direct buffer (for native) and in heap arrays (for
     * java and the textbook code), the outputs and targets likewise.
     */
    static final class Workload {
        final String op;
        final int rows;
        final int cols;
        final DType dtype;
        final boolean f64;
        final long elements;
        final double bytes;
        final ByteBuffer x;
        final ByteBuffer y;
        final ByteBuffer targets;
        final float[] scratch;
        /** float32 logits, or for 16-bit logits the float32 values they hold (textbook-java reads these). */
        final float[] xa;
        final float[] ya;
        final double[] xda;
        final double[] yda;
        final long[] ta;
        /** 16-bit logits' bits on heap, or null. */
        final short[] xha;

        Workload(String op, int rows, int cols, DType dtype) {
            this.op = op;
            this.rows = rows;
            this.cols = cols;
            this.dtype = dtype;
            this.f64 = dtype == DType.F64;
            this.elements = (long) rows * cols;
            int es = f64 ? 8 : 4;
            int inSize = dtype.bytes();
            boolean writes = writes();
            this.bytes = (double) elements * (inSize + (writes ? es : 0));
            x = ByteBuffer.allocateDirect((int) (elements * inSize)).order(ByteOrder.nativeOrder());
            y = ByteBuffer.allocateDirect((int) (writes ? elements * es : Math.max(rows, 1) * es)).order(ByteOrder.nativeOrder());
            targets = ByteBuffer.allocateDirect(rows * 8).order(ByteOrder.nativeOrder());
            Random r = new Random(42);
            for (long i = 0; i < elements; i++) {
                if (f64) {
                    x.putDouble((int) (i * 8), r.nextGaussian() * 3);
                } else if (dtype.isHalf()) {
                    x.putShort((int) (i * 2), toHalf((float) (r.nextGaussian() * 3), dtype == DType.BF16));
                } else {
                    x.putFloat((int) (i * 4), (float) (r.nextGaussian() * 3));
                }
            }
            for (int i = 0; i < rows; i++) {
                targets.putLong(i * 8, r.nextInt(cols));
            }
            scratch = new float[cols];
            int outLen = (int) (writes ? elements : rows);
            xa = f64 ? null : new float[(int) elements];
            ya = f64 ? null : new float[outLen];
            xda = f64 ? new double[(int) elements] : null;
            yda = f64 ? new double[outLen] : null;
            xha = dtype.isHalf() ? new short[(int) elements] : null;
            if (f64) {
                x.asDoubleBuffer().get(0, xda);
            } else if (dtype.isHalf()) {
                x.asShortBuffer().get(0, xha);
                for (int i = 0; i < xha.length; i++) {
                    xa[i] = halfToFloat(xha[i], dtype == DType.BF16);
                }
            } else {
                x.asFloatBuffer().get(0, xa);
            }
            ta = new long[rows];
            targets.asLongBuffer().get(0, ta);
        }

        private boolean writes() {
            return op.equals("softmax") || op.equals("log-softmax");
        }

        /** The logits as a [rows, cols] view: the direct buffer, or the heap array. */
        Tensor logits(boolean direct) {
            if (direct) {
                return Tensor.of(x, dtype, rows, cols);
            }
            return dtype.isHalf() ? Tensor.of(xha, dtype, rows, cols)
                    : f64 ? Tensor.of(xda, rows, cols) : Tensor.of(xa, rows, cols);
        }

        /** The results (float32 for 16-bit logits): the direct buffer, or the heap array. */
        Tensor results(boolean direct) {
            DType type = f64 ? DType.F64 : DType.F32;
            return direct ? Tensor.of(y, type) : f64 ? Tensor.of(yda) : Tensor.of(ya);
        }

        /** One int64 class target per row. */
        Tensor classTargets(boolean direct) {
            return direct ? Tensor.of(targets, DType.I64, rows) : Tensor.of(ta);
        }

        /**
         * The fastest of 7 timed batches of at least 10 ms, after warming until the time per call
         * is stable: batches are run until two in a row agree within 3% (after at least 200 ms, at
         * most 3 s), so that a JIT recompilation or a cold cache does not land in a timed batch.
         * The minimum, not the median: on a shared machine interference only ever adds time, and
         * the median of a few batches moved by 30-80% between runs on tiny shapes under load.
         */
        double time(Impl k, String impl) {
            Runnable call = call(k, impl);
            int per = 1;
            while (batch(call, per) < 10_000_000L && per < (1 << 24)) {
                per *= 2;
            }
            long t0 = System.nanoTime();
            double previous = Double.MAX_VALUE;
            while (System.nanoTime() - t0 < 3_000_000_000L) {
                double current = batch(call, per) / (double) per;
                if (System.nanoTime() - t0 > 200_000_000L && Math.abs(current - previous) <= 0.03 * previous) {
                    break;
                }
                previous = current;
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 7; i++) {
                best = Math.min(best, batch(call, per) / (double) per);
            }
            return best;
        }

        private static long batch(Runnable call, int calls) {
            long s = System.nanoTime();
            for (int j = 0; j < calls; j++) {
                call.run();
            }
            return System.nanoTime() - s;
        }

        /**
         * The call one row times: {@code k}'s ops on views made here, once (null {@code k}: the
         * baselines textbook-java and floor).
         */
        Runnable call(Impl k, String impl) {
            if (impl.equals("floor")) {
                return writes() ? () -> y.duplicate().put(x.duplicate()) : () -> readAll(x);
            }
            if (SELECT_OPS.contains(op)) {
                return SelectWorkload.call(this, k);
            }
            if (impl.equals("textbook-java")) {
                return () -> textbook(xa, ya);
            }
            Ops ops = k.ops();
            Tensor in = logits(k.direct());
            Tensor out = results(k.direct());
            switch (op) {
                case "softmax":
                    return () -> ops.softmax(in, out, -1);
                case "log-softmax":
                    return () -> ops.logSoftmax(in, out, -1);
                case "logsumexp":
                    return () -> ops.logSumExp(in, out, -1);
                default:
                    Tensor t = classTargets(k.direct());
                    return () -> loss = ops.crossEntropy(in, t, CrossEntropyOptions.DEFAULT);
            }
        }

        /** Cross-entropy's result, kept so that no call's result is unused. */
        static double loss;

        /**
         * Benchmark data only: float32 to float16 (mantissa truncated; values below 2^-14 flushed
         * to zero) or bfloat16 (rounded to nearest even) bits.
         */
        static short toHalf(float v, boolean bf16) {
            int b = Float.floatToRawIntBits(v);
            if (bf16) {
                return (short) ((b + 0x7FFF + ((b >>> 16) & 1)) >>> 16);
            }
            int sign = (b >>> 16) & 0x8000;
            int exponent = ((b >>> 23) & 0xFF) - 127 + 15;
            if (exponent <= 0) {
                return (short) sign;
            }
            if (exponent >= 31) {
                return (short) (sign | 0x7BFF);
            }
            return (short) (sign | (exponent << 10) | ((b >>> 13) & 0x3FF));
        }

        /**
         * The float32 value of float16 or bfloat16 bits (exact: every such value is a float32),
         * for the textbook code, which reads float32 arrays.
         */
        static float halfToFloat(short h, boolean bf16) {
            int bits = h & 0xFFFF;
            if (bf16) {
                return Float.intBitsToFloat(bits << 16);
            }
            int sign = (bits & 0x8000) << 16;
            int exponent = (bits >>> 10) & 0x1F;
            int mantissa = bits & 0x3FF;
            if (exponent == 0x1F) {
                return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
            }
            if (exponent == 0) {
                float subnormal = mantissa * 0x1p-24f;
                return sign != 0 ? -subnormal : subnormal;
            }
            return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
        }

        static volatile long sink;

        static void readAll(ByteBuffer b) {
            long s = 0;
            java.nio.LongBuffer l = b.asLongBuffer();
            for (int i = 0; i < l.limit(); i++) {
                s += l.get(i);
            }
            sink = s;
        }

        /**
         * The textbook three passes with Math.exp, row by row, on heap arrays (float32, or float64
         * with --dtype float64: then the float64 arrays).
         */
        void textbook(float[] xs, float[] ys) {
            if (f64) {
                textbook64();
                return;
            }
            boolean writes = op.equals("softmax") || op.equals("log-softmax");
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    m = Math.max(m, xs[base + j]);
                }
                float s = 0;
                for (int j = 0; j < cols; j++) {
                    float e = (float) Math.exp(xs[base + j] - m);
                    scratch[j] = e;
                    s += e;
                }
                if (op.equals("log-softmax")) {
                    float logS = (float) Math.log(s);
                    for (int j = 0; j < cols; j++) {
                        ys[base + j] = xs[base + j] - m - logS;
                    }
                } else if (writes) {
                    for (int j = 0; j < cols; j++) {
                        ys[base + j] = scratch[j] / s;
                    }
                } else {
                    ys[r] = m + (float) Math.log(s);
                }
            }
        }

        void textbook64() {
            boolean writes = op.equals("softmax") || op.equals("log-softmax");
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    m = Math.max(m, xda[base + j]);
                }
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    double e = Math.exp(xda[base + j] - m);
                    yda[writes ? base + j : r] = e;
                    s += e;
                }
                if (writes) {
                    for (int j = 0; j < cols; j++) {
                        yda[base + j] /= s;
                    }
                } else {
                    yda[r] = m + Math.log(s);
                }
            }
        }
    }
}
