package dev.logits4j.tools;

import dev.logits4j.LegacyOffHeap;
import dev.logits4j.Legacy;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.OffHeap;
import dev.logits4j.Reduction;
import dev.logits4j.SoftmaxOptions;
import dev.logits4j.testutil.Documented;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Run in a fresh JVM by {@code RaceTortureIT}: writer threads keep rewriting memory that caller
 * threads are passing to every op at the same time — class targets ({@code int[]}, {@code long[]},
 * direct {@code IntBuffer}/{@code LongBuffer} in both byte orders, raw int32/int64 memory behind
 * addresses and JavaCPP pointers) flipping between valid classes, ignoreIndex, negative, huge
 * (2^30, {@code Long.MAX_VALUE}) and C; the elements of shared {@code shape} arrays (dims flipping
 * between their home value, 0, 1, 2, 4, 8, 2^20, -1, {@code Integer.MAX_VALUE}); class-weight
 * arrays while {@link CrossEntropyOptions#withWeight} copies them; and logits (NaN, +-inf,
 * finite). Every memory operand is sized exactly for the home shapes, so a library that checks a
 * value and then reads it again (in Java or in native code) goes out of bounds.
 *
 * <p>Every call must return or throw {@link IllegalArgumentException} or
 * {@link IndexOutOfBoundsException} — exactly those classes, with a message, thrown by the
 * library's own checks (first stack frame in {@code dev.logits4j}, not the JDK: a bare
 * {@code ArrayIndexOutOfBoundsException} from a kernel or a buffer's own bounds check is not
 * documented). Anything else is counted as undocumented; the process prints counts per outcome
 * and one summary line ({@code race-torture: ...}), and exits 1 if anything undocumented happened,
 * 2 if a thread hung, 0 otherwise. A crash of the JVM (an out-of-bounds native access) leaves an
 * hs_err_pid file in the working directory instead.
 *
 * <p>{@code -Dlogits4j.race.seconds} (default 15), {@code -Dlogits4j.race.writers} (4),
 * {@code -Dlogits4j.race.callers} (4), {@code -Dlogits4j.race.seed};
 * {@code -Dlogits4j.race.nativeOrderOnly=true} keeps direct buffers in native byte order (to
 * separate byte-order bugs from races when diagnosing). Run alone:
 * {@code java -cp "target/test-classes:target/classes:target/lib/*" dev.logits4j.tools.RaceTorture}.
 */
public final class RaceTorture {
    private static final int COUNT = 32;       // logits elements of every home shape
    private static final int POSITIONS = 8;    // the most positions of a home cross-entropy shape
    private static final int[] DIMS = {0, 1, 2, 4, 8, 1 << 20, -1, Integer.MAX_VALUE, 3, 16};
    private static final long[] HOSTILE_TARGETS = {-100, -1, -5, 4, 8, 1 << 30, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
    private static final float[] LOGITS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        0f, -1e30f, 1e30f, 3f};

    private RaceTorture() {}

    /** The memory every thread shares. */
    static final class Shared {
        // shapes, each with its home value (sizes below are exact for the home values)
        final int[] shape1 = {32};
        final int[] shape2 = {4, 8};
        final int[] ce2 = {4, 8};       // (N, C): 4 positions, C = 8
        final int[] ce3 = {2, 4, 4};    // (N, C, d): 8 positions, C = 4
        final int[][] shapes = {shape1, shape2, ce2, ce3};
        final int[][] homes = {shape1.clone(), shape2.clone(), ce2.clone(), ce3.clone()};
        // logits
        final float[] xf = new float[COUNT];
        final double[] xd = new double[COUNT];
        final float[] probs = new float[COUNT];
        final FloatBuffer xNative = direct(COUNT * 4, ByteOrder.nativeOrder()).asFloatBuffer();
        final FloatBuffer xOther;
        final FloatPointer xRaw;
        final DoublePointer xdRaw;
        // targets
        final int[] ti = new int[POSITIONS];
        final long[] tl = new long[POSITIONS];
        final IntBuffer tiNative = direct(POSITIONS * 4, ByteOrder.nativeOrder()).asIntBuffer();
        final IntBuffer tiOther;
        final LongBuffer tlNative = direct(POSITIONS * 8, ByteOrder.nativeOrder()).asLongBuffer();
        final LongBuffer tlOther;
        final IntPointer t32Raw;
        final LongPointer t64Raw;
        // heap forms: views of a heap ByteBuffer at an offset (no accessible array), in the other
        // byte order; and an array-backed buffer with arrayOffset() != 0
        final IntBuffer tiHeapView;
        final FloatBuffer xHeapView;
        final int[] tiPadded = new int[POSITIONS + 3];
        final IntBuffer tiOffset = IntBuffer.wrap(tiPadded, 3, POSITIONS).slice();
        // a buffer whose position a writer thread moves while calls read it
        final FloatBuffer xMoving;
        // class weights: C = 4 (ce3) and C = 8 (ce2)
        final float[] w4 = {1, 1, 1, 1};
        final double[] w8 = {1, 1, 1, 1, 1, 1, 1, 1};

