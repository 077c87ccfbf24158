/**
 * logits4j's native kernels for linux-arm64 (AArch64 NEON): the JNI library (in a resource folder,
 * which the module system does not encapsulate) and a service provider that makes this module
 * resolve with {@code dev.logits4j}.
 */
module dev.logits4j.linux.arm64 {
    requires dev.logits4j;
    requires org.bytedeco.javacpp;
    provides dev.logits4j.internal.bundle.NativeBundle with dev.logits4j.linux.arm64.Bundle;
}
