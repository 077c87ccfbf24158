package dev.logits4j;

import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.plan.CrossEntropyPlan;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.Operand;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Cross-entropy in chunks of leading positions (the parallel form of {@link Ops}): the whole call
 * is checked first (its plan on kernels that do nothing), each chunk's plan computes its losses
 * (written for reduction NONE, summed otherwise), and the sums are finished with the whole call's
 * divisor.
 */
final class CrossEntropySplit {
    private CrossEntropySplit() {}

    static double run(Ops ops, Tensor logits, Tensor targets, Tensor out, Dims d,
                      CrossEntropyOptions options) {
        boolean probabilities = targets.dtype().isFloating();
        Operand o = out == null ? null : out.output("out");
        CrossEntropyPlan.run(Ops.CHECK_ONLY, logits.input("logits"), d, targets.input("targets"),
                probabilities, o, options.weightInternal(), options.ignoreIndex(),
                options.reduction(), options.labelSmoothing());
        double divisor = CrossEntropyPlan.divisor(targets.input("targets"), d, probabilities,
                options.weightInternal(), options.ignoreIndex());
        boolean none = options.reduction() == Reduction.NONE;
        KernelSource kernels = ops.wholeCall(d.count);
        // keyed by the chunk's first row: added in row order, so the result does not depend on
        // which thread finished first
        ConcurrentSkipListMap<Long, Double> sums = new ConcurrentSkipListMap<>();
        ops.split(d, false, (first, count) -> {
            Tensor t = probabilities ? Ops.rows(targets, d, first, count)
                    : Ops.outRows(targets, d, first, count);
            sums.put(first, CrossEntropyPlan.run(kernels,
                    Ops.rows(logits, d, first, count).input("logits"), d.withOuter(count),
                    t.input("targets"), probabilities,
                    none ? Ops.outRows(out, d, first, count).output("out") : null,
                    options.weightInternal(), options.ignoreIndex(),
                    none ? Reduction.NONE : Reduction.SUM, options.labelSmoothing()));
        });
        double total = 0;
        for (double sum : sums.values()) {
            total += sum;
        }
        return CrossEntropyPlan.finish(o, options.reduction(), divisor, total);
    }
}
