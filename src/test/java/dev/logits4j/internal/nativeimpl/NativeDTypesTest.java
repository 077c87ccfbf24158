package dev.logits4j.internal.nativeimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dtype codes: Java's copy ({@link NativeDTypes}) agrees with the source of truth
 * ({@code native/dispatch/dtypes.h}, asked through {@code l4j_dtype_name/size}), and a code an
 * entry point does not take is refused by the native side (nothing read: every pointer here is
 * null) and turned into an exception by the Java side.
 */
class NativeDTypesTest {
    private static final int[] NOT_LOGITS = {-1, NativeDTypes.I32, NativeDTypes.I64, 6, 99,
            Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final int[] NOT_TARGETS = {-1, NativeDTypes.F32, NativeDTypes.F64, NativeDTypes.F16,
            NativeDTypes.BF16, 6, Integer.MIN_VALUE};

    private static int isa;

    @BeforeAll
    static void load() {
        try {
            isa = VariantTable.best(NativeKernels.cpuFeatures()).id();
        } catch (Throwable t) {
            // where the build made the native library (the project's test runs say so) a failure to
            // load fails this test; only a build without one (-Djavacpp.skip) skips it
            if (Boolean.getBoolean("logits4j.test.expectNative")) {
                throw new AssertionError("the build made the native library, which must load", t);
            }
            Assumptions.assumeTrue(false, "no native library in this build: " + t);
        }
    }

    @Test
    void javaCodesAreTheNativeOnes() {
        for (int i = 0; i < NativeDTypes.ALL.length; i++) {
            int code = NativeDTypes.ALL[i];
            assertEquals(i, code, "codes are 0, 1, 2, ... in order");
            assertEquals(NativeDTypes.name(code), NativeBinding.l4j_dtype_name(code), "name of " + code);
            assertEquals(NativeDTypes.size(code), NativeBinding.l4j_dtype_size(code), "size of " + code);
        }
        // the native side knows no code Java lacks
        int next = NativeDTypes.ALL.length;
        for (int code : new int[] {-1, next, next + 1, 255, Integer.MIN_VALUE}) {
            assertEquals("", NativeBinding.l4j_dtype_name(code), "unknown code " + code);
            assertEquals(0, NativeBinding.l4j_dtype_size(code), "unknown code " + code);
        }
    }

    @Test
    void theNativeSideRefusesCodesItDoesNotTake() {
        ByteBuffer badBuffer = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        long bad = NativeBinding.directBufferAddress(badBuffer);
        for (int dt : NOT_LOGITS) {
            String at = "logits code " + dt;
            assertEquals(NativeDTypes.REFUSED, NativeBinding.l4j_softmax(isa, dt, 0L, 0, 0L, 0, 2, 5, 3, 1.0, 0), at);
            assertEquals(NativeDTypes.REFUSED, NativeBinding.l4j_logsumexp(isa, dt, 0L, 0, 0L, 0, 2, 5, 3), at);
            badBuffer.putLong(0, 7);
            assertTrue(Double.isNaN(NativeBinding.l4j_ce_index(isa, dt, 0L, 0, 0L, 0, NativeDTypes.I64, 2, 5, 3,
                    0L, -100, 0, 0L, 0, bad)), at);
            assertEquals(NativeDTypes.REFUSED, badBuffer.getLong(0), at);
            assertTrue(Double.isNaN(NativeBinding.l4j_ce_prob(isa, dt, 0L, 0, 0L, 0, 2, 5, 3, 0L, 0, 0L, 0)), at);
            assertEquals(NativeDTypes.REFUSED, NativeBinding.l4j_collect_top(isa, dt, 0L, 0, 5, 1, new int[1024],
                    new double[1024], new long[1024], 1024, Double.NEGATIVE_INFINITY, 0, null, 0), at);
            assertTrue(Double.isNaN(NativeBinding.l4j_row_log_prob(isa, dt, 0L, 0, 5, 1)), at);
            assertTrue(Double.isNaN(NativeBinding.l4j_sum_exp_blocks(isa, dt, 0L, 0, 5, 0, 1, null, null, 0,
                    new double[1])), at);
            // and the Java side turns each of those answers into an exception
            assertThrows(IllegalStateException.class, () -> NativeDTypes.checked(NativeDTypes.REFUSED, "t", dt));
            assertThrows(IllegalStateException.class, () -> NativeDTypes.checked(Double.NaN, "t", dt));
        }
        for (int tt : NOT_TARGETS) {
            for (int dt : new int[] {NativeDTypes.F32, NativeDTypes.F64, NativeDTypes.F16, NativeDTypes.BF16}) {
                badBuffer.putLong(0, 7);
                assertTrue(Double.isNaN(NativeBinding.l4j_ce_index(isa, dt, 0L, 0, 0L, 0, tt, 2, 5, 3,
                        0L, -100, 0, 0L, 0, bad)), "targets code " + tt);
                assertEquals(NativeDTypes.REFUSED, badBuffer.getLong(0), "targets code " + tt);
            }
        }
        // a NaN answer for logits the native side takes is an answer, not a refusal
        assertTrue(Double.isNaN(NativeDTypes.checked(Double.NaN, "t", NativeDTypes.BF16)));
        assertEquals(3L, NativeDTypes.checked(3L, "t", NativeDTypes.F32));
    }

    @Test
    void theCodesTheKernelsPassAreTaken() {
        // every logits code through one pinned call: the refusal path is never the answer
        float[] y = new float[4];
        for (int dt : new int[] {NativeDTypes.F16, NativeDTypes.BF16}) {
            short one = (short) (dt == NativeDTypes.BF16 ? 0x3f80 : 0x3c00);   // 1.0
            assertEquals(0, NativeBinding.l4j_softmax(isa, dt, new short[] {one, one, one, one}, 0, y, 0,
                    1, 4, 1, 1.0, 0));
            assertEquals(0.25f, y[3]);
        }
        assertEquals(0, NativeBinding.l4j_softmax(isa, NativeDTypes.F32, new float[] {1, 1, 1, 1}, 0, y, 0,
                1, 4, 1, 1.0, 0));
        assertEquals(0.25f, y[0]);
        double[] yd = new double[2];
        assertEquals(0, NativeBinding.l4j_softmax(isa, NativeDTypes.F64, new double[] {3, 3}, 0, yd, 0,
                1, 2, 1, 1.0, 0));
        assertEquals(0.5, yd[1]);
    }
}
