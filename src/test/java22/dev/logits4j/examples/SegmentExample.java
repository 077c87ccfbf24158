package dev.logits4j.examples;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Segments;
import dev.logits4j.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * docs/USAGE.md, "MemorySegment (JDK 22+)": logits in an arena (as llama3.java or Jlama keep
 * them), log-probabilities into another segment, and the loss of [batch, seq, vocab] logits against
 * int64 targets, all on the segments themselves. Run by {@code it.SegmentsIT}; checks itself
 * against float64 maths and exits 1 on a mismatch.
 */
public final class SegmentExample {
    private SegmentExample() {}

    public static void main(String[] args) {
        int batch = 2;
        int seq = 3;
        int vocab = 1000;
        int rows = batch * seq;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment logits = arena.allocate(ValueLayout.JAVA_FLOAT, (long) rows * vocab);
            MemorySegment logProbs = arena.allocate(ValueLayout.JAVA_FLOAT, (long) rows * vocab);
            MemorySegment targets = arena.allocate(ValueLayout.JAVA_LONG, rows);
            for (int i = 0; i < rows * vocab; i++) {
                logits.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (4 * Math.sin(0.013 * i * i)));
            }
            for (int r = 0; r < rows; r++) {
                targets.setAtIndex(ValueLayout.JAVA_LONG, r, (r * 331L) % vocab);
            }

            Ops ops = Logits4j.ops();
            // [batch, seq, vocab] logits as {batch * seq, vocab} rows: one call for every position
            Tensor x = Segments.tensor(logits, DType.F32, rows, vocab);
            ops.logSoftmax(x, Segments.tensor(logProbs, DType.F32), -1);
            float loss = (float) ops.crossEntropy(x, Segments.tensor(targets, DType.I64),
                    CrossEntropyOptions.DEFAULT);

            double expectLoss = 0;
            double worst = 0;
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < vocab; j++) {
                    max = Math.max(max, logits.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * vocab + j));
                }
                double sum = 0;
                for (int j = 0; j < vocab; j++) {
                    sum += Math.exp(logits.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * vocab + j) - max);
                }
                double lse = max + Math.log(sum);
                for (int j = 0; j < vocab; j++) {
                    double expect = logits.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * vocab + j) - lse;
                    worst = Math.max(worst, Math.abs(logProbs.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * vocab + j) - expect));
                }
                long t = targets.getAtIndex(ValueLayout.JAVA_LONG, r);
                expectLoss += lse - logits.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * vocab + t);
            }
            expectLoss /= rows;
            boolean ok = worst <= 4e-6 && Math.abs(loss - expectLoss) <= 1e-6 * Math.abs(expectLoss) + 1e-6;
            System.out.println("segment example: " + (ok ? "ok" : "MISMATCH") + " on " + ops.backend()
                    + " (log-softmax max abs error " + worst + ", loss " + loss + " vs " + expectLoss + ")");
            if (!ok) {
                System.exit(1);
            }
        }
    }
}
