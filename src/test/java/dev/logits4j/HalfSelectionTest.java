package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.junit.jupiter.api.Test;

/**
 * argmax, top-k, top log-probs and sample on float16 and bfloat16 logits (issues 12 and 13): on
 * every backend and memory kind (short[] with an offset, ShortBuffers heap and direct in both
 * byte orders, raw addresses), the answer is that of the exactly up-converted row, checked
 * against {@link SamplingReference} (float64, sorting the row): tokens and indices exactly,
 * log-probs to float32 accuracy. Short rows take the whole-row path, long ones (2048+) the
 * candidate scan (native on short[] and native-order direct buffers).
 */
class HalfSelectionTest {
    /** Up-conversion written independently of the library: float16 by its definition, bfloat16 by the shift. */
    static double toDouble(short h, boolean bf16) {
        if (bf16) {
            return Float.intBitsToFloat((h & 0xFFFF) << 16);
        }
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        double sign = (h & 0x8000) != 0 ? -1 : 1;
        if (e == 0x1F) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return e == 0 ? sign * m * 0x1p-24 : sign * (1 + m / 1024.0) * Math.pow(2, e - 15);
    }

    static short randomBits(SplittableRandom r, boolean bf16, int kind) {
        if (r.nextInt(60) == 0) {
            return (short) (bf16 ? 0xFF80 : 0xFC00);   // -inf
        }
        if (kind == 0) {
            // few distinct values: floods of ties
            return (short) (bf16 ? 0x3F80 + 0x80 * r.nextInt(3) : 0x3C00 + 0x400 * r.nextInt(3));
        }
        int sign = r.nextInt(2) << 15;
        if (bf16) {
            return (short) (sign | ((120 + r.nextInt(14)) << 7) | r.nextInt(128));
        }
        return (short) (sign | ((8 + r.nextInt(14)) << 10) | r.nextInt(1024));
    }

    static DType type(boolean bf16) {
        return bf16 ? DType.BF16 : DType.F16;
    }

    static ShortBuffer direct(short[] bits, ByteOrder order) {
        ShortBuffer b = ByteBuffer.allocateDirect(2 * bits.length).order(order).asShortBuffer();
        b.put(bits).flip();
        return b;
    }

