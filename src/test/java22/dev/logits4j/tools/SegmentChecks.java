package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.LegacyOps;
import dev.logits4j.Reduction;
import dev.logits4j.LegacySegments;
import dev.logits4j.SoftmaxOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Differential checks of {@link Segments} (JDK 22+; compiled and run by {@code it.SegmentsIT} with
 * the Temurin 25 JDK). For every backend available (Java always; native when it loads) and every
 * kind of segment — global, confined, shared and auto arenas, a native slice at an unaligned
 * offset, heap segments over a float[]/double[] (whole and sliced), over a byte[] (a view), and
 * read-only inputs — each op (softmax, log-softmax, log-sum-exp, cross-entropy with int32/int64
 * class targets and with probabilities; float32 and float64; random shapes and axes; in place)
 * must give bit for bit what the same backend gives for Java arrays, and float32 softmax must
 * stay within the conformance rule's relative bound of a float64 softmax computed here. Then the errors: a closed arena,
 * a segment confined to another thread, a read-only output, a segment too small, null. Exits 0
 * and prints one summary line, or prints every failure and exits 1.
 */
public final class SegmentChecks {
    private SegmentChecks() {}

    private static final List<String> FAILURES = new ArrayList<>();
    private static long calls;

    public static void main(String[] args) {
        long seed = Long.getLong("logits4j.seg.seed", 20261128L);
        int rounds = Integer.getInteger("logits4j.seg.rounds", 300);
        List<Backend> backends = new ArrayList<>(List.of(Backend.java()));
        String nativeWhy = "";
        try {
            backends.add(Backend.nativeVariant("auto"));
        } catch (IllegalStateException e) {
            nativeWhy = " (native: " + e.getMessage() + ")";
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Backend b : backends) {
            LegacyOps arrays = Legacy.with(b);
            LegacySegments segs = LegacySegments.with(b);
            for (int r = 0; r < rounds; r++) {
                round(rnd, arrays, segs, b.toString() + " round " + r + " seed " + seed);
            }
            errors(segs, b.toString());
            half(rnd, arrays, segs, b.toString() + " half");
        }
        if (!FAILURES.isEmpty()) {
            FAILURES.stream().limit(40).forEach(System.out::println);
            System.out.println("segment-checks: " + FAILURES.size() + " failures in " + calls + " calls");
            System.exit(1);
        }
        System.out.println("segment-checks: " + calls + " calls, all equal to the array results, backends "
                + backends.stream().map(Backend::toString).toList() + nativeWhy);
    }

    /** The kinds of segment an operand of {@code bytes} bytes can come in; each fresh. */
    private static MemorySegment make(int kind, long bytes, int elementSize, Arena confined, Arena shared) {
        switch (kind) {
            case 0: return Arena.global().allocate(bytes, elementSize);
            case 1: return confined.allocate(bytes, elementSize);
            case 2: return shared.allocate(bytes, elementSize);
            case 3: return Arena.ofAuto().allocate(bytes, elementSize);
            case 4: return confined.allocate(bytes + 3, 1).asSlice(3, bytes);  // unaligned
            case 5: return elementSize == 4 ? MemorySegment.ofArray(new float[(int) (bytes / 4)])
                    : MemorySegment.ofArray(new double[(int) (bytes / 8)]);
            case 6: return (elementSize == 4 ? MemorySegment.ofArray(new float[(int) (bytes / 4) + 5])
                    : MemorySegment.ofArray(new double[(int) (bytes / 8) + 5])).asSlice(3L * elementSize, bytes);
            default: return MemorySegment.ofArray(new byte[(int) bytes + 2]).asSlice(2, bytes);  // a view
        }
    }

    private static final int KINDS = 8;

