package dev.logits4j.internal.nativeimpl;

import dev.logits4j.internal.plan.Checks;
import dev.logits4j.internal.plan.ClassWeights;
import dev.logits4j.internal.backend.Candidates;
import dev.logits4j.internal.backend.HalfInput;
import dev.logits4j.internal.backend.Kernels;
import dev.logits4j.internal.plan.MemoryOrder;
import dev.logits4j.internal.plan.RawMemory;
import java.nio.Buffer;

/**
 * The native kernels of one ISA variant. The variant is a field passed to every call (the native
 * side keeps no state). Memory goes to the native code without copies: Java arrays pinned for the
 * call, direct buffers and raw memory by address. A mix of the two, a heap buffer without an
 * accessible array, or a direct buffer in the other byte order is staged through per-thread
 * native memory with a bounded footprint (see {@link Staging}).
 */
public final class NativeKernels implements Kernels {
    private final int isa;
    private final String name;

    private NativeKernels(VariantTable.Variant variant) {
        this.isa = variant.id();
        this.name = "native-" + variant.name();
    }

    /**
     * Loads the library (once per JVM) and returns the CPU feature mask it detected.
     *
     * @throws LinkageError when the library cannot be loaded
     */
    public static int cpuFeatures() {
        return NativeBinding.l4j_cpu_features();
    }

    /** The calling thread's MXCSR, read by native code (for tests of the FPU state). */
    public static int mxcsr() {
        return NativeBinding.l4j_mxcsr();
    }

    /** The file the library was loaded from (loads it if needed). */
    public static String libraryPath() {
        String path = NativeLibrary.load();
        return path == null ? "(unknown)" : path;
    }

    /** Kernels of one row of the variant table; the caller has checked that the CPU runs it. */
    public static NativeKernels of(VariantTable.Variant variant) {
        return new NativeKernels(variant);
    }

