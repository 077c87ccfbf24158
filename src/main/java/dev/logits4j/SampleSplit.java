package dev.logits4j;

import dev.logits4j.internal.kernels.KernelSource;
import dev.logits4j.internal.plan.Dims;
import dev.logits4j.internal.plan.RowChunks;
import dev.logits4j.internal.plan.SamplePlan;
import dev.logits4j.internal.plan.SamplingSettings;

/**
 * sample in chunks of rows (the parallel form of {@link Ops}): the whole call is checked first,
 * then each chunk samples its rows with its rows' options (per-row parameters, histories and
 * biases sliced to the chunk) and draws, on the kernels chosen for the whole call.
 */
final class SampleSplit {
    private SampleSplit() {}

    static void run(Ops ops, Tensor logits, Dims d, SamplingOptions options, Tensor uniform,
                    Tensor tokens, Tensor logProbs) {
        run(ops, logits, d, null, null, options, uniform, tokens, logProbs);
    }

    /** With a token mask ({@code mask} null: none), split by rows like the logits. */
    static void run(Ops ops, Tensor logits, Dims d, Tensor mask, Dims md, SamplingOptions options,
                    Tensor uniform, Tensor tokens, Tensor logProbs) {
        SamplingSettings s = options.settings();
        SamplePlan.run(Ops.CHECK_ONLY, logits.input("logits"), d, s,
                mask == null ? null : mask.input("mask"), md, uniform.input("uniform"),
                tokens.output("tokens"), logProbs == null ? null : logProbs.output("logProbs"));
        KernelSource kernels = ops.wholeCall(d.count);
        long rows = d.outer;
        ops.split(d, false, (first, count) -> {
            int[] shape = {(int) count};
            SamplePlan.run(kernels, Ops.rows(logits, d, first, count).input("logits"),
                    d.withOuter(count), RowChunks.slice(s, rows, (int) first, (int) count),
                    mask == null ? null : Ops.rows(mask, md, first, count).input("mask"),
                    mask == null ? null : md.withOuter(count),
                    uniform.rows(first, count, shape).input("uniform"),
                    tokens.rows(first, count, shape).output("tokens"),
                    logProbs == null ? null : logProbs.rows(first, count, shape).output("logProbs"));
        });
    }
}