        Shared(boolean nativeOrderOnly, boolean nativeMemory) {
            xRaw = nativeMemory ? new FloatPointer(COUNT) : null;
            xdRaw = nativeMemory ? new DoublePointer(COUNT) : null;
            t32Raw = nativeMemory ? new IntPointer(POSITIONS) : null;
            t64Raw = nativeMemory ? new LongPointer(POSITIONS) : null;
            ByteOrder other = nativeOrderOnly ? ByteOrder.nativeOrder()
                    : ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            xOther = direct(COUNT * 4, other).asFloatBuffer();
            tiOther = direct(POSITIONS * 4, other).asIntBuffer();
            tlOther = direct(POSITIONS * 8, other).asLongBuffer();
            tiHeapView = ByteBuffer.wrap(new byte[4 * POSITIONS + 12]).position(12).slice().order(other).asIntBuffer();
            xHeapView = ByteBuffer.wrap(new byte[4 * COUNT + 8]).position(8).slice().order(other).asFloatBuffer();
            xMoving = xNative.duplicate();
            Random r = new Random(1);
            for (int i = 0; i < COUNT; i++) {
                float v = (float) r.nextGaussian() * 3;
                setLogit(i, v);
                probs[i] = r.nextFloat();
            }
            for (int p = 0; p < POSITIONS; p++) {
                setTarget(p, p % 4);
            }
        }

        void setLogit(int i, float v) {
            xf[i] = v;
            xd[i] = v;
            xNative.put(i, v);
            xOther.put(i, v);
            xHeapView.put(i, v);
            if (xRaw != null) {
                xRaw.put(i, v);
                xdRaw.put(i, v);
            }
        }

        void setTarget(int p, long v) {
            ti[p] = (int) v;
            tl[p] = v;
            tiNative.put(p, (int) v);
            tiOther.put(p, (int) v);
            tlNative.put(p, v);
            tlOther.put(p, v);
            tiHeapView.put(p, (int) v);
            tiPadded[3 + p] = (int) v;
            if (t32Raw != null) {
                t32Raw.put(p, (int) v);
                t64Raw.put(p, v);
            }
        }

