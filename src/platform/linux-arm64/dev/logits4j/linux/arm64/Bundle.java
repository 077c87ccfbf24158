package dev.logits4j.linux.arm64;

import dev.logits4j.internal.bundle.NativeBundle;

/** The linux-arm64 platform jar, as a service (see {@code NativeBundle}). */
public final class Bundle implements NativeBundle {
    /** Instantiated by {@link java.util.ServiceLoader}. */
    public Bundle() {}

    @Override
    public String platform() {
        return "linux-arm64";
    }
}
