package dev.logits4j.internal.bundle;

/**
 * What a platform jar ({@code logits4j-<version>-<platform>.jar}) provides as a service: naming it
 * in {@code module-info} makes the module system resolve the platform module (and, through it,
 * JavaCPP) whenever the main module is resolved and the jar is on the module path — no
 * {@code --add-modules} needed. On the class path the same class is listed in
 * {@code META-INF/services}, so {@code info()} can name the jar either way.
 */
public interface NativeBundle {
    /** The JavaCPP platform name of the library the jar carries, e.g. {@code linux-x86_64}. */
    String platform();
}
