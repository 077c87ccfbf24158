package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The training ops' operands: bad arguments refused with a message naming the argument and the
 * value before any kernel runs; memory kinds the kernels cannot take in place (a read-only heap
 * buffer with an offset, the other byte order) giving the array answer on every backend; and
 * targets another thread rewrites during the call giving an answer or the documented exception,
 * never a crash or a write outside the gradient.
 */
class GradientOperandsTest {
    private static final Training T = Logits4j.with(Backend.java()).training();

    /** The call throws IllegalArgumentException, or IndexOutOfBoundsException for a capacity, naming it. */
    private static void refused(String needle, Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException, e.toString());
        assertTrue(e.getMessage().contains(needle), "'" + needle + "' not in: " + e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        float[] x = new float[12];
        Tensor logits = Tensor.of(x, 3, 4);
        Tensor targets = Tensor.of(new int[] {0, 1, 2});
        CrossEntropyOptions mean = CrossEntropyOptions.DEFAULT;
        CrossEntropyOptions none = mean.withReduction(Reduction.NONE);
        refused("grad holds F64", () -> T.crossEntropyWithGradient(logits, targets, mean, Tensor.of(new double[12], 3, 4)));
        refused("grad holds 11 elements", () -> T.crossEntropyWithGradient(logits, targets, mean, Tensor.of(new float[11])));
        refused("targets[1] = 4", () -> T.crossEntropyWithGradient(logits, Tensor.of(new int[] {0, 4, 1}), mean,
                Tensor.of(new float[12], 3, 4)));
        refused("crossEntropyBackward", () -> T.crossEntropyWithGradient(logits, targets, none, Tensor.of(new float[12], 3, 4)));
        refused("upstream holds 2 elements", () -> T.crossEntropyBackward(logits, targets, none, Tensor.of(new float[2]),
                Tensor.of(new float[12], 3, 4)));
        refused("upstream holds F64", () -> T.crossEntropyBackward(logits, targets, mean, Tensor.of(new double[1]),
                Tensor.of(new float[12], 3, 4)));
        refused("weight has length 3", () -> T.crossEntropyWithGradient(logits, targets,
                mean.withWeight(new float[3]), Tensor.of(new float[12], 3, 4)));
        // the gradient may be the logits exactly, but not overlap them otherwise
        refused("overlap", () -> T.crossEntropyWithGradient(Tensor.of(x, 0, new int[] {2, 4}), Tensor.of(new int[] {0, 1}),
                mean, Tensor.of(x, 1, new int[] {2, 4})));
        refused("tokens[2] = 9", () -> T.tokenLogProbs(logits, Tensor.of(new int[] {0, 1, 9}), -100, Tensor.of(new float[3])));
        refused("out holds F64", () -> T.tokenLogProbs(logits, targets, -100, Tensor.of(new double[3])));
        refused("lengths[1] = 5", () -> T.sequenceLogProbs(Tensor.of(new float[24], 2, 3, 4), Tensor.of(new int[6], 2, 3),
                Tensor.of(new int[] {3, 5}), -100, Tensor.of(new float[2])));
        refused("lengths[0] = -1", () -> T.sequenceLogProbs(Tensor.of(new float[24], 2, 3, 4), Tensor.of(new int[6], 2, 3),
                Tensor.of(new long[] {-1, 0}), -100, Tensor.of(new float[2])));
        refused("no sequence axis", () -> T.sequenceLogProbs(Tensor.of(new float[4]), Tensor.of(new int[1]), null, -100,
                Tensor.of(new float[1])));
        refused("y holds F16", () -> T.softmaxBackward(Tensor.of(new short[4], DType.F16), Tensor.of(new short[4], DType.F16),
                Tensor.of(new short[4], DType.F16), 0));
        refused("g has shape [2, 2]", () -> T.softmaxBackward(Tensor.of(new float[4]), Tensor.of(new float[4], 2, 2),
                Tensor.of(new float[4]), 0));
        refused("gradIn holds F64", () -> T.logSoftmaxBackward(Tensor.of(new float[4]), Tensor.of(new float[4]),
                Tensor.of(new double[4]), -1));
        refused("axis 2", () -> T.logSoftmaxBackward(Tensor.of(new float[4], 2, 2), Tensor.of(new float[4], 2, 2),
                Tensor.of(new float[4], 2, 2), 2));
    }

