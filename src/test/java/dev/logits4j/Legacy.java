package dev.logits4j;

/**
 * The pre-view facade's call shapes on a backend ({@link LegacyOps}); {@link #AUTO} stands for the
 * old static {@code Logits4j} methods (the automatic backend).
 */
public final class Legacy {
    private Legacy() {}

    /** The old static methods: {@link Logits4j#ops()}. */
    public static final LegacyOps AUTO = new LegacyOps(Logits4j.ops());

    public static LegacyOps with(Backend backend) {
        return new LegacyOps(Logits4j.with(backend));
    }

    public static LegacyOps auto() {
        return AUTO;
    }
}