    private static void round(SplittableRandom rnd, LegacyOps arrays, LegacySegments segs, String where) {
        int rows = 1 + rnd.nextInt(5);
        int cols = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 300);
        int[] shape = {rows, cols};
        int axis = rnd.nextBoolean() ? -1 : 0;
        boolean f64 = rnd.nextInt(4) == 0;
        int es = f64 ? 8 : 4;
        int n = rows * cols;
        int kx = rnd.nextInt(KINDS);
        int ky = rnd.nextInt(KINDS);
        boolean readOnlyInput = rnd.nextInt(5) == 0;
        boolean inPlace = rnd.nextInt(6) == 0;
        int op = rnd.nextInt(5);
        String at = where + " op " + op + " shape " + Arrays.toString(shape) + " axis " + axis + " f64 " + f64
                + " kinds " + kx + "/" + ky + (readOnlyInput ? " read-only in" : "") + (inPlace ? " in place" : "");
        try (Arena confined = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = rnd.nextDouble(-30, 30);
            }
            MemorySegment x = make(kx, (long) n * es, es, confined, shared);
            fill(x, values, f64);
            MemorySegment xin = readOnlyInput && !inPlace ? x.asReadOnly() : x;
            SoftmaxOptions so = SoftmaxOptions.DEFAULT.withTemperature(rnd.nextBoolean() ? 1.0 : 0.7);
            if (op <= 1) {
                MemorySegment y = inPlace ? x : make(ky, (long) n * es, es, confined, shared);
                boolean log = op == 1;
                double[] got;
                double[] want;
                if (f64) {
                    double[] a = values.clone();
                    want = log ? arrays.logSoftmax(a, shape, axis, so) : arrays.softmax(a, shape, axis, so);
                    if (log) {
                        segs.logSoftmaxF64(xin, y, shape, axis, so);
                    } else {
                        segs.softmaxF64(xin, y, shape, axis, so);
                    }
                    got = read(y, n, true);
                } else {
                    float[] a = toFloats(values);
                    float[] w = log ? arrays.logSoftmax(a, shape, axis, so) : arrays.softmax(a, shape, axis, so);
                    want = toDoubles(w);
                    if (log) {
                        segs.logSoftmaxF32(xin, y, shape, axis, so);
                    } else {
                        segs.softmaxF32(xin, y, shape, axis, so);
                    }
                    got = read(y, n, false);
                    if (!log) {
                        reference(toDoubles(a), shape, axis, so.temperature(), got, at);
                    }
                }
                same(got, want, at);
            } else if (op == 2) {
                int outer = axis == 0 ? cols : rows;
                MemorySegment y = make(ky, (long) outer * es, es, confined, shared);
                double[] want;
                if (f64) {
                    want = arrays.logSumExp(values.clone(), shape, axis);
                    segs.logSumExpF64(xin, y, shape, axis);
                } else {
                    want = toDoubles(arrays.logSumExp(toFloats(values), shape, axis));
                    segs.logSumExpF32(xin, y, shape, axis);
                }
                same(read(y, outer, f64), want, at);
            } else if (op == 3) {
                boolean i64 = rnd.nextBoolean();
                long[] t = new long[rows];
                for (int i = 0; i < rows; i++) {
                    t[i] = rnd.nextInt(8) == 0 ? -100 : rnd.nextInt(cols);
                }
                MemorySegment targets = i64 ? MemorySegment.ofArray(t.clone())
                        : confined.allocate(ValueLayout.JAVA_INT, rows);
                int[] ti = new int[rows];
                for (int i = 0; i < rows; i++) {
                    ti[i] = (int) t[i];
                    if (!i64) {
                        targets.setAtIndex(ValueLayout.JAVA_INT, i, ti[i]);
                    }
                }
                boolean none = rnd.nextBoolean();
                CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withReduction(none ? Reduction.NONE : Reduction.MEAN)
                        .withLabelSmoothing(rnd.nextBoolean() ? 0 : 0.1);
                MemorySegment out = none ? make(ky, (long) rows * es, es, confined, shared) : null;
                if (f64) {
                    double[] a = values.clone();
                    if (none) {
                        double[] wantOut = new double[rows];
                        if (i64) {
                            arrays.crossEntropy(a, 0, shape, t, 0, wantOut, 0, o);
                        } else {
                            arrays.crossEntropy(a, 0, shape, ti, 0, wantOut, 0, o);
                        }
                        segs.crossEntropyF64(xin, shape, targets, i64, out, o);
                        same(read(out, rows, true), wantOut, at + " losses");
                    } else {
                        double want = i64 ? arrays.crossEntropy(a, 0, shape, t, 0, o)
                                : arrays.crossEntropy(a, 0, shape, ti, 0, o);
                        double got = segs.crossEntropyF64(xin, shape, targets, i64, null, o);
                        same(new double[] {got}, new double[] {want}, at + " loss");
                    }
                } else {
                    float[] a = toFloats(values);
                    if (none) {
                        float[] wantOut = new float[rows];
                        if (i64) {
                            arrays.crossEntropy(a, 0, shape, t, 0, wantOut, 0, o);
                        } else {
                            arrays.crossEntropy(a, 0, shape, ti, 0, wantOut, 0, o);
                        }
                        segs.crossEntropyF32(xin, shape, targets, i64, out, o);
                        same(read(out, rows, false), toDoubles(wantOut), at + " losses");
                    } else {
                        float want = i64 ? arrays.crossEntropy(a, 0, shape, t, 0, o)
                                : arrays.crossEntropy(a, 0, shape, ti, 0, o);
                        float got = segs.crossEntropyF32(xin, shape, targets, i64, null, o);
                        same(new double[] {got}, new double[] {want}, at + " loss");
                    }
                }
            } else {
                double[] p = new double[n];
                for (int r = 0; r < rows; r++) {
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        p[r * cols + c] = rnd.nextDouble();
                        s += p[r * cols + c];
                    }
                    for (int c = 0; c < cols; c++) {
                        p[r * cols + c] /= s;
                    }
                }
                MemorySegment probs = make(ky, (long) n * es, es, confined, shared);
                fill(probs, p, f64);
                if (f64) {
                    double want = arrays.crossEntropyWithProbabilities(values.clone(), 0, shape, p.clone(), 0,
                            CrossEntropyOptions.DEFAULT);
                    double got = segs.crossEntropyWithProbabilitiesF64(xin, shape, probs, null, CrossEntropyOptions.DEFAULT);
                    same(new double[] {got}, new double[] {want}, at);
                } else {
                    float want = arrays.crossEntropyWithProbabilities(toFloats(values), 0, shape, toFloats(p), 0,
                            CrossEntropyOptions.DEFAULT);
                    float got = segs.crossEntropyWithProbabilitiesF32(xin, shape, probs, null, CrossEntropyOptions.DEFAULT);
                    same(new double[] {got}, new double[] {want}, at);
                }
            }
            calls++;
        } catch (RuntimeException e) {
            FAILURES.add(at + ": threw " + e);
        }
    }

    private static void errors(LegacySegments segs, String b) {
        int[] shape = {2, 3};
        SoftmaxOptions d = SoftmaxOptions.DEFAULT;
        Arena closed = Arena.ofConfined();
        MemorySegment dead = closed.allocate(24, 4);
        closed.close();
        MemorySegment live = Arena.global().allocate(24, 4);
        expect(b + " closed arena", IllegalStateException.class, "closed", () -> {
            segs.softmaxF32(dead, live, shape, -1, d);
            return null;
        });
        expect(b + " read-only output", java.nio.ReadOnlyBufferException.class, "read-only", () -> {
            segs.softmaxF32(live, live.asReadOnly(), shape, -1, d);
            return null;
        });
        expect(b + " too small", IndexOutOfBoundsException.class, "", () -> {
            segs.softmaxF32(live.asSlice(0, 20), live, shape, -1, d);
            return null;
        });
        expect(b + " null", NullPointerException.class, "x", () -> {
            segs.softmaxF32(null, live, shape, -1, d);
            return null;
        });
        try (Arena other = Arena.ofConfined()) {
            MemorySegment theirs = other.allocate(24, 4);
            Thread t = new Thread(() -> expect(b + " wrong thread", WrongThreadException.class, "another thread", () -> {
                segs.softmaxF32(theirs, Arena.global().allocate(24, 4), shape, -1, d);
                return null;
            }));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static synchronized void expect(String what, Class<? extends Throwable> type, String text, Supplier<Object> call) {
        calls++;
        try {
            call.get();
            FAILURES.add(what + ": no exception, expected " + type.getSimpleName());
        } catch (Throwable t) {
            if (!type.isInstance(t) || !String.valueOf(t.getMessage()).contains(text)) {
                FAILURES.add(what + ": threw " + t + ", expected " + type.getSimpleName() + " mentioning '" + text + "'");
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

    /**
     * float16 / bfloat16 logits (issue 13): a heap segment over a short[], native segments
     * (aligned and at an odd byte offset) and a byte[] view give the short[] results bit for bit.
     */
    private static void half(SplittableRandom rnd, LegacyOps arrays, LegacySegments segs, String where) {
        int[] shape = {5, 37};
        int n = 5 * 37;
        try (Arena arena = Arena.ofConfined()) {
            for (DType type : new DType[] {DType.F16, DType.BF16}) {
                short[] x = new short[n];
                for (int i = 0; i < n; i++) {
                    int bits = Float.floatToRawIntBits((float) (rnd.nextDouble() * 8 - 4));
                    x[i] = type == DType.BF16 ? (short) (bits >>> 16)
                            : (short) (((bits >>> 16) & 0x8000) | (((bits >>> 23 & 0xFF) - 112) << 10) | ((bits >>> 13) & 0x3FF));
                }
                int[] t = new int[5];
                for (int i = 0; i < 5; i++) {
                    t[i] = rnd.nextInt(37);
                }
                float[] wantSm = new float[n];
                float[] wantLsm = new float[n];
                float[] wantLse = new float[5];
                arrays.softmax(type, x, 0, wantSm, 0, shape, -1, SoftmaxOptions.DEFAULT);
                arrays.logSoftmax(type, x, 0, wantLsm, 0, shape, -1, SoftmaxOptions.DEFAULT);
                arrays.logSumExp(type, x, 0, wantLse, 0, shape, -1);
                float wantCe = arrays.crossEntropy(type, x, 0, shape, t, 0, CrossEntropyOptions.DEFAULT);
                MemorySegment[] kinds = {
                    MemorySegment.ofArray(x.clone()),
                    arena.allocate(2L * n, 2),
                    arena.allocate(2L * n + 1, 1).asSlice(1, 2L * n),
                    MemorySegment.ofArray(new byte[2 * n + 2]).asSlice(2, 2L * n),
                };
                for (int k = 0; k < kinds.length; k++) {
                    MemorySegment xs = kinds[k];
                    MemorySegment.copy(x, 0, xs, ValueLayout.JAVA_SHORT_UNALIGNED, 0, n);
                    MemorySegment y = arena.allocate(4L * n, 4);
                    String at = where + " " + type + " kind " + k;
                    segs.softmaxHalf(type, xs, y, shape, -1, SoftmaxOptions.DEFAULT);
                    same(widen(y.toArray(ValueLayout.JAVA_FLOAT)), widen(wantSm), at + " softmax");
                    segs.logSoftmaxHalf(type, xs, y, shape, -1, SoftmaxOptions.DEFAULT);
                    same(widen(y.toArray(ValueLayout.JAVA_FLOAT)), widen(wantLsm), at + " log-softmax");
                    MemorySegment l = arena.allocate(20, 4);
                    segs.logSumExpHalf(type, xs, l, shape, -1);
                    same(widen(l.toArray(ValueLayout.JAVA_FLOAT)), widen(wantLse), at + " logsumexp");
                    float ce = segs.crossEntropyHalf(type, xs, shape, MemorySegment.ofArray(t), false, null,
                            CrossEntropyOptions.DEFAULT);
                    same(new double[] {ce}, new double[] {wantCe}, at + " cross-entropy");
                    calls += 4;
                }
            }
        }
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void same(double[] got, double[] want, String at) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(want[i])) {
                FAILURES.add(at + ": [" + i + "] segment " + got[i] + " != array " + want[i]);
                return;
            }
        }
    }

    /** float64 softmax of the float32 inputs; float32 results within (|z| + |max| + |z - max| + 10)·2^-23 relative. */
    private static void reference(double[] x, int[] shape, int axis, double t, double[] got, String at) {
        int rows = shape[0];
        int cols = shape[1];
        int outer = axis == 0 ? 1 : rows;
        int n = axis == 0 ? rows : cols;
        int inner = axis == 0 ? cols : 1;
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[o * n * inner + k * inner + in] / t);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x[o * n * inner + k * inner + in] / t - max);
                }
                for (int k = 0; k < n; k++) {
                    int i = o * n * inner + k * inner + in;
                    double e = Math.exp(x[i] / t - max) / sum;
                    // the conformance rule's bound: z = x * (1/T) is rounded once per element
                    // (|z| u each, and 1/T itself), then z - max and the exp and the sum add theirs
                    double tol = (Math.abs(x[i] / t) + Math.abs(max) + Math.abs(x[i] / t - max) + 10) * 0x1p-23;
                    if (Math.abs(got[i] - e) > tol * e + 1e-38) {
                        FAILURES.add(at + ": softmax[" + i + "] = " + got[i] + ", float64 " + e);
                        return;
                    }
                }
            }
        }
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