    /** Inputs as a read-only heap buffer with an offset and as big-endian direct memory. */
    @Test
    void otherMemoryKindsGiveTheArrayAnswerOnEveryBackend() {
        int n = 5;
        int c = 700;
        Random r = new Random(27);
        float[] x = new float[3 + n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        int[] t = {3, -100, 699, 0, 42};
        float[] plain = java.util.Arrays.copyOfRange(x, 3, x.length);
        FloatBuffer heap = FloatBuffer.wrap(x, 3, n * c).slice().asReadOnlyBuffer();
        FloatBuffer big = ByteBuffer.allocateDirect(4 * n * c).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        big.put(plain).flip();
        IntBuffer tb = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.BIG_ENDIAN).asIntBuffer();
        tb.put(t).flip();
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1);
        for (Backend be : AllBackends.all()) {
            Training tr = Logits4j.with(be).training();
            float[] want = new float[n * c];
            double loss = tr.crossEntropyWithGradient(Tensor.of(plain, n, c), Tensor.of(t), o, Tensor.of(want, n, c));
            Tensor[] inputs = {Tensor.of(heap, n, c), Tensor.of(big, n, c)};
            for (Tensor in : inputs) {
                float[] got = new float[n * c];
                double l = tr.crossEntropyWithGradient(in, Tensor.of(tb, n), o, Tensor.of(got, n, c));
                assertEquals(loss, l, 1e-6 * Math.abs(loss), be.name() + " " + in);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(want[i], got[i], 1e-6, be.name() + " " + in + " [" + i + "]");
                }
            }
            float[] lp = new float[n];
            float[] lp2 = new float[n];
            tr.tokenLogProbs(Tensor.of(plain, n, c), Tensor.of(t), -100, Tensor.of(lp));
            tr.tokenLogProbs(Tensor.of(big, n, c), Tensor.of(tb, n), -100, Tensor.of(lp2));
            assertArrayEquals(lp, lp2, 1e-6f, be.name());
        }
    }

    /**
     * Another thread rewrites the targets (sometimes out of range) and the logits throughout:
     * each call either returns (the gradient finite where the row was) or throws the documented
     * "changed while the call ran" exception; a canary after the gradient is never written.
     */
    @Test
    void targetsRewrittenDuringTheCallNeverEscapeTheGradient() throws Exception {
        int n = 64;
        int c = 512;
        float[] x = new float[n * c];
        int[] t = new int[n];
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            Random w = new Random(6);
            while (!stop.get()) {
                t[w.nextInt(n)] = w.nextInt(20) == 0 ? c + w.nextInt(1 << 20) : w.nextInt(c);
                x[w.nextInt(x.length)] = (float) w.nextGaussian();
            }
        });
        writer.start();
        int done = 0;
        int changed = 0;
        try {
            for (Backend be : AllBackends.all()) {
                Training tr = Logits4j.with(be).training();
                for (int call = 0; call < 40; call++) {
                    float[] g = new float[n * c + 16];
                    java.util.Arrays.fill(g, n * c, g.length, 7f);
                    try {
                        tr.crossEntropyWithGradient(Tensor.of(x, n, c), Tensor.of(t), CrossEntropyOptions.DEFAULT,
                                Tensor.of(g, 0, new int[] {n, c}));
                        done++;
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().contains("targets["), e.getMessage());
                        changed++;
                    }
                    for (int i = n * c; i < g.length; i++) {
                        assertEquals(7f, g[i], be.name() + ": the canary after the gradient was written");
                    }
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(done + changed > 0);
    }

    /** Two threads on disjoint halves of one gradient array: each half is its own sequential answer. */
    @Test
    void disjointViewsOfOneArrayOnTwoThreadsKeepEachOthersWrites() throws Exception {
        int rows = 200;
        int c = 1024;
        int half = rows * c;
        Random r = new Random(8);
        float[] x = new float[2 * half];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] t = new int[2 * rows];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(c);
        }
        for (Backend be : AllBackends.all()) {
            Training tr = Logits4j.with(be).training();
            float[] want = new float[2 * half];
            for (int h = 0; h < 2; h++) {
                tr.crossEntropyWithGradient(Tensor.of(x, h * half, new int[] {rows, c}), Tensor.of(t, h * rows, new int[] {rows}),
                        CrossEntropyOptions.DEFAULT, Tensor.of(want, h * half, new int[] {rows, c}));
            }
            for (int trial = 0; trial < 5; trial++) {
                float[] g = new float[2 * half];
                Thread[] threads = new Thread[2];
                for (int h = 0; h < 2; h++) {
                    int at = h;
                    threads[h] = new Thread(() -> {
                        for (int rep = 0; rep < 3; rep++) {
                            tr.crossEntropyWithGradient(Tensor.of(x, at * half, new int[] {rows, c}),
                                    Tensor.of(t, at * rows, new int[] {rows}), CrossEntropyOptions.DEFAULT,
                                    Tensor.of(g, at * half, new int[] {rows, c}));
                        }
                    });
                    threads[h].start();
                }
                for (Thread th : threads) {
                    th.join();
                }
                assertArrayEquals(want, g, be.name() + " trial " + trial + ": a half lost the other's writes");
            }
        }
    }

    /** sequenceLogProbs on raw native memory (addressed by bytes) gives the array answer. */
    @Test
    void sequenceLogProbsOnRawMemoryEqualsTheArrays() {
        int b = 3;
        int s = 4;
        int v = 8;
        Random r = new Random(9);
        float[] x = new float[b * s * v];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        int[] tok = new int[b * s];
        for (int i = 0; i < tok.length; i++) {
            tok[i] = r.nextInt(v);
        }
        try (org.bytedeco.javacpp.FloatPointer raw = new org.bytedeco.javacpp.FloatPointer(x)) {
            for (Backend be : AllBackends.all()) {
                Training tr = Logits4j.with(be).training();
                float[] want = new float[b];
                float[] got = new float[b];
                tr.sequenceLogProbs(Tensor.of(x, b, s, v), Tensor.of(tok, b, s), Tensor.of(new int[] {4, 2, 3}), -100,
                        Tensor.of(want));
                tr.sequenceLogProbs(OffHeap.tensor(raw.address(), x.length, DType.F32, b, s, v), Tensor.of(tok, b, s),
                        Tensor.of(new int[] {4, 2, 3}), -100, Tensor.of(got));
                assertArrayEquals(want, got, be.name());
            }
        }
    }

    /** out sharing memory with lengths (written before the next length is read) is refused. */
    @Test
    void sequenceOutputsOverlappingTheLengthsAreRefused() {
        ByteBuffer mem = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        IntBuffer lengths = mem.asIntBuffer();
        lengths.put(0, 0).put(1, 4).put(2, 4);
        FloatBuffer out = mem.position(4).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (Backend be : AllBackends.all()) {
            refused("overlap", () -> Logits4j.with(be).training().sequenceLogProbs(Tensor.of(new float[96], 3, 4, 8),
                    Tensor.of(new int[12], 3, 4), Tensor.of(lengths, 3), -100, Tensor.of(out, 3)));
        }
    }
}
