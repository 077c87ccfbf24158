package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.Backend;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.LegacyOps;
import dev.logits4j.SamplingOptions;
import dev.logits4j.LegacySegments;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Differential checks of the selection ops of {@link Segments} (argmax, topK, topLogProbs,
 * sample; JDK 22+, compiled and run by {@code it.SegmentsIT} with the Temurin 25 JDK). For every
 * backend available (Java always; native when it loads), every operand — logits, draws, and each
 * output — comes in a random kind of segment: global, confined, shared and auto arenas, a native
 * slice at an odd address, heap segments over an array of the operand's type (whole or sliced),
 * over a byte[] (a view), over an array of another type or at a byte offset that is no multiple of
 * the element size (both copied for the call), and read-only inputs; the draws also as a
 * {@code double[]}. Each call must give bit for bit what the same backend gives for Java arrays
 * (values, indices, tokens, log-probs), for float32 and float64, int32 and int64 indices. Then the
 * refusals: a closed arena, another thread's segment, a read-only output, too small a segment, an
 * output overlapping another operand, a bad k or draw, null — each with the exception and a word
 * of its message, and every output segment unchanged. Exits 0 and prints one summary line, or
 * prints every failure and exits 1.
 */
public final class SelectSegmentChecks {
    private SelectSegmentChecks() {}

    private static final List<String> FAILURES = new ArrayList<>();
    private static long calls;
    /**
     * Log-probs must equal the array answer exactly on every segment kind: native code reads
     * logits it cannot take by address (a heap {@code byte[]} view) through a heap array
     * (NativeKernels.HeapRow). -Dlogits4j.seg.lenient=true counts differences within 8 ulps of
     * the row's scale apart instead (for diagnosing a regression).
     */
    private static final boolean STRICT = !Boolean.getBoolean("logits4j.seg.lenient");
    private static long knownLseDifferences;
    private static final int KINDS = 10;
    /** Kinds 0..7 are viewed in place; 8 (a short[] heap segment) and 9 (an odd offset) are copied. */
    private static final int VIEWABLE_KINDS = 8;

    public static void main(String[] args) {
        long seed = Long.getLong("logits4j.seg.seed", 20261129L);
        int rounds = Integer.getInteger("logits4j.seg.rounds", 400);
        List<Backend> backends = new ArrayList<>(List.of(Backend.java()));
        String nativeWhy = "";
        try {
            backends.add(Backend.nativeVariant("auto"));
        } catch (IllegalStateException e) {
            nativeWhy = " (native: " + e.getMessage() + ")";
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] kindsSeen = new int[KINDS];
        for (Backend b : backends) {
            LegacyOps arrays = Legacy.with(b);
            LegacySegments segs = LegacySegments.with(b);
            for (int r = 0; r < rounds; r++) {
                round(rnd, arrays, segs, b + " round " + r + " seed " + seed, kindsSeen,
                        !b.equals(Backend.java()));
            }
            errors(segs, b.toString());
            halfRounds(rnd, arrays, segs, b.toString(), kindsSeen);
        }
        for (int k = 0; k < KINDS; k++) {
            if (kindsSeen[k] < 20) {
                FAILURES.add("segment kind " + k + " used only " + kindsSeen[k] + " times");
            }
        }
        if (!FAILURES.isEmpty()) {
            FAILURES.stream().limit(40).forEach(System.out::println);
            System.out.println("select-segment-checks: " + FAILURES.size() + " failures in " + calls + " calls");
            System.exit(1);
        }
        System.out.println("select-segment-checks: " + calls + " calls, all equal to the array results, backends "
                + backends.stream().map(Backend::toString).toList() + nativeWhy
                + (knownLseDifferences > 0 ? "; known: " + knownLseDifferences + " log-prob calls within 8 ulps "
                + "(native backend, heap-view logits: Java row log-sum-exp)" : ""));
    }

