package dev.logits4j;

import dev.logits4j.SelectionCalls.Input;
import dev.logits4j.SelectionCalls.Memory;
import dev.logits4j.testutil.ScanBoundaryRows;
import dev.logits4j.testutil.Threads;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * Issue 23, finding 1: on rows with ties at the keep-th value ({@link ScanBoundaryRows}) the
 * native candidate scan appended a block past the end of its 1024-entry candidate arrays, which
 * corrupted the JVM heap (a crash at a later GC). This runs every crafted row, for every keep
 * around the window of every vector width, through each op and memory kind that reaches the scan
 * (topK and topLogProbs on float32, float64, float16 and bfloat16 from arrays, direct buffers and
 * raw addresses; sample with top-k, with top-k and history or bias entries, greedy with history,
 * top-p and min-p with history), and compares every answer with a sort of the row. Each row runs
 * on a fresh thread: a thread's candidate arrays keep the largest capacity it needed so far, which
 * would hide the smaller capacity of a later keep.
 *
 * <p>{@link #main} runs it for one backend in a child JVM ({@link CandidateScanOverflowTest}), where
 * heap corruption kills the child, not the test run; each row's thread ends by making garbage
 * for a young GC while its candidate arrays are alive, so that a damaged header crashes the child
 * at that row (the last "keep ..." line printed). It prints one line per wrong answer and ends
 * with "all N answers agree" and exit status 0, or exit status 1.
 */
final class CandidateScanOverflowCheck {
    private CandidateScanOverflowCheck() {}

    /** Vector widths of the variants (scalar 1, NEON 4/2, AVX2 8/4, AVX-512 16/8 lanes). */
    static final int[] LANES = {16, 8, 4, 2, 1};
    /** Keeps checked on each side of a narrower width's window. */
    static final int MARGIN = 4;

    /** The op and memory of one call. */
    enum Mode {
        TOP_K_FLOAT_ARRAY, TOP_LOG_PROBS_FLOAT_ARRAY, TOP_K_FLOAT_DIRECT, TOP_K_DOUBLE_ARRAY,
        TOP_K_FLOAT16_ARRAY, TOP_LOG_PROBS_BFLOAT16_DIRECT, TOP_K_FLOAT_ADDRESS,
        SAMPLE_TOP_K, SAMPLE_TOP_K_WITH_HISTORY, SAMPLE_TOP_K_WITH_BIAS, SAMPLE_GREEDY_WITH_HISTORY,
        SAMPLE_TOP_P_WITH_HISTORY, SAMPLE_MIN_P_WITH_HISTORY, SAMPLE_TOP_K_BFLOAT16
    }

    /**
     * The keeps checked with rows for {@code w} lanes: for 16 lanes 400..460 (the rows pass the
     * capacity for 417..447) and 512; for narrower vectors, where the capacity has grown to 2 keep
     * + 128 by the window and the rows stay within it, the window and {@link #MARGIN} around it.
     */
    static int[] keeps(int w) {
        if (w != 16) {
            return ScanBoundaryRows.keepsAround(w, MARGIN);
        }
        int[] k = new int[62];
        for (int i = 0; i < 61; i++) {
            k[i] = 400 + i;
        }
        k[61] = 512;
        return k;
    }

    /**
     * Every fourth keep of {@link #keeps}{@code (16)} and the window's edges: for the Java
     * backends, whose scan appends one element at a time.
     */
    static int[] sparseKeeps() {
        TreeSet<Integer> k = new TreeSet<>(List.of(416, 417, 418, 446, 447, 448, 449, 512));
        for (int keep = 400; keep <= 460; keep += 4) {
            k.add(keep);
        }
        return k.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Runs every mode of {@code modes} on the crafted rows for each width of {@code lanes} and the
     * keeps {@code keepsFor} gives it; returns the wrong answers. With {@code collectPerRow} each
     * row's thread ends with a young GC, which finds a damaged heap while the thread's candidate
     * arrays are still alive (for a child JVM with a small young generation).
     */
    static List<String> run(LegacyOps ops, Set<Mode> modes, int[] lanes, IntFunction<int[]> keepsFor,
                            boolean collectPerRow, PrintStream log) {
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        int calls = 0;
        for (int w : lanes) {
            for (int keep : keepsFor.apply(w)) {
                int n = Math.max(Math.max(2 * ScanBoundaryRows.capacity(keep), 4 * keep),
                        ScanBoundaryRows.craftedLength(keep, w, 0, 3)) + 37;
                int[] levels = ScanBoundaryRows.levels(keep, w, 0, 3, n);
                String row = "keep " + keep + " (rows for " + w + " lanes, n " + n + ") ";
                log.println(row);
                log.flush();
                // a fresh thread: its candidate arrays have the capacity of this keep, not the
                // larger one an earlier call on the thread left behind
                Threads.runOnNewThread("overflow-check-" + w + "-" + keep, () -> {
                    for (Mode mode : modes) {
                        try {
                            String bad = call(ops, mode, levels, keep);
                            if (bad != null) {
                                wrong.add(row + mode + ": " + bad);
                            }
                        } catch (RuntimeException | AssertionError e) {
                            wrong.add(row + mode + ": threw " + e);
                        }
                    }
                    if (collectPerRow) {
                        collectGarbage();   // while this thread's candidate arrays are alive
                    }
                });
                calls += modes.size();
            }
            log.println("rows for " + w + " lanes: done, " + calls + " calls so far, " + wrong.size() + " wrong");
            log.flush();
        }
        log.println(wrong.isEmpty() ? "all " + calls + " answers agree" : wrong.size() + " of " + calls + " answers wrong");
        return wrong;
    }

    /**
     * Garbage, 8 MB of it: more than the child's young generation ({@code -Xmn4m}), so a young
     * GC runs and copies the live young objects, this thread's candidate arrays among them; a
     * damaged array header crashes it (cheaper than a full GC per row).
     */
    private static void collectGarbage() {
        List<byte[]> junk = new ArrayList<>();
        for (int i = 0; i < 40000; i++) {
            junk.add(new byte[72 + (i & 255)]);
            if (junk.size() > 2000) {
                junk.clear();
            }
        }
    }

    private static Input input(int[] levels, String dtype) {
        int n = levels.length;
        if (dtype.equals("float32")) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = ScanBoundaryRows.f32(levels[i]);
            }
            return Input.ofFloats(1, n, x);
        }
        boolean bf16 = dtype.equals("bfloat16");
        short[] b = new short[n];
        for (int i = 0; i < n; i++) {
            b[i] = bf16 ? ScanBoundaryRows.bf16(levels[i]) : ScanBoundaryRows.f16(levels[i]);
        }
        return Input.ofHalves(1, n, b, bf16);
    }

    /** A low token of the crafted rows (odd positions of the first part hold lows). */
    private static int low(int i) {
        return 2 * i + 1;
    }

    private static String call(LegacyOps ops, Mode mode, int[] levels, int keep) {
        switch (mode) {
            case TOP_K_FLOAT_ARRAY:
                return topK(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), keep, false);
            case TOP_LOG_PROBS_FLOAT_ARRAY:
                return topK(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), keep, true);
            case TOP_K_FLOAT_DIRECT:
                return topK(ops, Memory.FLOAT_DIRECT_NATIVE_ORDER, input(levels, "float32"), keep, false);
            case TOP_K_DOUBLE_ARRAY:
                return topK(ops, Memory.DOUBLE_ARRAY, input(levels, "float32"), keep, false);
            case TOP_K_FLOAT16_ARRAY:
                return topK(ops, Memory.HALF_ARRAY, input(levels, "float16"), keep, false);
            case TOP_LOG_PROBS_BFLOAT16_DIRECT:
                return topK(ops, Memory.HALF_DIRECT_NATIVE_ORDER, input(levels, "bfloat16"), keep, true);
            case TOP_K_FLOAT_ADDRESS:
                return topKAtAddress(input(levels, "float32"), keep);
            case SAMPLE_TOP_K: {
                SamplingReference.Row p = new SamplingReference.Row();
                p.topK = keep;
                return sample(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), p);
            }
            case SAMPLE_TOP_K_WITH_HISTORY: {
                // keep = k + history entries (low tokens, penalised lower still)
                SamplingReference.Row p = new SamplingReference.Row();
                p.history = new int[16];
                for (int i = 0; i < 16; i++) {
                    p.history[i] = low(i);
                }
                p.presence = 0.5;
                p.topK = keep - 16;
                return sample(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), p);
            }
            case SAMPLE_TOP_K_WITH_BIAS: {
                SamplingReference.Row p = new SamplingReference.Row();
                Map<Integer, Double> bias = new HashMap<>();
                for (int i = 0; i < 8; i++) {
                    bias.put(low(i), -1.0);
                }
                p.bias = bias;
                p.topK = keep - 8;
                return sample(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), p);
            }
            case SAMPLE_GREEDY_WITH_HISTORY: {
                SamplingReference.Row p = new SamplingReference.Row();
                p.temperature = 0;
                p.history = new int[keep - 1];
                Arrays.fill(p.history, low(0));
                return sample(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), p);
            }
            case SAMPLE_TOP_P_WITH_HISTORY:
            case SAMPLE_MIN_P_WITH_HISTORY: {
                // without top-k the scan's rounds keep 64 + (history entries), then 512 + ...
                SamplingReference.Row p = new SamplingReference.Row();
                p.history = new int[keep - 64];
                Arrays.fill(p.history, low(0));
                if (mode == Mode.SAMPLE_TOP_P_WITH_HISTORY) {
                    p.topP = 0.5;
                } else {
                    p.minP = 0.5;
                }
                return sample(ops, Memory.FLOAT_ARRAY, input(levels, "float32"), p);
            }
            case SAMPLE_TOP_K_BFLOAT16: {
                SamplingReference.Row p = new SamplingReference.Row();
                p.topK = keep;
                return sample(ops, Memory.HALF_ARRAY, input(levels, "bfloat16"), p);
            }
            default:
                throw new IllegalArgumentException(mode.toString());
        }
    }

    private static String topK(LegacyOps ops, Memory m, Input in, int k, boolean logProbs) {
        SelectionCalls.TopK got = SelectionCalls.topK(ops, m, in, k, logProbs, k % 2 == 0);
        double[] row = in.row(0);
        double[] norm = logProbs ? SamplingReference.logNormaliser(row) : new double[2];
        return SelectionOracle.checkTopK(row, SelectionOracle.order(row), norm, k, logProbs, m.float32,
                got.values, got.indices);
    }

    /** topK through {@link OffHeap} (the JVM-wide backend: the child forces it by system properties). */
    private static String topKAtAddress(Input in, int k) {
        int n = in.n;
        try (FloatPointer x = new FloatPointer(in.values); FloatPointer v = new FloatPointer(k);
             LongPointer idx = new LongPointer(k)) {
            LegacyOffHeap.topKF32(x.address(), n, in.shape(), k, false, v.address(), k, idx.address(), k);
            double[] values = new double[k];
            long[] indices = new long[k];
            for (int j = 0; j < k; j++) {
                values[j] = v.get(j);
                indices[j] = idx.get(j);
            }
            double[] row = in.row(0);
            return SelectionOracle.checkTopK(row, SelectionOracle.order(row), new double[2], k, false, true, values, indices);
        }
    }

    private static String sample(LegacyOps ops, Memory m, Input in, SamplingReference.Row p) {
        double u = 0.37;
        double[] row = in.row(0);
        SelectionOracle.Draw want = SelectionOracle.sample(row, p, u);
        SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(p.temperature).withTopK(p.topK).withTopP(p.topP)
                .withMinP(p.minP).withRepetitionPenalty(p.repetition)
                .withPresenceFrequencyPenalty(p.presence, p.frequency).withHistory(new int[][] {p.history})
                .withLogitBias(p.bias);
        SelectionCalls.Sampled got = SelectionCalls.sample(ops, m, in, o, new double[] {u}, false);
        if (want.margin < 1e-9) {
            return null;   // rounding may decide it either way
        }
        if (got.tokens[0] != want.token) {
            return "token " + got.tokens[0] + ", want " + want.token;
        }
        return SelectionOracle.checkLogProb(row, SamplingReference.logNormaliser(row), want.token, got.logProbs[0], m.float32);
    }

    /** args: the backend's name ({@link Backend#name()}), then optionally modes to run (default all). */
    public static void main(String[] args) {
        Backend backend = null;
        for (Backend b : AllBackends.all()) {
            if (b.name().equals(args[0])) {
                backend = b;
            }
        }
        if (backend == null) {
            System.out.println("no backend " + args[0] + " here: " + AllBackends.all());
            System.exit(2);
        }
        Set<Mode> modes = EnumSet.noneOf(Mode.class);
        for (int i = 1; i < args.length; i++) {
            modes.add(Mode.valueOf(args[i]));
        }
        if (modes.isEmpty()) {
            modes = EnumSet.allOf(Mode.class);
        }
        if (!backend.name().startsWith("native-")) {
            modes.remove(Mode.TOP_K_FLOAT_ADDRESS);   // raw addresses run on the JVM-wide backend
        }
        System.out.println("candidate scan overflow check on " + backend.name() + " (JVM-wide: "
                + Logits4j.info().implementation() + "), modes " + modes);
        List<String> wrong = run(Legacy.with(backend), modes, LANES, CandidateScanOverflowCheck::keeps, true, System.out);
        for (String w : wrong) {
            System.out.println("WRONG " + w);
        }
        System.out.flush();
        System.exit(wrong.isEmpty() ? 0 : 1);
    }
}