    @Test
    void sampleTopKAndArgmaxOfSixteenBitLogitsMatchTheSortingReference() {
        SplittableRandom r = new SplittableRandom(1613);
        int compared = 0;
        for (int trial = 0; trial < 48; trial++) {
            boolean bf16 = trial % 2 == 1;
            int n = new int[] {1, 7, 70, 300, 2048, 5000, 32000}[r.nextInt(7)];
            int b = r.nextInt(1, 3);
            int kind = r.nextInt(6);
            short[] bits = new short[b * n + 3];   // 3 elements of offset
            for (int i = 3; i < bits.length; i++) {
                bits[i] = randomBits(r, bf16, kind);
            }
            if (kind == 1) {
                bits[3 + r.nextInt(b * n)] = (short) (bf16 ? 0x7FC0 : 0x7E00);   // a NaN
            }
            double[][] rows = new double[b][n];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < n; j++) {
                    rows[i][j] = toDouble(bits[3 + i * n + j], bf16);
                }
            }
            SamplingReference.Row p = new SamplingReference.Row();
            p.temperature = r.nextInt(5) == 0 ? 0 : 0.8;
            p.topK = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 60);
            p.topP = r.nextBoolean() ? 1 : 0.9;
            p.minP = r.nextBoolean() ? 0 : 0.05;
            p.repetition = 1.3;
            p.presence = 0.2;
            p.frequency = 0.1;
            p.history = new int[] {r.nextInt(n), r.nextInt(n), r.nextInt(n)};
            Map<Integer, Double> bias = new HashMap<>();
            bias.put(r.nextInt(n), 4.0);
            p.bias = bias;
            SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(p.temperature).withTopK(p.topK)
                    .withTopP(p.topP).withMinP(p.minP).withRepetitionPenalty(p.repetition)
                    .withPresenceFrequencyPenalty(p.presence, p.frequency).withHistory(new int[][] {p.history})
                    .withLogitBias(bias);
            double[] u = new double[b];
            int[] want = new int[b];
            double[] wantLp = new double[b];
            boolean ambiguous = false;
            for (int i = 0; i < b; i++) {
                u[i] = r.nextDouble();
                SamplingReference.Result res = SamplingReference.sample(rows[i], p, u[i]);
                ambiguous |= res.margin() < 1e-9;
                want[i] = res.token();
                wantLp[i] = res.token() < 0 ? Double.NaN : rows[i][res.token()] - SamplingReference.logSumExp(rows[i]);
            }
            int k = Math.min(n, 1 + r.nextInt(40));
            int[] shape = {b, n};
            for (Backend be : AllBackends.all()) {
                LegacyOps ops = Legacy.with(be);
                String what = be.name() + (bf16 ? " bf16" : " f16") + " trial " + trial + " n " + n;
                // argmax, top-k, top log-probs: arrays with an offset and every buffer kind
                for (int kindOfMemory = 0; kindOfMemory < 4; kindOfMemory++) {
                    long[] am = new long[b];
                    float[] values = new float[b * k];
                    long[] idx = new long[b * k];
                    float[] lpv = new float[b * k];
                    long[] lpi = new long[b * k];
                    if (kindOfMemory == 0) {
                        ops.argmax(type(bf16), bits, 3, shape, 1, am, 0);
                        ops.topK(type(bf16), bits, 3, shape, k, values, 0, idx, 0);
                        ops.topLogProbs(type(bf16), bits, 3, shape, k, lpv, 0, lpi, 0);
                    } else {
                        ShortBuffer xb = kindOfMemory == 1 ? ShortBuffer.wrap(bits)
                                : direct(bits, kindOfMemory == 2 ? ByteOrder.nativeOrder() : ByteOrder.BIG_ENDIAN);
                        xb.position(3);
                        ops.argmax(type(bf16), xb, shape, 1, LongBuffer.wrap(am));
                        ops.topK(type(bf16), xb, shape, k, FloatBuffer.wrap(values), LongBuffer.wrap(idx));
                        ops.topLogProbs(type(bf16), xb, shape, k, FloatBuffer.wrap(lpv), LongBuffer.wrap(lpi));
                    }
                    for (int i = 0; i < b; i++) {
                        int[] top = SamplingReference.topK(rows[i], k);
                        double lse = SamplingReference.logSumExp(rows[i]);
                        assertEquals(SamplingReference.topK(rows[i], 1)[0], am[i], what + " argmax memory " + kindOfMemory);
                        for (int j = 0; j < k; j++) {
                            String at = what + " memory " + kindOfMemory + " row " + i + " j " + j;
                            assertEquals(top[j], idx[i * k + j], at);
                            assertEquals((float) rows[i][top[j]], values[i * k + j], at);
                            assertEquals(Double.isNaN(lse) ? j : top[j], lpi[i * k + j], at);
                            assertEquals(rows[i][top[j]] - lse, lpv[i * k + j],
                                    Double.isNaN(lse) ? 0 : 2e-6 * Math.max(1, Math.abs(lse)), at);
                        }
                    }
                    if (ambiguous) {
                        continue;
                    }
                    int[] tokens = new int[b];
                    float[] lp = new float[b];
                    if (kindOfMemory == 0) {
                        ops.sample(type(bf16), bits, 3, shape, o, u, 0, tokens, 0, lp, 0);
                    } else {
                        ShortBuffer xb = kindOfMemory == 1 ? ShortBuffer.wrap(bits)
                                : direct(bits, kindOfMemory == 2 ? ByteOrder.nativeOrder() : ByteOrder.BIG_ENDIAN);
                        xb.position(3);
                        ops.sample(type(bf16), xb, shape, o, DoubleBuffer.wrap(u), java.nio.IntBuffer.wrap(tokens), FloatBuffer.wrap(lp));
                    }
                    for (int i = 0; i < b; i++) {
                        assertEquals(want[i], tokens[i], what + " sample memory " + kindOfMemory);
                        assertEquals(wantLp[i], lp[i], Double.isNaN(wantLp[i]) ? 0 : 2e-6 * Math.max(1, Math.abs(wantLp[i])),
                                what + " logprob memory " + kindOfMemory);
                    }
                }
            }
            // raw addresses (the automatic backend)
            if (!ambiguous) {
                try (ShortPointer px = new ShortPointer(bits); DoublePointer pu = new DoublePointer(u);
                     LongPointer pt = new LongPointer(b); FloatPointer pl = new FloatPointer(b)) {
                    LegacyOffHeap.sampleHalf(type(bf16), px.address() + 6, b * n, shape, o, pu.address(), b,
                            pt.address(), b, pl.address(), b);
                    for (int i = 0; i < b; i++) {
                        assertEquals(want[i], pt.get(i), "raw sample trial " + trial);
                    }
                    LegacyOffHeap.argmaxHalf(type(bf16), px.address() + 6, b * n, shape, -1, pt.address(), b);
                    for (int i = 0; i < b; i++) {
                        assertEquals(SamplingReference.topK(rows[i], 1)[0], pt.get(i), "raw argmax trial " + trial);
                    }
                }
                compared++;
            }
        }
        assertTrue(compared > 30, "compared " + compared);
    }

    @Test
    void badArgumentsOfSixteenBitCallsAreRefusedByName() {
        short[] x = new short[8];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Legacy.AUTO.topK(DType.F16, ShortBuffer.wrap(x), new int[] {8}, 9,
                        FloatBuffer.allocate(9), LongBuffer.allocate(9)));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Legacy.AUTO.sample(DType.BF16, x, 0, new int[] {8}, SamplingOptions.DEFAULT,
                        new double[] {1.5}, 0, new int[1], 0, null, 0));
        assertTrue(e.getMessage().contains("uniform") && e.getMessage().contains("1.5"), e.getMessage());
    }

    /** The 16-bit operand as every buffer kind: heap byte views at an odd offset in both orders, read-only ones. */
    static ShortBuffer[] bufferKinds(short[] bits) {
        java.util.List<ShortBuffer> kinds = new java.util.ArrayList<>();
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer heap = ByteBuffer.allocate(2 * bits.length + 6).order(order);
            heap.position(6);
            ShortBuffer view = heap.slice().order(order).asShortBuffer();   // a view, no short[] behind it
            view.put(bits).flip();
            kinds.add(view);
            kinds.add(view.asReadOnlyBuffer());
            ShortBuffer direct = direct(bits, order);   // order left as given: no nativeOrder()
            kinds.add(direct);
            kinds.add(direct.asReadOnlyBuffer());
        }
        kinds.add(ShortBuffer.wrap(bits).asReadOnlyBuffer());
        return kinds.toArray(new ShortBuffer[0]);
    }

    @Test
    void everyBufferKindGivesTheArrayAnswer() {
        SplittableRandom r = new SplittableRandom(99);
        for (boolean bf16 : new boolean[] {false, true}) {
            for (int n : new int[] {40, 3000}) {
                short[] bits = new short[2 * n];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = randomBits(r, bf16, 1 + r.nextInt(5));
                }
                int[] shape = {2, n};
                SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.8).withTopK(n == 40 ? 0 : 30)
                        .withTopP(0.9).withHistory(new int[][] {{1, 1, n - 1}}).withLogitBias(Map.of(3, 2.0));
                double[] u = {0.3, 0.8};
                for (Backend be : AllBackends.all()) {
                    LegacyOps ops = Legacy.with(be);
                    int[] wantT = new int[2];
                    float[] wantL = new float[2];
                    ops.sample(type(bf16), bits, 0, shape, o, u, 0, wantT, 0, wantL, 0);
                    float[] wantV = new float[10];
                    long[] wantI = new long[10];
                    ops.topLogProbs(type(bf16), bits, 0, shape, 5, wantV, 0, wantI, 0);
                    long[] wantA = new long[2];
                    ops.argmax(type(bf16), bits, 0, shape, -1, wantA, 0);
                    int kind = 0;
                    for (ShortBuffer xb : bufferKinds(bits)) {
                        String what = be.name() + (bf16 ? " bf16" : " f16") + " n " + n + " kind " + kind++
                                + " " + xb.order() + (xb.isReadOnly() ? " read-only" : "") + (xb.isDirect() ? " direct" : " heap");
                        int[] t = new int[2];
                        float[] l = new float[2];
                        ops.sample(type(bf16), xb, shape, o, DoubleBuffer.wrap(u), java.nio.IntBuffer.wrap(t), FloatBuffer.wrap(l));
                        org.junit.jupiter.api.Assertions.assertArrayEquals(wantT, t, what);
                        org.junit.jupiter.api.Assertions.assertArrayEquals(wantL, l, what);
                        float[] v = new float[10];
                        long[] ix = new long[10];
                        ops.topLogProbs(type(bf16), xb, shape, 5, FloatBuffer.wrap(v), LongBuffer.wrap(ix));
                        org.junit.jupiter.api.Assertions.assertArrayEquals(wantV, v, what);
                        org.junit.jupiter.api.Assertions.assertArrayEquals(wantI, ix, what);
                        long[] a = new long[2];
                        ops.argmax(type(bf16), xb, shape, -1, LongBuffer.wrap(a));
                        org.junit.jupiter.api.Assertions.assertArrayEquals(wantA, a, what);
                    }
                }
            }
        }
    }

    /**
     * Another thread rewrites the 16-bit logits (NaN, infinities, random bits) during calls, on
     * short[] (pinned by native code) and a native-order direct buffer (read by address): every
     * call answers with tokens in [-1, vocab) and indices in [0, vocab), never a crash.
     */
    @Test
    void rewritingSixteenBitLogitsDuringCallsGivesAnAnswer() throws Exception {
        int n = 4096;
        short[] bits = new short[2 * n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < bits.length; i++) {
            bits[i] = randomBits(r, false, 2);
        }
        ShortBuffer xb = direct(bits, ByteOrder.nativeOrder());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            SplittableRandom w = new SplittableRandom(6);
            short[] specials = {(short) 0x7E00, (short) 0x7C00, (short) 0xFC00, (short) 0x7FC0, (short) 0xFF80, 0};
            while (!stop.get()) {
                int i = w.nextInt(bits.length);
                short v = w.nextBoolean() ? specials[w.nextInt(specials.length)] : (short) w.nextInt(1 << 16);
                bits[i] = v;
                xb.put(i, v);
            }
        });
        writer.start();
        int calls = 0;
        try {
            for (Backend be : AllBackends.all()) {
                LegacyOps ops = Legacy.with(be);
                for (int c = 0; c < 60; c++) {
                    boolean bf16 = c % 2 == 0;
                    int[] shape = {2, n};
                    SamplingOptions o = SamplingOptions.DEFAULT.withTemperature(0.9).withTopK(c % 3 == 0 ? 0 : 40)
                            .withTopP(c % 4 == 0 ? 0.7 : 1).withMinP(c % 5 == 0 ? 0.1 : 0);
                    int[] t = new int[2];
                    float[] l = new float[2];
                    long[] ix = new long[10];
                    float[] v = new float[10];
                    if (c % 2 == 0) {
                        ops.sample(type(bf16), bits, 0, shape, o, new double[] {0.5, 0.9}, 0, t, 0, l, 0);
                        ops.topK(type(bf16), bits, 0, shape, 5, v, 0, ix, 0);
                    } else {
                        ops.sample(type(bf16), xb, shape, o, DoubleBuffer.wrap(new double[] {0.5, 0.9}),
                                java.nio.IntBuffer.wrap(t), FloatBuffer.wrap(l));
                        ops.topK(type(bf16), xb, shape, 5, FloatBuffer.wrap(v), LongBuffer.wrap(ix));
                    }
                    for (int tok : t) {
                        assertTrue(tok >= -1 && tok < n, be.name() + ": token " + tok);
                    }
                    for (long i : ix) {
                        assertTrue(i >= 0 && i < n, be.name() + ": index " + i);
                    }
                    calls++;
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(calls > 0);
    }
}
