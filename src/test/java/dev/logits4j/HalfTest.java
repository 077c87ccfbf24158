package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.javaimpl.HalfConversion;
import dev.logits4j.npy.NpyArray;
import dev.logits4j.npy.NpyReader;
import dev.logits4j.testutil.Arrays2;
import dev.logits4j.testutil.Cli;
import dev.logits4j.testutil.Conformance;
import dev.logits4j.testutil.HalfCaseRunner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * float16 / bfloat16 logits (issue 13): the PyTorch cases of conformance/half on every backend and
 * every memory kind, agreement with the float32 op of the up-converted input on every backend,
 * the conversion itself against an independent formula, and the argument checks.
 */
class HalfTest {
    static final List<Conformance.Case> CASES = Conformance.cases("half");

    @TempDir
    Path tmp;

    /** Every third case through the CLI: <f2 files, <u2 with --dtype bfloat16; float32 out. */
    @TestFactory
    Stream<DynamicTest> sampleThroughTheCli() {
        List<Conformance.Case> sample = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i += 3) {
            sample.add(CASES.get(i));
        }
        return sample.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Path out = tmp.resolve(c.id() + ".npy");
            Cli.Result r = Cli.run(c.cliArgs(out));
            assertEquals(0, r.status(), () -> c.id() + ": " + r.err());
            NpyArray y = NpyReader.read(out);
            assertEquals("float32", y.type().label());
            assertArrayEquals(c.shape(), y.shape());
            String failure = Conformance.compare(Arrays2.toDoubles(y),
                    dev.logits4j.testutil.CaseRunner.expected(c), c.atol(), c.rtol());
            assertNull(failure, () -> c.id() + " (cli): " + failure);
        }));
    }

    @Test
    void cliNeverGuessesTheType() {
        Conformance.Case bf = CASES.stream().filter(c -> c.dtype().equals("bfloat16")
                && c.op().equals("softmax")).findFirst().orElseThrow();
        Cli.Result r = Cli.run("softmax", "--in", bf.input("in").toString(), "--out",
                tmp.resolve("o.npy").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--dtype bfloat16"), r.err());
        Conformance.Case f16 = CASES.stream().filter(c -> c.dtype().equals("float16")
                && c.op().equals("softmax")).findFirst().orElseThrow();
        r = Cli.run("softmax", "--in", f16.input("in").toString(), "--dtype", "bfloat16", "--out",
                tmp.resolve("o.npy").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("does not hold --dtype bfloat16"), r.err());
        r = Cli.run("softmax", "--in", f16.input("in").toString(), "--dtype", "float8", "--out",
                tmp.resolve("o.npy").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("float8"), r.err());
    }

    @Test
    void manifestHasBothTypesEveryOpAndTheLongRows() {
        assertEquals(371, CASES.size());
        for (String dtype : new String[] {"float16", "bfloat16"}) {
            for (String op : new String[] {"softmax", "log-softmax", "logsumexp", "cross-entropy"}) {
                assertTrue(CASES.stream().anyMatch(c -> c.dtype().equals(dtype) && c.op().equals(op)),
                        dtype + " " + op);
            }
            assertTrue(CASES.stream().anyMatch(c -> c.dtype().equals(dtype) && c.id().endsWith("n128256")));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOnEveryBackendAndMemoryKind() {
        return AllBackends.all().stream().flatMap(b -> Stream.of(HalfCaseRunner.Memory.values())
                .flatMap(m -> CASES.stream().map(c -> DynamicTest.dynamicTest(
                        b.name() + " " + m + " " + c.id(), () -> {
                            double[] got = HalfCaseRunner.run(c, m, Legacy.with(b));
                            double[] expected = dev.logits4j.testutil.CaseRunner.expected(c);
                            String failure = Conformance.compare(got, expected, c.atol(), c.rtol());
                            assertNull(failure, () -> b.name() + " " + m + " " + c.id() + ": " + failure);
                        }))));
    }

    /** Random 16-bit rows, special values included, as shorts of the given type. */
    private static short[] randomBits(Random r, int n, DType type) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            float v = (float) (r.nextGaussian() * 4);
            int b = Float.floatToRawIntBits(v);
            s[i] = type == DType.BF16 ? (short) (b >>> 16) : f16Bits(v);
        }
        if (n > 3 && r.nextInt(4) == 0) {
            s[r.nextInt(n)] = type == DType.BF16 ? (short) 0xFF80 : (short) 0xFC00;   // -inf
        }
        return s;
    }

    /** Test data only: float32 to float16 by truncation (normal range). */
    private static short f16Bits(float v) {
        int b = Float.floatToRawIntBits(v);
        int e = ((b >>> 23) & 0xFF) - 112;
        if (e <= 0) {
            return (short) ((b >>> 16) & 0x8000);
        }
        return (short) (((b >>> 16) & 0x8000) | (Math.min(e, 30) << 10) | ((b >>> 13) & 0x3FF));
    }

    private static float[] up(short[] s, DType type) {
        float[] f = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            f[i] = HalfConversion.toFloat(s[i], type == DType.BF16);
        }
        return f;
    }

    /**
     * The 16-bit op is the float32 op of the exactly converted input, bit for bit, on every
     * backend: the native kernels convert as they load, the Java ones convert blocks of whole
     * rows, and neither changes the arithmetic. Shapes cover short-row blocks, long rows (the
     * online path at 2^20 elements), strided slices and tails.
     */
    @TestFactory
    Stream<DynamicTest> sameBitsAsTheFloat32OpOfTheConvertedInput() {
        int[][] shapes = {{1, 1}, {3, 7}, {130, 9}, {70, 65}, {5, 1000}, {2, 4097}, {1, 1 << 20},
                          {4, 17, 3}, {2, 300, 33}};
        return AllBackends.all().stream().flatMap(b -> Stream.of(DType.F16, DType.BF16).map(type ->
                DynamicTest.dynamicTest(b.name() + " " + type, () -> {
                    LegacyOps ops = Legacy.with(b);
                    Random r = new Random(7);
                    for (int[] shape : shapes) {
                        int count = 1;
                        for (int d : shape) {
                            count *= d;
                        }
                        short[] x = randomBits(r, count, type);
                        float[] x32 = up(x, type);
                        int axis = shape.length == 3 ? 1 : -1;
                        for (boolean log : new boolean[] {false, true}) {
                            float[] want = new float[count];
                            float[] got = new float[count];
                            SoftmaxOptions o = SoftmaxOptions.DEFAULT.withTemperature(log ? 0.7 : 1.0);
                            if (log) {
                                ops.logSoftmax(x32, 0, want, 0, shape, axis, o);
                                ops.logSoftmax(type, x, 0, got, 0, shape, axis, o);
                            } else {
                                ops.softmax(x32, 0, want, 0, shape, axis, o);
                                ops.softmax(type, x, 0, got, 0, shape, axis, o);
                            }
                            assertArrayEquals(want, got, b.name() + " " + type + " " + java.util.Arrays.toString(shape));
                        }
                        float[] lw = ops.logSumExp(x32, shape, axis);
                        float[] lg = new float[lw.length];
                        ops.logSumExp(type, x, 0, lg, 0, shape, axis);
                        assertArrayEquals(lw, lg, "logsumexp " + java.util.Arrays.toString(shape));
                        if (shape.length == 2) {
                            int[] t = new int[shape[0]];
                            for (int i = 0; i < t.length; i++) {
                                t[i] = r.nextInt(shape[1]);
                            }
                            CrossEntropyOptions co = CrossEntropyOptions.DEFAULT.withReduction(Reduction.NONE)
                                    .withLabelSmoothing(shape[1] % 2 == 0 ? 0.1 : 0);
                            float[] cw = new float[t.length];
                            float[] cg = new float[t.length];
                            ops.crossEntropy(x32, 0, shape, t, 0, cw, 0, co);
                            ops.crossEntropy(type, x, 0, shape, t, 0, cg, 0, co);
                            assertArrayEquals(cw, cg, "cross-entropy " + java.util.Arrays.toString(shape));
                        }
                    }
                })));
    }

    /** Every float16 value against the textbook formula in double (sign, exponent, mantissa). */
    @Test
    void float16ConversionIsExactForAll65536Values() {
        for (int h = 0; h < 1 << 16; h++) {
            int sign = h >>> 15;
            int e = (h >>> 10) & 0x1F;
            int m = h & 0x3FF;
            float got = HalfConversion.f16((short) h);
            if (e == 0x1F) {
                if (m == 0) {
                    assertEquals(sign == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY, got);
                } else {
                    int bits = Float.floatToRawIntBits(got);
                    assertTrue(Float.isNaN(got));
                    assertEquals(m << 13 | 0x400000, bits & 0x7FFFFF, "payload kept, quiet: " + Integer.toHexString(h));
                    assertEquals(sign, bits >>> 31);
                }
                continue;
            }
            double v = e == 0 ? m * 0x1p-24 : (1 + m / 1024.0) * Math.scalb(1.0, e - 15);
            double want = sign == 1 ? -v : v;
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), Integer.toHexString(h));
        }
        assertEquals(65504f, HalfConversion.f16((short) 0x7BFF));
        assertEquals(0x1p-24f, HalfConversion.f16((short) 0x0001));
        assertEquals(-0f, HalfConversion.f16((short) 0x8000));
        assertEquals(Float.intBitsToFloat(0x3F800000), HalfConversion.bf16((short) 0x3F80));
        assertEquals(Float.intBitsToFloat(0x00010000), HalfConversion.bf16((short) 0x0001));
    }

    @Test
    void argumentsAreCheckedBeforeAnyKernelRuns() {
        short[] x = new short[12];
        float[] y = new float[12];
        int[] shape = {3, 4};
        SoftmaxOptions o = SoftmaxOptions.DEFAULT;
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Legacy.AUTO.softmax(null, x, 0, y, 0, shape, -1, o));
        assertTrue(npe.getMessage().contains("type"), npe.getMessage());
        npe = assertThrows(NullPointerException.class,
                () -> Legacy.AUTO.softmax(DType.F16, (short[]) null, 0, y, 0, shape, -1, o));
        assertTrue(npe.getMessage().startsWith("x "), npe.getMessage());
        IndexOutOfBoundsException ioobe = assertThrows(IndexOutOfBoundsException.class,
                () -> Legacy.AUTO.softmax(DType.BF16, x, 1, y, 0, shape, -1, o));
        assertTrue(ioobe.getMessage().contains("holds 11 elements but shape [3, 4] needs 12"), ioobe.getMessage());
        ioobe = assertThrows(IndexOutOfBoundsException.class,
                () -> Legacy.AUTO.logSumExp(DType.F16, x, 0, new float[2], 0, shape, -1));
        assertTrue(ioobe.getMessage().contains("y holds 2"), ioobe.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> Legacy.AUTO.softmax(DType.F16, x, 13, y, 0, shape, -1, o));
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
                () -> Legacy.AUTO.crossEntropy(DType.F16, x, 0, shape, new int[] {0, 4, 1}, 0,
                        CrossEntropyOptions.DEFAULT));
        assertTrue(iae.getMessage().contains("targets[1] = 4"), iae.getMessage());
        // the same memory as input and output (a float output over 16-bit input) is refused
        ByteBuffer shared = ByteBuffer.allocateDirect(48).order(ByteOrder.nativeOrder());
        iae = assertThrows(IllegalArgumentException.class, () -> Legacy.AUTO.softmax(DType.F16,
                shared.asShortBuffer(), shared.asFloatBuffer(), shape, -1, o));
        assertTrue(iae.getMessage().contains("overlaps"), iae.getMessage());
        FloatBuffer readOnly = FloatBuffer.allocate(12).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> Legacy.AUTO.softmax(DType.F16,
                ShortBuffer.wrap(x), readOnly, shape, -1, o));
        iae = assertThrows(IllegalArgumentException.class, () -> Legacy.AUTO.crossEntropyWithProbabilities(
                DType.BF16, x, 0, shape, new float[12], 0,
                CrossEntropyOptions.DEFAULT.withIgnoreIndex(0)));
        assertTrue(iae.getMessage().contains("ignoreIndex"), iae.getMessage());
    }

    /** A buffer's position and limit count 16-bit elements; both byte orders give the same result. */
    @Test
    void positionsAndByteOrders() {
        Random r = new Random(3);
        short[] x = randomBits(r, 40, DType.F16);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ShortBuffer b = ByteBuffer.allocateDirect(80).order(order).asShortBuffer();
            b.put(x).position(8);
            FloatBuffer y = ByteBuffer.allocateDirect(128).order(order).asFloatBuffer();
            for (Backend backend : AllBackends.all()) {
                float[] want = new float[32];   // each backend against its own array result
                Legacy.with(backend).softmax(DType.F16, x, 8, want, 0, new int[] {4, 8}, -1,
                        SoftmaxOptions.DEFAULT);
                Legacy.with(backend).softmax(DType.F16, b, y, new int[] {4, 8}, -1, SoftmaxOptions.DEFAULT);
                float[] got = new float[32];
                y.get(0, got);
                assertArrayEquals(want, got, backend.name() + " " + order);
                assertEquals(8, b.position());
            }
        }
    }

    /**
     * Another thread rewriting the logits during calls (a short[] and a direct buffer in the
     * non-native byte order) gives garbage numbers, never a crash.
     */
    @Test
    void concurrentRewriteNeverCrashes() throws Exception {
        short[] x = new short[64 * 1000];
        float[] y = new float[x.length];
        int[] t = new int[64];
        // the same logits in a direct buffer of the other byte order (the Java kernels bulk-copy
        // it with a byte swap, native ones read it through the order-swapping path)
        ByteOrder other = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ShortBuffer direct = ByteBuffer.allocateDirect(x.length * 2).order(other).asShortBuffer();
        FloatBuffer yd = ByteBuffer.allocateDirect(x.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Thread writer = new Thread(() -> {
            Random r = new Random(1);
            for (int k = 0; k < 2000; k++) {
                for (int i = 0; i < x.length; i += 97) {
                    x[i] = (short) r.nextInt();
                    direct.put(i, (short) r.nextInt());
                }
            }
        });
        writer.start();
        int[] shape = {64, 1000};
        for (Backend b : AllBackends.all()) {
            LegacyOps ops = Legacy.with(b);
            for (int k = 0; k < 20; k++) {
                ops.softmax(DType.BF16, x, 0, y, 0, shape, -1, SoftmaxOptions.DEFAULT);
                ops.crossEntropy(DType.F16, x, 0, shape, t, 0, CrossEntropyOptions.DEFAULT);
                ops.softmax(DType.F16, direct, yd, shape, -1, SoftmaxOptions.DEFAULT);
            }
        }
        writer.join();
        // Values read mid-rewrite are garbage by design; once the writer is done, every backend
        // still gives for the swapped-order buffer exactly its answer for the same shorts in an array.
        short[] still = new short[x.length];
        direct.get(0, still);
        for (Backend b : AllBackends.all()) {
            LegacyOps ops = Legacy.with(b);
            ops.softmax(DType.F16, still, 0, y, 0, shape, -1, SoftmaxOptions.DEFAULT);
            ops.softmax(DType.F16, direct, yd, shape, -1, SoftmaxOptions.DEFAULT);
            float[] got = new float[y.length];
            yd.get(0, got);
            assertArrayEquals(y, got, b.name());
        }
    }

    /** Raw memory (OffHeap): JavaCPP pointers and raw addresses give the array result. */
    @Test
    void offHeapPointersAndAddresses() {
        Random r = new Random(5);
        int[] shape = {6, 300};
        for (DType type : new DType[] {DType.F16, DType.BF16}) {
            short[] x = randomBits(r, 1800, type);
            float[] want = new float[1800];
            Legacy.AUTO.logSoftmax(type, x, 0, want, 0, shape, -1, SoftmaxOptions.DEFAULT);
            try (org.bytedeco.javacpp.ShortPointer xp = new org.bytedeco.javacpp.ShortPointer(x);
                 org.bytedeco.javacpp.FloatPointer yp = new org.bytedeco.javacpp.FloatPointer(1800)) {
                LegacyOffHeap.logSoftmax(type, xp, yp, shape, -1, SoftmaxOptions.DEFAULT);
                float[] got = new float[1800];
                yp.get(got);
                assertArrayEquals(want, got, type + " pointers");
                LegacyOffHeap.softmaxHalf(type, xp.address(), 1800, yp.address(), 1800, shape, -1,
                        SoftmaxOptions.DEFAULT);
                Legacy.AUTO.softmax(type, x, 0, want, 0, shape, -1, SoftmaxOptions.DEFAULT);
                yp.get(got);
                assertArrayEquals(want, got, type + " addresses");
                float[] lw = new float[6];
                Legacy.AUTO.logSumExp(type, x, 0, lw, 0, shape, -1);
                LegacyOffHeap.logSumExpHalf(type, xp.address(), 1800, yp.address(), 6, shape, -1);
                yp.get(got, 0, 6);
                assertArrayEquals(lw, java.util.Arrays.copyOf(got, 6), type + " logsumexp");
                int[] t = {0, 299, 5, 7, 100, 3};
                float ce = Legacy.AUTO.crossEntropy(type, x, 0, shape, t, 0, CrossEntropyOptions.DEFAULT);
                try (org.bytedeco.javacpp.IntPointer tp = new org.bytedeco.javacpp.IntPointer(t)) {
                    assertEquals(ce, LegacyOffHeap.crossEntropy(type, xp, shape, tp, null, CrossEntropyOptions.DEFAULT));
                    assertEquals(ce, (float) LegacyOffHeap.crossEntropyHalf(type, xp.address(), 1800, shape,
                            tp.address(), 6, false, 0, 0, CrossEntropyOptions.DEFAULT));
                }
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> LegacyOffHeap.softmaxHalf(type, xp.address(), 1799, yp.address(), 1800, shape, -1,
                                SoftmaxOptions.DEFAULT));
                assertTrue(e.getMessage().contains("1799 elements at address " + xp.address()) && e.getMessage().contains("needs 1800"), e.getMessage());
            }
        }
    }
}
