package dev.logits4j.cli;

import dev.logits4j.Logits4j;
import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.internal.javaimpl.JavaKernels;
import dev.logits4j.internal.kernels.Kernels;
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
        List<Kernels> impls = new ArrayList<>();
        // --backend java never asks for the native library (nor Logits4j.info(), which loads it)
        Kernels nat = o.backend.equals("java") ? null : nativeKernels();
        if (nat != null) {
            impls.add(nat);
        } else if (o.backend.equals("native")) {
            Main.printError(err, "bench", "--backend native: no native implementation runs here ("
                    + "bin/logits4j info --backend native says why)");
            return 2;
        }
        if (!o.backend.equals("native")) {
            impls.add(JavaKernels.INSTANCE);
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

    /** bench's flags, checked. */
    private static final class Options {
        String[] ops;
        List<int[]> shapes = new ArrayList<>();
        String dtype;
        boolean f64;
        /** 16-bit logits (issue 13): 0 none, 1 float16, 2 bfloat16; results float32. */
        int half;
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
            o.f64 = o.dtype.equals("float64");
            o.half = o.dtype.equals("float16") ? 1 : o.dtype.equals("bfloat16") ? 2 : 0;
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
    private static void warmUp(Options o, List<Kernels> impls, PrintStream err) {
        List<int[]> shapes = warmShapes(o.shapes);
        for (String op : o.ops) {
            progress(err, String.format(Locale.ROOT, "warming up %s", op));
            List<Runnable> calls = new ArrayList<>();
            for (int[] shape : shapes) {
                Workload w = new Workload(op, shape[0], shape[1], o.f64, o.half);
                for (String impl : implNames(o, impls, false)) {
                    calls.add(w.call(kernels(impls, impl), impl));
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
    private static List<String> implNames(Options o, List<Kernels> impls, boolean floor) {
        List<String> names = new ArrayList<>();
        for (Kernels k : impls) {
            names.add(k.name());
        }
        if (!o.noReference) {
            names.add("textbook-java");
        }
        if (floor) {
            names.add("floor");
        }
        return names;
    }

    private static Kernels kernels(List<Kernels> impls, String impl) {
        return impls.stream().filter(x -> x.name().equals(impl)).findFirst().orElse(null);
    }

    /** One line (or JSON object) per op, shape and implementation, with the baselines. */
    private static void measure(Options o, List<Kernels> impls, PrintStream out, PrintStream err) {
        List<String> implNames = implNames(o, impls, true);
        int total = o.ops.length * o.shapes.size() * implNames.size();
        int done = 0;
        for (String op : o.ops) {
            for (int[] shape : o.shapes) {
                Workload w = new Workload(op, shape[0], shape[1], o.f64, o.half);
                for (String impl : implNames) {
                    done++;
                    progress(err, String.format(Locale.ROOT, "[%d/%d] %s %dx%d %s", done, total, op,
                            shape[0], shape[1], impl));
                    double ns = w.time(kernels(impls, impl), impl);
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

    private static Kernels nativeKernels() {
        try {
            String impl = Logits4j.info().implementation();
            if (!impl.startsWith("native-")) {
                return null;
            }
            return dev.logits4j.internal.choice.Backends.selection().forElements(Long.MAX_VALUE);
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
     * One op on one shape. Native runs on direct buffers (what the CLI and off-heap servers use);
     * the Java implementations run on heap arrays (what a JVM without the native jar mostly sees).
     */
    static final class Workload {
        final String op;
        final int rows;
        final int cols;
        final boolean f64;
        final long elements;
        final double bytes;
        final ByteBuffer x;
        final ByteBuffer y;
        final ByteBuffer targets;
        final float[] scratch;
        final float[] xa;
        final float[] ya;
        final double[] xda;
        final double[] yda;
        final long[] ta;
        /** 0, or 1 float16 / 2 bfloat16 logits: x then holds 16-bit values, xha the same on heap. */
        final int half;
        final short[] xha;

        Workload(String op, int rows, int cols, boolean f64, int half) {
            this.op = op;
            this.rows = rows;
            this.cols = cols;
            this.f64 = f64;
            this.elements = (long) rows * cols;
            this.half = half;
            int es = f64 ? 8 : 4;
            int inSize = half != 0 ? 2 : es;
            boolean writes = op.equals("softmax") || op.equals("log-softmax");
            this.bytes = (double) elements * (inSize + (writes ? es : 0));
            x = ByteBuffer.allocateDirect((int) (elements * inSize)).order(ByteOrder.nativeOrder());
            y = ByteBuffer.allocateDirect((int) (writes ? elements * es : Math.max(rows, 1) * es)).order(ByteOrder.nativeOrder());
            targets = ByteBuffer.allocateDirect(rows * 8).order(ByteOrder.nativeOrder());
            Random r = new Random(42);
            for (long i = 0; i < elements; i++) {
                if (f64) {
                    x.putDouble((int) (i * 8), r.nextGaussian() * 3);
                } else if (half != 0) {
                    x.putShort((int) (i * 2), toHalf((float) (r.nextGaussian() * 3), half == 2));
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
            xha = half != 0 ? new short[(int) elements] : null;
            if (f64) {
                x.asDoubleBuffer().get(0, xda);
            } else if (half != 0) {
                x.asShortBuffer().get(0, xha);
                for (int i = 0; i < xha.length; i++) {
                    xa[i] = dev.logits4j.internal.javaimpl.HalfConversion.toFloat(xha[i], half == 2);
                }
            } else {
                x.asFloatBuffer().get(0, xa);
            }
            ta = new long[rows];
            targets.asLongBuffer().get(0, ta);
        }

        /**
         * The fastest of 7 timed batches of at least 10 ms, after warming until the time per call
         * is stable: batches are run until two in a row agree within 3% (after at least 200 ms, at
         * most 3 s), so that a JIT recompilation or a cold cache does not land in a timed batch.
         * The minimum, not the median: on a shared machine interference only ever adds time, and
         * the median of a few batches moved by 30-80% between runs on tiny shapes under load.
         */
        double time(Kernels k, String impl) {
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

        Runnable call(Kernels k, String impl) {
            java.nio.FloatBuffer xf = x.asFloatBuffer();
            java.nio.FloatBuffer yf = y.asFloatBuffer();
            java.nio.DoubleBuffer xd = x.asDoubleBuffer();
            java.nio.DoubleBuffer yd = y.asDoubleBuffer();
            java.nio.LongBuffer t = targets.asLongBuffer();
            if (impl.equals("floor")) {
                boolean writes = op.equals("softmax") || op.equals("log-softmax");
                return writes ? () -> y.duplicate().put(x.duplicate()) : () -> readAll(x);
            }
            if (SELECT_OPS.contains(op)) {
                return SelectWorkload.call(this, impl);
            }
            if (impl.equals("textbook-java")) {
                return () -> textbook(xa, ya);
            }
            if (k instanceof JavaKernels) {
                return half != 0 ? javaHalfCall(k) : javaCall(k);
            }
            if (half != 0) {
                return halfCall(k, x.asShortBuffer(), yf, t);
            }
            switch (op) {
                case "softmax":
                case "log-softmax": {
                    int flags = op.equals("log-softmax") ? Kernels.LOG : 0;
                    return f64 ? () -> k.softmaxF64(xd, 0, yd, 0, rows, cols, 1, 1.0, flags)
                            : () -> k.softmaxF32(xf, 0, yf, 0, rows, cols, 1, 1.0, flags);
                }
                case "logsumexp":
                    return f64 ? () -> k.logSumExpF64(xd, 0, yd, 0, rows, cols, 1)
                            : () -> k.logSumExpF32(xf, 0, yf, 0, rows, cols, 1);
                default:
                    ClassWeights none = null;
                    return f64 ? () -> k.crossEntropyIndexF64(xd, 0, t, 0, rows, cols, 1, none, -100, 0, null, 0)
                            : () -> k.crossEntropyIndexF32(xf, 0, t, 0, rows, cols, 1, none, -100, 0, null, 0);
            }
        }

        /** 16-bit logits (native memory for native kernels), float32 outputs. */
        Runnable halfCall(Kernels k, Object xs, Object yf, Object t) {
            boolean bf16 = half == 2;
            switch (op) {
                case "softmax":
                case "log-softmax": {
                    int flags = op.equals("log-softmax") ? Kernels.LOG : 0;
                    return () -> k.softmaxHalf(bf16, xs, 0, yf, 0, rows, cols, 1, 1.0, flags);
                }
                case "logsumexp":
                    return () -> k.logSumExpHalf(bf16, xs, 0, yf, 0, rows, cols, 1);
                default:
                    return () -> k.crossEntropyIndexHalf(bf16, xs, 0, t, 0, rows, cols, 1, null, -100, 0,
                            null, 0);
            }
        }

        /** The 16-bit calls on heap arrays. */
        Runnable javaHalfCall(Kernels k) {
            return halfCall(k, xha, ya, ta);
        }

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

        /** The same calls on heap arrays. */
        Runnable javaCall(Kernels k) {
            switch (op) {
                case "softmax":
                case "log-softmax": {
                    int flags = op.equals("log-softmax") ? Kernels.LOG : 0;
                    return f64 ? () -> k.softmaxF64(xda, 0, yda, 0, rows, cols, 1, 1.0, flags)
                            : () -> k.softmaxF32(xa, 0, ya, 0, rows, cols, 1, 1.0, flags);
                }
                case "logsumexp":
                    return f64 ? () -> k.logSumExpF64(xda, 0, yda, 0, rows, cols, 1)
                            : () -> k.logSumExpF32(xa, 0, ya, 0, rows, cols, 1);
                default:
                    ClassWeights none = null;
                    return f64 ? () -> k.crossEntropyIndexF64(xda, 0, ta, 0, rows, cols, 1, none, -100, 0, null, 0)
                            : () -> k.crossEntropyIndexF32(xa, 0, ta, 0, rows, cols, 1, none, -100, 0, null, 0);
            }
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
