package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.testutil.CaseRunner;
import dev.logits4j.testutil.Conformance;
import dev.logits4j.testutil.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every implementation as a value, side by side in one JVM (Lucene's test style): the Java kernels
 * (Vector API where the JVM has it, and scalar), and each native variant this CPU runs. Each runs
 * every PyTorch conformance case and a sweep of row lengths around every vector tile against the
 * float64 reference. Separate-JVM runs remain for what is JVM-wide (system properties, loading).
 */
class BackendValuesTest {
    private static final boolean EXPECT_NATIVE = Boolean.getBoolean("logits4j.test.expectNative");

    static List<Backend> backends() {
        return AllBackends.all();
    }

    @Test
    void eachBackendIsWhatItSays() {
        List<Backend> all = backends();
        assertEquals("java", Backend.java().info().implementation());
        for (Backend b : all) {
            LegacyOps ops = Legacy.with(b);
            assertEquals(b, ops.backend());
            assertEquals(b.name(), ops.info().implementation(), b + ": " + ops.info());
        }
        if (EXPECT_NATIVE) {
            assertTrue(all.stream().anyMatch(b -> b.name().equals("native-scalar")), all.toString());
        }
        assertEquals("auto", Backend.auto().name());
    }

    @Test
    void unknownVariantsAndNullsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.nativeVariant("avx1024"));
        assertTrue(e.getMessage().contains("avx1024"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Backend.nativeVariant(null));
        assertThrows(NullPointerException.class, () -> Legacy.with(null));
    }

    @TestFactory
    Stream<DynamicTest> everyConformanceCaseOnEveryBackend() {
        List<Conformance.Case> cases = ConformanceTest.CASES;
        return backends().stream().flatMap(b -> cases.stream().filter(Conformance.Case::ok)
                .map(c -> DynamicTest.dynamicTest(b.name() + " " + c.id(), () -> {
                    double[] got = CaseRunner.run(c, CaseRunner.Memory.HEAP_ARRAY, Legacy.with(b));
                    String failure = Conformance.compare(got, CaseRunner.expected(c), c.atol(), c.rtol());
                    assertNull(failure, () -> b.name() + " " + c.id() + ": " + failure);
                })));
    }

    /** Row lengths at, below and above every tile of every variant (W = 1, 8, 16; 4W; 64W). */
    private static int[] lengths() {
        List<Integer> n = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            n.add(i);
        }
        for (int tile : new int[] {128, 256, 512, 1024, 4096}) {
            n.add(tile - 1);
            n.add(tile);
            n.add(tile + 1);
        }
        return n.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void rowLengthsAroundEveryTileAgreeWithFloat64() {
        Random r = new Random(21);
        int checked = 0;
        for (Backend b : backends()) {
            LegacyOps ops = Legacy.with(b);
            for (int n : lengths()) {
                int rows = 3;
                float[] x = new float[rows * n];
                double[] xd = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (90 + 10 * r.nextDouble());   // exp overflows unless the max is subtracted
                    xd[i] = x[i];
                }
                int[] shape = {rows, n};
                float[] y = ops.logSoftmax(x, shape, -1, SoftmaxOptions.DEFAULT);
                double[] ref = Reference.softmax(xd, shape, -1, 1, true, false);
                float[] p = ops.softmax(x, shape, -1, SoftmaxOptions.DEFAULT);
                double[] pref = Reference.softmax(xd, shape, -1, 1, false, false);
                float[] lse = ops.logSumExp(x, shape, -1);
                double[] lref = Reference.logSumExp(xd, shape, -1);
                for (int i = 0; i < x.length; i++) {
                    String what = b.name() + " n=" + n + " element " + i;
                    assertEquals(ref[i], y[i], 4e-6 * Math.max(1, Math.abs(ref[i])), what + " log-softmax");
                    assertEquals(pref[i], p[i], 2e-6 * pref[i] + 1e-12, what + " softmax");
                }
                for (int i = 0; i < rows; i++) {
                    assertEquals(lref[i], lse[i], 4e-6 * Math.abs(lref[i]), b.name() + " n=" + n + " logsumexp");
                }
                checked++;
            }
        }
        assertTrue(checked >= 2 * lengths().length, "lengths run: " + checked);
    }
}
