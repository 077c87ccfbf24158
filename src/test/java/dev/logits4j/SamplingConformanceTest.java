package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The PyTorch vectors of {@code conformance/sampling/gen.py} (argmax, top-k, top log-probs,
 * sample) on every backend, from heap arrays and from direct buffers. The native backends run the
 * Java selection kernels for now (no native sampling kernel yet); they are listed so that the day
 * one lands it meets the same vectors.
 */
class SamplingConformanceTest {
    @SuppressWarnings("unchecked")
    static final List<Map<String, Object>> CASES = load();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load() {
        try (InputStream in = SamplingConformanceTest.class.getResourceAsStream("/conformance/sampling/cases.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(text)).get("cases");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static double num(Object o) {
        if (o instanceof String) {
            switch ((String) o) {
                case "nan":
                    return Double.NaN;
                case "inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw new AssertionError(o);
            }
        }
        return ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static double[] doubles(Object o) {
        List<Object> l = (List<Object>) o;
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = num(l.get(i));
        }
        return a;
    }

    @SuppressWarnings("unchecked")
    static int[] ints(Object o) {
        List<Object> l = (List<Object>) o;
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) l.get(i)).intValue();
        }
        return a;
    }

    @SuppressWarnings("unchecked")
    static SamplingOptions options(Map<String, Object> c) {
        Map<String, Object> p = (Map<String, Object>) c.get("params");
        int width = ((Number) c.get("history_length")).intValue();
        List<Object> hist = (List<Object>) c.get("history");
        long[] padded = new long[hist.size() * width];
        int e = 0;
        for (Object row : hist) {
            for (int id : ints(row)) {
                padded[e++] = id;
            }
        }
        List<Map<Integer, Double>> bias = new ArrayList<>();
        for (Object row : (List<Object>) c.get("bias")) {
            Map<Integer, Double> m = new HashMap<>();
            for (Object pair : (List<Object>) row) {
                List<Object> tv = (List<Object>) pair;
                m.put(((Number) tv.get(0)).intValue(), num(tv.get(1)));
            }
            bias.add(m);
        }
        return SamplingOptions.DEFAULT.withTemperatures(doubles(p.get("temperature")))
                .withTopKs(ints(p.get("top_k"))).withTopPs(doubles(p.get("top_p")))
                .withMinPs(doubles(p.get("min_p")))
                .withRepetitionPenalties(doubles(p.get("repetition_penalty")))
                .withPresenceFrequencyPenalties(doubles(p.get("presence_penalty")), doubles(p.get("frequency_penalty")))
                .withPaddedHistory(padded, width).withLogitBiases(bias);
    }

    private static void close(double want, double got, boolean f32, String what) {
        if (Double.isNaN(want)) {
            assertTrue(Double.isNaN(got), what + ": want NaN, got " + got);
            return;
        }
        double tol = f32 ? 2e-6 * Math.max(1, Math.abs(want)) : 1e-12 * Math.max(1, Math.abs(want));
        assertEquals(want, got, tol, what);
    }

    /** The 16-bit bits of a value the generator rounded to float16 / bfloat16 (exact). */
    static short halfBits(double v, boolean bf16) {
        float f = (float) v;
        if (bf16) {
            return (short) (Float.floatToIntBits(f) >>> 16);   // canonical NaN 0x7FC0
        }
        if (f != f) {
            return (short) 0x7E00;
        }
        int sign = f < 0 || (f == 0 && 1 / f < 0) ? 0x8000 : 0;
        float a = Math.abs(f);
        if (a == Float.POSITIVE_INFINITY) {
            return (short) (sign | 0x7C00);
        }
        if (a < 0x1p-14f) {
            return (short) (sign | Math.round(a * 0x1p24f));   // subnormal: m * 2^-24, exact
        }
        int e = Math.getExponent(a);
        int m = Math.round((a / (float) Math.pow(2, e) - 1) * 1024);
        return (short) (sign | ((e + 15) << 10) | m);
    }

    /** The 16-bit cases: the op on short[] (or a direct ShortBuffer) against PyTorch's op(x.float()). */
    static void checkHalf(Map<String, Object> c, LegacyOps ops, boolean buffers) {
        String id = (String) c.get("id");
        String op = (String) c.get("op");
        boolean bf16 = c.get("dtype").equals("bf16");
        DType type = bf16 ? DType.BF16 : DType.F16;
        int[] shape = ints(c.get("shape"));
        double[] xd = doubles(c.get("x"));
        short[] xs = new short[xd.length];
        for (int i = 0; i < xd.length; i++) {
            xs[i] = halfBits(xd[i], bf16);
            double back = HalfSelectionTest.toDouble(xs[i], bf16);
            assertTrue(back == xd[i] || (back != back && xd[i] != xd[i]), id + ": x[" + i + "] is not a 16-bit value");
        }
        java.nio.ShortBuffer xb = ByteBuffer.allocateDirect(2 * xs.length).order(ByteOrder.nativeOrder()).asShortBuffer().put(xs);
        xb.flip();
        String what = ops.backend().name() + (buffers ? " buffers " : " arrays ") + id;
        switch (op) {
            case "argmax": {
                int[] want = ints(c.get("indices"));
                int axis = ((Number) c.get("axis")).intValue();
                long[] got = new long[want.length];
                if (buffers) {
                    ops.argmax(type, xb, shape, axis, LongBuffer.wrap(got));
                } else {
                    ops.argmax(type, xs, 0, shape, axis, got, 0);
                }
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], what + " [" + i + "]");
                }
                break;
            }
            case "topk":
            case "toplogprobs": {
                boolean lp = op.equals("toplogprobs");
                int k = ((Number) c.get("k")).intValue();
                int[] want = ints(c.get("indices"));
                double[] wantV = doubles(c.get("values"));
                long[] idx = new long[want.length];
                float[] v = new float[want.length];
                if (buffers) {
                    if (lp) {
                        ops.topLogProbs(type, xb, shape, k, FloatBuffer.wrap(v), LongBuffer.wrap(idx));
                    } else {
                        ops.topK(type, xb, shape, k, FloatBuffer.wrap(v), LongBuffer.wrap(idx));
                    }
                } else if (lp) {
                    ops.topLogProbs(type, xs, 0, shape, k, v, 0, idx, 0);
                } else {
                    ops.topK(type, xs, 0, shape, k, v, 0, idx, 0);
                }
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], idx[i], what + " index [" + i + "]");
                    close(wantV[i], v[i], true, what + " value [" + i + "]");
                }
                break;
            }
            case "sample": {
                SamplingOptions o = options(c);
                double[] u = doubles(c.get("u"));
                int[] want = ints(c.get("tokens"));
                double[] wantLp = doubles(c.get("logprobs"));
                int rows = shape[0];
                int[] tok = new int[rows];
                float[] lp = new float[rows];
                if (buffers) {
                    ops.sample(type, xb, shape, o, DoubleBuffer.wrap(u), java.nio.IntBuffer.wrap(tok), FloatBuffer.wrap(lp));
                } else {
                    ops.sample(type, xs, 0, shape, o, u, 0, tok, 0, lp, 0);
                }
                for (int i = 0; i < rows; i++) {
                    assertEquals(want[i], tok[i], what + " token of row " + i);
                    close(wantLp[i], lp[i], true, what + " logprob of row " + i);
                }
                break;
            }
            default:
                throw new AssertionError(op);
        }
    }

    static void check(Map<String, Object> c, LegacyOps ops, boolean buffers) {
        String id = (String) c.get("id");
        String op = (String) c.get("op");
        if (c.get("dtype").equals("f16") || c.get("dtype").equals("bf16")) {
            checkHalf(c, ops, buffers);
            return;
        }
        boolean f32 = c.get("dtype").equals("f32");
        int[] shape = ints(c.get("shape"));
        double[] xd = doubles(c.get("x"));
        float[] xf = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            xf[i] = (float) xd[i];
        }
        FloatBuffer xfb = ByteBuffer.allocateDirect(4 * xd.length).order(ByteOrder.nativeOrder()).asFloatBuffer().put(xf);
        xfb.flip();
        DoubleBuffer xdb = ByteBuffer.allocateDirect(8 * xd.length).order(ByteOrder.nativeOrder()).asDoubleBuffer().put(xd);
        xdb.flip();
        String what = ops.backend().name() + (buffers ? " buffers " : " arrays ") + id;
        switch (op) {
            case "argmax": {
                int[] want = ints(c.get("indices"));
                int axis = ((Number) c.get("axis")).intValue();
                long[] got = new long[want.length];
                LongBuffer gb = LongBuffer.wrap(got);
                if (buffers) {
                    if (f32) {
                        ops.argmax(xfb, shape, axis, gb);
                    } else {
                        ops.argmax(xdb, shape, axis, gb);
                    }
                } else if (f32) {
                    ops.argmax(xf, 0, shape, axis, got, 0);
                } else {
                    ops.argmax(xd, 0, shape, axis, got, 0);
                }
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], what + " [" + i + "]");
                }
                break;
            }
            case "topk":
            case "toplogprobs": {
                boolean lp = op.equals("toplogprobs");
                int k = ((Number) c.get("k")).intValue();
                int[] want = ints(c.get("indices"));
                double[] wantV = doubles(c.get("values"));
                long[] idx = new long[want.length];
                double[] vals = new double[want.length];
                if (f32) {
                    float[] v = new float[want.length];
                    if (buffers) {
                        FloatBuffer vb = ByteBuffer.allocateDirect(4 * Math.max(1, v.length)).order(ByteOrder.nativeOrder()).asFloatBuffer();
                        LongBuffer ib = LongBuffer.wrap(idx);
                        if (lp) {
                            ops.topLogProbs(xfb, shape, k, vb, ib);
                        } else {
                            ops.topK(xfb, shape, k, vb, ib);
                        }
                        vb.get(0, v, 0, v.length);
                    } else if (lp) {
                        ops.topLogProbs(xf, 0, shape, k, v, 0, idx, 0);
                    } else {
                        ops.topK(xf, 0, shape, k, v, 0, idx, 0);
                    }
                    for (int i = 0; i < v.length; i++) {
                        vals[i] = v[i];
                    }
                } else if (buffers) {
                    DoubleBuffer vb = DoubleBuffer.wrap(vals);
                    if (lp) {
                        ops.topLogProbs(xdb, shape, k, vb, LongBuffer.wrap(idx));
                    } else {
                        ops.topK(xdb, shape, k, vb, LongBuffer.wrap(idx));
                    }
                } else if (lp) {
                    ops.topLogProbs(xd, 0, shape, k, vals, 0, idx, 0);
                } else {
                    ops.topK(xd, 0, shape, k, vals, 0, idx, 0);
                }
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], idx[i], what + " index [" + i + "]");
                    close(wantV[i], vals[i], f32, what + " value [" + i + "]");
                }
                break;
            }
            case "sample": {
                SamplingOptions o = options(c);
                double[] u = doubles(c.get("u"));
                int[] want = ints(c.get("tokens"));
                double[] wantLp = doubles(c.get("logprobs"));
                int rows = shape[0];
                int[] tok = new int[rows];
                double[] lps = new double[rows];
                if (f32) {
                    float[] lp = new float[rows];
                    if (buffers) {
                        FloatBuffer lb = FloatBuffer.wrap(lp);
                        ops.sample(xfb, shape, o, DoubleBuffer.wrap(u), java.nio.IntBuffer.wrap(tok), lb);
                    } else {
                        ops.sample(xf, 0, shape, o, u, 0, tok, 0, lp, 0);
                    }
                    for (int i = 0; i < rows; i++) {
                        lps[i] = lp[i];
                    }
                } else if (buffers) {
                    ops.sample(xdb, shape, o, DoubleBuffer.wrap(u), java.nio.IntBuffer.wrap(tok), DoubleBuffer.wrap(lps));
                } else {
                    ops.sample(xd, 0, shape, o, u, 0, tok, 0, lps, 0);
                }
                for (int i = 0; i < rows; i++) {
                    assertEquals(want[i], tok[i], what + " token of row " + i);
                    close(wantLp[i], lps[i], f32, what + " logprob of row " + i);
                }
                break;
            }
            default:
                throw new AssertionError(op);
        }
    }

    @Test
    void theVectorsCoverEveryOpAndCase() {
        assertTrue(CASES.size() >= 130, "cases: " + CASES.size());
        for (String dt : new String[] {"f32", "f64", "f16", "bf16"}) {
            assertTrue(CASES.stream().anyMatch(c -> c.get("dtype").equals(dt) && c.get("op").equals("sample")), dt);
        }
        for (String op : new String[] {"argmax", "topk", "toplogprobs", "sample"}) {
            assertTrue(CASES.stream().anyMatch(c -> c.get("op").equals(op)), op);
        }
        assertTrue(CASES.stream().anyMatch(c -> ((String) c.get("id")).contains("topk-ties-kept")));
        assertTrue(CASES.stream().anyMatch(c -> ((String) c.get("id")).contains("topp-boundary")));
    }

    @TestFactory
    Stream<DynamicTest> everyVectorOnEveryBackend() {
        return AllBackends.all().stream().flatMap(b -> CASES.stream().flatMap(c -> Stream.of(false, true)
                .map(buffers -> DynamicTest.dynamicTest(b.name() + (buffers ? " buffers " : " arrays ") + c.get("id"),
                        () -> check(c, Legacy.with(b), buffers)))));
    }
}
