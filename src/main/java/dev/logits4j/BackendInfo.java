package dev.logits4j;

/**
 * Which implementation {@link Logits4j} uses, and why.
 *
 * @param backend        the mode in force: {@code "java"}, {@code "native"} or {@code "auto"}
 * @param implementation what runs large calls: {@code "java"} or {@code "native-<variant>"}
 * @param reason         why this implementation was chosen (or native is absent), in one sentence
 * @param cpuFeatures    the CPU features the native loader saw, or "" when it did not run
 * @param nativeLibrary  where the native library was loaded from, or "" when not loaded
 * @param nativeThreshold under {@code auto}, the smallest element count that goes to native
 *                       ({@code -Dlogits4j.nativeThreshold}, a whole number >= 0; another value is
 *                       ignored with a warning, and {@link #describe()} names it)
 * @param javaKernels    what the pure-Java implementation's float32 kernels run on: the JDK
 *                       Vector API (the JVM was started with
 *                       {@code --add-modules jdk.incubator.vector}) or scalar code, and why
 */
public record BackendInfo(String backend, String implementation, String reason,
                          String cpuFeatures, String nativeLibrary, long nativeThreshold,
                          String javaKernels) {

    /**
     * A few lines for people: what {@code bin/logits4j info} prints.
     *
     * @return the description, one line per fact
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("backend:        ").append(backend).append('\n');
        sb.append("implementation: ").append(implementation).append('\n');
        sb.append("reason:         ").append(reason).append('\n');
        sb.append("cpu features:   ").append(cpuFeatures.isEmpty() ? "(not probed)" : cpuFeatures).append('\n');
        sb.append("native library: ").append(nativeLibrary.isEmpty() ? "(not loaded)" : nativeLibrary).append('\n');
        sb.append("java kernels:   ").append(javaKernels).append('\n');
        // how the Java kernels widen 16-bit logits (the JDK's float16ToFloat on 21+, Vector API
        // lanes, or a table); the native kernels convert in their loads
        sb.append("java 16-bit:    ").append(dev.logits4j.internal.javaimpl.HalfConversion.describe()).append('\n');
        if (backend.equals("java")) {
            // finding out would load a native library, which the java backend never does
            sb.append("raw memory:     not probed (the java backend loads no native library)\n");
        } else {
            String raw = dev.logits4j.internal.choice.Backends.rawMemoryUnavailableReason();
            sb.append("raw memory:     ").append(raw == null ? "OffHeap usable"
                    : "OffHeap unusable (every call throws IllegalStateException): " + raw).append('\n');
        }
        if (backend.equals("auto")) {
            // a bad -Dlogits4j.nativeThreshold is shown with the value, not passed off as a setting
            String ignored = dev.logits4j.internal.choice.NativeThreshold.problem();
            if (!implementation.equals("java") && nativeThreshold < Long.MAX_VALUE) {
                sb.append("auto threshold: ").append(nativeThreshold)
                        .append(" elements (smaller calls use java)");
                sb.append(ignored == null ? "" : "; " + ignored).append('\n');
            } else if (ignored != null) {
                sb.append("auto threshold: ").append(ignored).append('\n');
            }
        }
        return sb.toString();
    }
}