    /**
     * A fresh segment of {@code bytes} bytes for elements of {@code es} bytes ({@code fp}: float
     * or double, else int or long) in one of {@link #KINDS} kinds.
     */
    static MemorySegment make(int kind, long bytes, int es, boolean fp, Arena confined, Arena shared) {
        int n = (int) (bytes / es);
        switch (kind) {
            case 0: return Arena.global().allocate(bytes, es);
            case 1: return confined.allocate(bytes, es);
            case 2: return shared.allocate(bytes, es);
            case 3: return Arena.ofAuto().allocate(bytes, es);
            case 4: return confined.allocate(bytes + 3, 1).asSlice(3, bytes);   // odd address
            case 5: return ofType(n, es, fp);
            case 6: return ofType(n + 5, es, fp).asSlice(3L * es, bytes);
            case 7: return MemorySegment.ofArray(new byte[(int) bytes + 2]).asSlice(2, bytes);   // a view
            case 8: return MemorySegment.ofArray(new short[(int) bytes / 2 + 1]).asSlice(0, bytes);   // copied
            default: return ofType(n + 1, es, fp).asSlice(2, bytes);   // offset no multiple of es: copied
        }
    }

    private static MemorySegment ofType(int n, int es, boolean fp) {
        return fp ? (es == 4 ? MemorySegment.ofArray(new float[n]) : MemorySegment.ofArray(new double[n]))
                : (es == 4 ? MemorySegment.ofArray(new int[n]) : MemorySegment.ofArray(new long[n]));
    }

