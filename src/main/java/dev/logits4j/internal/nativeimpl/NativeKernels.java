package dev.logits4j.internal.nativeimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.internal.kernels.GradientRows;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.memory.MemoryOrder;
import dev.logits4j.internal.memory.RawMemory;
import java.nio.Buffer;

import static dev.logits4j.internal.nativeimpl.NativeDTypes.F32;
import static dev.logits4j.internal.nativeimpl.NativeDTypes.F64;
import static dev.logits4j.internal.nativeimpl.NativeDTypes.I32;
import static dev.logits4j.internal.nativeimpl.NativeDTypes.I64;

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

    private static long weightAddress(ClassWeights w, int dtype) {
        if (w == null) {
            return 0;
        }
        return NativeBinding.directBufferAddress(dtype == F64 ? w.direct64() : w.direct32());
    }

    // ---------------------------------------------------------------------------------------------
    // Each op: Java arrays of the op's types pinned, else native-order direct memory by address,
    // else staged (the copy converts the byte order, never the type). The arrays' overload is
    // chosen by their Java type, and the code passed with them is that type's, so the native side
    // never reads an array as another type.

    @Override
    public void softmax(DType type, Object x, long xi, Object y, long yi, long outer, int n,
                        long inner, double invT, int flags) {
        int dtype = NativeDTypes.of(type);
        int status;
        if (x instanceof float[] && y instanceof float[]) {
            status = NativeBinding.l4j_softmax(isa, dtype = F32, (float[]) x, xi, (float[]) y, yi,
                    outer, n, inner, invT, flags);
        } else if (x instanceof double[] && y instanceof double[]) {
            status = NativeBinding.l4j_softmax(isa, dtype = F64, (double[]) x, xi, (double[]) y, yi,
                    outer, n, inner, invT, flags);
        } else if (x instanceof short[] && y instanceof float[] && type.isHalf()) {
            status = NativeBinding.l4j_softmax(isa, dtype, (short[]) x, xi, (float[]) y, yi,
                    outer, n, inner, invT, flags);
        } else {
            status = softmaxByAddress(dtype, x, xi, y, yi, outer, n, inner, invT, flags);
        }
        status("softmax", dtype, status);
    }

    private int softmaxByAddress(int dtype, Object x, long xi, Object y, long yi, long outer, int n,
                                 long inner, double invT, int flags) {
        int xs = NativeDTypes.size(dtype);
        int ys = NativeDTypes.valueSize(dtype);
        if (addressable(x) && addressable(y)) {
            return NativeBinding.l4j_softmax(isa, dtype, address(x, xi, xs), 0,
                    address(y, yi, ys), 0, outer, n, inner, invT, flags);
        }
        long count = outer * n * inner;
        try (Staging s = Staging.acquire()) {
            // in place only where input and output are one array of one type
            boolean inPlace = x == y && xi == yi && xs == ys;
            long xa = inPlace ? s.inOut(0, x, xi, count, xs) : s.in(0, x, xi, count, xs);
            long ya = inPlace ? xa : s.out(1, y, yi, count, ys);
            int status = NativeBinding.l4j_softmax(isa, dtype, xa, 0, ya, 0, outer, n, inner,
                    invT, flags);
            s.finish();
            return status;
        }
    }

    @Override
    public void logSumExp(DType type, Object x, long xi, Object y, long yi, long outer, int n,
                          long inner) {
        int dtype = NativeDTypes.of(type);
        int status;
        if (x instanceof float[] && y instanceof float[]) {
            status = NativeBinding.l4j_logsumexp(isa, dtype = F32, (float[]) x, xi, (float[]) y, yi,
                    outer, n, inner);
        } else if (x instanceof double[] && y instanceof double[]) {
            status = NativeBinding.l4j_logsumexp(isa, dtype = F64, (double[]) x, xi, (double[]) y,
                    yi, outer, n, inner);
        } else if (x instanceof short[] && y instanceof float[] && type.isHalf()) {
            status = NativeBinding.l4j_logsumexp(isa, dtype, (short[]) x, xi, (float[]) y, yi,
                    outer, n, inner);
        } else {
            status = logSumExpByAddress(dtype, x, xi, y, yi, outer, n, inner);
        }
        status("logsumexp", dtype, status);
    }

    private int logSumExpByAddress(int dtype, Object x, long xi, Object y, long yi, long outer,
                                   int n, long inner) {
        int xs = NativeDTypes.size(dtype);
        int ys = NativeDTypes.valueSize(dtype);
        if (addressable(x) && addressable(y)) {
            return NativeBinding.l4j_logsumexp(isa, dtype, address(x, xi, xs), 0,
                    address(y, yi, ys), 0, outer, n, inner);
        }
        try (Staging s = Staging.acquire()) {
            long xa = s.in(0, x, xi, outer * n * inner, xs);
            long ya = s.out(1, y, yi, outer * inner, ys);
            int status = NativeBinding.l4j_logsumexp(isa, dtype, xa, 0, ya, 0, outer, n, inner);
            s.finish();
            return status;
        }
    }

    @Override
    public double crossEntropy(DType type, Object logits, long li, DType targetType,
                               Object targets, long ti, long outer, int c, long inner,
                               ClassWeights weight, long ignoreIndex, double eps, Object out,
                               long oi) {
        int dtype = NativeDTypes.of(type);
        return targetType.isFloating()
                ? crossEntropyProb(dtype, logits, li, targets, ti, outer, c, inner, weight, eps, out, oi)
                : crossEntropyIndex(dtype, logits, li, targets, ti, outer, c, inner, weight,
                        ignoreIndex, eps, out, oi);
    }

    private static int targetDType(Object targets) {
        return targets instanceof int[] || targets instanceof java.nio.IntBuffer ? I32 : I64;
    }

    private double crossEntropyIndex(int dtype, Object logits, long li, Object targets, long ti,
                                     long outer, int c, long inner, ClassWeights weight,
                                     long ignoreIndex, double eps, Object out, long oi) {
        int tt = targetDType(targets);
        boolean ints = targets instanceof int[];
        boolean pinnable = ints || targets instanceof long[];
        try (Staging s = Staging.acquire()) {
            long bad = s.badAddress();
            double total;
            if (pinnable && dtype == F32 && logits instanceof float[] && (out == null || out instanceof float[])) {
                float[] w = weight == null ? null : weight.f32();
                total = ints
                        ? NativeBinding.l4j_ce_index(isa, F32, (float[]) logits, li, (int[]) targets, ti, I32,
                                outer, c, inner, w, ignoreIndex, eps, (float[]) out, oi, bad)
                        : NativeBinding.l4j_ce_index(isa, F32, (float[]) logits, li, (long[]) targets, ti, I64,
                                outer, c, inner, w, ignoreIndex, eps, (float[]) out, oi, bad);
            } else if (pinnable && dtype == F64 && logits instanceof double[]
                    && (out == null || out instanceof double[])) {
                double[] w = weight == null ? null : weight.f64();
                total = ints
                        ? NativeBinding.l4j_ce_index(isa, F64, (double[]) logits, li, (int[]) targets, ti, I32,
                                outer, c, inner, w, ignoreIndex, eps, (double[]) out, oi, bad)
                        : NativeBinding.l4j_ce_index(isa, F64, (double[]) logits, li, (long[]) targets, ti, I64,
                                outer, c, inner, w, ignoreIndex, eps, (double[]) out, oi, bad);
            } else if (pinnable && NativeDTypes.size(dtype) == 2 && logits instanceof short[]
                    && (out == null || out instanceof float[])) {
                float[] w = weight == null ? null : weight.f32();
                total = ints
                        ? NativeBinding.l4j_ce_index(isa, dtype, (short[]) logits, li, (int[]) targets, ti, I32,
                                outer, c, inner, w, ignoreIndex, eps, (float[]) out, oi, bad)
                        : NativeBinding.l4j_ce_index(isa, dtype, (short[]) logits, li, (long[]) targets, ti, I64,
                                outer, c, inner, w, ignoreIndex, eps, (float[]) out, oi, bad);
            } else {
                long positions = outer * inner;
                long la = s.in(0, logits, li, outer * c * inner, NativeDTypes.size(dtype));
                long ta = s.in(1, targets, ti, positions, NativeDTypes.size(tt));
                long oa = out == null ? 0 : s.out(2, out, oi, positions, NativeDTypes.valueSize(dtype));
                total = NativeBinding.l4j_ce_index(isa, dtype, la, 0, ta, 0, tt, outer, c, inner,
                        weightAddress(weight, dtype), ignoreIndex, eps, oa, 0, bad);
                s.finish();
            }
            if (s.badPosition() == NativeDTypes.REFUSED) {
                throw NativeDTypes.refused("ce_index", dtype, tt);
            }
            if (s.badPosition() >= 0) {
                throw dev.logits4j.internal.kernels.Targets.changedDuringCall(s.badPosition(), s.badValue(), c, ignoreIndex);
            }
            return total;
        }
    }

    private double crossEntropyProb(int dtype, Object logits, long li, Object probs, long pi,
                                    long outer, int c, long inner, ClassWeights weight, double eps,
                                    Object out, long oi) {
        double total;
        if (dtype == F32 && logits instanceof float[] && probs instanceof float[]
                && (out == null || out instanceof float[])) {
            total = NativeBinding.l4j_ce_prob(isa, F32, (float[]) logits, li, (float[]) probs, pi,
                    outer, c, inner, weight == null ? null : weight.f32(), eps, (float[]) out, oi);
        } else if (dtype == F64 && logits instanceof double[] && probs instanceof double[]
                && (out == null || out instanceof double[])) {
            total = NativeBinding.l4j_ce_prob(isa, F64, (double[]) logits, li, (double[]) probs, pi,
                    outer, c, inner, weight == null ? null : weight.f64(), eps, (double[]) out, oi);
        } else if (NativeDTypes.size(dtype) == 2 && logits instanceof short[]
                && probs instanceof float[] && (out == null || out instanceof float[])) {
            total = NativeBinding.l4j_ce_prob(isa, dtype, (short[]) logits, li, (float[]) probs, pi,
                    outer, c, inner, weight == null ? null : weight.f32(), eps, (float[]) out, oi);
        } else {
            return crossEntropyProbStaged(dtype, logits, li, probs, pi, outer, c, inner, weight,
                    eps, out, oi);
        }
        return NativeDTypes.checked(total, "ce_prob", dtype);
    }

    /** Memory other than arrays of the op's types is staged, direct buffers included. */
    private double crossEntropyProbStaged(int dtype, Object logits, long li, Object probs, long pi,
                                             long outer, int c, long inner, ClassWeights weight,
                                             double eps, Object out, long oi) {
        long count = outer * c * inner;
        int vs = NativeDTypes.valueSize(dtype);
        try (Staging s = Staging.acquire()) {
            long la = s.in(0, logits, li, count, NativeDTypes.size(dtype));
            long pa = s.in(1, probs, pi, count, vs);
            long oa = out == null ? 0 : s.out(2, out, oi, outer * inner, vs);
            double total = NativeBinding.l4j_ce_prob(isa, dtype, la, 0, pa, 0, outer, c, inner,
                    weightAddress(weight, dtype), eps, oa, 0);
            s.finish();
            return NativeDTypes.checked(total, "ce_prob", dtype);
        }
    }

    @Override
    public double crossEntropyWithGradient(DType type, Object logits, long li, DType targetType,
                                           Object targets, long ti, long outer, int c, long inner,
                                           ClassWeights weight, long ignoreIndex, double eps,
                                           double scale, Object upstream, long ui, Object grad,
                                           long gi) {
        int dtype = NativeDTypes.of(type);
        boolean probs = targetType.isFloating();
        int tt = probs ? (dtype == F64 ? F64 : F32) : targetDType(targets);
        if (!fusable(dtype, logits, targets, upstream, grad)) {
            // memory the kernel cannot take as it is (a byte-swapped or heap buffer, a mix of
            // arrays and direct memory): the loss by this implementation's crossEntropy (bit
            // for bit that op's), then the shared float64 gradient rows
            double total = crossEntropy(type, logits, li, targetType, targets, ti, outer, c, inner,
                    weight, ignoreIndex, eps, null, 0);
            GradientRows.crossEntropy(type, logits, li, targetType, targets, ti, outer, c,
                    inner, weight, ignoreIndex, eps, scale, upstream, ui, grad, gi);
            return total;
        }
        try (Staging s = Staging.acquire()) {
            long bad = s.badAddress();
            double total = fused(dtype, logits, li, targets, ti, tt, outer, c, inner, weight,
                    ignoreIndex, eps, scale, upstream, ui, grad, gi, bad);
            if (s.badPosition() == NativeDTypes.REFUSED) {
                throw NativeDTypes.refused("ce_grad", dtype, tt);
            }
            if (s.badPosition() >= 0) {
                throw dev.logits4j.internal.kernels.Targets.changedDuringCall(s.badPosition(),
                        s.badValue(), c, ignoreIndex);
            }
            return total;
        }
    }

    /**
     * Whether the fused kernel takes this memory: arrays of the op's types (pinned), or
     * native-order direct memory (by address), every operand the same way.
     */
    private static boolean fusable(int dtype, Object logits, Object targets, Object upstream,
                                   Object grad) {
        boolean upArray = upstream == null || upstream.getClass() == grad.getClass();
        boolean arrays = (dtype == F32 && logits instanceof float[] && grad instanceof float[])
                || (dtype == F64 && logits instanceof double[] && grad instanceof double[])
                || (NativeDTypes.size(dtype) == 2 && logits instanceof short[] && grad instanceof float[]);
        if (arrays) {
            return upArray && (targets instanceof int[] || targets instanceof long[]
                    || targets.getClass() == grad.getClass());
        }
        return addressable(logits) && addressable(targets) && addressable(grad)
                && (upstream == null || addressable(upstream));
    }

    /** The fused kernel on memory {@link #fusable} took. */
    private double fused(int dtype, Object logits, long li, Object targets, long ti, int tt,
                         long outer, int c, long inner, ClassWeights weight, long ignoreIndex,
                         double eps, double scale, Object upstream, long ui, Object grad, long gi,
                         long bad) {
        if (dtype == F32 && logits instanceof float[] && grad instanceof float[]
                && (upstream == null || upstream instanceof float[])) {
            float[] w = weight == null ? null : weight.f32();
            float[] up = (float[]) upstream;
            if (targets instanceof int[]) {
                return NativeBinding.l4j_ce_grad(isa, F32, (float[]) logits, li, (int[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (float[]) grad, gi, bad);
            } else if (targets instanceof long[]) {
                return NativeBinding.l4j_ce_grad(isa, F32, (float[]) logits, li, (long[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (float[]) grad, gi, bad);
            } else if (targets instanceof float[]) {
                return NativeBinding.l4j_ce_grad(isa, F32, (float[]) logits, li, (float[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (float[]) grad, gi, bad);
            }
        } else if (dtype == F64 && logits instanceof double[] && grad instanceof double[]
                && (upstream == null || upstream instanceof double[])) {
            double[] w = weight == null ? null : weight.f64();
            double[] up = (double[]) upstream;
            if (targets instanceof int[]) {
                return NativeBinding.l4j_ce_grad(isa, F64, (double[]) logits, li, (int[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (double[]) grad, gi, bad);
            } else if (targets instanceof long[]) {
                return NativeBinding.l4j_ce_grad(isa, F64, (double[]) logits, li, (long[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (double[]) grad, gi, bad);
            } else if (targets instanceof double[]) {
                return NativeBinding.l4j_ce_grad(isa, F64, (double[]) logits, li, (double[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (double[]) grad, gi, bad);
            }
        } else if (NativeDTypes.size(dtype) == 2 && logits instanceof short[] && grad instanceof float[]
                && (upstream == null || upstream instanceof float[])) {
            float[] w = weight == null ? null : weight.f32();
            float[] up = (float[]) upstream;
            if (targets instanceof int[]) {
                return NativeBinding.l4j_ce_grad(isa, dtype, (short[]) logits, li, (int[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (float[]) grad, gi, bad);
            } else if (targets instanceof long[]) {
                return NativeBinding.l4j_ce_grad(isa, dtype, (short[]) logits, li, (long[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (float[]) grad, gi, bad);
            } else if (targets instanceof float[]) {
                return NativeBinding.l4j_ce_grad(isa, dtype, (short[]) logits, li, (float[]) targets, ti, tt, outer, c,
                        inner, w, ignoreIndex, eps, scale, up, ui, (float[]) grad, gi, bad);
            }
        } else if (addressable(logits) && addressable(targets) && addressable(grad)
                && (upstream == null || addressable(upstream))) {
            int vs = NativeDTypes.valueSize(dtype);
            return NativeBinding.l4j_ce_grad(isa, dtype, address(logits, li, NativeDTypes.size(dtype)), 0,
                    address(targets, ti, NativeDTypes.size(tt)), 0, tt, outer, c, inner,
                    weightAddress(weight, dtype), ignoreIndex, eps, scale,
                    upstream == null ? 0 : address(upstream, ui, vs), 0, address(grad, gi, vs), 0, bad);
        }
        throw new AssertionError("not fusable");   // fusable() said so
    }

    @Override
    public void softmaxBackward(DType type, Object y, long yi, Object g, long gi, Object gx,
                                long gxi, long outer, int n, long inner, boolean log) {
        int lg = log ? 1 : 0;
        int status;
        if (inner != 1) {
            // strided slices: the shared float64 rows (no native kernel for them)
            GradientRows.softmaxBackward(y, yi, g, gi, gx, gxi, outer, n, inner, log);
            return;
        } else if (y instanceof float[] && g instanceof float[] && gx instanceof float[]) {
            status = NativeBinding.l4j_softmax_backward(isa, F32, (float[]) y, yi, (float[]) g, gi,
                    (float[]) gx, gxi, outer, n, lg);
        } else if (y instanceof double[] && g instanceof double[] && gx instanceof double[]) {
            status = NativeBinding.l4j_softmax_backward(isa, F64, (double[]) y, yi, (double[]) g, gi,
                    (double[]) gx, gxi, outer, n, lg);
        } else if (addressable(y) && addressable(g) && addressable(gx)) {
            int dtype = NativeDTypes.of(type);
            int size = NativeDTypes.size(dtype);
            status = NativeBinding.l4j_softmax_backward(isa, dtype, address(y, yi, size), 0,
                    address(g, gi, size), 0, address(gx, gxi, size), 0, outer, n, lg);
        } else {
            // byte-swapped or heap buffers, a mix of memory kinds: the shared float64 rows
            GradientRows.softmaxBackward(y, yi, g, gi, gx, gxi, outer, n, inner, log);
            return;
        }
        status("softmax_backward", NativeDTypes.of(type), status);
    }

    // ---- the selection primitives ----------------------------------------------------------------
    // The O(vocab) work of argmax, top-k and sampling is the three kernels below (a row's
    // candidates, its log-sum-exp, and, for sampling without top-k, its float64 sum of exp),
    // native here; the pipeline on the candidates (internal.select) is shared by every backend,
    // so all give the same tokens. Rows native code cannot read in place
    // (heap buffers, the other byte order) go through a heap array (HeapRow).




    @Override
    public int collectTop(DType type, Object x, long xi, int n, int keep, boolean firstTies,
                          Candidates c) {
        int ft = firstTies ? 1 : 0;
        int dtype = NativeDTypes.of(type);
        long got;
        if (x instanceof float[]) {
            got = NativeBinding.l4j_collect_top(isa, dtype = F32, (float[]) x, xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, ft, c.skip, c.skipWords);
        } else if (x instanceof double[]) {
            got = NativeBinding.l4j_collect_top(isa, dtype = F64, (double[]) x, xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, ft, c.skip, c.skipWords);
        } else if (x instanceof short[] && type.isHalf()) {
            got = NativeBinding.l4j_collect_top(isa, dtype, (short[]) x, xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, ft, c.skip, c.skipWords);
        } else if (addressable(x)) {
            got = NativeBinding.l4j_collect_top(isa, dtype, address(x, 0, NativeDTypes.size(dtype)), xi, n, keep, c.idx, c.val, c.keys, c.scanCapacity(), c.from, ft, c.skip, c.skipWords);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? notLogits(x) : collectTop(type, h.base, h.index, n, keep, firstTies, c);
        }
        return (int) NativeDTypes.checked(got, "collect_top", dtype);
    }

    @Override
    public int equalBits(DType type, Object x, long xi, int n, double v, int[] out) {
        int dtype = NativeDTypes.of(type);
        long words = out.length;   // native code writes ceil(n / 32) words, never more than this
        long got;
        if (x instanceof float[]) {
            got = NativeBinding.l4j_equal_bits(isa, dtype = F32, (float[]) x, xi, n, v, out, words);
        } else if (x instanceof double[]) {
            got = NativeBinding.l4j_equal_bits(isa, dtype = F64, (double[]) x, xi, n, v, out, words);
        } else if (x instanceof short[] && type.isHalf()) {
            got = NativeBinding.l4j_equal_bits(isa, dtype, (short[]) x, xi, n, v, out, words);
        } else if (addressable(x)) {
            got = NativeBinding.l4j_equal_bits(isa, dtype, address(x, 0, NativeDTypes.size(dtype)), xi, n, v, out, words);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? notLogits(x) : equalBits(type, h.base, h.index, n, v, out);
        }
        got = NativeDTypes.checked(got, "equal_bits", dtype);
        if (got < 0) {
            throw new IllegalStateException("equal_bits: " + words + " words for a row of " + n);
        }
        return (int) got;
    }

    @Override
    public double rowLogProb(DType type, Object x, long xi, int n, int t) {
        int dtype = NativeDTypes.of(type);
        double r;
        if (x instanceof float[]) {
            r = NativeBinding.l4j_row_log_prob(isa, dtype = F32, (float[]) x, xi, n, t);
        } else if (x instanceof double[]) {
            r = NativeBinding.l4j_row_log_prob(isa, dtype = F64, (double[]) x, xi, n, t);
        } else if (x instanceof short[] && type.isHalf()) {
            r = NativeBinding.l4j_row_log_prob(isa, dtype, (short[]) x, xi, n, t);
        } else if (addressable(x)) {
            r = NativeBinding.l4j_row_log_prob(isa, dtype, address(x, 0, NativeDTypes.size(dtype)), xi, n, t);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? notLogits(x) : rowLogProb(type, h.base, h.index, n, t);
        }
        return NativeDTypes.checked(r, "row_log_prob", dtype);
    }

    @Override
    public double sumExpBlocks(DType type, Object x, long xi, int n, double max, double invT,
                               int[] ids, double[] values, int m, double[] blockSums) {
        int dtype = NativeDTypes.of(type);
        double r;
        if (x instanceof float[]) {
            r = NativeBinding.l4j_sum_exp_blocks(isa, dtype = F32, (float[]) x, xi, n, max, invT, ids, values, m, blockSums);
        } else if (x instanceof double[]) {
            r = NativeBinding.l4j_sum_exp_blocks(isa, dtype = F64, (double[]) x, xi, n, max, invT, ids, values, m, blockSums);
        } else if (x instanceof short[] && type.isHalf()) {
            r = NativeBinding.l4j_sum_exp_blocks(isa, dtype, (short[]) x, xi, n, max, invT, ids, values, m, blockSums);
        } else if (addressable(x)) {
            r = NativeBinding.l4j_sum_exp_blocks(isa, dtype, address(x, 0, NativeDTypes.size(dtype)), xi, n, max, invT, ids, values, m, blockSums);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? notLogits(x)
                    : sumExpBlocks(type, h.base, h.index, n, max, invT, ids, values, m, blockSums);
        }
        return NativeDTypes.checked(r, "sum_exp_blocks", dtype);
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
            if (!(x instanceof java.nio.Buffer)) {
                return null;
            }
            HeapRow h = COPIES.get();
            java.nio.Buffer buf = (java.nio.Buffer) x;
            int i = (int) xi;
            if (buf.hasArray()) {   // a wrapped array: its values, whatever order() says
                h.index = buf.arrayOffset() + xi;
                h.base = buf.array();
            } else if (x instanceof java.nio.FloatBuffer) {
                float[] a = n <= RETAINED ? (h.floats.length >= n ? h.floats : (h.floats = new float[n])) : new float[n];
                ((java.nio.FloatBuffer) x).get(i, a, 0, n);
                h.base = a;
                h.index = 0;
            } else if (x instanceof java.nio.DoubleBuffer) {
                double[] a = n <= RETAINED ? (h.doubles.length >= n ? h.doubles : (h.doubles = new double[n])) : new double[n];
                ((java.nio.DoubleBuffer) x).get(i, a, 0, n);
                h.base = a;
                h.index = 0;
            } else if (x instanceof java.nio.ShortBuffer) {
                short[] a = n <= RETAINED ? (h.shorts.length >= n ? h.shorts : (h.shorts = new short[n])) : new short[n];
                ((java.nio.ShortBuffer) x).get(i, a, 0, n);
                h.base = a;
                h.index = 0;
            } else {
                return null;
            }
            return h;
        }
    }

    /**
     * The plans hand the selection primitives logits only: arrays, buffers of float32, float64 or
     * 16-bit bits, or raw memory. Anything else is a bug above the seam, not a fallback case.
     */
    private static int notLogits(Object x) {
        throw new IllegalStateException("not logits memory: " + (x == null ? "null" : x.getClass()));
    }

    /** A status from a void kernel: L4J_OK, or the refusal of a dtype code. */
    private static void status(String entry, int dtype, int status) {
        NativeDTypes.checked(status, entry, dtype);
    }

    @Override
    public double massDigit(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                            double[] values, int m, long prefix, int prefixBits, int digitBits,
                            double[] hist, long[] stats) {
        int dtype = NativeDTypes.of(type);
        double r;
        if (x instanceof float[]) {
            r = NativeBinding.l4j_mass_digit(isa, dtype = F32, (float[]) x, xi, n, max, invT, ids, values, m,
                    prefix, prefixBits, digitBits, hist, hist.length, stats, stats.length);
        } else if (x instanceof double[]) {
            r = NativeBinding.l4j_mass_digit(isa, dtype = F64, (double[]) x, xi, n, max, invT, ids, values, m,
                    prefix, prefixBits, digitBits, hist, hist.length, stats, stats.length);
        } else if (x instanceof short[] && type.isHalf()) {
            r = NativeBinding.l4j_mass_digit(isa, dtype, (short[]) x, xi, n, max, invT, ids, values, m,
                    prefix, prefixBits, digitBits, hist, hist.length, stats, stats.length);
        } else if (addressable(x)) {
            r = NativeBinding.l4j_mass_digit(isa, dtype, address(x, 0, NativeDTypes.size(dtype)), xi, n, max,
                    invT, ids, values, m, prefix, prefixBits, digitBits, hist, hist.length, stats, stats.length);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? notLogits(x)
                    : massDigit(type, h.base, h.index, n, max, invT, ids, values, m, prefix, prefixBits,
                            digitBits, hist, stats);
        }
        // NaN: a size out of range (nothing written) or a NaN weight (the row changed during the
        // call); the caller then declines to the whole-row path
        return NativeDTypes.checked(r, "mass_digit", dtype);
    }

    @Override
    public double keptBlockSums(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                                double[] values, int m, long boundary, long tiesKept, double[] blockSums,
                                long[] lastTie) {
        int dtype = NativeDTypes.of(type);
        double r;
        if (x instanceof float[]) {
            r = NativeBinding.l4j_kept_block_sums(isa, dtype = F32, (float[]) x, xi, n, max, invT, ids, values,
                    m, boundary, tiesKept, blockSums, blockSums.length, lastTie);
        } else if (x instanceof double[]) {
            r = NativeBinding.l4j_kept_block_sums(isa, dtype = F64, (double[]) x, xi, n, max, invT, ids, values,
                    m, boundary, tiesKept, blockSums, blockSums.length, lastTie);
        } else if (x instanceof short[] && type.isHalf()) {
            r = NativeBinding.l4j_kept_block_sums(isa, dtype, (short[]) x, xi, n, max, invT, ids, values,
                    m, boundary, tiesKept, blockSums, blockSums.length, lastTie);
        } else if (addressable(x)) {
            r = NativeBinding.l4j_kept_block_sums(isa, dtype, address(x, 0, NativeDTypes.size(dtype)), xi, n,
                    max, invT, ids, values, m, boundary, tiesKept, blockSums, blockSums.length, lastTie);
        } else {
            HeapRow h = HeapRow.of(x, xi, n);
            return h == null ? notLogits(x)
                    : keptBlockSums(type, h.base, h.index, n, max, invT, ids, values, m, boundary, tiesKept,
                            blockSums, lastTie);
        }
        return NativeDTypes.checked(r, "kept_block_sums", dtype);   // NaN: as massDigit
    }
}