        void free() {
            for (Pointer p : new Pointer[] {xRaw, xdRaw, t32Raw, t64Raw}) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    static ByteBuffer direct(int bytes, ByteOrder order) {
        return ByteBuffer.allocateDirect(bytes).order(order);
    }

    /** One writer step: rewrites one element of shared memory (half the time its home value). */
    static void write(Shared s, Random r) {
        boolean home = r.nextBoolean();
        switch (r.nextInt(6)) {
            case 4 -> {
                // buffers are not thread-safe, but the position a call checked must be the one it
                // uses (read once): a moved position gives a refusal or the right rows, never a
                // write past the buffer
                s.xMoving.position(r.nextInt(5));
            }
            case 0 -> {
                int k = r.nextInt(s.shapes.length);
                int i = r.nextInt(s.shapes[k].length);
                s.shapes[k][i] = home ? s.homes[k][i] : DIMS[r.nextInt(DIMS.length)];
            }
            case 1, 2 -> {
                int p = r.nextInt(POSITIONS);
                long v = home ? p % 4 : HOSTILE_TARGETS[r.nextInt(HOSTILE_TARGETS.length)];
                // one form at a time, so that the forms disagree too
                switch (r.nextInt(10)) {
                    case 8 -> s.tiHeapView.put(p, (int) v);
                    case 9 -> s.tiPadded[3 + p] = (int) v;
                    case 0 -> s.ti[p] = (int) v;
                    case 1 -> s.tl[p] = v;
                    case 2 -> s.tiNative.put(p, (int) v);
                    case 3 -> s.tiOther.put(p, (int) v);
                    case 4 -> s.tlNative.put(p, v);
                    case 5 -> s.tlOther.put(p, v);
                    case 6 -> s.tiOther.put(p, (int) v);
                    default -> {
                        if (s.t64Raw != null) {
                            s.t64Raw.put(p, v);
                            s.t32Raw.put(p, (int) v);
                        }
                    }
                }
            }
            case 3 -> {
                float v = home ? 1 : new float[] {Float.NaN, -1, 0, 1e30f, Float.POSITIVE_INFINITY}[r.nextInt(5)];
                if (r.nextBoolean()) {
                    s.w4[r.nextInt(4)] = v;
                } else {
                    s.w8[r.nextInt(8)] = v;
                }
            }
            default -> {
                int i = r.nextInt(COUNT);
                float v = home ? (float) r.nextGaussian() * 3 : LOGITS[r.nextInt(LOGITS.length)];
                switch (r.nextInt(6)) {
                    case 5 -> s.xHeapView.put(i, v);
                    case 0 -> s.xf[i] = v;
                    case 1 -> s.xd[i] = v;
                    case 2 -> s.xNative.put(i, v);
                    case 3 -> s.xOther.put(i, v);
                    default -> {
                        if (s.xRaw != null) {
                            s.xRaw.put(i, v);
                            s.xdRaw.put(i, v);
                        }
                    }
                }
                if (r.nextInt(8) == 0) {
                    s.probs[i] = r.nextBoolean() ? v : r.nextFloat();
                }
            }
        }
    }

    /** A caller's private outputs, sized exactly for the home shapes. */
    static final class Outputs {
        final float[] y = new float[COUNT];
        final double[] yd = new double[COUNT];
        final float[] losses = new float[POSITIONS];
        final double[] lossesD = new double[POSITIONS];
        final FloatBuffer yNative = direct(COUNT * 4, ByteOrder.nativeOrder()).asFloatBuffer();
        final FloatBuffer yOther;
        final FloatBuffer lossesDirect = direct(POSITIONS * 4, ByteOrder.nativeOrder()).asFloatBuffer();
        final FloatPointer yRaw;
        final FloatPointer lossesRaw;
        final DoublePointer lossesRawD;

        Outputs(ByteOrder other, boolean nativeMemory) {
            yOther = direct(COUNT * 4, other).asFloatBuffer();
            yRaw = nativeMemory ? new FloatPointer(COUNT) : null;
            lossesRaw = nativeMemory ? new FloatPointer(POSITIONS) : null;
            lossesRawD = nativeMemory ? new DoublePointer(POSITIONS) : null;
        }

        void free() {
            if (yRaw != null) {
                yRaw.close();
                lossesRaw.close();
                lossesRawD.close();
            }
        }
    }

    static final String[] OPS = {"softmax float[]", "logSoftmax FloatBuffer", "logSumExp float[]",
        "softmaxF32 raw", "logSumExp FloatPointer", "crossEntropy float[] int[]",
        "crossEntropy float[] long[] NONE", "crossEntropy FloatBuffer IntBuffer",
        "crossEntropy FloatBuffer LongBuffer NONE", "crossEntropyF32 raw int64",
        "crossEntropy FloatPointer IntPointer", "withWeight(float[]) crossEntropy",
        "withWeight(double[]) crossEntropy double[]", "crossEntropyWithProbabilities float[]",
        "softmax double[] in place", "crossEntropyF64 raw int64", "logSoftmax FloatBuffer in place",
        "softmax FloatBuffer", "logSumExp FloatBuffer", "logSumExpF32 raw", "logSoftmax FloatPointer",
        "crossEntropy heap views (other order, offset)", "crossEntropy read-only views NONE",
        "crossEntropy array-backed offset targets", "softmax moving position",
        "crossEntropyWithProbabilities FloatBuffer"};
    /** The ops on raw memory and JavaCPP pointers (skipped when JavaCPP's natives cannot load). */
    static final java.util.Set<Integer> NATIVE_MEMORY_OPS = java.util.Set.of(3, 4, 9, 10, 15, 19, 20);

    /** One call of op {@code op} on the shared memory. */
    static void call(int op, Shared s, Outputs o, Random r) {
        SoftmaxOptions so = r.nextBoolean() ? SoftmaxOptions.DEFAULT
                : SoftmaxOptions.DEFAULT.withTemperature(0.7).withMaskedRowsZero(true);
        CrossEntropyOptions mean = CrossEntropyOptions.DEFAULT;
        CrossEntropyOptions none = CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)
                .withLabelSmoothing(r.nextBoolean() ? 0 : 0.1);
        int axis = r.nextBoolean() ? -1 : 0;
        switch (op) {
            case 0 -> Legacy.AUTO.softmax(s.xf, 0, o.y, 0, s.shape2, axis, so);
            case 1 -> Legacy.AUTO.logSoftmax(r.nextBoolean() ? s.xNative : s.xOther, r.nextBoolean() ? o.yNative : o.yOther,
                    r.nextBoolean() ? s.shape2 : s.shape1, axis, so);
            case 2 -> Legacy.AUTO.logSumExp(s.xf, 0, o.y, 0, s.shape2, axis);
            case 3 -> LegacyOffHeap.softmaxF32(s.xRaw.address(), COUNT, o.yRaw.address(), COUNT, s.shape2, axis, so);
            case 4 -> LegacyOffHeap.logSumExp(s.xRaw, o.lossesRaw, s.shape2, -1);
            case 5 -> Legacy.AUTO.crossEntropy(s.xf, 0, s.ce2, s.ti, 0, mean);
            case 6 -> Legacy.AUTO.crossEntropy(s.xf, 0, s.ce3, s.tl, 0, o.losses, 0, none);
            case 7 -> {
                IntBuffer t = r.nextBoolean() ? s.tiNative : s.tiOther;
                if (r.nextBoolean()) {
                    Legacy.AUTO.crossEntropy(s.xNative, s.ce2, t, mean.withLabelSmoothing(0.2));
                } else {
                    Legacy.AUTO.crossEntropy(s.xOther, s.ce3, t, o.lossesDirect, none);
                }
            }
            case 8 -> Legacy.AUTO.crossEntropy(r.nextBoolean() ? s.xNative : s.xOther, s.ce3,
                    r.nextBoolean() ? s.tlNative : s.tlOther, o.lossesDirect, none);
            case 9 -> LegacyOffHeap.crossEntropyF32(s.xRaw.address(), COUNT, r.nextBoolean() ? s.ce3 : s.ce2,
                    s.t64Raw.address(), POSITIONS, true, r.nextBoolean() ? o.lossesRaw.address() : 0, POSITIONS,
                    r.nextBoolean() ? none : mean);
            case 10 -> LegacyOffHeap.crossEntropy(s.xRaw, r.nextBoolean() ? s.ce2 : s.ce3, s.t32Raw,
                    r.nextBoolean() ? o.lossesRaw : null, r.nextBoolean() ? mean.withReduction(Reduction.SUM) : none);
            case 11 -> {
                CrossEntropyOptions w = CrossEntropyOptions.DEFAULT.withWeight(s.w4).withLabelSmoothing(0.1);
                Legacy.AUTO.crossEntropy(s.xf, 0, s.ce3, s.ti, 0, o.losses, 0, w.withReduction(Reduction.NONE));
            }
            case 12 -> {
                CrossEntropyOptions w = CrossEntropyOptions.DEFAULT.withWeight(s.w8);
                Legacy.AUTO.crossEntropy(s.xd, 0, s.ce2, s.tl, 0, r.nextBoolean() ? w : w.withLabelSmoothing(0.3));
            }
            case 13 -> Legacy.AUTO.crossEntropyWithProbabilities(s.xf, 0, s.ce2, s.probs, 0, o.losses, 0,
                    none.withWeight(r.nextBoolean() ? null : s.w8));
            case 14 -> Legacy.AUTO.softmax(s.xd, 0, s.xd, 0, s.shape2, axis, so);
            case 15 -> LegacyOffHeap.crossEntropyF64(s.xdRaw.address(), COUNT, s.ce2, s.t64Raw.address(), POSITIONS, true,
                    o.lossesRawD.address(), POSITIONS, r.nextBoolean() ? none : mean);
            case 16 -> {
                FloatBuffer x = r.nextBoolean() ? s.xNative : s.xOther;
                Legacy.AUTO.logSoftmax(x, x, s.shape1, 0, so);
            }
            case 17 -> Legacy.AUTO.softmax(r.nextBoolean() ? s.xNative : s.xOther, r.nextBoolean() ? o.yNative : o.yOther,
                    s.shape2, axis, so);
            case 18 -> Legacy.AUTO.logSumExp(r.nextBoolean() ? s.xNative : s.xOther, o.yOther, s.shape2, axis);
            case 19 -> LegacyOffHeap.logSumExpF32(s.xRaw.address(), COUNT, o.yRaw.address(), COUNT, r.nextBoolean() ? s.shape2 : s.shape1,
                    axis);
            case 20 -> LegacyOffHeap.logSoftmax(s.xRaw, o.yRaw, s.shape2, axis, so);
            case 21 -> Legacy.AUTO.crossEntropy(s.xHeapView, r.nextBoolean() ? s.ce2 : s.ce3, s.tiHeapView,
                    r.nextBoolean() ? mean : mean.withLabelSmoothing(0.1));
            case 22 -> Legacy.AUTO.crossEntropy(s.xOther.asReadOnlyBuffer(), s.ce3, s.tlOther.asReadOnlyBuffer(),
                    o.lossesDirect, none);
            case 23 -> Legacy.AUTO.crossEntropy(FloatBuffer.wrap(s.xf), s.ce2, s.tiOffset, o.lossesDirect, none);
            case 24 -> Legacy.AUTO.softmax(s.xMoving, o.yNative, s.shape1, 0, so);
            default -> Legacy.AUTO.crossEntropyWithProbabilities(s.xNative, s.ce3, FloatBuffer.wrap(s.probs), o.lossesDirect, none);
        }
    }

