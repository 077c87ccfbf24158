package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * argmax, top-k and top log-probs under a token mask, against a float64 reference written here:
 * the allowed tokens ordered by value descending (a NaN the largest), index ascending; the slots
 * past them index -1 and value -inf; raw log-probs {@code log_softmax} of the whole row,
 * renormalised ones {@code log_softmax} of the row with the disallowed tokens at -inf (all NaN,
 * in index order, when that row has a NaN or +inf or nothing finite). Every backend, arrays, a
 * direct buffer in the other byte order and the parallel form; allowed counts at the paths'
 * boundaries (none, one, vocab / 16 gathered, vocab / 16 + 1 scanned), k around them, short and
 * long masks, rows with floods of ties (the scan's fallback), NaN and +inf inside and outside the
 * allowed set.
 */
class MaskedSelectionTest {
    /** Rows: gaussian; a flood (most values equal to the maximum); special values placed. */
    private static float[] row(int vocab, int kind, long seed) {
        Random r = new Random(seed);
        float[] x = new float[vocab];
        for (int j = 0; j < vocab; j++) {
            x[j] = (float) r.nextGaussian();
        }
        if (kind == 1) {
            for (int j = vocab / 4; j < vocab; j++) {
                x[j] = 5f;
            }
        } else if (kind == 2) {
            x[r.nextInt(vocab)] = Float.NaN;
        } else if (kind == 3) {
            x[r.nextInt(vocab)] = Float.POSITIVE_INFINITY;
            x[r.nextInt(vocab)] = Float.NEGATIVE_INFINITY;
        }
        return x;
    }

    /** The allowed ids in (value descending, NaN largest; index ascending) order. */
    private static List<Integer> order(float[] x, int[] m) {
        List<Integer> a = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            if (TestMasks.allowed(m, j)) {
                a.add(j);
            }
        }
        a.sort((p, q) -> {
            boolean np = Float.isNaN(x[p]);
            boolean nq = Float.isNaN(x[q]);
            if (np || nq) {
                return np && nq ? Integer.compare(p, q) : np ? -1 : 1;
            }
            int c = Float.compare(x[q] + 0f, x[p] + 0f);
            return c != 0 ? c : Integer.compare(p, q);
        });
        return a;
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            d[j] = x[j];
        }
        return d;
    }

    @Test
    void maskedSelectionIsTheReferenceOnEveryBackendAndMemoryKind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try {
            for (int vocab : new int[] {31, 33, 2047, 2048, 32000}) {
                int need = (vocab + 31) / 32;
                int[] counts = {0, 1, 7, vocab / 16, vocab / 16 + 1, vocab / 2, vocab};
                for (int ci = 0; ci < counts.length; ci++) {
                    for (int kind = 0; kind < 4; kind++) {
                        int words = (ci + kind) % 3 == 0 ? need : (ci + kind) % 3 == 1 ? Math.max(1, need / 2) : need + 1;
                        int[] m = TestMasks.random(vocab, Math.min(counts[ci], vocab), words, vocab * 31L + ci * 7 + kind);
                        float[] x = row(vocab, kind, vocab + 13L * ci + kind);
                        for (int k : new int[] {1, Math.min(vocab, 5), Math.min(vocab, 50)}) {
                            checked += check(vocab + " allowed " + counts[ci] + " kind " + kind + " words "
                                    + words + " k " + k, x, m, k, pool, wrong);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong of " + checked + ":\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(30, wrong.size()))));
        assertTrue(checked > 1000, "checked " + checked);
    }

    private static int check(String name, float[] x, int[] m, int k, ExecutorService pool,
                             List<String> wrong) {
        int vocab = x.length;
        List<Integer> ord = order(x, m);
        int kept = Math.min(k, ord.size());
        double[] raw = SamplingReference.logNormaliser(toDoubles(x));
        double[] maskedRow = new double[vocab];
        for (int j = 0; j < vocab; j++) {
            maskedRow[j] = TestMasks.allowed(m, j) ? x[j] : Double.NEGATIVE_INFINITY;
        }
        double[] ren = SamplingReference.logNormaliser(maskedRow);
        List<Integer> byIndex = new ArrayList<>(ord);
        java.util.Collections.sort(byIndex);
        int checks = 0;
        for (Backend be : AllBackends.all()) {
            Ops ops = Logits4j.with(be);
            for (int mode = 0; mode < 4; mode++) {
                float[] v = new float[2 * k];
                int[] ix = new int[2 * k];
                Tensor xt = Tensor.of(concat(x, x), 2, vocab);
                Tensor mt = Tensor.of(concat(m, m), 2, m.length);
                Ops o = mode == 3 ? ops.parallel(pool, 2) : ops;
                boolean renorm = mode == 2;
                if (mode == 0 || mode == 3) {
                    o.topK(xt, mt, k, Tensor.of(v), Tensor.of(ix));
                } else {
                    o.topLogProbs(xt, mt, k, renorm, Tensor.of(v), Tensor.of(ix));
                }
                boolean logProbs = mode == 1 || mode == 2;
                double[] norm = renorm ? ren : raw;
                boolean nan = logProbs && norm[0] != norm[0];
                List<Integer> want = nan ? byIndex : ord;
                for (int r = 0; r < 2; r++) {
                    for (int j = 0; j < k; j++) {
                        int gi = ix[r * k + j];
                        float gv = v[r * k + j];
                        int wi = j < kept ? want.get(j) : -1;
                        boolean ok;
                        if (j >= kept) {
                            ok = gi == -1 && gv == Float.NEGATIVE_INFINITY;
                        } else if (!logProbs) {
                            ok = gi == wi && Float.floatToIntBits(gv) == Float.floatToIntBits(x[wi]);
                        } else {
                            double w = nan ? Double.NaN : ((renorm ? maskedRow[wi] : x[wi]) - norm[0]) - norm[1];
                            ok = gi == wi && SelectionOracle.logProbAgrees(gv, w, true);
                        }
                        checks++;
                        if (!ok && wrong.size() < 200) {
                            wrong.add(name + " " + be.name() + " mode " + mode + " row " + r + " slot " + j
                                    + ": (" + gi + ", " + gv + "), want " + wi);
                        }
                    }
                }
            }
            // argmax: the first of the order, -1 for none; arrays and a big-endian direct buffer
            int[] am = new int[2];
            ops.argmax(Tensor.of(concat(x, x), 2, vocab), Tensor.of(concat(m, m), 2, m.length), Tensor.of(am));
            ByteBuffer bb = ByteBuffer.allocateDirect(vocab * 4).order(ByteOrder.BIG_ENDIAN);
            bb.asFloatBuffer().put(x);
            long[] one = new long[1];
            ops.argmax(Tensor.of(bb, DType.F32, 1, vocab), Tensor.of(m, 1, m.length), Tensor.of(one));
            int wantArg = ord.isEmpty() ? -1 : ord.get(0);
            checks += 3;
            if (am[0] != wantArg || am[1] != wantArg || one[0] != wantArg) {
                wrong.add(name + " " + be.name() + " argmax " + am[0] + "/" + am[1] + "/" + one[0]
                        + ", want " + wantArg);
            }
        }
        return checks;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void badMasksAreRefusedNamingTheArgument() {
        Ops ops = Logits4j.ops();
        Tensor x = Tensor.of(new float[64], 2, 32);
        int[] out = {-7, -7};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.argmax(x, Tensor.of(new long[2], 2, 1), Tensor.of(out)));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("I64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.topK(x, Tensor.of(new int[1], 1, 1), 1, Tensor.of(new float[2]), Tensor.of(out)));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("1 rows"), e.getMessage());
        assertThrows(NullPointerException.class,
                () -> ops.topLogProbs(x, null, 1, true, Tensor.of(new float[2]), Tensor.of(out)));
        int[] shared = new int[4];
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.topK(x, Tensor.of(shared, 2, 1), 1, Tensor.of(new float[2]),
                        Tensor.of(shared, 1, new int[] {2})));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("indices"), e.getMessage());
        assertEquals(-7, out[0]);
    }
}
