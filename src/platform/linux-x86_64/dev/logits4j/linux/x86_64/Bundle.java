package dev.logits4j.linux.x86_64;

import dev.logits4j.internal.bundle.NativeBundle;

/** The linux-x86_64 platform jar, as a service (see {@code NativeBundle}). */
public final class Bundle implements NativeBundle {
    /** Instantiated by {@link java.util.ServiceLoader}. */
    public Bundle() {}

    @Override
    public String platform() {
        return "linux-x86_64";
    }
}