    /**
     * Documented here: exactly IAE or IOOBE (no null or read-only argument is ever passed), thrown
     * by the library's own checks, with a message naming an argument.
     */
    static boolean documented(Throwable e) {
        Class<?> k = e.getClass();
        return (k == IllegalArgumentException.class || k == IndexOutOfBoundsException.class)
                && Documented.thrownByLibrary(e) && Documented.namesAnArgument(e);
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(System.getProperty("logits4j.race.seconds", "15"));
        int writers = Integer.getInteger("logits4j.race.writers", 4);
        int callers = Integer.getInteger("logits4j.race.callers", 4);
        long seed = Long.getLong("logits4j.race.seed", 7);
        boolean nativeOrderOnly = Boolean.getBoolean("logits4j.race.nativeOrderOnly");
        String implementation = Logits4j.info().implementation();
        boolean nativeMemory;
        try {
            // JavaCPP's Pointer natives are built into logits4j's library (also with the java backend)
            dev.logits4j.internal.memory.RawViews.address(ByteBuffer.allocateDirect(8));
            nativeMemory = true;
        } catch (Throwable e) {
            nativeMemory = false;
            System.out.println("race-torture: no raw memory or JavaCPP pointers (" + e + ")");
        }
        System.out.println("race-torture: starting, implementation " + implementation + " (" + Logits4j.info().reason()
                + "), " + seconds + " s, " + writers + " writers, " + callers + " callers, seed " + seed
                + (nativeOrderOnly ? ", native byte order only" : ""));
        System.out.flush();

        Shared s = new Shared(nativeOrderOnly, nativeMemory);
        final boolean withNativeMemory = nativeMemory;
        ByteOrder other = nativeOrderOnly ? ByteOrder.nativeOrder()
                : ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        List<Outputs> outputs = new ArrayList<>();
        LongAdder returned = new LongAdder();
        Map<String, LongAdder> documented = new ConcurrentHashMap<>();
        Map<String, LongAdder> undocumented = new ConcurrentHashMap<>();
        Map<String, Throwable> firstUndocumented = new ConcurrentHashMap<>();
        AtomicLong undocumentedTotal = new AtomicLong();
        LongAdder writes = new LongAdder();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            final long ws = seed * 1000 + w;
            threads.add(new Thread(() -> {
                Random r = new Random(ws);
                awaitQuietly(go);
                long n = 0;
                while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 64; i++) {
                        write(s, r);
                    }
                    n += 64;
                    if ((n & 4095) == 0) {
                        Thread.yield();
                    }
                }
                writes.add(n);
            }, "race-writer-" + w));
        }
        for (int c = 0; c < callers; c++) {
            final long cs = seed * 2000 + c;
            Outputs o = new Outputs(other, nativeMemory);
            outputs.add(o);
            threads.add(new Thread(() -> {
                Random r = new Random(cs);
                awaitQuietly(go);
                while (System.nanoTime() < deadline) {
                    int op = r.nextInt(OPS.length);
                    if (!withNativeMemory && NATIVE_MEMORY_OPS.contains(op)) {
                        continue;
                    }
                    try {
                        call(op, s, o, r);
                        returned.increment();
                    } catch (Throwable e) {
                        if (documented(e)) {
                            documented.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                        } else {
                            StackTraceElement[] st = e.getStackTrace();
                            String key = e.getClass().getName() + " at " + (st.length > 0 ? st[0] : "?") + " (" + OPS[op] + ")";
                            undocumented.computeIfAbsent(key, k -> new LongAdder()).increment();
                            if (firstUndocumented.putIfAbsent(key, e) == null && firstUndocumented.size() <= 10) {
                                synchronized (System.err) {
                                    System.err.println("race-torture: undocumented outcome of " + OPS[op] + ":");
                                    e.printStackTrace();
                                }
                            }
                            undocumentedTotal.incrementAndGet();
                            if (e instanceof VirtualMachineError) {
                                return;
                            }
                        }
                    }
                }
            }, "race-caller-" + c));
        }
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
        go.countDown();
        long joinBy = deadline + 60_000_000_000L;
        boolean hung = false;
        for (Thread t : threads) {
            long left = (joinBy - System.nanoTime()) / 1_000_000;
            t.join(Math.max(1, left));
            if (t.isAlive()) {
                hung = true;
                System.out.println("race-torture: thread " + t.getName() + " still running 60 s after the deadline:");
                for (StackTraceElement e : t.getStackTrace()) {
                    System.out.println("        at " + e);
                }
            }
        }
        if (!hung) {
            s.free();
            for (Outputs o : outputs) {
                o.free();
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        counts.put("returned", returned.sum());
        documented.forEach((k, v) -> counts.put(k, v.sum()));
        long calls = counts.values().stream().mapToLong(Long::longValue).sum() + undocumentedTotal.get();
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(undocumented).entrySet()) {
            System.out.println("race-torture: undocumented " + e.getValue().sum() + "x " + e.getKey());
        }
        System.out.println("race-torture: " + implementation + ", " + seconds + " s, " + writers + " writers ("
                + writes.sum() + " writes), " + callers + " callers, " + calls + " calls: " + counts
                + ", undocumented " + undocumentedTotal.get() + (hung ? ", HUNG" : ""));
        System.out.flush();
        System.exit(hung ? 2 : undocumentedTotal.get() > 0 ? 1 : 0);
    }

    private static void awaitQuietly(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
