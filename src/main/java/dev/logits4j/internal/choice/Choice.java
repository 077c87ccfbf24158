package dev.logits4j.internal.choice;

/**
 * What a backend selection decided, in the words {@code info()} shows: the public
 * {@code BackendInfo} is made from this, so the choice never depends on the API above it.
 *
 * @param backend         the requested backend ("auto", "java", "native")
 * @param implementation  what runs ("java", "native-avx512", ..., or "none")
 * @param reason          why
 * @param cpuFeatures     the CPU features probed ("" when not probed)
 * @param nativeLibrary   the native library file ("" when none was loaded)
 * @param nativeThreshold calls of at least this many elements go native under auto
 * @param javaKernels     the Java kernels' acceleration status
 */
public record Choice(String backend, String implementation, String reason, String cpuFeatures,
                     String nativeLibrary, long nativeThreshold, String javaKernels) {
}
