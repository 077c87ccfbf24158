package dev.logits4j;

import java.util.Locale;

/** How cross-entropy combines the losses of its positions (PyTorch's {@code reduction}). */
public enum Reduction {
    /** One loss per position, shaped like the targets (0 where the target is ignored). */
    NONE,
    /**
     * The sum of the losses divided by the sum of the target classes' weights over the positions
     * that are not ignored (class-index targets), or by the number of positions (probability
     * targets). NaN when that divisor is 0, as in PyTorch.
     */
    MEAN,
    /** The sum of the losses (0 when every position is ignored). */
    SUM;

    /**
     * Parses {@code "none"}, {@code "mean"} or {@code "sum"} (any case).
     *
     * @throws IllegalArgumentException naming the value for anything else
     * @throws NullPointerException if {@code name} is null
     * @param name "none", "mean" or "sum", in any case
     * @return the reduction
     */
    public static Reduction parse(String name) {
        if (name == null) {
            throw new NullPointerException("reduction must not be null");
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "none":
                return NONE;
            case "mean":
                return MEAN;
            case "sum":
                return SUM;
            default:
                throw new IllegalArgumentException(
                        "reduction '" + name + "' is not one of none, mean, sum");
        }
    }
}
