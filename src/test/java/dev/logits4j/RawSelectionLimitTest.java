package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The selection ops read raw memory through Java views on every backend, native included, so an
 * operand above 2^31-1 bytes is refused (issue 23, item 9.2). The message names the operand and
 * its size, says what the limit is and why, and what to do: split the call into fewer rows. It
 * must not send a user who is on the native backend to the native backend.
 *
 * <p>The oversized operands are addresses past every real allocation of the test, never read:
 * the refusal comes before any memory is touched.
 */
class RawSelectionLimitTest {
    private static String refused(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void accurate(String message, String name, String... mentions) {
        assertTrue(message.startsWith(name + ": "), () -> "'" + message + "' should name " + name);
        for (String m : mentions) {
            assertTrue(message.contains(m), () -> "'" + message + "' should mention " + m);
        }
        assertTrue(message.contains("2147483647") || message.contains("2^31-1"), message);
        assertTrue(message.contains("every backend"), message);
        assertFalse(message.contains("the native backend reads"), message);
    }

    @Test
    void topKArgmaxAndSampleNameTheOversizedOperandAndSayHowToSplit() {
        int vocab = (1 << 28) - 16;   // float32 rows just under 1 GiB: four are 4 GiB, two fit one call
        int[] shape = {4, vocab};
        try (FloatPointer values = new FloatPointer(4); LongPointer indices = new LongPointer(4);
             DoublePointer u = new DoublePointer(0.5, 0.5, 0.5, 0.5); LongPointer tokens = new LongPointer(4)) {
            long far = Math.max(Math.max(values.address(), indices.address()),
                    Math.max(u.address(), tokens.address())) + (1L << 36);
            long count = 4L * vocab;
            String top = refused(() -> LegacyOffHeap.topKF32(far, count, shape, 1, false, values.address(), 4,
                    indices.address(), 4));
            accurate(top, "x", count + " elements", 4L * count + " bytes", "split", "at most 2 rows");
            String arg = refused(() -> LegacyOffHeap.argmaxF32(far, count, shape, -1, indices.address(), 4));
            accurate(arg, "x", 4L * count + " bytes", "at most 2 rows");
            String sample = refused(() -> LegacyOffHeap.sampleF32(far, count, shape, SamplingOptions.DEFAULT,
                    u.address(), 4, tokens.address(), 4, 0, 0));
            accurate(sample, "logits", 4L * count + " bytes", "at most 2 rows");
            // a single row above the limit: no split by rows helps, and the message says so
            int[] wide = {1, 1 << 29};
            String one = refused(() -> LegacyOffHeap.topKF32(far, 1L << 29, wide, 1, true, values.address(), 1,
                    indices.address(), 1));
            accurate(one, "x", (4L << 29) + " bytes", "one row (536870912 elements)");
        }
    }

    @Test
    void aSmallInputWithTooManyRowsNamesTheDrawsAndTheRowsPerCall() {
        int rows = 1 << 28;    // 2 GiB of float64 draws, 1 GiB of float32 logits
        int[] shape = {rows, 1};
        try (FloatPointer logits = new FloatPointer(1)) {
            long x = logits.address() + (1L << 36);
            long draws = x + (1L << 36);
            long tokens = draws + (1L << 36);
            String m = refused(() -> LegacyOffHeap.sampleF32(x, rows, shape, SamplingOptions.DEFAULT, draws, rows,
                    tokens, rows, 0, 0));
            // the logits (1 GiB) are viewed first and fit; the draws (8 bytes a row) do not
            accurate(m, "uniform", 8L * rows + " bytes", "268435455 rows");
        }
    }
}
