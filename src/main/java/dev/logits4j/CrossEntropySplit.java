package dev.logits4j;

import dev.logits4j.internal.backend.KernelSource;
import dev.logits4j.internal.plan.CrossEntropyPlan;
import dev.logits4j.internal.plan.Dims;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Cross-entropy in chunks of leading positions (the parallel form of {@link Ops}): the whole
 * call's plan has checked everything and knows the mean's divisor; each chunk's plan computes its
 * losses (written for reduction NONE, summed otherwise), and the whole plan finishes the sum.
 */
final class CrossEntropySplit {
    private CrossEntropySplit() {}

    static double run(Ops ops, CrossEntropyPlan whole, Tensor logits, Tensor targets, Tensor out,
                      Dims d, CrossEntropyOptions options) {
        boolean none = options.reduction() == Reduction.NONE;
        boolean probabilities = targets.dtype().isFloating();
        KernelSource kernels = ops.wholeCall(d.count);
        // keyed by the chunk's first row: added in row order, so the result does not depend on
        // which thread finished first
        ConcurrentSkipListMap<Long, Double> sums = new ConcurrentSkipListMap<>();
        ops.split(d, false, (first, count) -> {
            Tensor t = probabilities ? Ops.rows(targets, d, first, count)
                    : Ops.outRows(targets, d, first, count);
            double sum = CrossEntropyPlan.of(Ops.rows(logits, d, first, count).input("logits"),
                    d.withOuter(count), t.input("targets"), probabilities,
                    none ? Ops.outRows(out, d, first, count).output("out") : null,
                    options.weightInternal(), options.ignoreIndex(),
                    none ? Reduction.NONE : Reduction.SUM, options.labelSmoothing()).execute(kernels);
            sums.put(first, sum);
        });
        double total = 0;
        for (double sum : sums.values()) {
            total += sum;
        }
        return whole.finish(total);
    }
}