    public int isa() {
        return isa;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean takesRawAddresses() {
        return true;
    }

    /**
     * Whether a base can be passed by address: raw memory, or a direct buffer in the CPU's byte
     * order. A direct buffer in the other order (Java's default, big-endian, for
     * {@code ByteBuffer.allocateDirect(n).asFloatBuffer()} and mapped files) holds its values
     * byte-swapped, so it goes through {@link Staging}, whose copies convert.
     */
    static boolean addressable(Object base) {
        return base == RawMemory.INSTANCE
                || (base instanceof Buffer && ((Buffer) base).isDirect() && MemoryOrder.isNative((Buffer) base));
    }

    /** The address of element {@code index} of an addressable base. */
    static long address(Object base, long index, int elementSize) {
        if (base == RawMemory.INSTANCE) {
            return index;
        }
        return NativeBinding.directBufferAddress((Buffer) base) + index * elementSize;
    }

    private static long weightAddress(ClassWeights w, boolean f64) {
        if (w == null) {
            return 0;
        }
        return NativeBinding.directBufferAddress(f64 ? w.direct64() : w.direct32());
    }

    // ---------------------------------------------------------------------------------------------

    @Override
    public void softmaxF32(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {
        if (x instanceof float[] && y instanceof float[]) {
            NativeBinding.l4j_softmax_f32(isa, (float[]) x, xi, (float[]) y, yi, outer, n, inner,
                    (float) invT, flags);
        } else if (addressable(x) && addressable(y)) {
            NativeBinding.l4j_softmax_f32(isa, address(x, xi, 4), 0, address(y, yi, 4), 0, outer, n,
                    inner, (float) invT, flags);
        } else {
            long count = outer * n * inner;
            try (Staging s = Staging.acquire()) {
                boolean inPlace = x == y && xi == yi;
                long xa = inPlace ? s.inOut(0, x, xi, count, 4) : s.in(0, x, xi, count, 4);
                long ya = inPlace ? xa : s.out(1, y, yi, count, 4);
                NativeBinding.l4j_softmax_f32(isa, xa, 0, ya, 0, outer, n, inner, (float) invT, flags);
                s.finish();
            }
        }
    }

    @Override
    public void softmaxF64(Object x, long xi, Object y, long yi, long outer, int n, long inner,
                           double invT, int flags) {
        if (x instanceof double[] && y instanceof double[]) {
            NativeBinding.l4j_softmax_f64(isa, (double[]) x, xi, (double[]) y, yi, outer, n, inner,
                    invT, flags);
        } else if (addressable(x) && addressable(y)) {
            NativeBinding.l4j_softmax_f64(isa, address(x, xi, 8), 0, address(y, yi, 8), 0, outer, n,
                    inner, invT, flags);
        } else {
            long count = outer * n * inner;
            try (Staging s = Staging.acquire()) {
                boolean inPlace = x == y && xi == yi;
                long xa = inPlace ? s.inOut(0, x, xi, count, 8) : s.in(0, x, xi, count, 8);
                long ya = inPlace ? xa : s.out(1, y, yi, count, 8);
                NativeBinding.l4j_softmax_f64(isa, xa, 0, ya, 0, outer, n, inner, invT, flags);
                s.finish();
            }
        }
    }

    @Override
    public void logSumExpF32(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        if (x instanceof float[] && y instanceof float[]) {
            NativeBinding.l4j_logsumexp_f32(isa, (float[]) x, xi, (float[]) y, yi, outer, n, inner);
        } else if (addressable(x) && addressable(y)) {
            NativeBinding.l4j_logsumexp_f32(isa, address(x, xi, 4), 0, address(y, yi, 4), 0, outer,
                    n, inner);
        } else {
            try (Staging s = Staging.acquire()) {
                long xa = s.in(0, x, xi, outer * n * inner, 4);
                long ya = s.out(1, y, yi, outer * inner, 4);
                NativeBinding.l4j_logsumexp_f32(isa, xa, 0, ya, 0, outer, n, inner);
                s.finish();
            }
        }
    }

    @Override
    public void logSumExpF64(Object x, long xi, Object y, long yi, long outer, int n, long inner) {
        if (x instanceof double[] && y instanceof double[]) {
            NativeBinding.l4j_logsumexp_f64(isa, (double[]) x, xi, (double[]) y, yi, outer, n, inner);
        } else if (addressable(x) && addressable(y)) {
            NativeBinding.l4j_logsumexp_f64(isa, address(x, xi, 8), 0, address(y, yi, 8), 0, outer,
                    n, inner);
        } else {
            try (Staging s = Staging.acquire()) {
                long xa = s.in(0, x, xi, outer * n * inner, 8);
                long ya = s.out(1, y, yi, outer * inner, 8);
                NativeBinding.l4j_logsumexp_f64(isa, xa, 0, ya, 0, outer, n, inner);
                s.finish();
            }
        }
    }

    private static int targetBytes(Object targets) {
        return targets instanceof int[] || targets instanceof java.nio.IntBuffer ? 4 : 8;
    }

    @Override
    public double crossEntropyIndexF32(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        int tb = targetBytes(targets);
        try (Staging s = Staging.acquire()) {
            long bad = s.badAddress();
            double total;
            if (logits instanceof float[] && (out == null || out instanceof float[])
                    && (targets instanceof int[] || targets instanceof long[])) {
                float[] w = weight == null ? null : weight.f32();
                total = targets instanceof int[]
                        ? NativeBinding.l4j_ce_index_f32(isa, (float[]) logits, li, (int[]) targets, ti,
                                tb, outer, c, inner, w, ignoreIndex, eps, (float[]) out, oi, bad)
                        : NativeBinding.l4j_ce_index_f32(isa, (float[]) logits, li, (long[]) targets, ti,
                                tb, outer, c, inner, w, ignoreIndex, eps, (float[]) out, oi, bad);
            } else {
                long positions = outer * inner;
                long la = s.in(0, logits, li, outer * c * inner, 4);
                long ta = s.in(1, targets, ti, positions, tb);
                long oa = out == null ? 0 : s.out(2, out, oi, positions, 4);
                total = NativeBinding.l4j_ce_index_f32(isa, la, 0, ta, 0, tb, outer, c, inner,
                        weightAddress(weight, false), ignoreIndex, eps, oa, 0, bad);
                s.finish();
            }
            if (s.badPosition() >= 0) {
                throw Checks.targetChangedDuringCall(s.badPosition(), s.badValue(), c, ignoreIndex);
            }
            return total;
        }
    }

    @Override
    public double crossEntropyIndexF64(Object logits, long li, Object targets, long ti, long outer,
                                       int c, long inner, ClassWeights weight, long ignoreIndex,
                                       double eps, Object out, long oi) {
        int tb = targetBytes(targets);
        try (Staging s = Staging.acquire()) {
            long bad = s.badAddress();
            double total;
            if (logits instanceof double[] && (out == null || out instanceof double[])
                    && (targets instanceof int[] || targets instanceof long[])) {
                double[] w = weight == null ? null : weight.f64();
                total = targets instanceof int[]
                        ? NativeBinding.l4j_ce_index_f64(isa, (double[]) logits, li, (int[]) targets, ti,
                                tb, outer, c, inner, w, ignoreIndex, eps, (double[]) out, oi, bad)
                        : NativeBinding.l4j_ce_index_f64(isa, (double[]) logits, li, (long[]) targets, ti,
                                tb, outer, c, inner, w, ignoreIndex, eps, (double[]) out, oi, bad);
            } else {
                long positions = outer * inner;
                long la = s.in(0, logits, li, outer * c * inner, 8);
                long ta = s.in(1, targets, ti, positions, tb);
                long oa = out == null ? 0 : s.out(2, out, oi, positions, 8);
                total = NativeBinding.l4j_ce_index_f64(isa, la, 0, ta, 0, tb, outer, c, inner,
                        weightAddress(weight, true), ignoreIndex, eps, oa, 0, bad);
                s.finish();
            }
            if (s.badPosition() >= 0) {
                throw Checks.targetChangedDuringCall(s.badPosition(), s.badValue(), c, ignoreIndex);
            }
            return total;
        }
    }

    @Override
    public double crossEntropyProbF32(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps, Object out,
                                      long oi) {
        if (logits instanceof float[] && probs instanceof float[]
                && (out == null || out instanceof float[])) {
            return NativeBinding.l4j_ce_prob_f32(isa, (float[]) logits, li, (float[]) probs, pi, outer,
                    c, inner, weight == null ? null : weight.f32(), eps, (float[]) out, oi);
        }
        long count = outer * c * inner;
        try (Staging s = Staging.acquire()) {
            long la = s.in(0, logits, li, count, 4);
            long pa = s.in(1, probs, pi, count, 4);
            long oa = out == null ? 0 : s.out(2, out, oi, outer * inner, 4);
            double total = NativeBinding.l4j_ce_prob_f32(isa, la, 0, pa, 0, outer, c, inner,
                    weightAddress(weight, false), eps, oa, 0);
            s.finish();
            return total;
        }
    }

    @Override
    public double crossEntropyProbF64(Object logits, long li, Object probs, long pi, long outer,
                                      int c, long inner, ClassWeights weight, double eps, Object out,
                                      long oi) {
        if (logits instanceof double[] && probs instanceof double[]
                && (out == null || out instanceof double[])) {
            return NativeBinding.l4j_ce_prob_f64(isa, (double[]) logits, li, (double[]) probs, pi,
                    outer, c, inner, weight == null ? null : weight.f64(), eps, (double[]) out, oi);
        }
        long count = outer * c * inner;
        try (Staging s = Staging.acquire()) {
            long la = s.in(0, logits, li, count, 8);
            long pa = s.in(1, probs, pi, count, 8);
            long oa = out == null ? 0 : s.out(2, out, oi, outer * inner, 8);
            double total = NativeBinding.l4j_ce_prob_f64(isa, la, 0, pa, 0, outer, c, inner,
                    weightAddress(weight, true), eps, oa, 0);
            s.finish();
            return total;
        }
    }

    // ---- selection and sampling (issue 12) ------------------------------------------------------
    // The O(vocab) work of these ops is the three kernels below (a row's candidates, its
    // log-sum-exp, and, for sampling without top-k, its float64 sum of exp), native here; the pipeline on the candidates is the Java code (JavaSelect),
    // shared by every backend so all give the same tokens. Rows native code cannot read in place
    // (heap buffers, the other byte order) go through a heap array (HeapRow).

    @Override
    public void argmax(Object x, long xi, long outer, int n, long inner, Object out, long oi) {
        dev.logits4j.internal.javaimpl.JavaSelect.argmax(this, x, xi, outer, n, inner, out, oi);
    }

    @Override
    public void topK(Object x, long xi, long rows, int n, int k, boolean logProbs, Object values,
                     long vi, Object indices, long ii) {
        dev.logits4j.internal.javaimpl.JavaSelect.topK(this, x, xi, rows, n, k, logProbs, values,
                vi, indices, ii);
    }

    @Override
    public void sample(Object x, long xi, dev.logits4j.internal.plan.SamplingParams params,
                       Object u, long ui, Object tokens, long ti, Object logProbs, long li) {
        dev.logits4j.internal.javaimpl.JavaSelect.sample(this, x, xi, params, u, ui, tokens, ti,
                logProbs, li);
    }

    @Override
    public int collectTop(Object x, long xi, int n, int keep, boolean firstTies, Candidates c) {
        long got;
        if (x instanceof float[]) {
            got = NativeBinding.l4j_collect_top_f32(isa, (float[]) x, xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, firstTies ? 1 : 0, c.skip, c.skipWords);
        } else if (x instanceof double[]) {
            got = NativeBinding.l4j_collect_top_f64(isa, (double[]) x, xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, firstTies ? 1 : 0, c.skip, c.skipWords);
        } else if (addressable(x) && x instanceof java.nio.FloatBuffer) {
            got = NativeBinding.l4j_collect_top_f32(isa, address(x, 0, 4), xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, firstTies ? 1 : 0, c.skip, c.skipWords);
        } else if (addressable(x) && x instanceof java.nio.DoubleBuffer) {
            got = NativeBinding.l4j_collect_top_f64(isa, address(x, 0, 8), xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, firstTies ? 1 : 0, c.skip, c.skipWords);
        } else if (x instanceof HalfInput && ((HalfInput) x).bits instanceof short[]) {
            HalfInput h = (HalfInput) x;
            got = NativeBinding.l4j_collect_top_half(isa, flag(h.bf16), (short[]) h.bits, xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, firstTies ? 1 : 0, c.skip, c.skipWords);
        } else if (x instanceof HalfInput && addressable(((HalfInput) x).bits)) {
            HalfInput h = (HalfInput) x;
            got = NativeBinding.l4j_collect_top_half(isa, flag(h.bf16), address(h.bits, 0, 2), xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, firstTies ? 1 : 0, c.skip, c.skipWords);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? JAVA.collectTop(x, xi, n, keep, firstTies, c)
                    : collectTop(h.base, h.index, n, keep, firstTies, c);
        }
        return (int) got;
    }

    @Override
    public double rowLogProb(Object x, long xi, int n, int t) {
        if (x instanceof float[]) {
            return NativeBinding.l4j_row_log_prob_f32(isa, (float[]) x, xi, n, t);
        } else if (x instanceof double[]) {
            return NativeBinding.l4j_row_log_prob_f64(isa, (double[]) x, xi, n, t);
        } else if (addressable(x) && x instanceof java.nio.FloatBuffer) {
            return NativeBinding.l4j_row_log_prob_f32(isa, address(x, 0, 4), xi, n, t);
        } else if (addressable(x) && x instanceof java.nio.DoubleBuffer) {
            return NativeBinding.l4j_row_log_prob_f64(isa, address(x, 0, 8), xi, n, t);
        } else if (x instanceof HalfInput && ((HalfInput) x).bits instanceof short[]) {
            HalfInput h = (HalfInput) x;
            return NativeBinding.l4j_row_log_prob_half(isa, flag(h.bf16), (short[]) h.bits, xi, n, t);
        } else if (x instanceof HalfInput && addressable(((HalfInput) x).bits)) {
            HalfInput h = (HalfInput) x;
            return NativeBinding.l4j_row_log_prob_half(isa, flag(h.bf16), address(h.bits, 0, 2), xi, n, t);
        }
        HeapRow h = HeapRow.of(x, xi, n);
        return h == null ? JAVA.rowLogProb(x, xi, n, t) : rowLogProb(h.base, h.index, n, t);
    }

    @Override
    public double sumExpBlocks(Object x, long xi, int n, double max, double invT, int[] ids,
                               double[] values, int m, double[] blockSums) {
        if (x instanceof float[]) {
            return NativeBinding.l4j_sum_exp_blocks_f32(isa, (float[]) x, xi, n, max, invT, ids, values, m, blockSums);
        } else if (x instanceof double[]) {
            return NativeBinding.l4j_sum_exp_blocks_f64(isa, (double[]) x, xi, n, max, invT, ids, values, m, blockSums);
        } else if (addressable(x) && x instanceof java.nio.FloatBuffer) {
            return NativeBinding.l4j_sum_exp_blocks_f32(isa, address(x, 0, 4), xi, n, max, invT, ids, values, m, blockSums);
        } else if (addressable(x) && x instanceof java.nio.DoubleBuffer) {
            return NativeBinding.l4j_sum_exp_blocks_f64(isa, address(x, 0, 8), xi, n, max, invT, ids, values, m, blockSums);
        } else if (x instanceof HalfInput && ((HalfInput) x).bits instanceof short[]) {
            HalfInput h = (HalfInput) x;
            return NativeBinding.l4j_sum_exp_blocks_half(isa, flag(h.bf16), (short[]) h.bits, xi, n, max, invT, ids, values, m, blockSums);
        } else if (x instanceof HalfInput && addressable(((HalfInput) x).bits)) {
            HalfInput h = (HalfInput) x;
            return NativeBinding.l4j_sum_exp_blocks_half(isa, flag(h.bf16), address(h.bits, 0, 2), xi, n, max, invT, ids, values, m, blockSums);
        }
        HeapRow h = HeapRow.of(x, xi, n);
        return h == null ? JAVA.sumExpBlocks(x, xi, n, max, invT, ids, values, m, blockSums)
                : sumExpBlocks(h.base, h.index, n, max, invT, ids, values, m, blockSums);
    }

    /**
     * A row native code cannot take by address (a heap buffer, a direct buffer in the other byte
     * order) as a heap array it can pin: the buffer's own array where it has an accessible one,
     * else a per-thread copy (kept up to 2^18 elements), so every memory kind gets the native
     * answer, not the Java kernels' (whose log-sum-exp differs in the last bits).
     */
    private static final class HeapRow {
        private static final int RETAINED = 1 << 18;
        private static final ThreadLocal<HeapRow> COPIES = ThreadLocal.withInitial(HeapRow::new);
        private float[] floats = new float[0];
        private double[] doubles = new double[0];
        private short[] shorts = new short[0];
        Object base;
        long index;

        static HeapRow of(Object x, long xi, int n) {
            Object b = x instanceof HalfInput ? ((HalfInput) x).bits : x;
            if (!(b instanceof java.nio.Buffer)) {
                return null;
            }
            HeapRow h = COPIES.get();
            java.nio.Buffer buf = (java.nio.Buffer) b;
            int i = (int) xi;
            if (buf.hasArray()) {   // a wrapped array: its values, whatever order() says
                h.index = buf.arrayOffset() + xi;
                h.base = buf.array();
            } else if (b instanceof java.nio.FloatBuffer) {
                float[] a = n <= RETAINED ? (h.floats.length >= n ? h.floats : (h.floats = new float[n])) : new float[n];
                ((java.nio.FloatBuffer) b).get(i, a, 0, n);
                h.base = a;
                h.index = 0;
            } else if (b instanceof java.nio.DoubleBuffer) {
                double[] a = n <= RETAINED ? (h.doubles.length >= n ? h.doubles : (h.doubles = new double[n])) : new double[n];
                ((java.nio.DoubleBuffer) b).get(i, a, 0, n);
                h.base = a;
                h.index = 0;
            } else if (b instanceof java.nio.ShortBuffer) {
                short[] a = n <= RETAINED ? (h.shorts.length >= n ? h.shorts : (h.shorts = new short[n])) : new short[n];
                ((java.nio.ShortBuffer) b).get(i, a, 0, n);
                h.base = a;
                h.index = 0;
            } else {
                return null;
            }
            if (x instanceof HalfInput) {
                h.base = new HalfInput(((HalfInput) x).bf16, h.base);
            }
            return h;
        }
    }

    private static final Kernels JAVA = dev.logits4j.internal.javaimpl.JavaKernels.INSTANCE;

    // ---- 16-bit inputs (issue 13): kernels that convert the logits as they load them ----------
    // short[] logits with float[] outputs are pinned; native-order direct memory goes by address;
    // anything else is staged (the copy converts the byte order, never the type).

    private static int flag(boolean bf16) {
        return bf16 ? 1 : 0;
    }

    @Override
    public void softmaxHalf(boolean bf16, Object x, long xi, Object y, long yi, long outer, int n,
                            long inner, double invT, int flags) {
        if (x instanceof short[] && y instanceof float[]) {
            NativeBinding.l4j_softmax_half(isa, flag(bf16), (short[]) x, xi, (float[]) y, yi, outer,
                    n, inner, (float) invT, flags);
        } else if (addressable(x) && addressable(y)) {
            NativeBinding.l4j_softmax_half(isa, flag(bf16), address(x, xi, 2), 0, address(y, yi, 4),
                    0, outer, n, inner, (float) invT, flags);
        } else {
            long count = outer * n * inner;
            try (Staging s = Staging.acquire()) {
                long xa = s.in(0, x, xi, count, 2);
                long ya = s.out(1, y, yi, count, 4);
                NativeBinding.l4j_softmax_half(isa, flag(bf16), xa, 0, ya, 0, outer, n, inner,
                        (float) invT, flags);
                s.finish();
            }
        }
    }

    @Override
    public void logSumExpHalf(boolean bf16, Object x, long xi, Object y, long yi, long outer,
                              int n, long inner) {
        if (x instanceof short[] && y instanceof float[]) {
            NativeBinding.l4j_logsumexp_half(isa, flag(bf16), (short[]) x, xi, (float[]) y, yi,
                    outer, n, inner);
        } else if (addressable(x) && addressable(y)) {
            NativeBinding.l4j_logsumexp_half(isa, flag(bf16), address(x, xi, 2), 0,
                    address(y, yi, 4), 0, outer, n, inner);
        } else {
            try (Staging s = Staging.acquire()) {
                long xa = s.in(0, x, xi, outer * n * inner, 2);
                long ya = s.out(1, y, yi, outer * inner, 4);
                NativeBinding.l4j_logsumexp_half(isa, flag(bf16), xa, 0, ya, 0, outer, n, inner);
                s.finish();
            }
        }
    }

    @Override
    public double crossEntropyIndexHalf(boolean bf16, Object logits, long li, Object targets,
                                        long ti, long outer, int c, long inner,
                                        ClassWeights weight, long ignoreIndex, double eps,
                                        Object out, long oi) {
        int tb = targetBytes(targets);
        try (Staging s = Staging.acquire()) {
            long bad = s.badAddress();
            double total;
            if (logits instanceof short[] && (out == null || out instanceof float[])
                    && (targets instanceof int[] || targets instanceof long[])) {
                float[] w = weight == null ? null : weight.f32();
                total = targets instanceof int[]
                        ? NativeBinding.l4j_ce_index_half(isa, flag(bf16), (short[]) logits, li,
                                (int[]) targets, ti, tb, outer, c, inner, w, ignoreIndex, eps,
                                (float[]) out, oi, bad)
                        : NativeBinding.l4j_ce_index_half(isa, flag(bf16), (short[]) logits, li,
                                (long[]) targets, ti, tb, outer, c, inner, w, ignoreIndex, eps,
                                (float[]) out, oi, bad);
            } else {
                long positions = outer * inner;
                long la = s.in(0, logits, li, outer * c * inner, 2);
                long ta = s.in(1, targets, ti, positions, tb);
                long oa = out == null ? 0 : s.out(2, out, oi, positions, 4);
                total = NativeBinding.l4j_ce_index_half(isa, flag(bf16), la, 0, ta, 0, tb, outer, c,
                        inner, weightAddress(weight, false), ignoreIndex, eps, oa, 0, bad);
                s.finish();
            }
            if (s.badPosition() >= 0) {
                throw Checks.targetChangedDuringCall(s.badPosition(), s.badValue(), c, ignoreIndex);
            }
            return total;
        }
    }

    @Override
    public double crossEntropyProbHalf(boolean bf16, Object logits, long li, Object probs,
                                       long pi, long outer, int c, long inner,
                                       ClassWeights weight, double eps, Object out, long oi) {
        if (logits instanceof short[] && probs instanceof float[]
                && (out == null || out instanceof float[])) {
            return NativeBinding.l4j_ce_prob_half(isa, flag(bf16), (short[]) logits, li,
                    (float[]) probs, pi, outer, c, inner, weight == null ? null : weight.f32(), eps,
                    (float[]) out, oi);
        }
        long count = outer * c * inner;
        try (Staging s = Staging.acquire()) {
            long la = s.in(0, logits, li, count, 2);
            long pa = s.in(1, probs, pi, count, 4);
            long oa = out == null ? 0 : s.out(2, out, oi, outer * inner, 4);
            double total = NativeBinding.l4j_ce_prob_half(isa, flag(bf16), la, 0, pa, 0, outer, c,
                    inner, weightAddress(weight, false), eps, oa, 0);
            s.finish();
            return total;
        }
    }
}
