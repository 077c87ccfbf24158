/**
 * logits4j: numerically stable softmax, log-softmax, log-sum-exp and cross-entropy.
 *
 * <p>Only {@code dev.logits4j} is exported. The module runs alone (the pure-Java kernels); with
 * a platform jar ({@code dev.logits4j.linux.x86_64} or {@code dev.logits4j.linux.arm64}) on the
 * module path it loads the native
 * kernels: that module provides {@code NativeBundle}, which this module uses, so service binding
 * resolves it (and JavaCPP, which it requires) without {@code --add-modules}.
 */
module dev.logits4j {
    exports dev.logits4j;

    // The platform modules implement the service type; nothing else sees it.
    exports dev.logits4j.internal.bundle to dev.logits4j.linux.x86_64, dev.logits4j.linux.arm64;
    uses dev.logits4j.internal.bundle.NativeBundle;

    // Optional at run time: present when the platform module is resolved (it requires JavaCPP).
    requires static org.bytedeco.javacpp;
    // Optional: the Vector API kernels, when the JVM runs with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;

    // JavaCPP's Loader reads NativeBinding's annotations and the JNI code binds its methods.
    opens dev.logits4j.internal.nativeimpl to org.bytedeco.javacpp;
}
