package dev.logits4j;

import dev.logits4j.internal.kernels.ClassWeights;
import java.util.Arrays;

/**
 * Options of cross-entropy, as in PyTorch's {@code cross_entropy}: class weights,
 * {@code ignoreIndex}, reduction and label smoothing.
 *
 * <p>Immutable and thread-safe (weights are copied): build one once and reuse it.
 * <pre>{@code
 * static final CrossEntropyOptions LM = CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1);
 * }</pre>
 */
public final class CrossEntropyOptions {
    /** The default {@code ignoreIndex}, as in PyTorch. */
    public static final long DEFAULT_IGNORE_INDEX = -100;

    /** No weights, ignoreIndex -100, reduction MEAN, no label smoothing. */
    public static final CrossEntropyOptions DEFAULT =
            new CrossEntropyOptions(null, DEFAULT_IGNORE_INDEX, Reduction.MEAN, 0.0);

    private final ClassWeights weight;
    private final long ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;

    private CrossEntropyOptions(ClassWeights weight, long ignoreIndex, Reduction reduction,
                                double labelSmoothing) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * These options with per-class weights {@code w_c} (copied; length must equal the number of
     * classes C of the logits it is used with, checked at the call). {@code null} removes them.
     *
     * @param weight the class weights, one per class (copied), or null for none
     * @return new options with these weights
     */
    public CrossEntropyOptions withWeight(float[] weight) {
        double[] w = null;
        if (weight != null) {
            w = new double[weight.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = weight[i];
            }
        }
        return new CrossEntropyOptions(w == null ? null : new ClassWeights(w), ignoreIndex, reduction,
                labelSmoothing);
    }

    /**
     * As {@link #withWeight(float[])}, for float64 weights.
     *
     * @param weight the class weights, one per class (copied), or null for none
     * @return new options with these weights
     */
    public CrossEntropyOptions withWeight(double[] weight) {
        return new CrossEntropyOptions(weight == null ? null : new ClassWeights(weight), ignoreIndex,
                reduction, labelSmoothing);
    }

    /**
     * These options with {@code ignoreIndex}: positions whose class-index target equals it are
     * ignored. Any value is allowed, a valid class included; -100 is special only as the default.
     * With probability targets it must be negative (PyTorch refuses a non-negative one).
     *
     * @param ignoreIndex the target value whose positions are ignored (any value)
     * @return new options with this ignoreIndex
     */
    public CrossEntropyOptions withIgnoreIndex(long ignoreIndex) {
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }

    /**
     * These options with the given reduction.
     *
     * @throws NullPointerException if {@code reduction} is null
     * @param reduction NONE, MEAN or SUM
     * @return new options with this reduction
     */
    public CrossEntropyOptions withReduction(Reduction reduction) {
        if (reduction == null) {
            throw new NullPointerException("reduction must not be null");
        }
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }

    /**
     * These options with label smoothing {@code eps} in [0, 1].
     *
     * @throws IllegalArgumentException if {@code eps} is NaN or outside [0, 1]
     * @param labelSmoothing eps, in [0, 1]
     * @return new options with this label smoothing
     */
    public CrossEntropyOptions withLabelSmoothing(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(
                    "labelSmoothing " + labelSmoothing + " must lie in [0, 1]");
        }
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }

    /**
     * A copy of the class weights, or null when there are none.
     *
     * @return a copy of the weights, or null
     */
    public double[] weight() {
        return weight == null ? null : weight.f64().clone();
    }

    /** The weights without a copy, for the facade. */
    ClassWeights weightInternal() {
        return weight;
    }

    /**
     * The target value whose positions are ignored (default -100).
     *
     * @return the ignored target value
     */
    public long ignoreIndex() {
        return ignoreIndex;
    }

    /**
     * How the per-position losses are reduced (default MEAN).
     *
     * @return the reduction
     */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The label smoothing eps, in [0, 1] (default 0).
     *
     * @return the label smoothing
     */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String toString() {
        return "CrossEntropyOptions[weight=" + (weight == null ? "none" : Arrays.toString(weight.f64())) + ", ignoreIndex="
                + ignoreIndex + ", reduction=" + reduction + ", labelSmoothing="
                + labelSmoothing + "]";
    }
}
