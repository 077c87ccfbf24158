package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.logits4j.testutil.Documented;
import dev.logits4j.testutil.Gen;
import dev.logits4j.testutil.Reference;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * A differential fuzzer over every memory kind the API accepts. Each iteration draws one call
 * (op, dtype, small random shape and axis, options, values, targets) and runs it twice: once on
 * plain heap arrays (the baseline, itself checked against the float64 {@link Reference} under the
 * conformance tolerance), and once with every operand in a randomly chosen kind of memory: heap
 * arrays at offsets; array-backed heap buffers ({@code wrap(a, off, len).slice()}, duplicates,
 * positions and limits); views of a heap {@code ByteBuffer} in either byte order (no accessible
 * array); read-only views; direct buffers in both byte orders and the default one (big-endian),
 * sliced and duplicated, at unaligned addresses; memory-mapped files ({@code FileChannel.map}
 * READ_WRITE, default and native order); JavaCPP pointers with positions and limits; and raw
 * addresses ({@link OffHeap}). The ops: softmax, log-softmax, log-sum-exp, cross-entropy, and the
 * selection ops (argmax, topK, topLogProbs, sample; int32/int64 indices and tokens; sample with
 * its draws as a second input and optional log-probs as a second output; no JavaCPP pointers).
 * Outputs are sometimes the input itself (in place), or partially
 * overlap an input (same array, same direct memory, targets and losses in one byte region).
 *
 * <p>The oracle: the call returns and its output is bit-identical (NaN payloads aside) to the
 * heap-array baseline (byte order and memory kind must not change a bit), or it throws one of
 * the exceptions the model of the call predicts: {@link IllegalArgumentException} (bad
 * arguments; partial overlap of memory that can be compared: the same array, array-backed buffers
 * of the same array, direct buffers, mapped files and raw memory by address, whatever the backend),
 * {@link IndexOutOfBoundsException} (memory smaller than the shape), {@link ReadOnlyBufferException}
 * (read-only destination) — exactly those classes (no {@code ArrayIndexOutOfBoundsException},
 * no JDK buffer-bounds exception escaping from a kernel), with a message. In place (the same
 * elements, same byte order) is valid for softmax and log-softmax; the same elements in another
 * byte order may be refused or computed out of place; heap buffers without an accessible array
 * cannot be compared and must give the out-of-place result even when they overlap the output.
 * Every byte of every operand's memory, with guard regions before and after, must be unchanged
 * except the output elements of a call that returned; a call that throws changes nothing.
 * Buffer and pointer positions and limits, and the shape array, are left alone. Temperatures are
 * valid in [2^-126, 2^126]; outside, {@link SoftmaxOptions#withTemperature} must refuse them.
 *
 * <p>Failures are collected by category and reported together (seed, iteration and a description
 * of the call in each example); {@code -Dlogits4j.memfuzz.iterations=N} (default 100000),
 * {@code -Dlogits4j.memfuzz.seed=S}, {@code -Dlogits4j.memfuzz.only=I} replays one iteration
 * (each iteration has its own generator, derived from the seed and its index).
 */
class MemoryKindsFuzzTest {
    private static final long SEED = Long.getLong("logits4j.memfuzz.seed", 20261201L);
    private static final int ITERATIONS = Integer.getInteger("logits4j.memfuzz.iterations", 100_000);
    private static final int ONLY = Integer.getInteger("logits4j.memfuzz.only", -1);
    /**
     * Diagnostics only: class-index targets always in native byte order. An unfixed library that
     * hands big-endian direct targets to native code by address crashes the JVM (SIGSEGV in the
     * cross-entropy kernel); this gets past that crash to see the other failures.
     */
    private static final boolean TARGETS_NATIVE_ORDER = Boolean.getBoolean("logits4j.memfuzz.targetsNativeOrder");
    /** Where the iteration in progress is recorded (survives a JVM crash: it is a mapped file). */
    private static final Path BREADCRUMB = Path.of(System.getProperty("logits4j.memfuzz.breadcrumb",
            "target/memfuzz-last-iteration.txt"));
    private static final int ARENA_BYTES = 2 << 20;
    private static final int MAX_COUNT = 3000;
    private static final double T_MIN = 0x1p-126;
    private static final double T_MAX = 0x1p126;
    /** Temperatures at and beyond the valid range's ends (and the usual invalid ones). */
    private static final double[] EXTREME_T = {0x1p-126, 0x1p126, 0x1.8p-126, 0x1.fffffp125, 1e-30, 1e30,
        0x1p-127, 0x1p127, Math.nextDown(0x1p-126), Math.nextUp(0x1p126), Double.MIN_VALUE, 1e-300,
        1e300, Double.MAX_VALUE, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY};

    /**
     * The ops; the selection ops (issue 12) have a second input (sample's draws) and up to two
     * outputs (values and indices, tokens and log-probs), in operand slots 1, 2 and 3.
     */
    enum Op {
        SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP, CE_INDEX, CE_PROB, ARGMAX, TOP_K, TOP_LOGPROBS, SAMPLE;

        boolean selection() {
            return ordinal() >= ARGMAX.ordinal();
        }
    }

    /**
     * Log-probs (top log-probs, sample's) must equal the heap arrays' exactly: native code reads
     * logits it cannot take by address through a heap array (NativeKernels.HeapRow), so every
     * memory kind gets the same native log-sum-exp. {@code -Dlogits4j.memfuzz.lenient=true}
     * counts differences of up to 8 ulps apart instead (for diagnosing a regression).
     */
    private static final boolean STRICT = !Boolean.getBoolean("logits4j.memfuzz.lenient");

    enum Family { ARRAY, BUFFER, POINTER, RAW }

    enum Kind {
        HEAP_ARRAY("heap-array"), HEAP_BYTES("heap-bytes-view"), DIRECT("direct"), MAPPED("mapped"),
        NATIVE("native");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        boolean byteBased() {
            return this != HEAP_ARRAY;
        }

        /** Whether two operands in one store of this kind can be compared by the library. */
        boolean addressable() {
            return this == DIRECT || this == MAPPED || this == NATIVE;
        }
    }

    enum Type {
        F32(4), F64(8), I32(4), I64(8);

        final int size;

        Type(int size) {
            this.size = size;
        }
    }

    enum Share { SEPARATE, IN_PLACE, OVERLAP }

    // =============================================================================================
    // the test

    @Test
    void everyMemoryKindGivesTheHeapArrayResultOrADocumentedRefusal() throws Exception {
        Fuzzer f = new Fuzzer();
        long start = System.nanoTime();
        MappedByteBuffer crumb = breadcrumb();
        List<String> required = new ArrayList<>(List.of("family ARRAY", "family BUFFER", "share SEPARATE",
                "share IN_PLACE", "share OVERLAP", "store heap-array", "store heap-bytes-view/BE",
                "store heap-bytes-view/LE", "store direct/BE", "store direct/LE", "store mapped/BE", "store mapped/LE",
                "read-only input", "read-only output"));
        for (Op op : Op.values()) {
            required.add("op " + op + " f32");
            required.add("op " + op + " f64");
        }
        try (Arenas arenas = Arenas.open()) {
            if (arenas.hasNative()) {
                required.addAll(List.of("family POINTER", "family RAW", "store native"));
            } else {
                System.out.println("MemoryKindsFuzzTest: no JavaCPP pointers or raw memory: " + arenas.nativeProblem);
            }
            for (int it = 0; it < ITERATIONS; it++) {
                if (ONLY >= 0 && it != ONLY) {
                    continue;
                }
                if (crumb != null) {
                    writeCrumb(crumb, String.format("%-20d", it));
                }
                f.iteration(it, arenas);
            }
        }
        if (crumb != null) {
            writeCrumb(crumb, "finished            ");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = f.summary(seconds);
        System.out.println(summary);
        if (f.failures.total > 0) {
            System.out.println(f.failures.report(200, 3));
            fail(f.failures.total + " failures in " + f.calls + " calls (seed " + SEED + "):\n"
                    + f.failures.report(40, 1) + "\n" + summary);
        }
        if (ONLY < 0 && ITERATIONS >= 20_000) {
            for (String k : required) {
                int n = f.coverage.getOrDefault(k, 0);
                assertTrue(n >= 20, "coverage of " + k + ": " + n + " calls\n" + summary);
            }
        }
    }

    /**
     * A mapped file that holds "seed S iteration I" while iteration I runs: after a JVM crash it
     * says which iteration to replay with -Dlogits4j.memfuzz.only=I. Null if it cannot be made.
     */
    private static MappedByteBuffer breadcrumb() {
        try {
            if (BREADCRUMB.getParent() != null) {
                Files.createDirectories(BREADCRUMB.getParent());
            }
            byte[] head = ("seed " + SEED + " iteration ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (FileChannel ch = FileChannel.open(BREADCRUMB, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, head.length + 21);
                m.put(0, head);
                m.put(head.length + 20, (byte) '\n');
                m.position(head.length);
                return m;
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("MemoryKindsFuzzTest: no breadcrumb file (" + e + ")");
            return null;
        }
    }

    private static void writeCrumb(MappedByteBuffer m, String twentyChars) {
        int at = m.position();
        for (int i = 0; i < 20; i++) {
            m.put(at + i, (byte) twentyChars.charAt(i));
        }
    }

    // =============================================================================================
    // memory

    /** Shared memory the stores are carved from: direct, mapped file and JavaCPP-allocated native. */
    static final class Arenas implements AutoCloseable {
        final ByteBuffer direct;
        final MappedByteBuffer mapped;
        final BytePointer nat;
        final ByteBuffer natView;
        final long natAddress;
        final String nativeProblem;
        private final int[] cursor = new int[Kind.values().length];

        private Arenas(ByteBuffer direct, MappedByteBuffer mapped, BytePointer nat, String nativeProblem) {
            this.direct = direct;
            this.mapped = mapped;
            this.nat = nat;
            this.natView = nat == null ? null : nat.asByteBuffer();
            this.natAddress = nat == null ? 0 : nat.address();
            this.nativeProblem = nativeProblem;
        }

        static Arenas open() throws IOException {
            ByteBuffer direct = ByteBuffer.allocateDirect(ARENA_BYTES);
            Path file = Files.createTempFile("logits4j-memfuzz", ".bin");
            MappedByteBuffer mapped;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, ARENA_BYTES);
            } finally {
                Files.deleteIfExists(file); // the mapping stays valid
            }
            BytePointer nat = null;
            String problem = null;
            try {
                // JavaCPP's Pointer natives are built into logits4j's library: load it first.
                dev.logits4j.internal.memory.RawViews.address(direct);
                nat = new BytePointer(ARENA_BYTES);
            } catch (Throwable e) {
                problem = e.toString();
            }
            return new Arenas(direct, mapped, nat, problem);
        }

        boolean hasNative() {
            return nat != null;
        }

        void reset() {
            Arrays.fill(cursor, 0);
        }

        ByteBuffer arena(Kind k) {
            return k == Kind.DIRECT ? direct : k == Kind.MAPPED ? mapped : natView;
        }

        /** A region of {@code size} bytes, {@code misalign} bytes past an 8-byte boundary. */
        int take(Kind k, int size, int misalign) {
            int c = cursor[k.ordinal()];
            int base = ((c + 7) & ~7) + misalign;
            if (base + size + 16 > ARENA_BYTES) {
                throw new IllegalStateException("arena too small for " + size + " bytes");
            }
            cursor[k.ordinal()] = base + size + 8;
            return base;
        }

        @Override
        public void close() {
            if (nat != null) {
                nat.close(); // frees the native arena
            }
        }
    }

    /** One contiguous piece of memory holding one operand, or two that share memory. */
    static final class Store {
        final Kind kind;
        final int size;
        final Type arrayType;
        final Object array;
        final ByteBuffer be;
        final ByteBuffer le;
        final long address;
        final int misalign;
        private Object snapshot;

        private Store(Kind kind, int size, Type arrayType, Object array, ByteBuffer region, long address,
                      int misalign) {
            this.kind = kind;
            this.size = size;
            this.arrayType = arrayType;
            this.array = array;
            this.be = region == null ? null : region.duplicate().order(ByteOrder.BIG_ENDIAN);
            this.le = region == null ? null : region.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            this.address = address;
            this.misalign = misalign;
        }

        static Store heapArray(Type t, int bytes) {
            int n = bytes / t.size;
            Object a = switch (t) {
                case F32 -> new float[n];
                case F64 -> new double[n];
                case I32 -> new int[n];
                case I64 -> new long[n];
            };
            return new Store(Kind.HEAP_ARRAY, n * t.size, t, a, null, 0, 0);
        }

        static Store heapBytes(int bytes) {
            return new Store(Kind.HEAP_BYTES, bytes, null, null, ByteBuffer.wrap(new byte[bytes]), 0, 0);
        }

        static Store arena(Arenas a, Kind k, int bytes, int misalign) {
            int base = a.take(k, bytes, misalign);
            ByteBuffer region = a.arena(k).duplicate().clear().position(base).limit(base + bytes).slice();
            long address = k == Kind.NATIVE ? a.natAddress + base : 0;
            return new Store(k, bytes, null, null, region, address, misalign);
        }

        /** A fresh view of the whole store, position 0, big-endian (the default order). */
        ByteBuffer bytes() {
            return be.duplicate().clear();
        }

        private ByteBuffer view(ByteOrder o) {
            return o == ByteOrder.BIG_ENDIAN ? be : le;
        }

        void fill(Random r) {
            if (kind == Kind.HEAP_ARRAY) {
                int n = size / arrayType.size;
                for (int i = 0; i < n; i++) {
                    long bits = r.nextLong();
                    switch (arrayType) {
                        case F32 -> ((float[]) array)[i] = (int) bits * 0x1p-16f;
                        case F64 -> ((double[]) array)[i] = bits * 0x1p-40;
                        case I32 -> ((int[]) array)[i] = (int) bits;
                        default -> ((long[]) array)[i] = bits;
                    }
                }
                return;
            }
            byte[] b = new byte[size];
            r.nextBytes(b);
            be.put(0, b);
        }

        void put(Type t, ByteOrder o, int byteOff, double f, long i) {
            if (kind == Kind.HEAP_ARRAY) {
                int k = byteOff / t.size;
                switch (t) {
                    case F32 -> ((float[]) array)[k] = (float) f;
                    case F64 -> ((double[]) array)[k] = f;
                    case I32 -> ((int[]) array)[k] = (int) i;
                    default -> ((long[]) array)[k] = i;
                }
                return;
            }
            ByteBuffer v = view(o);
            switch (t) {
                case F32 -> v.putFloat(byteOff, (float) f);
                case F64 -> v.putDouble(byteOff, f);
                case I32 -> v.putInt(byteOff, (int) i);
                default -> v.putLong(byteOff, i);
            }
        }

        /** The raw bits of the element at {@code byteOff} (a float's int bits, a double's long bits). */
        long bits(Type t, ByteOrder o, int byteOff) {
            if (kind == Kind.HEAP_ARRAY) {
                int k = byteOff / t.size;
                return switch (t) {
                    case F32 -> Float.floatToRawIntBits(((float[]) array)[k]);
                    case F64 -> Double.doubleToRawLongBits(((double[]) array)[k]);
                    case I32 -> ((int[]) array)[k];
                    default -> ((long[]) array)[k];
                };
            }
            ByteBuffer v = view(o);
            return t.size == 4 ? v.getInt(byteOff) : v.getLong(byteOff);
        }

        void snapshot() {
            if (kind == Kind.HEAP_ARRAY) {
                snapshot = switch (arrayType) {
                    case F32 -> ((float[]) array).clone();
                    case F64 -> ((double[]) array).clone();
                    case I32 -> ((int[]) array).clone();
                    default -> ((long[]) array).clone();
                };
                return;
            }
            byte[] b = new byte[size];
            be.get(0, b);
            snapshot = b;
        }

        /** The first byte offset outside [from, to) and [from2, to2) whose value changed since the snapshot, or -1. */
        int firstChange(int from, int to, int from2, int to2) {
            if (kind == Kind.HEAP_ARRAY) {
                int es = arrayType.size;
                int n = size / es;
                for (int k = 0; k < n; k++) {
                    if (k * es >= from && k * es < to || k * es >= from2 && k * es < to2) {
                        continue;
                    }
                    boolean same = switch (arrayType) {
                        case F32 -> Float.floatToRawIntBits(((float[]) array)[k])
                                == Float.floatToRawIntBits(((float[]) snapshot)[k]);
                        case F64 -> Double.doubleToRawLongBits(((double[]) array)[k])
                                == Double.doubleToRawLongBits(((double[]) snapshot)[k]);
                        case I32 -> ((int[]) array)[k] == ((int[]) snapshot)[k];
                        default -> ((long[]) array)[k] == ((long[]) snapshot)[k];
                    };
                    if (!same) {
                        return k * es;
                    }
                }
                return -1;
            }
            byte[] s = (byte[]) snapshot;
            for (int i = 0; i < size; i++) {
                if ((i < from || i >= to) && (i < from2 || i >= to2) && be.get(i) != s[i]) {
                    return i;
                }
            }
            return -1;
        }

        String describe() {
            return kind.label + "[" + size + " bytes" + (misalign != 0 ? ", +" + misalign + " bytes unaligned" : "")
                    + "]";
        }
    }

    /** A JavaCPP pointer at an arbitrary address, only to be cast (it owns nothing). */
    static final class At extends Pointer {
        At(long address) {
            this.address = address;
        }
    }

    /** One argument of the call: its place in a store and the API object that names it. */
    static final class Operand {
        final String role;
        final Type type;
        final int needed;
        Store store;
        int byteOff;
        ByteOrder order = ByteOrder.nativeOrder();
        long available;
        Object array;
        int arrayOffset;
        Buffer buffer;
        int bufferPosition;
        int bufferLimit;
        Pointer pointer;
        long pointerPosition;
        long pointerLimit;
        long address;
        long rawCount;
        boolean readOnly;
        boolean arrayAccessible;
        String view = "";

        Operand(String role, Type type, int needed) {
            this.role = role;
            this.type = type;
            this.needed = needed;
        }

        int bytes() {
            return needed * type.size;
        }

        void write(int i, double f, long v) {
            store.put(type, order, byteOff + i * type.size, f, v);
        }

        long[] readBits() {
            long[] b = new long[needed];
            for (int i = 0; i < needed; i++) {
                b[i] = store.bits(type, order, byteOff + i * type.size);
            }
            return b;
        }

        /** A short tag for failure categories. */
        String tag() {
            String o = store.kind.byteBased() && store.kind != Kind.NATIVE
                    ? "/" + (order == ByteOrder.BIG_ENDIAN ? "BE" : "LE") : "";
            return store.kind.label + o + (readOnly ? "/read-only" : "")
                    + (store.kind == Kind.HEAP_ARRAY && !arrayAccessible ? "/no-array" : "");
        }

        String describe() {
            return role + " " + type + " x" + needed + " in " + store.describe() + " at byte " + byteOff
                    + (store.kind.byteBased() ? " " + order : "") + ", available " + available
                    + (view.isEmpty() ? "" : ", " + view) + (readOnly ? ", read-only" : "");
        }
    }

    // =============================================================================================
    // the call

    /** Everything about one call except where its memory lives. */
    static final class Case {
        Op op;
        boolean f64;
        int[] shape;
        int axis;
        int count;
        int n;
        int outCount;
        String kind;
        double temperature = 1;
        boolean masked;
        SoftmaxOptions so;
        // cross-entropy
        int classes;
        int positions;
        boolean int64;
        long ignoreIndex = CrossEntropyOptions.DEFAULT_IGNORE_INDEX;
        double[] weight;
        boolean weightAsFloat;
        double eps;
        Reduction reduction = Reduction.MEAN;
        boolean withOut;
        CrossEntropyOptions co;
        double[] x;
        double[] probs;
        long[] targets;
        // selection (argmax uses axis and int64; the others the last axis)
        int rows;
        int k;
        int out2Count;
        double[] uniform;
        SamplingOptions sampling;
        String samplingText = "";

        boolean ce() {
            return op == Op.CE_INDEX || op == Op.CE_PROB;
        }

        boolean hasOut() {
            return !ce() || withOut;
        }

        /** Whether the second output (indices, log-probs) holds log-probs. */
        boolean logProbOutputs() {
            return op == Op.TOP_LOGPROBS || op == Op.SAMPLE;
        }

        Type ftype() {
            return f64 ? Type.F64 : Type.F32;
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(op).append(' ').append(f64 ? "float64" : "float32").append(" shape ")
                    .append(Arrays.toString(shape)).append(" axis ").append(axis).append(" values ").append(kind);
            if (op.selection()) {
                sb.append(int64 ? " int64" : " int32").append(" indices");
                if (op == Op.TOP_K || op == Op.TOP_LOGPROBS) {
                    sb.append(" k ").append(k);
                } else if (op == Op.SAMPLE) {
                    sb.append(samplingText).append(out2Count > 0 ? " with logProbs" : "").append(" u ")
                            .append(Arrays.toString(uniform));
                }
            } else if (!ce()) {
                if (op != Op.LOG_SUM_EXP) {
                    sb.append(" T=").append(temperature).append(" maskedRowsZero=").append(masked);
                }
            } else {
                sb.append(op == Op.CE_INDEX ? (int64 ? " int64" : " int32") + " targets " + abbrev(targets) : " probabilities")
                        .append(" ignoreIndex ").append(ignoreIndex).append(" weight ")
                        .append(weight == null ? "none" : (weightAsFloat ? "float[" : "double[") + weight.length + "]")
                        .append(" eps ").append(eps).append(' ').append(reduction)
                        .append(withOut ? " into out" : " returned");
            }
            if (count <= 12) {
                sb.append(" x ").append(Arrays.toString(x));
            }
            return sb.toString();
        }

        private static String abbrev(long[] t) {
            return t.length <= 12 ? Arrays.toString(t) : Arrays.toString(Arrays.copyOf(t, 12)) + "...";
        }
    }

    static Case randomCase(Random r) {
        Case c = new Case();
        if (r.nextInt(10) < 3) {
            return randomSelection(r, c);
        }
        int p = r.nextInt(100);
        c.op = p < 24 ? Op.SOFTMAX : p < 44 ? Op.LOG_SOFTMAX : p < 60 ? Op.LOG_SUM_EXP : p < 86 ? Op.CE_INDEX : Op.CE_PROB;
        c.f64 = r.nextInt(3) == 0;
        c.shape = randomShape(r, c.ce());
        int rank = c.shape.length;
        int rr = Math.max(rank, 1);
        c.axis = r.nextInt(80) == 0 ? new int[] {rr, -rr - 1, 7, Integer.MIN_VALUE}[r.nextInt(4)]
                : r.nextInt(2 * rr) - rr;
        long count = 1;
        for (int d : c.shape) {
            count *= d;
        }
        c.count = (int) count;
        int rowLength = rank == 0 ? 1 : Math.max(1, c.shape[rank - 1]);
        if (!c.ce()) {
            boolean axisOk = c.axis >= -rr && c.axis < rr;
            int ax = axisOk ? (c.axis < 0 ? c.axis + rr : c.axis) : rr - 1;
            long outer = 1;
            long inner = 1;
            for (int i = 0; i < ax && i < rank; i++) {
                outer *= c.shape[i];
            }
            for (int i = ax + 1; i < rank; i++) {
                inner *= c.shape[i];
            }
            c.n = rank == 0 ? 1 : c.shape[ax];
            c.outCount = c.op != Op.LOG_SUM_EXP ? c.count
                    : (int) (c.n == 0 ? outer * inner : c.count / c.n);
            int q = r.nextInt(100);
            c.temperature = q < 12 ? 1.0 : q < 96 ? Math.exp(Math.log(0.05) + r.nextDouble() * Math.log(400))
                    : EXTREME_T[r.nextInt(EXTREME_T.length)];
            c.masked = r.nextBoolean();
            boolean extreme = c.temperature < 0.05 || c.temperature > 20;
            c.kind = extreme ? (r.nextBoolean() ? "randn" : "neg-inf") : Gen.KINDS[r.nextInt(Gen.KINDS.length)];
            c.x = Gen.values(r, c.count, !c.f64, c.kind, rowLength);
            return c;
        }
        c.classes = rank == 0 ? 1 : rank == 1 ? c.shape[0] : c.shape[1];
        long positions = rank <= 1 ? 1 : c.shape[0];
        for (int i = 2; i < rank; i++) {
            positions *= c.shape[i];
        }
        c.positions = (int) positions;
        c.reduction = Reduction.values()[r.nextInt(3)];
        c.withOut = c.reduction == Reduction.NONE ? r.nextInt(40) != 0 : r.nextBoolean();
        c.outCount = c.reduction == Reduction.NONE ? c.positions : 1;
        c.eps = new double[] {0, 0, 0, 0.1, 0.25, 1}[r.nextInt(6)];
        if (r.nextBoolean()) {
            int len = r.nextInt(50) == 0 ? c.classes + 1 : c.classes;
            c.weightAsFloat = r.nextBoolean();
            c.weight = new double[len];
            for (int i = 0; i < len; i++) {
                double w = r.nextInt(10) == 0 ? 0 : r.nextDouble() * 2;
                c.weight[i] = c.weightAsFloat || !c.f64 ? (float) w : w;
            }
        }
        String[] kinds = {"randn", "randn", "randn", "neg-inf", "offset", "specials", "masked-rows"};
        c.kind = kinds[r.nextInt(kinds.length)];
        c.x = Gen.values(r, c.count, !c.f64, c.kind, Math.max(1, c.classes));
        if (c.op == Op.CE_PROB) {
            int q = r.nextInt(40);
            c.ignoreIndex = q == 0 ? r.nextInt(3) : q < 8 ? -1 - r.nextInt(200) : CrossEntropyOptions.DEFAULT_IGNORE_INDEX;
            c.probs = new double[c.count];
            for (int i = 0; i < c.count; i++) {
                double v = r.nextInt(8) == 0 ? 0 : r.nextDouble();
                c.probs[i] = c.f64 ? v : (float) v;
            }
        } else {
            c.int64 = r.nextBoolean();
            c.ignoreIndex = r.nextInt(3) == 0 ? r.nextInt(c.classes + 3) - 2 : CrossEntropyOptions.DEFAULT_IGNORE_INDEX;
            boolean bad = r.nextInt(25) == 0;
            long[] badValues = c.int64
                    ? new long[] {c.classes, -1, -100, 1 << 30, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40}
                    : new long[] {c.classes, -1, -100, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE};
            c.targets = new long[c.positions];
            for (int i = 0; i < c.positions; i++) {
                int q = r.nextInt(10);
                if (q == 0 || c.classes == 0) {
                    c.targets[i] = c.ignoreIndex;
                } else if (bad && q == 1) {
                    c.targets[i] = badValues[r.nextInt(badValues.length)];
                } else {
                    c.targets[i] = r.nextInt(c.classes);
                }
            }
        }
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withReduction(c.reduction).withIgnoreIndex(c.ignoreIndex)
                .withLabelSmoothing(c.eps);
        if (c.weight != null) {
            if (c.weightAsFloat) {
                float[] w = new float[c.weight.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) c.weight[i];
                }
                o = o.withWeight(w);
            } else {
                o = o.withWeight(c.weight.clone());
            }
        }
        c.co = o;
        return c;
    }

    /** argmax, topK, topLogProbs or sample: shape, k or the pipeline's options, the draws. */
    static Case randomSelection(Random r, Case c) {
        Op[] sel = {Op.ARGMAX, Op.TOP_K, Op.TOP_LOGPROBS, Op.SAMPLE};
        c.op = sel[r.nextInt(sel.length)];
        c.f64 = r.nextInt(3) == 0;
        c.int64 = r.nextBoolean();
        c.shape = randomShape(r, false);
        int rank = c.shape.length;
        int rr = Math.max(rank, 1);
        long count = 1;
        for (int d : c.shape) {
            count *= d;
        }
        c.count = (int) count;
        if (c.op == Op.ARGMAX) {
            c.axis = r.nextInt(80) == 0 ? new int[] {rr, -rr - 1, 7}[r.nextInt(3)] : r.nextInt(2 * rr) - rr;
            boolean axisOk = c.axis >= -rr && c.axis < rr;
            int ax = axisOk ? (c.axis < 0 ? c.axis + rr : c.axis) : rr - 1;
            long slices = 1;
            for (int i = 0; i < rank; i++) {
                slices *= i == ax ? 1 : c.shape[i];
            }
            c.n = rank == 0 ? 1 : c.shape[ax];
            c.outCount = (int) slices;
        } else {
            c.axis = -1;
            c.n = rank == 0 ? 1 : c.shape[rank - 1];
            long rows = 1;
            for (int i = 0; i < rank - 1; i++) {
                rows *= c.shape[i];
            }
            c.rows = (int) rows;
            if (c.op == Op.SAMPLE) {
                c.outCount = c.rows;
                c.out2Count = r.nextBoolean() ? c.rows : 0;
                c.uniform = new double[c.rows];
                for (int i = 0; i < c.rows; i++) {
                    c.uniform[i] = r.nextInt(200) == 0 ? 1.0 : r.nextDouble();
                }
                SamplingOptions o = SamplingOptions.DEFAULT;
                StringBuilder t = new StringBuilder();
                if (r.nextBoolean()) {
                    double temp = r.nextInt(6) == 0 ? 0 : 0.2 + r.nextDouble() * 1.5;
                    o = o.withTemperature(temp);
                    t.append(" T=").append(temp);
                }
                if (r.nextBoolean()) {
                    int tk = r.nextInt(Math.max(1, c.n) + 2);
                    o = o.withTopK(tk);
                    t.append(" topK=").append(tk);
                }
                if (r.nextBoolean()) {
                    double tp = 0.05 + 0.95 * r.nextDouble();
                    o = o.withTopP(tp);
                    t.append(" topP=").append(tp);
                }
                if (r.nextInt(4) == 0) {
                    o = o.withMinP(0.1);
                    t.append(" minP=0.1");
                }
                if (r.nextInt(4) == 0 && c.n > 0) {
                    int[] h = {r.nextInt(c.n), r.nextInt(c.n), r.nextInt(c.n + 1)};   // rarely an id == vocab
                    o = o.withRepetitionPenalty(1.2).withHistory(new int[][] {h});
                    t.append(" repetition 1.2 history ").append(Arrays.toString(h));
                }
                c.sampling = o;
                c.samplingText = t.toString();
            } else {
                c.k = r.nextInt(40) == 0 ? c.n + 1 : r.nextInt(c.n + 1);
                c.outCount = c.rows * Math.min(c.k, c.n);
                c.out2Count = c.outCount;
            }
        }
        c.kind = Gen.KINDS[r.nextInt(Gen.KINDS.length)];
        c.x = Gen.values(r, c.count, !c.f64, c.kind, Math.max(1, c.n));
        return c;
    }

    /** Rank 0..4 (1..4 for cross-entropy, rarely 0), dims 0..40, at most MAX_COUNT elements; rarely a 1000-row. */
    static int[] randomShape(Random r, boolean ce) {
        if (r.nextInt(120) == 0) {
            int[][] big = {{1000}, {2, 1000}, {1, 1000, 1}, {3, 1000}};
            return big[r.nextInt(big.length)].clone();
        }
        int rank = ce ? (r.nextInt(150) == 0 ? 0 : 1 + r.nextInt(4)) : r.nextInt(5);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            int q = r.nextInt(100);
            s[i] = q < 3 ? 0 : q < 78 ? 1 + r.nextInt(4) : q < 94 ? r.nextInt(13) : r.nextInt(41);
        }
        long count = 1;
        for (int d : s) {
            count *= d;
        }
        // tiny mostly: at most 256 elements, one case in 16 up to MAX_COUNT
        int max = r.nextInt(16) == 0 ? MAX_COUNT : 256;
        while (count > max) {
            int big = 0;
            for (int i = 1; i < rank; i++) {
                if (s[i] > s[big]) {
                    big = i;
                }
            }
            s[big] = (s[big] + 1) / 2;
            count = 1;
            for (int d : s) {
                count *= d;
            }
        }
        return s;
    }

    // =============================================================================================

    /** What a call did. */
    static final class Result {
        Throwable thrown;
        Double returned;
        long[] outBits;
        /** The second output's (indices, log-probs), or null. */
        long[] outBits2;
    }

    /** The fuzzer's state: counters, coverage, failures. */
    static final class Fuzzer {
        final Failures failures = new Failures();
        final Map<String, Integer> coverage = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        long calls;

        void count(Map<String, Integer> m, String k) {
            m.merge(k, 1, Integer::sum);
        }

        static String where(int it) {
            return "seed " + SEED + " iteration " + it + " (-Dlogits4j.memfuzz.only=" + it + "): ";
        }

        String summary(double seconds) {
            return String.format("MemoryKindsFuzzTest: %d iterations, %d memory-kind calls in %.1f s (seed %d, backend %s)%n"
                            + "  outcomes: %s%n  coverage: %s" + (TARGETS_NATIVE_ORDER ? "%n  (targets in native byte order only: -Dlogits4j.memfuzz.targetsNativeOrder)" : ""), ITERATIONS, calls, seconds, SEED,
                    Logits4j.info().implementation(), outcomes, coverage);
        }

        void iteration(int it, Arenas arenas) {
            Random r = new Random(SEED * 0x9E3779B97F4A7C15L + it * 0xBF58476D1CE4E5B9L);
            Case c = randomCase(r);
            String where = where(it);
            if (!c.ce() && !c.op.selection()) {
                double t = c.temperature;
                boolean valid = t >= T_MIN && t <= T_MAX;
                try {
                    c.so = SoftmaxOptions.DEFAULT.withTemperature(t).withMaskedRowsZero(c.masked);
                    if (!valid) {
                        failures.add("withTemperature accepted a temperature outside [2^-126, 2^126]", "T",
                                where + "withTemperature(" + t + ") returned " + c.so);
                        return;
                    }
                } catch (IllegalArgumentException e) {
                    if (valid) {
                        failures.add("withTemperature refused a valid temperature", "T", where + e);
                    } else if (e.getMessage() == null || e.getMessage().isEmpty()) {
                        failures.add("exception without a message", "withTemperature", where + e);
                    } else {
                        count(outcomes, "temperature refused");
                    }
                    return;
                } catch (Throwable e) {
                    failures.add("undocumented exception from withTemperature", e.getClass().getName(), where + e);
                    return;
                }
            }
            // the baseline: plain heap arrays, exactly sized, out of place
            arenas.reset();
            Operand[] plain = layout(r, c, Family.ARRAY, Share.SEPARATE, -1, arenas, true);
            Result base = run(c, Family.ARRAY, plain);
            if (base.thrown != null && !documented(base.thrown)) {
                failures.add("undocumented exception on plain heap arrays", base.thrown.getClass().getName(),
                        where + c.describe() + ": " + stack(base.thrown));
                return;
            }
            if (base.thrown == null) {
                String bad = checkReference(c, base);
                if (bad != null) {
                    failures.add("heap arrays outside the float64 reference tolerance",
                            c.op + (c.f64 ? " f64" : " f32"), where + c.describe() + ": " + bad);
                }
            }

            // the same call in random memory
            Family fam = pickFamily(r, c, arenas.hasNative());
            Share share = Share.SEPARATE;
            int partner = -1;
            // (an int32/int64 output and float logits in one heap array cannot be laid out)
            boolean mixedArrays = fam == Family.ARRAY && (c.op == Op.ARGMAX || c.op == Op.SAMPLE);
            if (c.hasOut() && !mixedArrays) {
                int q = r.nextInt(100);
                boolean inPlaceOk = c.op == Op.SOFTMAX || c.op == Op.LOG_SOFTMAX;
                if (q >= 58) {
                    share = q < 74 && inPlaceOk ? Share.IN_PLACE : Share.OVERLAP;
                    partner = 0;
                    if (share == Share.OVERLAP && c.ce() && r.nextBoolean()
                            && !(fam == Family.ARRAY && c.op == Op.CE_INDEX)) {
                        partner = 1;
                    }
                }
            }
            arenas.reset();
            Operand[] ops = layout(r, c, fam, share, partner, arenas, false);
            int[] shapeArg = c.shape.clone();
            calls++;
            Result got = run(c, fam, ops, shapeArg);
            evaluate(where, c, fam, share, partner, ops, base, got, shapeArg);
            count(coverage, "family " + fam);
            count(coverage, "share " + share);
            for (int i = 0; i < ops.length; i++) {
                Operand o = ops[i];
                if (o != null) {
                    count(coverage, "store " + o.store.kind.label + (o.store.kind.byteBased() && o.store.kind != Kind.NATIVE
                            ? "/" + (o.order == ByteOrder.BIG_ENDIAN ? "BE" : "LE") : ""));
                    if (o.readOnly) {
                        count(coverage, "read-only " + (i >= 2 ? "output" : "input"));
                    }
                }
            }
            count(coverage, "op " + c.op + (c.f64 ? " f64" : " f32"));
        }

        // -----------------------------------------------------------------------------------------
        // the model and the checks

        void evaluate(String where, Case c, Family fam, Share share, int partner, Operand[] ops,
                      Result base, Result got, int[] shapeArg) {
            Operand out = ops[2];
            Operand out2 = ops.length > 3 ? ops[3] : null;
            List<Class<? extends Throwable>> expected = new ArrayList<>();
            List<String> why = new ArrayList<>();
            boolean either = false;
            for (Operand o : new Operand[] {out, out2}) {
                if (o != null && o.readOnly) {
                    expected.add(ReadOnlyBufferException.class);
                    why.add("read-only " + o.role);
                }
            }
            for (Operand o : ops) {
                if (o != null && o.available < o.needed) {
                    expected.add(IndexOutOfBoundsException.class);
                    why.add(o.role + " holds " + o.available + " < " + o.needed);
                }
            }
            if (partner >= 0) {
                boolean sameOk = c.op == Op.SOFTMAX || c.op == Op.LOG_SOFTMAX || (c.op == Op.LOG_SUM_EXP && c.n == 1);
                Overlap v = overlap(ops[partner], out, sameOk);
                if (v == Overlap.REFUSE) {
                    expected.add(IllegalArgumentException.class);
                    why.add(out.role + " partially overlaps " + ops[partner].role);
                } else if (v == Overlap.EITHER) {
                    either = true;
                    why.add(out.role + " is " + ops[partner].role + " in another byte order");
                } else if (v == Overlap.OUT_OF_PLACE) {
                    why.add(out.role + " overlaps " + ops[partner].role + " (not comparable: out-of-place result)");
                } else if (v == Overlap.IN_PLACE) {
                    why.add("in place");
                }
            }
            if (base.thrown != null) {
                expected.add(base.thrown.getClass());
                why.add("heap arrays threw " + base.thrown.getClass().getSimpleName() + ": " + base.thrown.getMessage());
            }
            Lazy tags = new Lazy(() -> fam + " " + share + " " + tags(ops));
            Lazy desc = new Lazy(() -> where + c.describe() + "\n      memory: " + fam + " " + share + "; " + describe(ops)
                    + "\n      model: " + (why.isEmpty() ? "valid" : String.join("; ", why)));

            if (ONLY >= 0) {
                System.out.println("replaying " + desc + "\n      outcome: "
                        + (got.thrown != null ? stack(got.thrown) : "returned " + (got.returned != null ? got.returned : "")
                        + (got.outBits != null && got.outBits.length <= 16 ? " out " + Arrays.toString(values(out.type, got.outBits))
                        + ", heap arrays " + (base.outBits == null ? stack(base.thrown) : Arrays.toString(values(out.type, base.outBits))) : "")));
            }
            if (!Arrays.equals(shapeArg, c.shape)) {
                failures.add("the shape argument was modified", tags, desc + "\n      shape now " + Arrays.toString(shapeArg));
            }
            for (Operand o : ops) {
                if (o == null) {
                    continue;
                }
                if (o.buffer != null && (o.buffer.position() != o.bufferPosition || o.buffer.limit() != o.bufferLimit)) {
                    failures.add("a buffer's position or limit changed", tags, desc + "\n      " + o.role + " position "
                            + o.buffer.position() + " limit " + o.buffer.limit() + ", was " + o.bufferPosition + "/" + o.bufferLimit);
                }
                if (o.pointer != null && (o.pointer.position() != o.pointerPosition || o.pointer.limit() != o.pointerLimit)) {
                    failures.add("a pointer's position or limit changed", tags, desc);
                }
            }

            Throwable e = got.thrown;
            if (e != null) {
                count(outcomes, "refused " + e.getClass().getSimpleName());
                boolean allowed = false;
                for (Class<? extends Throwable> k : expected) {
                    allowed |= k.isInstance(e);
                }
                allowed |= either && e instanceof IllegalArgumentException;
                // Known quirk (Memory.noOverlap): an empty output that starts at the input's address
                // in the other byte order is refused as "the same memory in the other byte order".
                boolean emptySameAddress = partner >= 0 && out != null && out.needed == 0
                        && e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).contains("other byte order");
                if (emptySameAddress) {
                    allowed = true;
                    count(outcomes, "known: empty output at the input's address in the other byte order refused");
                }
                if (!documented(e)) {
                    failures.add("undocumented exception " + e.getClass().getName(), tags, desc + "\n      " + stack(e));
                } else if (e.getMessage() == null || e.getMessage().isEmpty()) {
                    failures.add("exception without a message", tags, desc + "\n      " + stack(e));
                } else if (!Documented.namesAnArgument(e)) {
                    failures.add("exception message names no argument", tags, desc + "\n      " + stack(e));
                } else if (!allowed) {
                    failures.add(expected.isEmpty() ? "a valid call was refused (" + e.getClass().getSimpleName() + ")"
                            : "wrong exception: " + e.getClass().getSimpleName() + " instead of " + names(expected),
                            tags, desc + "\n      " + stack(e));
                }
                checkUntouched(ops, null, null, tags, desc.plus(() -> "\n      after " + e));
                return;
            }
            count(outcomes, "returned");
            if (!expected.isEmpty()) {
                String what = expected.contains(IllegalArgumentException.class) && partner >= 0 && base.thrown == null
                        ? "partial overlap not refused" : "no " + names(expected);
                failures.add(what, tags, desc);
            }
            checkUntouched(ops, out, out2, tags, desc);
            if (!expected.isEmpty() || base.thrown != null) {
                return;
            }
            if (out2 != null) {
                long[] b = got.outBits2;
                boolean known = false;
                for (int i = 0; i < b.length; i++) {
                    if (sameBits(out2.type, b[i], base.outBits2[i])) {
                        continue;
                    }
                    double g = value(out2.type, b[i]);
                    double w = value(out2.type, base.outBits2[i]);
                    // log-prob = x - logsumexp(x): the error is relative to the row's magnitude
                    double scale = Math.abs(w) + maxAbsFinite(c.x) + 1;
                    double ulp = out2.type == Type.F32 ? Math.ulp((float) scale) : Math.ulp(scale);
                    if (!STRICT && c.logProbOutputs() && !Logits4j.info().implementation().startsWith("java")
                            && Math.abs(g - w) <= 8 * ulp) {
                        known = true;
                        continue;
                    }
                    failures.add("result differs from the same call on heap arrays", tags, desc + "\n      "
                            + out2.role + "[" + i + "] = " + g + ", heap arrays give " + w);
                    break;
                }
                if (known) {
                    count(outcomes, "known: log-probs within 8 ulps (native, Java row log-sum-exp)");
                }
            }
            // bit-identical to the heap arrays (NaN payloads aside)
            if (out != null) {
                long[] b = got.outBits;
                for (int i = 0; i < b.length; i++) {
                    if (!sameBits(out.type, b[i], base.outBits[i])) {
                        failures.add("result differs from the same call on heap arrays", tags, desc + "\n      "
                                + out.role + "[" + i + "] = " + value(out.type, b[i]) + ", heap arrays give "
                                + value(out.type, base.outBits[i]) + " (" + count(out.type, b, base.outBits) + " of "
                                + b.length + " elements differ)");
                        break;
                    }
                }
            }
            if (got.returned != null && c.reduction != Reduction.NONE) {
                long g = c.f64 ? Double.doubleToRawLongBits(got.returned)
                        : Float.floatToRawIntBits((float) (double) got.returned);
                long want = reducedBits(c, base);
                if (!sameBits(c.ftype(), g, want)) {
                    failures.add("returned loss differs from the same call on heap arrays", tags, desc
                            + "\n      returned " + got.returned + ", heap arrays give " + value(c.ftype(), want));
                }
            }
        }

        private static int count(Type t, long[] a, long[] b) {
            int k = 0;
            for (int i = 0; i < a.length; i++) {
                if (!sameBits(t, a[i], b[i])) {
                    k++;
                }
            }
            return k;
        }

        /** Every byte of every store is as before, except the elements of {@code out} and {@code out2}. */
        void checkUntouched(Operand[] ops, Operand out, Operand out2, Lazy tags, Lazy desc) {
            Set<Store> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Operand o : ops) {
                if (o == null || !seen.add(o.store)) {
                    continue;
                }
                int from = 0;
                int to = 0;
                if (out != null && out.store == o.store) {
                    from = out.byteOff;
                    to = out.byteOff + out.bytes();
                }
                int from2 = 0;
                int to2 = 0;
                if (out2 != null && out2.store == o.store) {
                    from2 = out2.byteOff;
                    to2 = out2.byteOff + out2.bytes();
                }
                int at = o.store.firstChange(from, to, from2, to2);
                if (at >= 0) {
                    StringBuilder roles = new StringBuilder();
                    for (Operand p : ops) {
                        if (p != null && p.store == o.store) {
                            roles.append(' ').append(p.role).append(" bytes [").append(p.byteOff).append(", ")
                                    .append(p.byteOff + p.bytes()).append(')');
                        }
                    }
                    failures.add(out == null ? "a refused call changed memory" : "wrote outside the output (guard or input changed)",
                            tags, desc + "\n      byte " + at + " of " + o.store.describe() + " changed;" + roles);
                }
            }
        }
    }

    static double maxAbsFinite(double[] v) {
        double m = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, Math.abs(d));
            }
        }
        return m;
    }

    enum Overlap { NONE, IN_PLACE, REFUSE, EITHER, OUT_OF_PLACE }

    /** What the library must do with input {@code a} and output {@code b} in one store. */
    static Overlap overlap(Operand a, Operand b, boolean sameOk) {
        if (a.store != b.store || a.needed == 0 || b.needed == 0) {
            return Overlap.NONE;
        }
        int a0 = a.byteOff;
        int a1 = a0 + a.bytes();
        int b0 = b.byteOff;
        int b1 = b0 + b.bytes();
        if (a1 <= b0 || b1 <= a0) {
            return Overlap.NONE;
        }
        boolean comparable = a.store.kind.addressable()
                || (a.store.kind == Kind.HEAP_ARRAY && a.arrayAccessible && b.arrayAccessible);
        if (!comparable) {
            return Overlap.OUT_OF_PLACE;
        }
        boolean identical = a0 == b0 && a1 == b1 && a.type == b.type;
        if (identical && sameOk) {
            return a.order == b.order ? Overlap.IN_PLACE : Overlap.EITHER;
        }
        return Overlap.REFUSE;
    }

    /** A documented class thrown by the library's checks, not by the JDK inside a kernel. */
    static boolean documented(Throwable e) {
        return Documented.documentedType(e) && Documented.thrownByLibrary(e);
    }

    static String names(List<Class<? extends Throwable>> ks) {
        StringBuilder sb = new StringBuilder();
        for (Class<? extends Throwable> k : ks) {
            if (sb.indexOf(k.getSimpleName()) < 0) {
                sb.append(sb.length() == 0 ? "" : " or ").append(k.getSimpleName());
            }
        }
        return sb.toString();
    }

    static String stack(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) {
            sb.append("\n        at ").append(st[i]);
        }
        return sb.toString();
    }

    static boolean sameBits(Type t, long a, long b) {
        if (a == b) {
            return true;
        }
        return t == Type.F32 ? Float.isNaN(Float.intBitsToFloat((int) a)) && Float.isNaN(Float.intBitsToFloat((int) b))
                : t == Type.F64 && Double.isNaN(Double.longBitsToDouble(a)) && Double.isNaN(Double.longBitsToDouble(b));
    }

    static double value(Type t, long bits) {
        return t == Type.F32 ? Float.intBitsToFloat((int) bits) : t == Type.F64 ? Double.longBitsToDouble(bits) : bits;
    }

    static double[] values(Type t, long[] bits) {
        double[] v = new double[bits.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(t, bits[i]);
        }
        return v;
    }

    static long reducedBits(Case c, Result base) {
        if (base.returned != null) {
            return c.f64 ? Double.doubleToRawLongBits(base.returned) : Float.floatToRawIntBits((float) (double) base.returned);
        }
        return base.outBits[0];
    }

    /** The memory kinds of a call, without roles, each once: "direct/BE heap-array". */
    static String tags(Operand[] ops) {
        java.util.TreeSet<String> t = new java.util.TreeSet<>();
        for (Operand o : ops) {
            if (o != null) {
                t.add(o.tag());
            }
        }
        return String.join(" ", t);
    }

    static String describe(Operand[] ops) {
        List<String> t = new ArrayList<>();
        for (Operand o : ops) {
            if (o != null) {
                t.add(o.describe());
            }
        }
        return String.join("; ", t);
    }

    // =============================================================================================
    // layout: where each operand lives

    static Family pickFamily(Random r, Case c, boolean nativeOk) {
        int q = r.nextInt(100);
        if (c.op == Op.CE_PROB || !nativeOk) {
            return q < 25 ? Family.ARRAY : Family.BUFFER;
        }
        if (c.op.selection()) {
            // OffHeap has the selection ops on raw addresses with int64 indices and tokens only
            return q < 20 ? Family.ARRAY : q < 80 || !c.int64 ? Family.BUFFER : Family.RAW;
        }
        return q < 14 ? Family.ARRAY : q < 68 ? Family.BUFFER : q < 80 ? Family.POINTER : Family.RAW;
    }

    /**
     * Operands 0 (x / logits), 1 (targets / probabilities) and 2 (y / out), placed in stores with
     * guard regions, inputs written, stores snapshotted. {@code plain}: exact-size heap arrays at
     * offset 0 (the baseline).
     */
    static Operand[] layout(Random r, Case c, Family fam, Share share, int partner, Arenas arenas, boolean plain) {
        Type ft = c.ftype();
        Operand[] ops = new Operand[c.op.selection() ? 4 : 3];
        ops[0] = new Operand(c.ce() || c.op == Op.SAMPLE ? "logits" : "x", ft, c.count);
        Type it = c.int64 ? Type.I64 : Type.I32;
        switch (c.op) {
            case ARGMAX -> ops[2] = new Operand("out", it, c.outCount);
            case TOP_K, TOP_LOGPROBS -> {
                ops[2] = new Operand("values", ft, c.outCount);
                ops[3] = new Operand("indices", it, c.out2Count);
            }
            case SAMPLE -> {
                ops[1] = new Operand("uniform", Type.F64, c.rows);
                ops[2] = new Operand("tokens", it, c.outCount);
                ops[3] = c.out2Count > 0 ? new Operand("logProbs", ft, c.out2Count) : null;
            }
            default -> { }
        }
        if (c.op == Op.CE_INDEX) {
            ops[1] = new Operand("targets", c.int64 ? Type.I64 : Type.I32, c.positions);
        } else if (c.op == Op.CE_PROB) {
            ops[1] = new Operand("probabilities", ft, c.count);
        }
        if (c.hasOut() && !c.op.selection()) {
            ops[2] = new Operand(c.ce() ? "out" : "y", ft, c.outCount);
        }
        if (plain) {
            for (Operand o : ops) {
                if (o != null) {
                    o.store = Store.heapArray(o.type, o.bytes());
                    o.byteOff = 0;
                    o.array = o.store.array;
                    o.arrayOffset = 0;
                    o.available = o.needed;
                    o.arrayAccessible = true;
                }
            }
        } else {
            // groups of operands that share a store
            List<Operand[]> groups = new ArrayList<>();
            for (int i = 0; i < ops.length; i++) {
                if (ops[i] == null || i == partner || (i == 2 && partner >= 0)) {
                    continue;
                }
                groups.add(new Operand[] {ops[i]});
            }
            if (partner >= 0) {
                groups.add(new Operand[] {ops[partner], ops[2]});
            }
            for (Operand[] g : groups) {
                place(r, fam, share, g, arenas);
            }
            for (Operand o : ops) {
                if (o != null) {
                    o.store.fill(r); // stores shared by two operands are filled twice: harmless
                }
            }
            // the API objects (they fix the byte order of byte-based views)
            for (int i = 0; i < ops.length; i++) {
                if (ops[i] != null) {
                    boolean isOut = i >= 2;
                    Operand twin = isOut && share == Share.IN_PLACE ? ops[partner] : null;
                    api(r, fam, ops[i], isOut, twin);
                }
            }
        }
        // inputs
        for (int i = 0; i < c.count; i++) {
            ops[0].write(i, c.x[i], 0);
        }
        if (c.op == Op.CE_INDEX) {
            for (int i = 0; i < c.positions; i++) {
                ops[1].write(i, 0, c.targets[i]);
            }
        } else if (c.op == Op.CE_PROB) {
            for (int i = 0; i < c.count; i++) {
                ops[1].write(i, c.probs[i], 0);
            }
        } else if (c.op == Op.SAMPLE) {
            for (int i = 0; i < c.rows; i++) {
                ops[1].write(i, c.uniform[i], 0);
            }
        }
        for (Operand o : ops) {
            if (o != null) {
                o.store.snapshot();
            }
        }
        return ops;
    }

    /** Chooses the store kind of a group and lays its operands out in one store with guards. */
    static void place(Random r, Family fam, Share share, Operand[] g, Arenas arenas) {
        boolean mixed = g.length == 2 && g[0].type != g[1].type;
        Kind kind;
        switch (fam) {
            case ARRAY -> kind = Kind.HEAP_ARRAY;
            case POINTER, RAW -> kind = Kind.NATIVE;
            default -> {
                int q = r.nextInt(100);
                kind = q < 30 ? Kind.HEAP_ARRAY : q < 45 ? Kind.HEAP_BYTES : q < 83 ? Kind.DIRECT : Kind.MAPPED;
                if (mixed && kind == Kind.HEAP_ARRAY) {
                    kind = r.nextBoolean() ? Kind.HEAP_BYTES : Kind.DIRECT;
                }
            }
        }
        int unit = kind == Kind.HEAP_ARRAY ? g[0].type.size : 8;
        int pre = unit * r.nextInt(9);
        int post = unit * (1 + r.nextInt(8));
        int[] off = new int[g.length];
        if (g.length == 2) {
            Operand a = g[0];
            Operand b = g[1];
            int shift;
            if (share == Share.IN_PLACE) {
                shift = 0;
            } else if (kind == Kind.HEAP_ARRAY || r.nextInt(10) < 7) {
                int es = b.type.size;
                int lo = -(b.bytes() / es);
                int hi = Math.max(lo, (a.bytes() + es - 1) / es);
                shift = es * (lo + r.nextInt(hi - lo + 1));
                if (kind == Kind.HEAP_ARRAY) {
                    shift = shift / a.type.size * a.type.size;
                }
            } else {
                shift = -b.bytes() + r.nextInt(a.bytes() + b.bytes() + 1);
            }
            int min = Math.min(0, shift);
            off[0] = pre - min;
            off[1] = pre - min + shift;
        } else {
            off[0] = pre;
        }
        int end = 0;
        for (int i = 0; i < g.length; i++) {
            end = Math.max(end, off[i] + g[i].bytes());
        }
        int size = end + post;
        Store s;
        if (kind == Kind.HEAP_ARRAY) {
            s = Store.heapArray(g[0].type, size);
        } else if (kind == Kind.HEAP_BYTES) {
            s = Store.heapBytes(size);
        } else {
            int misalign = r.nextInt(4) == 0 ? 1 + r.nextInt(7) : 0;
            s = Store.arena(arenas, kind, size, misalign);
        }
        for (int i = 0; i < g.length; i++) {
            g[i].store = s;
            g[i].byteOff = off[i];
        }
    }

    /** How many elements the API object exposes from its start: usually enough, rarely too few. */
    static long chooseAvailable(Random r, Operand o, long max) {
        if (o.needed > 0 && r.nextInt(33) == 0) {
            return o.needed - 1 - r.nextInt(o.needed);
        }
        return Math.min(max, o.needed + r.nextInt(3));
    }

    /** Builds the API object of an operand (array, buffer, pointer or raw address). */
    static void api(Random r, Family fam, Operand o, boolean isOut, Operand twin) {
        Store s = o.store;
        int es = o.type.size;
        switch (fam) {
            case ARRAY -> {
                o.array = s.array;
                o.arrayOffset = o.byteOff / es;
                o.available = s.size / es - o.arrayOffset;
                o.arrayAccessible = true;
            }
            case POINTER, RAW -> {
                long at = s.address + o.byteOff;
                o.available = chooseAvailable(r, o, Long.MAX_VALUE);
                if (fam == Family.RAW) {
                    o.address = at;
                    o.rawCount = o.available;
                    o.view = "raw address " + (twin != null && twin.address == at ? "(same as " + twin.role + ")" : "");
                    return;
                }
                if (twin != null && r.nextBoolean() && twin.available == o.available) {
                    o.pointer = twin.pointer; // the very same pointer object
                    o.view = "same pointer object as " + twin.role;
                } else {
                    int p = r.nextInt(4);
                    Pointer base = new At(at - (long) p * es);
                    Pointer ptr = switch (o.type) {
                        case F32 -> new FloatPointer(base);
                        case F64 -> new DoublePointer(base);
                        case I32 -> new IntPointer(base);
                        default -> new LongPointer(base);
                    };
                    boolean useLimit = r.nextBoolean() || p + o.available == 0;
                    ptr.capacity(p + o.available + (useLimit ? r.nextInt(3) : 0));
                    ptr.limit(useLimit ? p + o.available : 0);
                    ptr.position(p);
                    o.pointer = ptr;
                    // the library's rule: from position to limit, or to capacity when no limit is set
                    o.available = Math.max(0, (ptr.limit() > 0 ? ptr.limit() : ptr.capacity()) - ptr.position());
                    o.view = "pointer position " + p + (useLimit ? " limit " + ptr.limit() : " no limit, capacity " + ptr.capacity());
                }
                o.pointerPosition = o.pointer.position();
                o.pointerLimit = o.pointer.limit();
            }
            default -> buffer(r, o, isOut, twin);
        }
    }

    static void buffer(Random r, Operand o, boolean isOut, Operand twin) {
        Store s = o.store;
        int es = o.type.size;
        if (twin != null && r.nextInt(5) < 2) {
            // the very same buffer object (in place)
            o.buffer = twin.buffer;
            o.order = twin.order;
            o.available = twin.available;
            o.readOnly = twin.readOnly;
            o.arrayAccessible = twin.arrayAccessible;
            o.view = "same buffer object as " + twin.role;
            o.bufferPosition = o.buffer.position();
            o.bufferLimit = o.buffer.limit();
            return;
        }
        boolean readOnly = r.nextInt(100) < (isOut ? 4 : 15);
        Buffer b;
        int pos;
        if (s.kind == Kind.HEAP_ARRAY) {
            int e = o.byteOff / es;
            int len = s.size / es;
            int variant = r.nextInt(3);
            int start = variant == 0 ? 0 : r.nextInt(e + 1);
            b = switch (o.type) {
                case F32 -> variant == 0 ? FloatBuffer.wrap((float[]) s.array) : FloatBuffer.wrap((float[]) s.array, start, len - start).slice();
                case F64 -> variant == 0 ? DoubleBuffer.wrap((double[]) s.array) : DoubleBuffer.wrap((double[]) s.array, start, len - start).slice();
                case I32 -> variant == 0 ? IntBuffer.wrap((int[]) s.array) : IntBuffer.wrap((int[]) s.array, start, len - start).slice();
                default -> variant == 0 ? LongBuffer.wrap((long[]) s.array) : LongBuffer.wrap((long[]) s.array, start, len - start).slice();
            };
            if (variant == 2) {
                b = dup(b);
            }
            pos = e - start;
            o.view = variant == 0 ? "wrap(array)" : "wrap(array, " + start + ", " + (len - start) + ").slice()"
                    + (variant == 2 ? ".duplicate()" : "");
            o.order = ByteOrder.nativeOrder();
        } else {
            int k = r.nextInt(o.byteOff / es + 1);
            int vstart = o.byteOff - k * es;
            ByteBuffer bb = s.bytes();
            bb.position(vstart);
            ByteBuffer sl = bb.slice();
            int orderChoice = r.nextInt(3);
            if (TARGETS_NATIVE_ORDER && (o.type == Type.I32 || o.type == Type.I64)) {
                orderChoice = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? 1 : 2;
            }
            if (twin != null) {
                // in place through another view: usually the twin's order, sometimes the other one
                orderChoice = r.nextInt(4) == 0 ? (twin.order == ByteOrder.BIG_ENDIAN ? 2 : 1)
                        : (twin.order == ByteOrder.BIG_ENDIAN ? 1 : 2);
            }
            if (orderChoice == 1) {
                sl.order(ByteOrder.BIG_ENDIAN);
            } else if (orderChoice == 2) {
                sl.order(ByteOrder.LITTLE_ENDIAN);
            }
            b = switch (o.type) {
                case F32 -> sl.asFloatBuffer();
                case F64 -> sl.asDoubleBuffer();
                case I32 -> sl.asIntBuffer();
                default -> sl.asLongBuffer();
            };
            int variant = r.nextInt(3);
            pos = k;
            if (variant == 1 && k > 0) {
                b.position(k);
                b = slice(b);
                pos = 0;
            } else if (variant == 2) {
                b = dup(b);
            }
            o.view = "byte view at +" + vstart + (orderChoice == 0 ? " default order" : " .order(" + (orderChoice == 1 ? "BIG_ENDIAN" : "LITTLE_ENDIAN") + ")")
                    + (variant == 1 && k > 0 ? " .slice()" : variant == 2 ? " .duplicate()" : "");
            o.order = order(b);
        }
        long max = b.capacity() - pos;
        o.available = chooseAvailable(r, o, max);
        b.limit((int) (pos + o.available));
        b.position(pos);
        if (readOnly) {
            b = readOnly(b);
            o.view += " .asReadOnlyBuffer()";
        }
        o.readOnly = readOnly;
        o.arrayAccessible = b.hasArray();
        o.buffer = b;
        o.bufferPosition = b.position();
        o.bufferLimit = b.limit();
        o.view += " position " + pos + " limit " + b.limit() + " capacity " + b.capacity();
    }

    static Buffer dup(Buffer b) {
        if (b instanceof FloatBuffer f) {
            return f.duplicate();
        }
        if (b instanceof DoubleBuffer d) {
            return d.duplicate();
        }
        if (b instanceof IntBuffer i) {
            return i.duplicate();
        }
        return ((LongBuffer) b).duplicate();
    }

    static Buffer slice(Buffer b) {
        if (b instanceof FloatBuffer f) {
            return f.slice();
        }
        if (b instanceof DoubleBuffer d) {
            return d.slice();
        }
        if (b instanceof IntBuffer i) {
            return i.slice();
        }
        return ((LongBuffer) b).slice();
    }

    static Buffer readOnly(Buffer b) {
        if (b instanceof FloatBuffer f) {
            return f.asReadOnlyBuffer();
        }
        if (b instanceof DoubleBuffer d) {
            return d.asReadOnlyBuffer();
        }
        if (b instanceof IntBuffer i) {
            return i.asReadOnlyBuffer();
        }
        return ((LongBuffer) b).asReadOnlyBuffer();
    }

    static ByteOrder order(Buffer b) {
        if (b instanceof FloatBuffer f) {
            return f.order();
        }
        if (b instanceof DoubleBuffer d) {
            return d.order();
        }
        if (b instanceof IntBuffer i) {
            return i.order();
        }
        return ((LongBuffer) b).order();
    }

    // =============================================================================================
    // invoking the API

    static Result run(Case c, Family fam, Operand[] ops) {
        return run(c, fam, ops, c.shape.clone());
    }

    static Result run(Case c, Family fam, Operand[] ops, int[] shape) {
        Result res = new Result();
        try {
            if (c.op.selection()) {
                selection(c, fam, shape, ops);
            } else {
                res.returned = switch (fam) {
                    case ARRAY -> arrays(c, shape, ops[0], ops[1], ops[2]);
                    case BUFFER -> buffers(c, shape, ops[0], ops[1], ops[2]);
                    case POINTER -> pointers(c, shape, ops[0], ops[1], ops[2]);
                    case RAW -> raw(c, shape, ops[0], ops[1], ops[2]);
                };
            }
        } catch (Throwable e) {
            res.thrown = e;
        }
        if (res.thrown == null && ops[2] != null) {
            res.outBits = ops[2].readBits();
        }
        if (res.thrown == null && ops.length > 3 && ops[3] != null) {
            res.outBits2 = ops[3].readBits();
        }
        return res;
    }

    /** argmax, topK, topLogProbs or sample through the family's API (raw: int64 indices only). */
    static void selection(Case c, Family fam, int[] s, Operand[] ops) {
        Operand x = ops[0];
        Operand u = ops[1];
        Operand o = ops[2];
        Operand o2 = ops[3];
        boolean log = c.op == Op.TOP_LOGPROBS;
        switch (fam) {
            case ARRAY -> {
                switch (c.op) {
                    case ARGMAX -> {
                        if (c.f64 && c.int64) {
                            Legacy.AUTO.argmax((double[]) x.array, x.arrayOffset, s, c.axis, (long[]) o.array, o.arrayOffset);
                        } else if (c.f64) {
                            Legacy.AUTO.argmax((double[]) x.array, x.arrayOffset, s, c.axis, (int[]) o.array, o.arrayOffset);
                        } else if (c.int64) {
                            Legacy.AUTO.argmax((float[]) x.array, x.arrayOffset, s, c.axis, (long[]) o.array, o.arrayOffset);
                        } else {
                            Legacy.AUTO.argmax((float[]) x.array, x.arrayOffset, s, c.axis, (int[]) o.array, o.arrayOffset);
                        }
                    }
                    case TOP_K, TOP_LOGPROBS -> {
                        if (c.f64 && c.int64) {
                            if (log) {
                                Legacy.AUTO.topLogProbs((double[]) x.array, x.arrayOffset, s, c.k, (double[]) o.array, o.arrayOffset, (long[]) o2.array, o2.arrayOffset);
                            } else {
                                Legacy.AUTO.topK((double[]) x.array, x.arrayOffset, s, c.k, (double[]) o.array, o.arrayOffset, (long[]) o2.array, o2.arrayOffset);
                            }
                        } else if (c.f64) {
                            if (log) {
                                Legacy.AUTO.topLogProbs((double[]) x.array, x.arrayOffset, s, c.k, (double[]) o.array, o.arrayOffset, (int[]) o2.array, o2.arrayOffset);
                            } else {
                                Legacy.AUTO.topK((double[]) x.array, x.arrayOffset, s, c.k, (double[]) o.array, o.arrayOffset, (int[]) o2.array, o2.arrayOffset);
                            }
                        } else if (c.int64) {
                            if (log) {
                                Legacy.AUTO.topLogProbs((float[]) x.array, x.arrayOffset, s, c.k, (float[]) o.array, o.arrayOffset, (long[]) o2.array, o2.arrayOffset);
                            } else {
                                Legacy.AUTO.topK((float[]) x.array, x.arrayOffset, s, c.k, (float[]) o.array, o.arrayOffset, (long[]) o2.array, o2.arrayOffset);
                            }
                        } else if (log) {
                            Legacy.AUTO.topLogProbs((float[]) x.array, x.arrayOffset, s, c.k, (float[]) o.array, o.arrayOffset, (int[]) o2.array, o2.arrayOffset);
                        } else {
                            Legacy.AUTO.topK((float[]) x.array, x.arrayOffset, s, c.k, (float[]) o.array, o.arrayOffset, (int[]) o2.array, o2.arrayOffset);
                        }
                    }
                    default -> {
                        double[] ua = (double[]) u.array;
                        int lo = o2 == null ? 0 : o2.arrayOffset;
                        if (c.f64) {
                            double[] lp = o2 == null ? null : (double[]) o2.array;
                            if (c.int64) {
                                Legacy.AUTO.sample((double[]) x.array, x.arrayOffset, s, c.sampling, ua, u.arrayOffset, (long[]) o.array, o.arrayOffset, lp, lo);
                            } else {
                                Legacy.AUTO.sample((double[]) x.array, x.arrayOffset, s, c.sampling, ua, u.arrayOffset, (int[]) o.array, o.arrayOffset, lp, lo);
                            }
                        } else {
                            float[] lp = o2 == null ? null : (float[]) o2.array;
                            if (c.int64) {
                                Legacy.AUTO.sample((float[]) x.array, x.arrayOffset, s, c.sampling, ua, u.arrayOffset, (long[]) o.array, o.arrayOffset, lp, lo);
                            } else {
                                Legacy.AUTO.sample((float[]) x.array, x.arrayOffset, s, c.sampling, ua, u.arrayOffset, (int[]) o.array, o.arrayOffset, lp, lo);
                            }
                        }
                    }
                }
            }
            case BUFFER -> {
                switch (c.op) {
                    case ARGMAX -> {
                        if (c.f64 && c.int64) {
                            Legacy.AUTO.argmax((DoubleBuffer) x.buffer, s, c.axis, (LongBuffer) o.buffer);
                        } else if (c.f64) {
                            Legacy.AUTO.argmax((DoubleBuffer) x.buffer, s, c.axis, (IntBuffer) o.buffer);
                        } else if (c.int64) {
                            Legacy.AUTO.argmax((FloatBuffer) x.buffer, s, c.axis, (LongBuffer) o.buffer);
                        } else {
                            Legacy.AUTO.argmax((FloatBuffer) x.buffer, s, c.axis, (IntBuffer) o.buffer);
                        }
                    }
                    case TOP_K, TOP_LOGPROBS -> {
                        if (c.f64 && c.int64) {
                            if (log) {
                                Legacy.AUTO.topLogProbs((DoubleBuffer) x.buffer, s, c.k, (DoubleBuffer) o.buffer, (LongBuffer) o2.buffer);
                            } else {
                                Legacy.AUTO.topK((DoubleBuffer) x.buffer, s, c.k, (DoubleBuffer) o.buffer, (LongBuffer) o2.buffer);
                            }
                        } else if (c.f64) {
                            if (log) {
                                Legacy.AUTO.topLogProbs((DoubleBuffer) x.buffer, s, c.k, (DoubleBuffer) o.buffer, (IntBuffer) o2.buffer);
                            } else {
                                Legacy.AUTO.topK((DoubleBuffer) x.buffer, s, c.k, (DoubleBuffer) o.buffer, (IntBuffer) o2.buffer);
                            }
                        } else if (c.int64) {
                            if (log) {
                                Legacy.AUTO.topLogProbs((FloatBuffer) x.buffer, s, c.k, (FloatBuffer) o.buffer, (LongBuffer) o2.buffer);
                            } else {
                                Legacy.AUTO.topK((FloatBuffer) x.buffer, s, c.k, (FloatBuffer) o.buffer, (LongBuffer) o2.buffer);
                            }
                        } else if (log) {
                            Legacy.AUTO.topLogProbs((FloatBuffer) x.buffer, s, c.k, (FloatBuffer) o.buffer, (IntBuffer) o2.buffer);
                        } else {
                            Legacy.AUTO.topK((FloatBuffer) x.buffer, s, c.k, (FloatBuffer) o.buffer, (IntBuffer) o2.buffer);
                        }
                    }
                    default -> {
                        DoubleBuffer ub = (DoubleBuffer) u.buffer;
                        if (c.f64) {
                            DoubleBuffer lp = o2 == null ? null : (DoubleBuffer) o2.buffer;
                            if (c.int64) {
                                Legacy.AUTO.sample((DoubleBuffer) x.buffer, s, c.sampling, ub, (LongBuffer) o.buffer, lp);
                            } else {
                                Legacy.AUTO.sample((DoubleBuffer) x.buffer, s, c.sampling, ub, (IntBuffer) o.buffer, lp);
                            }
                        } else {
                            FloatBuffer lp = o2 == null ? null : (FloatBuffer) o2.buffer;
                            if (c.int64) {
                                Legacy.AUTO.sample((FloatBuffer) x.buffer, s, c.sampling, ub, (LongBuffer) o.buffer, lp);
                            } else {
                                Legacy.AUTO.sample((FloatBuffer) x.buffer, s, c.sampling, ub, (IntBuffer) o.buffer, lp);
                            }
                        }
                    }
                }
            }
            default -> {
                switch (c.op) {
                    case ARGMAX -> {
                        if (c.f64) {
                            LegacyOffHeap.argmaxF64(x.address, x.rawCount, s, c.axis, o.address, o.rawCount);
                        } else {
                            LegacyOffHeap.argmaxF32(x.address, x.rawCount, s, c.axis, o.address, o.rawCount);
                        }
                    }
                    case TOP_K, TOP_LOGPROBS -> {
                        if (c.f64) {
                            LegacyOffHeap.topKF64(x.address, x.rawCount, s, c.k, log, o.address, o.rawCount, o2.address, o2.rawCount);
                        } else {
                            LegacyOffHeap.topKF32(x.address, x.rawCount, s, c.k, log, o.address, o.rawCount, o2.address, o2.rawCount);
                        }
                    }
                    default -> {
                        long la = o2 == null ? 0 : o2.address;
                        long lc = o2 == null ? 0 : o2.rawCount;
                        if (c.f64) {
                            LegacyOffHeap.sampleF64(x.address, x.rawCount, s, c.sampling, u.address, u.rawCount, o.address, o.rawCount, la, lc);
                        } else {
                            LegacyOffHeap.sampleF32(x.address, x.rawCount, s, c.sampling, u.address, u.rawCount, o.address, o.rawCount, la, lc);
                        }
                    }
                }
            }
        }
    }

    static Double arrays(Case c, int[] s, Operand x, Operand t, Operand y) {
        int a = c.axis;
        switch (c.op) {
            case SOFTMAX, LOG_SOFTMAX -> {
                boolean log = c.op == Op.LOG_SOFTMAX;
                if (c.f64) {
                    if (log) {
                        Legacy.AUTO.logSoftmax((double[]) x.array, x.arrayOffset, (double[]) y.array, y.arrayOffset, s, a, c.so);
                    } else {
                        Legacy.AUTO.softmax((double[]) x.array, x.arrayOffset, (double[]) y.array, y.arrayOffset, s, a, c.so);
                    }
                } else if (log) {
                    Legacy.AUTO.logSoftmax((float[]) x.array, x.arrayOffset, (float[]) y.array, y.arrayOffset, s, a, c.so);
                } else {
                    Legacy.AUTO.softmax((float[]) x.array, x.arrayOffset, (float[]) y.array, y.arrayOffset, s, a, c.so);
                }
                return null;
            }
            case LOG_SUM_EXP -> {
                if (c.f64) {
                    Legacy.AUTO.logSumExp((double[]) x.array, x.arrayOffset, (double[]) y.array, y.arrayOffset, s, a);
                } else {
                    Legacy.AUTO.logSumExp((float[]) x.array, x.arrayOffset, (float[]) y.array, y.arrayOffset, s, a);
                }
                return null;
            }
            case CE_INDEX -> {
                if (c.f64) {
                    double[] l = (double[]) x.array;
                    if (t.type == Type.I32) {
                        if (y == null) {
                            return Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (int[]) t.array, t.arrayOffset, c.co);
                        }
                        Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (int[]) t.array, t.arrayOffset, (double[]) y.array, y.arrayOffset, c.co);
                    } else {
                        if (y == null) {
                            return Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (long[]) t.array, t.arrayOffset, c.co);
                        }
                        Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (long[]) t.array, t.arrayOffset, (double[]) y.array, y.arrayOffset, c.co);
                    }
                    return null;
                }
                float[] l = (float[]) x.array;
                if (t.type == Type.I32) {
                    if (y == null) {
                        return (double) Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (int[]) t.array, t.arrayOffset, c.co);
                    }
                    Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (int[]) t.array, t.arrayOffset, (float[]) y.array, y.arrayOffset, c.co);
                } else {
                    if (y == null) {
                        return (double) Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (long[]) t.array, t.arrayOffset, c.co);
                    }
                    Legacy.AUTO.crossEntropy(l, x.arrayOffset, s, (long[]) t.array, t.arrayOffset, (float[]) y.array, y.arrayOffset, c.co);
                }
                return null;
            }
            default -> {
                if (c.f64) {
                    if (y == null) {
                        return Legacy.AUTO.crossEntropyWithProbabilities((double[]) x.array, x.arrayOffset, s, (double[]) t.array,
                                t.arrayOffset, c.co);
                    }
                    Legacy.AUTO.crossEntropyWithProbabilities((double[]) x.array, x.arrayOffset, s, (double[]) t.array,
                            t.arrayOffset, (double[]) y.array, y.arrayOffset, c.co);
                    return null;
                }
                if (y == null) {
                    return (double) Legacy.AUTO.crossEntropyWithProbabilities((float[]) x.array, x.arrayOffset, s, (float[]) t.array,
                            t.arrayOffset, c.co);
                }
                Legacy.AUTO.crossEntropyWithProbabilities((float[]) x.array, x.arrayOffset, s, (float[]) t.array,
                        t.arrayOffset, (float[]) y.array, y.arrayOffset, c.co);
                return null;
            }
        }
    }

    static Double buffers(Case c, int[] s, Operand x, Operand t, Operand y) {
        int a = c.axis;
        switch (c.op) {
            case SOFTMAX, LOG_SOFTMAX -> {
                boolean log = c.op == Op.LOG_SOFTMAX;
                if (c.f64) {
                    if (log) {
                        Legacy.AUTO.logSoftmax((DoubleBuffer) x.buffer, (DoubleBuffer) y.buffer, s, a, c.so);
                    } else {
                        Legacy.AUTO.softmax((DoubleBuffer) x.buffer, (DoubleBuffer) y.buffer, s, a, c.so);
                    }
                } else if (log) {
                    Legacy.AUTO.logSoftmax((FloatBuffer) x.buffer, (FloatBuffer) y.buffer, s, a, c.so);
                } else {
                    Legacy.AUTO.softmax((FloatBuffer) x.buffer, (FloatBuffer) y.buffer, s, a, c.so);
                }
                return null;
            }
            case LOG_SUM_EXP -> {
                if (c.f64) {
                    Legacy.AUTO.logSumExp((DoubleBuffer) x.buffer, (DoubleBuffer) y.buffer, s, a);
                } else {
                    Legacy.AUTO.logSumExp((FloatBuffer) x.buffer, (FloatBuffer) y.buffer, s, a);
                }
                return null;
            }
            case CE_INDEX -> {
                if (c.f64) {
                    DoubleBuffer l = (DoubleBuffer) x.buffer;
                    if (t.type == Type.I32) {
                        if (y == null) {
                            return Legacy.AUTO.crossEntropy(l, s, (IntBuffer) t.buffer, c.co);
                        }
                        Legacy.AUTO.crossEntropy(l, s, (IntBuffer) t.buffer, (DoubleBuffer) y.buffer, c.co);
                    } else {
                        if (y == null) {
                            return Legacy.AUTO.crossEntropy(l, s, (LongBuffer) t.buffer, c.co);
                        }
                        Legacy.AUTO.crossEntropy(l, s, (LongBuffer) t.buffer, (DoubleBuffer) y.buffer, c.co);
                    }
                    return null;
                }
                FloatBuffer l = (FloatBuffer) x.buffer;
                if (t.type == Type.I32) {
                    if (y == null) {
                        return (double) Legacy.AUTO.crossEntropy(l, s, (IntBuffer) t.buffer, c.co);
                    }
                    Legacy.AUTO.crossEntropy(l, s, (IntBuffer) t.buffer, (FloatBuffer) y.buffer, c.co);
                } else {
                    if (y == null) {
                        return (double) Legacy.AUTO.crossEntropy(l, s, (LongBuffer) t.buffer, c.co);
                    }
                    Legacy.AUTO.crossEntropy(l, s, (LongBuffer) t.buffer, (FloatBuffer) y.buffer, c.co);
                }
                return null;
            }
            default -> {
                if (c.f64) {
                    if (y == null) {
                        return Legacy.AUTO.crossEntropyWithProbabilities((DoubleBuffer) x.buffer, s, (DoubleBuffer) t.buffer, c.co);
                    }
                    Legacy.AUTO.crossEntropyWithProbabilities((DoubleBuffer) x.buffer, s, (DoubleBuffer) t.buffer,
                            (DoubleBuffer) y.buffer, c.co);
                    return null;
                }
                if (y == null) {
                    return (double) Legacy.AUTO.crossEntropyWithProbabilities((FloatBuffer) x.buffer, s, (FloatBuffer) t.buffer, c.co);
                }
                Legacy.AUTO.crossEntropyWithProbabilities((FloatBuffer) x.buffer, s, (FloatBuffer) t.buffer,
                        (FloatBuffer) y.buffer, c.co);
                return null;
            }
        }
    }

    static Double pointers(Case c, int[] s, Operand x, Operand t, Operand y) {
        int a = c.axis;
        switch (c.op) {
            case SOFTMAX, LOG_SOFTMAX -> {
                boolean log = c.op == Op.LOG_SOFTMAX;
                if (c.f64) {
                    if (log) {
                        LegacyOffHeap.logSoftmax((DoublePointer) x.pointer, (DoublePointer) y.pointer, s, a, c.so);
                    } else {
                        LegacyOffHeap.softmax((DoublePointer) x.pointer, (DoublePointer) y.pointer, s, a, c.so);
                    }
                } else if (log) {
                    LegacyOffHeap.logSoftmax((FloatPointer) x.pointer, (FloatPointer) y.pointer, s, a, c.so);
                } else {
                    LegacyOffHeap.softmax((FloatPointer) x.pointer, (FloatPointer) y.pointer, s, a, c.so);
                }
                return null;
            }
            case LOG_SUM_EXP -> {
                if (c.f64) {
                    LegacyOffHeap.logSumExp((DoublePointer) x.pointer, (DoublePointer) y.pointer, s, a);
                } else {
                    LegacyOffHeap.logSumExp((FloatPointer) x.pointer, (FloatPointer) y.pointer, s, a);
                }
                return null;
            }
            default -> {
                if (c.f64) {
                    DoublePointer out = y == null ? null : (DoublePointer) y.pointer;
                    return t.type == Type.I32
                            ? LegacyOffHeap.crossEntropy((DoublePointer) x.pointer, s, (IntPointer) t.pointer, out, c.co)
                            : LegacyOffHeap.crossEntropy((DoublePointer) x.pointer, s, (LongPointer) t.pointer, out, c.co);
                }
                FloatPointer out = y == null ? null : (FloatPointer) y.pointer;
                return (double) (t.type == Type.I32
                        ? LegacyOffHeap.crossEntropy((FloatPointer) x.pointer, s, (IntPointer) t.pointer, out, c.co)
                        : LegacyOffHeap.crossEntropy((FloatPointer) x.pointer, s, (LongPointer) t.pointer, out, c.co));
            }
        }
    }

    static Double raw(Case c, int[] s, Operand x, Operand t, Operand y) {
        int a = c.axis;
        switch (c.op) {
            case SOFTMAX -> {
                if (c.f64) {
                    LegacyOffHeap.softmaxF64(x.address, x.rawCount, y.address, y.rawCount, s, a, c.so);
                } else {
                    LegacyOffHeap.softmaxF32(x.address, x.rawCount, y.address, y.rawCount, s, a, c.so);
                }
                return null;
            }
            case LOG_SOFTMAX -> {
                if (c.f64) {
                    LegacyOffHeap.logSoftmaxF64(x.address, x.rawCount, y.address, y.rawCount, s, a, c.so);
                } else {
                    LegacyOffHeap.logSoftmaxF32(x.address, x.rawCount, y.address, y.rawCount, s, a, c.so);
                }
                return null;
            }
            case LOG_SUM_EXP -> {
                if (c.f64) {
                    LegacyOffHeap.logSumExpF64(x.address, x.rawCount, y.address, y.rawCount, s, a);
                } else {
                    LegacyOffHeap.logSumExpF32(x.address, x.rawCount, y.address, y.rawCount, s, a);
                }
                return null;
            }
            default -> {
                long oa = y == null ? 0 : y.address;
                long oc = y == null ? 0 : y.rawCount;
                return c.f64
                        ? LegacyOffHeap.crossEntropyF64(x.address, x.rawCount, s, t.address, t.rawCount, t.type == Type.I64, oa, oc, c.co)
                        : LegacyOffHeap.crossEntropyF32(x.address, x.rawCount, s, t.address, t.rawCount, t.type == Type.I64, oa, oc, c.co);
            }
        }
    }

    // =============================================================================================
    // the float64 reference for the baseline

    /** Null when the heap-array result is within the conformance tolerance of the reference. */
    static String checkReference(Case c, Result base) {
        if (c.op.selection()) {
            return null;   // exact decisions: SamplingPropertyTest and SamplingConformanceTest check them against references
        }
        boolean f32 = !c.f64;
        Type t = c.ftype();
        if (!c.ce()) {
            double[] got = new double[base.outBits.length];
            for (int i = 0; i < got.length; i++) {
                got[i] = value(t, base.outBits[i]);
            }
            String op = c.op == Op.SOFTMAX ? "softmax" : c.op == Op.LOG_SOFTMAX ? "log-softmax" : "logsumexp";
            try {
                PropertyTest.check(op, c.x, c.shape, c.axis, c.temperature, c.masked, f32, got, "");
                return null;
            } catch (AssertionError e) {
                return e.getMessage();
            }
        }
        double[] w = c.weight;
        double[] ref;
        double[] tol;
        if (c.op == Op.CE_INDEX) {
            ref = Reference.crossEntropyIndex(c.x, c.shape, c.targets, w, c.ignoreIndex, c.eps);
            tol = CrossEntropyTest.tolerances(c.x, c.shape, c.targets, null, w, c.ignoreIndex, c.eps, f32);
        } else {
            ref = Reference.crossEntropyProb(c.x, c.shape, c.probs, w, c.eps);
            tol = CrossEntropyTest.tolerances(c.x, c.shape, null, c.probs, w, 0, c.eps, f32);
        }
        if (c.reduction == Reduction.NONE) {
            for (int p = 0; p < ref.length; p++) {
                String bad = close(value(t, base.outBits[p]), ref[p], tol[p], f32);
                if (bad != null) {
                    return "position " + p + ": " + bad;
                }
            }
            return null;
        }
        double got = value(t, reducedBits(c, base));
        double refSum = Reference.sum(ref);
        double tolSum = Reference.sum(tol) + 1e-12 * Math.abs(refSum);
        if (c.reduction == Reduction.SUM) {
            String bad = close(got, refSum, tolSum, f32);
            return bad == null ? null : "sum: " + bad;
        }
        double divisor = 0;
        if (c.op == Op.CE_PROB) {
            divisor = c.positions;
        } else {
            for (int p = 0; p < c.positions; p++) {
                if (c.targets[p] != c.ignoreIndex) {
                    divisor += w == null ? 1 : w[(int) c.targets[p]];
                }
            }
        }
        double refMean = refSum / divisor;
        String bad = close(got, refMean, tolSum / Math.abs(divisor) + 1e-12 * Math.abs(refMean), f32);
        return bad == null ? null : "mean: " + bad;
    }

    static String close(double got, double ref, double tol, boolean f32) {
        double e = f32 ? (double) (float) ref : ref;
        boolean ok;
        if (Double.isNaN(ref)) {
            ok = Double.isNaN(got);
        } else if (Double.isInfinite(e)) {
            ok = got == e;
        } else {
            ok = Double.isFinite(got) && Math.abs(got - ref) <= tol + Math.abs(e - ref);
        }
        return ok ? null : "got " + got + ", expected " + ref + " (tolerance " + tol + ")";
    }

    // =============================================================================================

    /** A string built only when a failure needs it. */
    static final class Lazy {
        private final java.util.function.Supplier<String> supplier;
        private String value;

        Lazy(java.util.function.Supplier<String> supplier) {
            this.supplier = supplier;
        }

        Lazy plus(java.util.function.Supplier<String> more) {
            return new Lazy(() -> this + more.get());
        }

        @Override
        public String toString() {
            if (value == null) {
                value = supplier.get();
            }
            return value;
        }
    }

    /** Failures by category, with the first few examples of each. */
    static final class Failures {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final Map<String, List<String>> examples = new LinkedHashMap<>();
        final Map<String, Integer> byType = new TreeMap<>();
        final Map<String, Map<String, Integer>> tokens = new TreeMap<>();
        int total;

        void add(String type, Object tagsObj, Object detailObj) {
            String tags = String.valueOf(tagsObj);
            String detail = String.valueOf(detailObj);
            total++;
            byType.merge(type, 1, Integer::sum);
            Map<String, Integer> tk = tokens.computeIfAbsent(type, k -> new TreeMap<>());
            for (String token : tags.split(" ")) {
                tk.merge(token, 1, Integer::sum);
            }
            String key = type + " | " + tags;
            counts.merge(key, 1, Integer::sum);
            List<String> ex = examples.computeIfAbsent(key, k -> new ArrayList<>());
            if (ex.size() < 3) {
                ex.add(detail);
            }
        }

        String report(int maxCategories, int maxExamples) {
            StringBuilder sb = new StringBuilder("failures by type (and how many of them had each family, sharing mode and memory kind):\n");
            for (Map.Entry<String, Integer> e : byType.entrySet()) {
                sb.append(String.format("  %7d  %s%n", e.getValue(), e.getKey()));
                List<Map.Entry<String, Integer>> tk = new ArrayList<>(tokens.get(e.getKey()).entrySet());
                tk.sort((a, b) -> b.getValue() - a.getValue());
                StringBuilder line = new StringBuilder();
                for (Map.Entry<String, Integer> t : tk) {
                    line.append(line.length() == 0 ? "" : ", ").append(t.getKey()).append(' ').append(t.getValue());
                }
                sb.append("           ").append(line).append('\n');
            }
            List<Map.Entry<String, Integer>> cats = new ArrayList<>(counts.entrySet());
            cats.sort((a, b) -> b.getValue() - a.getValue());
            sb.append(cats.size()).append(" categories (type | memory kinds), most frequent first:\n");
            // one example per type first, so that every type is shown even when truncated
            Map<String, Boolean> typeShown = new TreeMap<>();
            int shown = 0;
            for (Map.Entry<String, Integer> e : cats) {
                String type = e.getKey().substring(0, e.getKey().indexOf(" | "));
                boolean first = typeShown.putIfAbsent(type, true) == null;
                if (shown >= maxCategories && !first) {
                    continue;
                }
                shown++;
                sb.append(String.format("  %7d  %s%n", e.getValue(), e.getKey()));
                List<String> ex = examples.get(e.getKey());
                for (int i = 0; i < Math.min(maxExamples, ex.size()); i++) {
                    sb.append("      e.g. ").append(ex.get(i)).append('\n');
                }
            }
            return sb.toString();
        }
    }

}
