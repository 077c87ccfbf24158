package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The PyTorch autograd vectors of {@code conformance/gradients/gen.py} (cross-entropy's gradient
 * with every option, token and sequence log-probs, softmax's and log-softmax's backward) on every
 * backend and three memory kinds: heap arrays, direct buffers in the native byte order, and direct
 * buffers in the other one. Each gradient element must lie within {@link #ULPS} units in the last
 * place of the output dtype, measured at the magnitude of the terms it is the difference of
 * ({@code softmax - target} cancels: for cross-entropy {@code |k| A}, the upstream scale times the
 * sum of the target coefficients, which bounds every element of the row; for softmax's backward
 * {@code |y| (|g| + sum |g y|)}, for log-softmax's {@code |g| + exp(y) sum |g|}: a sum is accurate
 * relative to the sum of its terms' magnitudes), of the float64 autograd value;
 * losses and log-probs within a relative {@link #REL32} (float32 outputs) or {@link #REL64}. The
 * loss {@code crossEntropyWithGradient} returns must equal {@code crossEntropy}'s bit for bit on
 * the same backend and memory, and the gradient written in place must equal the one written
 * apart bit for bit. The largest errors seen are printed (docs/ACCURACY.md quotes them).
 */
class GradientConformanceTest {
    static final double ULPS = 8;
    static final double REL32 = 4e-6;
    static final double REL64 = 1e-12;
    private static final Map<String, Double> WORST = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    static final List<Map<String, Object>> CASES = load();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load() {
        try (InputStream in = GradientConformanceTest.class.getResourceAsStream("/conformance/gradients/cases.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(text)).get("cases");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    enum Kind { ARRAY, DIRECT, OTHER_ORDER }

    @TestFactory
    Stream<DynamicTest> everyVectorOnEveryBackendAndMemoryKind() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Backend be : AllBackends.all()) {
            Training t = Logits4j.with(be).training();
            Ops ops = Logits4j.with(be);
            for (Kind kind : Kind.values()) {
                for (Map<String, Object> c : CASES) {
                    String name = be.name() + " " + kind + " " + c.get("id");
                    tests.add(DynamicTest.dynamicTest(name, () -> check(c, t, ops, kind, name)));
                }
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void report() {
        System.out.println("GradientConformanceTest worst errors: " + new java.util.TreeMap<>(WORST));
    }

    static void check(Map<String, Object> c, Training t, Ops ops, Kind kind, String name) {
        switch ((String) c.get("op")) {
            case "ce_grad" -> checkCrossEntropy(c, t, ops, kind, name);
            case "token_logprobs" -> checkLogProbs(c, t, kind, name);
            default -> checkBackward(c, t, kind, name);
        }
    }

    private static void checkCrossEntropy(Map<String, Object> c, Training t, Ops ops, Kind kind, String name) {
        DType dt = dtype(c);
        DType vt = dt == DType.F64 ? DType.F64 : DType.F32;
        int[] shape = SamplingConformanceTest.ints(c.get("shape"));
        double[] want = SamplingConformanceTest.doubles(c.get("grad"));
        double[] wantLoss = SamplingConformanceTest.doubles(c.get("loss"));
        double[] up = SamplingConformanceTest.doubles(c.get("upstream"));
        CrossEntropyOptions o = options(c);
        Tensor logits = logits(c, kind);
        Tensor targets = targets(c, kind);
        Tensor upstream = values(up, vt, new int[] {up.length}, kind);
        Out grad = output(want.length, vt, shape, kind);
        double loss;
        if (o.reduction() == Reduction.NONE) {
            t.crossEntropyBackward(logits, targets, o, upstream, grad.t());
            Out out = output(wantLoss.length, vt, new int[] {wantLoss.length}, kind);
            ops.crossEntropy(logits, targets, out.t(), o);
            double[] got = out.values().get();
            for (int i = 0; i < got.length; i++) {
                closeRel(wantLoss[i], got[i], vt, name + " loss[" + i + "]", "ce loss");
            }
        } else {
            double forward = ops.crossEntropy(logits, targets, o);
            if (up[0] == 0.75) {
                // the gradient of the loss times 0.75: crossEntropyBackward's; the loss itself
                // from crossEntropyWithGradient (gradient x 1) must be crossEntropy's bit for bit
                Out g1 = output(want.length, vt, shape, kind);
                loss = t.crossEntropyWithGradient(logits, targets, o, g1.t());
                assertEquals(Double.doubleToLongBits(forward), Double.doubleToLongBits(loss),
                        name + ": crossEntropyWithGradient's loss " + loss + " is not crossEntropy's " + forward);
                closeRel(wantLoss[0], loss, vt, name + " loss", "ce loss");
                double[] g = g1.values().get();
                double[] scaled = new double[want.length];
                for (int i = 0; i < want.length; i++) {
                    scaled[i] = want[i] / 0.75;
                }
                closeGrad(scaled, g, ceScale(c, 1 / 0.75), vt, name + " withGradient", "ce grad");
                if (dt == vt && kind == Kind.ARRAY) {
                    // in place over a copy of the logits: the same gradient, bit for bit
                    double[] x = SamplingConformanceTest.doubles(c.get("x"));
                    Out inPlace = output(x.length, vt, shape, kind);
                    Tensor ipt = vt == DType.F64 ? Tensor.of(x, shape) : null;
                    float[] xf = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        xf[i] = (float) x[i];
                    }
                    if (ipt == null) {
                        ipt = Tensor.of(xf, shape);
                    }
                    double l2 = t.crossEntropyWithGradient(ipt, targets, o, ipt);
                    assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(l2), name + " in place loss");
                    double[] ip = vt == DType.F64 ? x : widen(xf);
                    for (int i = 0; i < ip.length; i++) {
                        assertEquals(Double.doubleToLongBits(g[i]), Double.doubleToLongBits(ip[i]),
                                name + " in place grad[" + i + "]");
                    }
                }
            }
            t.crossEntropyBackward(logits, targets, o, upstream, grad.t());
        }
        closeGrad(want, grad.values().get(), ceScale(c, 1), vt, name, "ce grad");
    }

    private static void checkLogProbs(Map<String, Object> c, Training t, Kind kind, String name) {
        DType dt = dtype(c);
        DType vt = dt == DType.F64 ? DType.F64 : DType.F32;
        int[] shape = SamplingConformanceTest.ints(c.get("shape"));
        int b = shape[0];
        int s = shape[1];
        long ignore = ((Number) c.get("ignore_index")).longValue();
        double[] want = SamplingConformanceTest.doubles(c.get("logprobs"));
        double[] wantH = SamplingConformanceTest.doubles(c.get("entropy"));
        double[] wantSeq = SamplingConformanceTest.doubles(c.get("seq"));
        Tensor logits = logits(c, kind);
        Tensor tokens = indices(SamplingConformanceTest.ints(c.get("tokens")), DType.I64, new int[] {b, s}, kind);
        Out out = output(b * s, vt, new int[] {b, s}, kind);
        Out h = output(b * s, vt, new int[] {b, s}, kind);
        t.tokenLogProbs(logits, tokens, ignore, out.t(), h.t());
        double[] got = out.values().get();
        double[] gotH = h.values().get();
        for (int i = 0; i < want.length; i++) {
            closeRel(want[i], got[i], vt, name + " logprob[" + i + "]", "token logprob");
            closeRel(wantH[i], gotH[i], vt, name + " entropy[" + i + "]", "entropy");
        }
        Out seq = output(b, vt, new int[] {b}, kind);
        Tensor lengths = indices(SamplingConformanceTest.ints(c.get("lengths")), DType.I32, new int[] {b}, kind);
        Out h2 = output(b * s, vt, new int[] {b, s}, kind);
        t.sequenceLogProbs(logits, tokens, lengths, ignore, seq.t(), h2.t());
        double[] gotSeq = seq.values().get();
        for (int i = 0; i < b; i++) {
            closeRel(wantSeq[i], gotSeq[i], vt, name + " sequence[" + i + "]", "sequence logprob");
        }
        double[] gotH2 = h2.values().get();
        for (int i = 0; i < wantH.length; i++) {
            closeRel(wantH[i], gotH2[i], vt, name + " sequence entropy[" + i + "]", "entropy");
        }
    }

    private static void checkBackward(Map<String, Object> c, Training t, Kind kind, String name) {
        DType dt = dtype(c);
        int[] shape = SamplingConformanceTest.ints(c.get("shape"));
        int axis = ((Number) c.get("axis")).intValue();
        boolean log = c.get("op").equals("log_softmax_backward");
        double[] y = SamplingConformanceTest.doubles(c.get("y"));
        double[] g = SamplingConformanceTest.doubles(c.get("g"));
        double[] want = SamplingConformanceTest.doubles(c.get("grad"));
        Tensor yt = values(y, dt, shape, kind);
        Tensor gt = values(g, dt, shape, kind);
        Out gx = output(want.length, dt, shape, kind);
        if (log) {
            t.logSoftmaxBackward(yt, gt, gx.t(), axis);
        } else {
            t.softmaxBackward(yt, gt, gx.t(), axis);
        }
        double[] got = gx.values().get();
        closeGrad(want, got, backwardScale(y, g, shape, axis < 0 ? axis + shape.length : axis, log), dt,
                name, log ? "log-softmax backward" : "softmax backward");
        // in place over g (arrays): the same values bit for bit
        if (kind != Kind.ARRAY) {
            return;
        }
        double[] gd = g.clone();
        float[] gf = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            gf[i] = (float) g[i];
        }
        Tensor inPlace = dt == DType.F64 ? Tensor.of(gd, shape) : Tensor.of(gf, shape);
        if (log) {
            t.logSoftmaxBackward(yt, inPlace, inPlace, axis);
        } else {
            t.softmaxBackward(yt, inPlace, inPlace, axis);
        }
        double[] ip = dt == DType.F64 ? gd : widen(gf);
        for (int i = 0; i < ip.length; i++) {
            assertEquals(Double.doubleToLongBits(got[i]), Double.doubleToLongBits(ip[i]), name + " in place [" + i + "]");
        }
    }

    // ---- comparisons -------------------------------------------------------------------------

    /** Each element within ULPS ulps (of the output dtype) of its term scale {@code scale[i]}. */
    static void closeGrad(double[] want, double[] got, double[] scale, DType vt, String what, String op) {
        double u = vt == DType.F64 ? 0x1p-52 : 0x1p-23;
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i])) {
                assertTrue(Double.isNaN(got[i]), what + " [" + i + "]: want NaN, got " + got[i]);
                continue;
            }
            double ulp = u * Math.max(scale[i], Double.MIN_NORMAL);
            double err = got[i] == want[i] ? 0 : Math.abs(got[i] - want[i]) / ulp;
            assertTrue(err <= ULPS, what + " [" + i + "]: want " + want[i] + ", got " + got[i] + " ("
                    + err + " ulps of the terms' scale " + scale[i] + ")");
            worst = Math.max(worst, err);
        }
        WORST.merge(op + " " + vt + " (ulps of the terms' scale)", worst, Math::max);
    }

    /**
     * Cross-entropy's term scale per element: {@code |k_p| A_p} for the element's position p, with
     * k_p the upstream value (NONE) or the upstream scalar over the MEAN divisor, times
     * {@code factor}, and A_p the sum of the loss's coefficients of log softmax (see
     * GradientRows): {@code (1 - eps) w_t + eps sum(w) / C} or {@code sum_c w_c ((1 - eps) q_c + eps / C)}.
     */
    static double[] ceScale(Map<String, Object> c, double factor) {
        int[] shape = SamplingConformanceTest.ints(c.get("shape"));
        int n = shape.length == 1 ? 1 : shape[0];
        int cls = shape.length == 1 ? shape[0] : shape[1];
        int inner = 1;
        for (int i = 2; i < shape.length; i++) {
            inner *= shape[i];
        }
        double eps = ((Number) c.get("label_smoothing")).doubleValue();
        double[] w = c.containsKey("weight") ? SamplingConformanceTest.doubles(c.get("weight")) : null;
        boolean probs = ((String) c.get("target_dtype")).startsWith("f");
        double[] q = probs ? SamplingConformanceTest.doubles(c.get("targets")) : null;
        int[] t = probs ? null : SamplingConformanceTest.ints(c.get("targets"));
        long ignore = ((Number) c.get("ignore_index")).longValue();
        double[] up = SamplingConformanceTest.doubles(c.get("upstream"));
        String reduction = (String) c.get("reduction");
        double wsum = 0;
        for (int j = 0; j < cls; j++) {
            wsum += w == null ? 1 : w[j];
        }
        double divisor = 0;
        for (int p = 0; p < n * inner; p++) {
            divisor += probs ? 1 : t[p] == ignore ? 0 : w == null ? 1 : w[t[p]];
        }
        double[] s = new double[n * cls * inner];
        for (int o = 0; o < n; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * inner + i;
                double k = reduction.equals("none") ? up[p] : reduction.equals("mean") ? up[0] / divisor : up[0];
                double a = 0;
                if (probs) {
                    for (int j = 0; j < cls; j++) {
                        a += (w == null ? 1 : w[j]) * ((1 - eps) * q[(o * cls + j) * inner + i] + eps / cls);
                    }
                } else if (t[p] != ignore) {
                    a = (1 - eps) * (w == null ? 1 : w[t[p]]) + eps * wsum / cls;
                }
                for (int j = 0; j < cls; j++) {
                    s[(o * cls + j) * inner + i] = Math.abs(k * factor) * a;
                }
            }
        }
        return s;
    }

    /** The backward ops' term scale per element (see the class comment). */
    static double[] backwardScale(double[] y, double[] g, int[] shape, int axis, boolean log) {
        int n = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = y.length / Math.max(1, n * inner);
        double[] s = new double[y.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double d = 0;   // the sum's terms' magnitude: what its rounding is relative to
                for (int j = 0; j < n; j++) {
                    int e = (o * n + j) * inner + i;
                    d += Math.abs(log ? g[e] : g[e] * y[e]);
                }
                for (int j = 0; j < n; j++) {
                    int e = (o * n + j) * inner + i;
                    s[e] = log ? Math.abs(g[e]) + Math.exp(y[e]) * Math.abs(d)
                            : Math.abs(y[e]) * (Math.abs(g[e]) + Math.abs(d));
                }
            }
        }
        return s;
    }

    static void closeRel(double want, double got, DType vt, String what, String op) {
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            assertEquals(want, got, what);
            return;
        }
        double rel = vt == DType.F64 ? REL64 : REL32;
        double err = Math.abs(got - want) / Math.max(1, Math.abs(want));
        assertTrue(err <= rel, what + ": want " + want + ", got " + got + " (relative " + err + ")");
        WORST.merge(op + " " + vt + " (relative, to max(1, |want|))", err, Math::max);
    }

    // ---- operands ----------------------------------------------------------------------------

    static DType dtype(Map<String, Object> c) {
        return switch ((String) c.get("dtype")) {
            case "f32" -> DType.F32;
            case "f64" -> DType.F64;
            case "f16" -> DType.F16;
            default -> DType.BF16;
        };
    }

    static CrossEntropyOptions options(Map<String, Object> c) {
        CrossEntropyOptions o = CrossEntropyOptions.DEFAULT
                .withIgnoreIndex(((Number) c.get("ignore_index")).longValue())
                .withLabelSmoothing(((Number) c.get("label_smoothing")).doubleValue())
                .withReduction(switch ((String) c.get("reduction")) {
                    case "mean" -> Reduction.MEAN;
                    case "sum" -> Reduction.SUM;
                    default -> Reduction.NONE;
                });
        if (c.containsKey("weight")) {
            o = o.withWeight(SamplingConformanceTest.doubles(c.get("weight")));
        }
        return o;
    }

    static Tensor logits(Map<String, Object> c, Kind kind) {
        DType dt = dtype(c);
        int[] shape = SamplingConformanceTest.ints(c.get("shape"));
        if (dt.isHalf()) {
            int[] bits = SamplingConformanceTest.ints(c.get("x_bits"));
            short[] s = new short[bits.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) bits[i];
            }
            if (kind == Kind.ARRAY) {
                return Tensor.of(s, dt, shape);
            }
            ByteBuffer b = ByteBuffer.allocateDirect(2 * s.length).order(order(kind));
            b.asShortBuffer().put(s);
            return Tensor.of(b.asShortBuffer(), dt, shape);
        }
        return values(SamplingConformanceTest.doubles(c.get("x")), dt, shape, kind);
    }

    static Tensor targets(Map<String, Object> c, Kind kind) {
        int[] shape = SamplingConformanceTest.ints(c.get("shape"));
        String tt = (String) c.get("target_dtype");
        if (tt.startsWith("f")) {
            return values(SamplingConformanceTest.doubles(c.get("targets")), tt.equals("f64") ? DType.F64 : DType.F32,
                    shape, kind);
        }
        int[] tshape = new int[shape.length - 1];
        tshape[0] = shape[0];
        System.arraycopy(shape, 2, tshape, 1, shape.length - 2);
        return indices(SamplingConformanceTest.ints(c.get("targets")), tt.equals("i32") ? DType.I32 : DType.I64,
                tshape, kind);
    }

    static ByteOrder order(Kind kind) {
        if (kind == Kind.DIRECT) {
            return ByteOrder.nativeOrder();
        }
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    static Tensor values(double[] v, DType dt, int[] shape, Kind kind) {
        if (dt == DType.F64) {
            if (kind == Kind.ARRAY) {
                return Tensor.of(v.clone(), shape);
            }
            ByteBuffer b = ByteBuffer.allocateDirect(8 * Math.max(1, v.length)).order(order(kind));
            b.asDoubleBuffer().put(v);
            return Tensor.of(b.asDoubleBuffer(), shape);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        if (kind == Kind.ARRAY) {
            return Tensor.of(f, shape);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(4 * Math.max(1, f.length)).order(order(kind));
        b.asFloatBuffer().put(f);
        return Tensor.of(b.asFloatBuffer(), shape);
    }

    static Tensor indices(int[] v, DType dt, int[] shape, Kind kind) {
        if (dt == DType.I32) {
            if (kind == Kind.ARRAY) {
                return Tensor.of(v.clone(), shape);
            }
            ByteBuffer b = ByteBuffer.allocateDirect(4 * Math.max(1, v.length)).order(order(kind));
            b.asIntBuffer().put(v);
            return Tensor.of(b.asIntBuffer(), shape);
        }
        long[] l = new long[v.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = v[i];
        }
        if (kind == Kind.ARRAY) {
            return Tensor.of(l, shape);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(8 * Math.max(1, l.length)).order(order(kind));
        b.asLongBuffer().put(l);
        return Tensor.of(b.asLongBuffer(), shape);
    }

    /** An output view and how to read its values back as doubles. */
    record Out(Tensor t, java.util.function.Supplier<double[]> values) {}

    static Out output(int n, DType dt, int[] shape, Kind kind) {
        if (dt == DType.F64) {
            if (kind == Kind.ARRAY) {
                double[] a = new double[n];
                return new Out(Tensor.of(a, shape), () -> a.clone());
            }
            java.nio.DoubleBuffer b = ByteBuffer.allocateDirect(8 * Math.max(1, n)).order(order(kind)).asDoubleBuffer();
            return new Out(Tensor.of(b, shape), () -> {
                double[] r = new double[n];
                b.get(0, r);
                return r;
            });
        }
        if (kind == Kind.ARRAY) {
            float[] a = new float[n];
            return new Out(Tensor.of(a, shape), () -> widen(a));
        }
        java.nio.FloatBuffer b = ByteBuffer.allocateDirect(4 * Math.max(1, n)).order(order(kind)).asFloatBuffer();
        return new Out(Tensor.of(b, shape), () -> {
            float[] r = new float[n];
            b.get(0, r);
            return widen(r);
        });
    }

    static double[] widen(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