    private static void round(SplittableRandom rnd, LegacyOps arrays, LegacySegments segs, String where, int[] kindsSeen,
                              boolean nativeBackend) {
        int rows = 1 + rnd.nextInt(5);
        int vocab = 1 + rnd.nextInt(rnd.nextBoolean() ? 12 : 400);
        int[] shape = {rows, vocab};
        int n = rows * vocab;
        boolean f64 = rnd.nextInt(3) == 0;
        int es = f64 ? 8 : 4;
        boolean i64 = rnd.nextBoolean();
        int is = i64 ? 8 : 4;
        int op = rnd.nextInt(4);
        int kx = rnd.nextInt(KINDS);
        // outputs are written in place: the kinds read through a copy (8, 9) are inputs only
        // (outputsThatCannotBeViewedAreRefused checks the refusal)
        int ko = rnd.nextInt(VIEWABLE_KINDS);
        int ki = rnd.nextInt(VIEWABLE_KINDS);
        int ku = rnd.nextInt(KINDS + 1);   // KINDS: a double[]
        kindsSeen[kx]++;
        kindsSeen[ko]++;
        boolean readOnlyInput = rnd.nextInt(5) == 0;
        String at = where + " op " + op + " shape " + Arrays.toString(shape) + " f64 " + f64 + " i64 " + i64
                + " kinds x/out/idx/u " + kx + "/" + ko + "/" + ki + "/" + ku + (readOnlyInput ? " read-only in" : "");
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            double[] values = new double[n];
            int ties = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                int q = rnd.nextInt(60);
                values[i] = q == 0 ? Double.NEGATIVE_INFINITY : q == 1 && rnd.nextInt(10) == 0 ? Double.NaN
                        : q < 20 ? rnd.nextInt(ties) : rnd.nextDouble(-20, 20);
            }
            float[] xf = toFloats(values);
            double[] xd = f64 ? values.clone() : toDoubles(xf);
            MemorySegment x = make(kx, (long) n * es, es, true, confined, shared);
            fill(x, xd, f64);
            MemorySegment xin = readOnlyInput ? x.asReadOnly() : x;
            boolean knownLse = nativeBackend && kx == 7 && !STRICT;
            if (op == 0) {
                int axis = rnd.nextBoolean() ? -1 : 0;
                int slices = axis == 0 ? vocab : rows;
                MemorySegment out = make(ko, (long) slices * is, is, false, confined, shared);
                long[] want = new long[slices];
                if (i64) {
                    if (f64) {
                        arrays.argmax(xd, 0, shape, axis, want, 0);
                        segs.argmaxF64(xin, shape, axis, out, true);
                    } else {
                        arrays.argmax(xf, 0, shape, axis, want, 0);
                        segs.argmaxF32(xin, shape, axis, out, true);
                    }
                } else {
                    int[] w = new int[slices];
                    if (f64) {
                        arrays.argmax(xd, 0, shape, axis, w, 0);
                        segs.argmaxF64(xin, shape, axis, out, false);
                    } else {
                        arrays.argmax(xf, 0, shape, axis, w, 0);
                        segs.argmaxF32(xin, shape, axis, out, false);
                    }
                    want = widen(w);
                }
                sameLongs(readIndices(out, slices, i64), want, at + " axis " + axis);
            } else if (op <= 2) {
                boolean log = op == 2;
                int k = rnd.nextInt(vocab + 1);
                int m = rows * k;
                MemorySegment vals = make(ko, (long) m * es, es, true, confined, shared);
                MemorySegment idx = make(ki, (long) m * is, is, false, confined, shared);
                kindsSeen[ki]++;
                long[] wantIdx;
                double[] wantVals;
                if (f64) {
                    double[] v = new double[m];
                    long[] li = new long[m];
                    int[] ii = new int[m];
                    if (log) {
                        if (i64) {
                            arrays.topLogProbs(xd, 0, shape, k, v, 0, li, 0);
                        } else {
                            arrays.topLogProbs(xd, 0, shape, k, v, 0, ii, 0);
                        }
                        segs.topLogProbsF64(xin, shape, k, vals, idx, i64);
                    } else {
                        if (i64) {
                            arrays.topK(xd, 0, shape, k, v, 0, li, 0);
                        } else {
                            arrays.topK(xd, 0, shape, k, v, 0, ii, 0);
                        }
                        segs.topKF64(xin, shape, k, vals, idx, i64);
                    }
                    wantVals = v;
                    wantIdx = i64 ? li : widen(ii);
                } else {
                    float[] v = new float[m];
                    long[] li = new long[m];
                    int[] ii = new int[m];
                    if (log) {
                        if (i64) {
                            arrays.topLogProbs(xf, 0, shape, k, v, 0, li, 0);
                        } else {
                            arrays.topLogProbs(xf, 0, shape, k, v, 0, ii, 0);
                        }
                        segs.topLogProbsF32(xin, shape, k, vals, idx, i64);
                    } else {
                        if (i64) {
                            arrays.topK(xf, 0, shape, k, v, 0, li, 0);
                        } else {
                            arrays.topK(xf, 0, shape, k, v, 0, ii, 0);
                        }
                        segs.topKF32(xin, shape, k, vals, idx, i64);
                    }
                    wantVals = toDoubles(v);
                    wantIdx = i64 ? li : widen(ii);
                }
                at += " k " + k;
                if (log && knownLse) {
                    nearly(read(vals, m, f64), wantVals, xd, f64, at + " values");
                } else {
                    same(read(vals, m, f64), wantVals, at + " values");
                }
                sameLongs(readIndices(idx, m, i64), wantIdx, at + " indices");
            } else {
                SamplingOptions o = options(rnd, rows, vocab);
                double[] u = new double[rows];
                for (int r = 0; r < rows; r++) {
                    u[r] = rnd.nextDouble();
                }
                boolean withLp = rnd.nextInt(4) != 0;
                MemorySegment tokens = make(ki, (long) rows * is, is, false, confined, shared);
                kindsSeen[ki]++;
                MemorySegment lp = withLp ? make(ko, (long) rows * es, es, true, confined, shared) : null;
                MemorySegment us = ku == KINDS ? null : make(ku, 8L * rows, 8, true, confined, shared);
                if (us != null) {
                    kindsSeen[ku]++;
                    fill(us, u, true);
                    if (rnd.nextInt(4) == 0) {
                        us = us.asReadOnly();
                    }
                }
                long[] wantTokens;
                double[] wantLp = null;
                at += " " + o.hashCode() + (withLp ? " logProbs" : "") + (us == null ? " u double[]" : "");
                if (f64) {
                    double[] l = withLp ? new double[rows] : null;
                    if (i64) {
                        wantTokens = new long[rows];
                        arrays.sample(xd, 0, shape, o, u, 0, wantTokens, 0, l, 0);
                    } else {
                        int[] t = new int[rows];
                        arrays.sample(xd, 0, shape, o, u, 0, t, 0, l, 0);
                        wantTokens = widen(t);
                    }
                    if (us == null) {
                        segs.sampleF64(xin, shape, o, u.clone(), tokens, i64, lp);
                    } else {
                        segs.sampleF64(xin, shape, o, us, tokens, i64, lp);
                    }
                    wantLp = l;
                } else {
                    float[] l = withLp ? new float[rows] : null;
                    if (i64) {
                        wantTokens = new long[rows];
                        arrays.sample(xf, 0, shape, o, u, 0, wantTokens, 0, l, 0);
                    } else {
                        int[] t = new int[rows];
                        arrays.sample(xf, 0, shape, o, u, 0, t, 0, l, 0);
                        wantTokens = widen(t);
                    }
                    if (us == null) {
                        segs.sampleF32(xin, shape, o, u.clone(), tokens, i64, lp);
                    } else {
                        segs.sampleF32(xin, shape, o, us, tokens, i64, lp);
                    }
                    wantLp = l == null ? null : toDoubles(l);
                }
                sameLongs(readIndices(tokens, rows, i64), wantTokens, at + " tokens");
                if (withLp && knownLse) {
                    nearly(read(lp, rows, f64), wantLp, xd, f64, at + " logProbs");
                } else if (withLp) {
                    same(read(lp, rows, f64), wantLp, at + " logProbs");
                }
            }
            calls++;
        } catch (RuntimeException e) {
            FAILURES.add(at + ": threw " + e);
        }
    }

    /** Random pipeline settings, sometimes per row, sometimes with a history. */
    private static SamplingOptions options(SplittableRandom rnd, int rows, int vocab) {
        SamplingOptions o = SamplingOptions.DEFAULT;
        int q = rnd.nextInt(6);
        if (q == 0) {
            return o;
        }
        o = o.withTemperature(rnd.nextInt(8) == 0 ? 0 : 0.3 + rnd.nextDouble() * 1.5);
        if (rnd.nextBoolean()) {
            o = o.withTopK(rnd.nextInt(vocab + 2));
        }
        if (rnd.nextBoolean()) {
            o = o.withTopP(0.05 + rnd.nextDouble() * 0.95);
        }
        if (rnd.nextInt(3) == 0) {
            o = o.withMinP(rnd.nextDouble() * 0.2);
        }
        if (rnd.nextInt(3) == 0) {
            double[] t = new double[rows];
            for (int r = 0; r < rows; r++) {
                t[r] = 0.2 + rnd.nextDouble();
            }
            o = o.withTemperatures(t);
        }
        if (rnd.nextInt(3) == 0) {
            int[][] h = new int[rows][];
            for (int r = 0; r < rows; r++) {
                h[r] = new int[rnd.nextInt(6)];
                for (int j = 0; j < h[r].length; j++) {
                    h[r][j] = rnd.nextInt(vocab);
                }
            }
            o = o.withRepetitionPenalty(1.3).withPresenceFrequencyPenalty(0.5, 0.25).withHistory(h);
        }
        return o;
    }

    private static void errors(LegacySegments segs, String b) {
        int[] shape = {2, 3};
        SamplingOptions d = SamplingOptions.DEFAULT;
        double[] u = {0.25, 0.75};
        Arena closed = Arena.ofConfined();
        MemorySegment dead = closed.allocate(24, 8);
        closed.close();
        MemorySegment x = Arena.global().allocate(24, 4);   // float32 [2, 3]
        MemorySegment xd = Arena.global().allocate(48, 8);  // float64 [2, 3]
        MemorySegment out = Arena.global().allocate(64, 8);
        MemorySegment out2 = Arena.global().allocate(64, 8);
        expect(b + " argmax closed arena", IllegalStateException.class, "closed", out, () -> segs.argmaxF32(dead, shape, -1, out, true));
        // a segment no view reaches in place (an odd offset into a long[]) is read through a
        // copy: an input only; as an output it is refused before anything is written
        MemorySegment odd = MemorySegment.ofArray(new long[3]).asSlice(2, 16);
        expect(b + " argmax output read through a copy", IllegalArgumentException.class,
                "cannot be viewed in place", out, () -> segs.argmaxF32(x, shape, -1, odd, true));
        expect(b + " argmax closed output", IllegalStateException.class, "closed", out, () -> segs.argmaxF32(x, shape, -1, dead, true));
        expect(b + " argmax read-only out", java.nio.ReadOnlyBufferException.class, "read-only", out,
                () -> segs.argmaxF32(x, shape, -1, out.asReadOnly(), false));
        expect(b + " argmax too small", IndexOutOfBoundsException.class, "out", out,
                () -> segs.argmaxF32(x, shape, -1, out.asSlice(0, 12), true));
        expect(b + " argmax x too small", IndexOutOfBoundsException.class, "shape [2, 3] needs 6", out,
                () -> segs.argmaxF64(xd.asSlice(0, 40), shape, -1, out, true));
        expect(b + " argmax null", NullPointerException.class, "x", out, () -> segs.argmaxF32(null, shape, -1, out, true));
        expect(b + " argmax out over x", IllegalArgumentException.class, "shares memory", out,
                () -> segs.argmaxF64(xd, shape, -1, xd.asSlice(8, 16), true));
        expect(b + " topK read-only values", java.nio.ReadOnlyBufferException.class, "read-only", out,
                () -> segs.topKF32(x, shape, 2, out.asReadOnly(), out2, true));
        expect(b + " topK read-only indices", java.nio.ReadOnlyBufferException.class, "read-only", out,
                () -> segs.topKF32(x, shape, 2, out, out2.asReadOnly(), true));
        expect(b + " topK values too small", IndexOutOfBoundsException.class, "values", out,
                () -> segs.topKF32(x, shape, 2, out.asSlice(0, 12), out2, true));
        expect(b + " topK indices too small", IndexOutOfBoundsException.class, "indices", out,
                () -> segs.topLogProbsF64(xd, shape, 2, out, out2.asSlice(0, 24), true));
        expect(b + " topK k too large", IllegalArgumentException.class, "4", out,
                () -> segs.topKF32(x, shape, 4, out, out2, false));
        expect(b + " topK values over indices", IllegalArgumentException.class, "shares memory", out,
                () -> segs.topKF32(x, shape, 2, out.asSlice(0, 16), out.asSlice(8, 32), true));
        // k = 0: empty outputs inside x share no byte and are accepted (nothing to write)
        expectNothing(b + " topK k 0, empty outputs inside x", () -> segs.topKF32(x, shape, 0, x.asSlice(4, 0),
                x.asSlice(8, 0), true));
        float[] heap = new float[40];
        MemorySegment h = MemorySegment.ofArray(heap);
        expect(b + " topK heap values over heap indices", IllegalArgumentException.class, "shares memory", h,
                () -> segs.topKF32(x, shape, 2, h.asSlice(0, 16), h.asSlice(12, 32), true));
        expect(b + " sample closed uniform", IllegalStateException.class, "closed", out,
                () -> segs.sampleF64(xd, shape, d, dead, out, true, out2));
        expect(b + " sample read-only tokens", java.nio.ReadOnlyBufferException.class, "read-only", out,
                () -> segs.sampleF32(x, shape, d, u, out.asReadOnly(), false, out2));
        expect(b + " sample read-only logProbs", java.nio.ReadOnlyBufferException.class, "read-only", out,
                () -> segs.sampleF32(x, shape, d, u, out, false, out2.asReadOnly()));
        expect(b + " sample tokens too small", IndexOutOfBoundsException.class, "tokens", out,
                () -> segs.sampleF32(x, shape, d, u, out.asSlice(0, 4), false, null));
        expect(b + " sample uniform too small", IndexOutOfBoundsException.class, "uniform", out,
                () -> segs.sampleF64(xd, shape, d, out2.asSlice(0, 8), out, true, null));
        MemorySegment badU = Arena.global().allocate(16, 8);
        badU.setAtIndex(ValueLayout.JAVA_DOUBLE, 0, 0.5);
        badU.setAtIndex(ValueLayout.JAVA_DOUBLE, 1, 1.0);
        expect(b + " sample u = 1", IllegalArgumentException.class, "uniform[1]", out,
                () -> segs.sampleF32(x, shape, d, badU, out, true, out2));
        expect(b + " sample tokens over logits", IllegalArgumentException.class, "shares memory", out,
                () -> segs.sampleF64(xd, shape, d, u, xd.asSlice(40, 8), true, null));
        expect(b + " sample logProbs over tokens", IllegalArgumentException.class, "shares memory", out,
                () -> segs.sampleF32(x, shape, d, u, out.asSlice(0, 8), false, out.asSlice(4, 8)));
        expect(b + " sample tokens over uniform", IllegalArgumentException.class, "shares memory", out,
                () -> segs.sampleF32(x, shape, d, out2.asSlice(0, 16), out2.asSlice(8, 8), false, null));
        expect(b + " sample history id", IllegalArgumentException.class, "history", out,
                () -> segs.sampleF32(x, shape, d.withHistory(new int[][] {{3}}), u, out, false, null));
        expect(b + " sample null options", NullPointerException.class, "options", out,
                () -> segs.sampleF32(x, shape, null, u, out, false, null));
        expect(b + " sample null uniform", NullPointerException.class, "uniform", out,
                () -> segs.sampleF32(x, shape, d, (double[]) null, out, false, null));
        try (Arena other = Arena.ofConfined()) {
            MemorySegment theirs = other.allocate(24, 4);
            Thread t = new Thread(() -> expect(b + " wrong thread", WrongThreadException.class, "another thread", out,
                    () -> segs.topKF32(theirs, shape, 1, out, out2, true)));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * {@code call} must throw {@code type} with {@code text} in its message and leave
     * {@code watched} (filled with a pattern first) unchanged.
     */
    private static synchronized void expect(String what, Class<? extends Throwable> type, String text,
                                            MemorySegment watched, Runnable call) {
        calls++;
        for (long i = 0; i < watched.byteSize(); i++) {
            watched.set(ValueLayout.JAVA_BYTE, i, (byte) (0x5A ^ i));
        }
        try {
            call.run();
            FAILURES.add(what + ": no exception, expected " + type.getSimpleName());
        } catch (Throwable t) {
            if (!type.isInstance(t) || !String.valueOf(t.getMessage()).contains(text)) {
                FAILURES.add(what + ": threw " + t + ", expected " + type.getSimpleName() + " mentioning '" + text + "'");
            }
        }
        for (long i = 0; i < watched.byteSize(); i++) {
            if (watched.get(ValueLayout.JAVA_BYTE, i) != (byte) (0x5A ^ i)) {
                FAILURES.add(what + ": the refused call changed byte " + i + " of an output");
                break;
            }
        }
    }

    private static synchronized void expectNothing(String what, Runnable call) {
        calls++;
        try {
            call.run();
        } catch (RuntimeException e) {
            FAILURES.add(what + ": threw " + e);
        }
    }

    /**
     * The 16-bit overloads (argmaxHalf, topKHalf, topLogProbsHalf, sampleHalf): on every segment
     * kind, bit for bit the short[] answer of {@link LegacyOps}, rows short and long (the candidate
     * scan), float16 and bfloat16.
     */
    private static void halfRounds(SplittableRandom rnd, LegacyOps arrays, LegacySegments segs, String b, int[] kindsSeen) {
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            for (int r = 0; r < 24; r++) {
                boolean bf16 = r % 2 == 0;
                DType type = bf16 ? DType.BF16 : DType.F16;
                int rows = 1 + rnd.nextInt(3);
                int n = r % 3 == 0 ? 3000 : 1 + rnd.nextInt(90);
                short[] bits = new short[rows * n];
                for (int i = 0; i < bits.length; i++) {
                    float v = (float) (3 * rnd.nextGaussian());
                    bits[i] = bf16 ? (short) (Float.floatToRawIntBits(v) >>> 16)
                            : (short) (0x3C00 + rnd.nextInt(-0x1800, 0x0C00));   // float16 values in about [2^-6, 2^4)
                }
                int[] shape = {rows, n};
                int k = Math.min(n, 1 + rnd.nextInt(8));
                int kind = rnd.nextInt(KINDS);
                kindsSeen[kind]++;
                MemorySegment x = make(kind == 8 ? 5 : kind, 2L * bits.length, 2, false, confined, shared);
                for (int i = 0; i < bits.length; i++) {
                    x.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i, bits[i]);
                }
                String at = b + " half round " + r + (bf16 ? " bf16" : " f16") + " n " + n + " kind " + kind;
                long[] wantA = new long[rows];
                arrays.argmax(type, bits, 0, shape, -1, wantA, 0);
                MemorySegment a = Arena.ofAuto().allocate(8L * rows, 8);
                expectNothing(at + " argmax", () -> segs.argmaxHalf(type, x, shape, -1, a, true));
                sameLongs(readIndices(a, rows, true), wantA, at + " argmax");
                for (boolean lp : new boolean[] {false, true}) {
                    float[] wantV = new float[rows * k];
                    long[] wantI = new long[rows * k];
                    if (lp) {
                        arrays.topLogProbs(type, bits, 0, shape, k, wantV, 0, wantI, 0);
                    } else {
                        arrays.topK(type, bits, 0, shape, k, wantV, 0, wantI, 0);
                    }
                    MemorySegment v = Arena.ofAuto().allocate(4L * rows * k, 4);
                    MemorySegment ix = Arena.ofAuto().allocate(8L * rows * k, 8);
                    expectNothing(at + " topK " + lp, () -> {
                        if (lp) {
                            segs.topLogProbsHalf(type, x, shape, k, v, ix, true);
                        } else {
                            segs.topKHalf(type, x, shape, k, v, ix, true);
                        }
                    });
                    double[] want = new double[wantV.length];
                    for (int i = 0; i < want.length; i++) {
                        want[i] = wantV[i];
                    }
                    same(read(v, rows * k, false), want, at + " topK values " + lp);
                    sameLongs(readIndices(ix, rows * k, true), wantI, at + " topK indices " + lp);
                }
                SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(r % 4 == 0 ? 0 : 20)
                        .withTopP(0.9).withHistory(new int[][] {{0, n - 1, 0}});
                double[] u = new double[rows];
                for (int i = 0; i < rows; i++) {
                    u[i] = rnd.nextDouble();
                }
                int[] wantT = new int[rows];
                float[] wantL = new float[rows];
                arrays.sample(type, bits, 0, shape, o, u, 0, wantT, 0, wantL, 0);
                MemorySegment t = Arena.ofAuto().allocate(4L * rows, 4);
                MemorySegment l = Arena.ofAuto().allocate(4L * rows, 4);
                expectNothing(at + " sample", () -> segs.sampleHalf(type, x, shape, o, u, t, false, l));
                sameLongs(readIndices(t, rows, false), widen(wantT), at + " sample tokens");
                double[] wl = new double[rows];
                for (int i = 0; i < rows; i++) {
                    wl[i] = wantL[i];
                }
                same(read(l, rows, false), wl, at + " sample log-probs");
            }
        }
    }

    private static void fill(MemorySegment s, double[] v, boolean f64) {
        for (int i = 0; i < v.length; i++) {
            if (f64) {
                s.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * i, v[i]);
            } else {
                s.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * i, (float) v[i]);
            }
        }
    }

    private static double[] read(MemorySegment s, int n, boolean f64) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f64 ? s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * i) : s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * i);
        }
        return out;
    }

    private static long[] readIndices(MemorySegment s, int n, boolean i64) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i64 ? s.get(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i) : s.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * i);
        }
        return out;
    }

    private static void same(double[] got, double[] want, String at) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(want[i])) {
                FAILURES.add(at + ": [" + i + "] segment " + got[i] + " != array " + want[i]);
                return;
            }
        }
    }

    /**
     * Equal, or within 8 ulps of the row's scale (a log-prob is {@code x - logsumexp(x)}: its error
     * is relative to the logits, not to the result) in the output type; then counted as the known
     * difference.
     */
    private static void nearly(double[] got, double[] want, double[] x, boolean f64, String at) {
        double maxAbs = 0;
        for (double v : x) {
            maxAbs = Double.isFinite(v) ? Math.max(maxAbs, Math.abs(v)) : maxAbs;
        }
        boolean differs = false;
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToLongBits(got[i]) == Double.doubleToLongBits(want[i])) {
                continue;
            }
            double scale = Math.abs(want[i]) + maxAbs + 1;
            double ulp = f64 ? Math.ulp(scale) : Math.ulp((float) scale);
            if (!(Math.abs(got[i] - want[i]) <= 8 * ulp)) {
                FAILURES.add(at + ": [" + i + "] segment " + got[i] + " != array " + want[i] + " (more than 8 ulps)");
                return;
            }
            differs = true;
        }
        if (differs) {
            knownLseDifferences++;
        }
    }

    private static void sameLongs(long[] got, long[] want, String at) {
        if (!Arrays.equals(got, want)) {
            FAILURES.add(at + ": segment " + Arrays.toString(got) + " != array " + Arrays.toString(want));
        }
    }

    private static long[] widen(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return l;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
