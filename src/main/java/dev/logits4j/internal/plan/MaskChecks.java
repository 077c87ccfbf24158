package dev.logits4j.internal.plan;

import dev.logits4j.DType;

/**
 * The checks of a token mask operand (sample, argmax, top-k, top log-probs with a mask): int32
 * words, one row of them per logits row, all there, and no output sharing memory with it.
 */
final class MaskChecks {
    private MaskChecks() {}

    static void check(Operand mask, Dims m, long rows, int[] shape) {
        if (mask.type != DType.I32) {
            throw new IllegalArgumentException(mask.name + " must hold int32 words (bit j % 32 of "
                    + "word j / 32 set = token j allowed), not " + mask.type);
        }
        if (m.outer != rows) {
            throw new IllegalArgumentException(mask.name + " has shape "
                    + java.util.Arrays.toString(m.shape) + ": " + m.outer + " rows of words, but "
                    + "the logits of shape " + java.util.Arrays.toString(shape) + " have " + rows
                    + " rows (a mask is [rows, words])");
        }
        Checks.capacity(mask.name, mask.available, m.count, m.shape);
    }

    /** An output never shares memory with the mask (an input read row by row). */
    static void noOverlap(Operand mask, long count, Operand out, long outCount) {
        if (out == null) {
            return;
        }
        if (out.type == DType.I32) {
            Memory.noOverlap(mask, count, out, outCount, false);   // the mask is I32 (checked)
        } else {
            Memory.noOverlapBytes(mask, count, out, outCount);
        }
    }

    /**
     * The mask as the selection pipeline reads it: a private copy where an overlap with an output
     * could hide from the checks, raw memory as a buffer view.
     */
    static Operand forPipeline(Operand mask, Dims m, Operand out1, Operand out2) {
        if (Memory.hidesOverlap(mask.base, out1.base)
                || (out2 != null && Memory.hidesOverlap(mask.base, out2.base))) {
            mask = Memory.privateCopy(mask, m.count);
        }
        return Memory.selectionViewIfRaw(mask, m.count, Math.max(1, m.n));
    }
}
