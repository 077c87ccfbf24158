package dev.logits4j;

import dev.logits4j.internal.plan.Checks;

/**
 * Options of softmax and log-softmax: the temperature {@code T} (the op computes
 * {@code softmax(x / T)}) and whether an all {@code -inf} slice gives zeros instead of NaN.
 *
 * <p>Immutable and thread-safe: build one once and reuse it on the hot path.
 * <pre>{@code
 * static final SoftmaxOptions SAMPLING = SoftmaxOptions.DEFAULT.withTemperature(0.7);
 * }</pre>
 */
public final class SoftmaxOptions {
    /** T = 1, all -inf slices give NaN (PyTorch's behaviour). */
    public static final SoftmaxOptions DEFAULT = new SoftmaxOptions(1.0, false);

    private final double temperature;
    private final boolean maskedRowsZero;

    private SoftmaxOptions(double temperature, boolean maskedRowsZero) {
        this.temperature = temperature;
        this.maskedRowsZero = maskedRowsZero;
    }

    /**
     * These options with temperature {@code T}.
     *
     * @throws IllegalArgumentException if {@code T} is NaN or outside [2^-126, 2^126] (the
     *         kernels multiply by 1/T, which must be a normal float32)
     * @param temperature T, in [2^-126, 2^126]
     * @return new options with this temperature
     */
    public SoftmaxOptions withTemperature(double temperature) {
        Checks.temperature(temperature);
        return new SoftmaxOptions(temperature, maskedRowsZero);
    }

    /**
     * These options with "masked rows as zero" on or off. When on, a slice whose entries are all
     * {@code -inf} gives 0 everywhere under softmax and {@code -inf} under log-softmax, instead of
     * NaN (what attention masks and constrained decoding want; oneDNN's {@code inf_as_zero}).
     *
     * @param maskedRowsZero whether an all -inf slice gives 0 (log: -inf) instead of NaN
     * @return new options with masked rows as zero on or off
     */
    public SoftmaxOptions withMaskedRowsZero(boolean maskedRowsZero) {
        return new SoftmaxOptions(temperature, maskedRowsZero);
    }

    /**
     * The temperature T, in [2^-126, 2^126].
     *
     * @return the temperature
     */
    public double temperature() {
        return temperature;
    }

    /**
     * Whether all -inf slices give 0 (softmax) / -inf (log-softmax) instead of NaN.
     *
     * @return whether masked rows give zero
     */
    public boolean maskedRowsZero() {
        return maskedRowsZero;
    }

    @Override
    public String toString() {
        return "SoftmaxOptions[temperature=" + temperature + ", maskedRowsZero=" + maskedRowsZero + "]";
    }
}
