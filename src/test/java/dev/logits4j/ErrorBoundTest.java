package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.Gen;
import dev.logits4j.testutil.Reference;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures the maximum error against the float64 reference that docs/ACCURACY.md's error table states,
 * and fails if an implementation exceeds the stated bound. Softmax: relative error in units of
 * u (2 + |d|), d = x - max (results above the smallest normal): an implementation that forms d
 * in the input type pays u |d| for it, as the conformance tolerance allows. Log-softmax and
 * logsumexp: |error| / max(1, |result|) in units of u
 * (2^-24 or 2^-53), since near-zero log-probabilities are a difference of O(1) terms. T = 1:
 * with a temperature, rounding x/T adds u(|x/T| + |max|) to the exponent argument, as for any
 * implementation (the conformance tolerance allows for it).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.logits4j.AllBackends#all")
class ErrorBoundTest {
    /** The implementation under test (every one in one JVM: {@link AllBackends}). */
    private final LegacyOps ops;
    private final PropertyTest property;

    ErrorBoundTest(Backend backend) {
        this.ops = Legacy.with(backend);
        this.property = new PropertyTest(backend);
    }
    /** Bounds stated in docs/ACCURACY.md's error table (the same for every implementation). */
    static final double F32_SOFTMAX = 3.0;
    static final double F32_LOG_U = 4.0;
    static final double F64_SOFTMAX = 4.0;
    static final double F64_LOG_U = 8.0;

    @Test
    void measuredErrorsStayWithinTheDocumentedBounds() {
        double[] worst = new double[6];
        Random r = new Random(2024);
        int[] lengths = {1, 2, 7, 33, 100, 1000, 32000, 128256};
        for (boolean f32 : new boolean[] {true, false}) {
            for (int n : lengths) {
                for (String kind : new String[] {"randn", "offset", "overflow-range"}) {
                    for (double t : new double[] {1}) {
                        int rows = Math.max(1, 4000 / n);
                        int[] shape = {rows, n};
                        double[] x = Gen.values(r, rows * n, f32, kind, n);
                        SoftmaxOptions o = SoftmaxOptions.DEFAULT.withTemperature(t);
                        double[] p = property.run("softmax", x, shape, -1, o, f32);
                        double[] lp = property.run("log-softmax", x, shape, -1, o, f32);
                        double[] l = property.run("logsumexp", x, shape, -1, o, f32);
                        double[] rp = Reference.softmax(x, shape, -1, t, false, false);
                        double[] rlp = Reference.softmax(x, shape, -1, t, true, false);
                        double[] rl = Reference.logSumExp(x, shape, -1);
                        int k = f32 ? 0 : 3;
                        double[] rowMax = new double[rows];
                        java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
                        for (int i = 0; i < x.length; i++) {
                            rowMax[i / n] = Math.max(rowMax[i / n], x[i]);
                        }
                        for (int i = 0; i < p.length; i++) {
                            double min = f32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
                            if (rp[i] >= min) {
                                double u = f32 ? 0x1p-24 : 0x1p-53;
                                double d = Math.abs(x[i] - rowMax[i / n]);
                                worst[k] = Math.max(worst[k], Math.abs(p[i] - rp[i]) / (rp[i] * u * (2 + d)));
                            }
                            worst[k + 1] = Math.max(worst[k + 1], logError(lp[i], rlp[i], f32));
                        }
                        for (int i = 0; i < l.length; i++) {
                            worst[k + 2] = Math.max(worst[k + 2], logError(l[i], rl[i], f32));
                        }
                    }
                }
            }
        }
        System.out.printf("max error (%s): float32 softmax %.2f, log-softmax %.2f u, logsumexp %.2f u;"
                        + " float64 softmax %.2f, log-softmax %.2f u, logsumexp %.2f u%n",
                ops.info().implementation(), worst[0], worst[1], worst[2], worst[3], worst[4], worst[5]);
        assertTrue(worst[0] <= F32_SOFTMAX, "float32 softmax " + worst[0]);
        assertTrue(worst[1] <= F32_LOG_U, "float32 log-softmax " + worst[1]);
        assertTrue(worst[2] <= F32_LOG_U, "float32 logsumexp " + worst[2]);
        assertTrue(worst[3] <= F64_SOFTMAX, "float64 softmax " + worst[3]);
        assertTrue(worst[4] <= F64_LOG_U, "float64 log-softmax " + worst[4]);
        assertTrue(worst[5] <= F64_LOG_U, "float64 logsumexp " + worst[5]);
    }

    private static double logError(double got, double ref, boolean f32) {
        if (!Double.isFinite(ref)) {
            return got == ref ? 0 : Double.POSITIVE_INFINITY;
        }
        double u = f32 ? 0x1p-24 : 0x1p-53;
        return Math.abs(got - ref) / Math.max(1, Math.abs(ref)) / u;
    }
}
