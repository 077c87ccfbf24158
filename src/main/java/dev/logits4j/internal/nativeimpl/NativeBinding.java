package dev.logits4j.internal.nativeimpl;

import java.nio.Buffer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.CriticalRegion;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Raw;
import org.bytedeco.javacpp.annotation.StdString;

/**
 * The JavaCPP binding of {@code native/logits4j_native.h}. JavaCPP's {@code build} goal generates
 * the JNI code from this class and compiles it with the kernels into one shared library per
 * platform (packed into the {@code linux-x86_64} and {@code linux-arm64} classifier jars; the
 * arm64 one is cross-compiled, see the {@code linux-arm64} profile in pom.xml).
 *
 * <p>Two forms of each entry point: raw addresses ({@code long}, for direct buffers and native
 * memory: the cheapest JNI call) and Java arrays, pinned for the call with
 * {@code GetPrimitiveArrayCritical} (no copy); the element type is a dtype code
 * ({@link NativeDTypes}), so one C function serves float32, float64 and 16-bit logits. Nothing
 * here checks anything but the native side's refusal of a dtype code it does not take: the facade has;
 * the class-index kernels re-check each target they read and report a bad one in {@code bad}
 * (the address of two int64: position, value; position -1 when none), since caller memory may change during the call.
 *
 * <p>Loading this class loads the library; do not touch it before {@link NativeKernels#load}
 * has decided to try (the static initialiser throws a {@link LinkageError} when it is missing).
 */
@Platform(value = {"linux-x86_64", "linux-arm64"}, include = {"logits4j_native.h", "logits4j_jni.h"}, compiler = "cpp17")
final class NativeBinding {
    static {
        // not Loader.load(): it extracts the library under the jar's name, which two builds of
        // one SNAPSHOT share (see NativeLibrary)
        NativeLibrary.load();
    }

    private NativeBinding() {}

    /**
     * Bit mask: 1 = AVX2+FMA usable, 2 = AVX-512 F/BW/DQ/VL usable, 4 = F16C usable (CPUID and
     * XGETBV, x86-64); 8 = Advanced SIMD (HWCAP_ASIMD, AArch64).
     */
    static native int l4j_cpu_features();

    // ---- the variant table (native/dispatch/variants.h); read once by VariantTable ----

    /** Rows in the native variant table. */
    static native int l4j_variant_count();

    /** Row i's id: the {@code isa} argument of every kernel call (-1 when i is out of range). */
    static native int l4j_variant_id(int i);

    /** Row i's name ("avx512", "avx2", "neon", "scalar"; "" when i is out of range). */
    static native @Cast("const char*") String l4j_variant_name(int i);

    /** Row i's one-line description for people. */
    static native @Cast("const char*") String l4j_variant_description(int i);

    /** Row i's required CPU-feature bits (a subset of {@link #l4j_cpu_features()}'s mask). */
    static native int l4j_variant_required(int i);

    /** Row i's architecture ("x86-64" or "aarch64"). */
    static native @Cast("const char*") String l4j_variant_arch(int i);

    /** Row i's priority: among supported rows the highest is the best. */
    static native int l4j_variant_priority(int i);

    /** "x86-64 avx2 fma ...": the build's architecture, then the names of the bits set. */
    static native @StdString String l4j_feature_names(int features);

    /**
     * The calling thread's floating-point control register: MXCSR on x86-64, FPCR on AArch64
     * (tests check the library leaves it alone).
     */
    static native int l4j_mxcsr();

    /** The address of a direct buffer's element 0 (not its position). */
    @Name("l4j_direct_buffer_address")
    static native long directBufferAddress(@Raw(withEnv = true) Buffer buffer);

    // ---- the dtype codes (native/dispatch/dtypes.h), for NativeDTypesTest ----

    /** The code's name ("float32", ...; "" for an unknown code). */
    static native @Cast("const char*") String l4j_dtype_name(int dtype);

    /** The code's bytes per element (0 for an unknown code). */
    static native int l4j_dtype_size(int dtype);

    // ---- the kernels: one C entry point per op, taking the logits' dtype code ----
    // (NativeDTypes: F32, F64, F16, BF16; outputs, probabilities and weights are float64 for F64,
    // else float32; class-index targets: I32 or I64). A code an entry point does not take is
    // refused: L4J_REFUSED (NativeDTypes.REFUSED) as the status or count, NaN as a double result
    // (and bad[0] = REFUSED in ce_index), nothing read or written.
    //
    // Raw addresses (direct buffers, native memory: the cheapest JNI call) need one form per op;
    // Java arrays, pinned for the call (GetPrimitiveArrayCritical, no copy), one per array type,
    // all calling the same C function.

    static native int l4j_softmax(int isa, int dtype, @Cast("const void*") long x, long xi,
            @Cast("void*") long y, long yi, long outer, int n, long inner, double invT, int flags);

    static native int l4j_logsumexp(int isa, int dtype, @Cast("const void*") long x, long xi,
            @Cast("void*") long y, long yi, long outer, int n, long inner);

    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") long logits, long li,
            @Cast("const void*") long targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") long weight, long ignore, double eps,
            @Cast("void*") long out, long oi, @Cast("l4j_i64*") long bad);

    static native double l4j_ce_prob(int isa, int dtype, @Cast("const void*") long logits, long li,
            @Cast("const void*") long probs, long pi, long outer, int c, long inner,
            @Cast("const void*") long weight, double eps, @Cast("void*") long out, long oi);

    @CriticalRegion
    static native int l4j_softmax(int isa, int dtype, @Cast("const void*") float[] x, long xi,
            float[] y, long yi, long outer, int n, long inner, double invT, int flags);

    @CriticalRegion
    static native int l4j_softmax(int isa, int dtype, @Cast("const void*") double[] x, long xi,
            double[] y, long yi, long outer, int n, long inner, double invT, int flags);

    @CriticalRegion
    static native int l4j_softmax(int isa, int dtype, @Cast("const void*") short[] x, long xi,
            float[] y, long yi, long outer, int n, long inner, double invT, int flags);

    @CriticalRegion
    static native int l4j_logsumexp(int isa, int dtype, @Cast("const void*") float[] x, long xi,
            float[] y, long yi, long outer, int n, long inner);

    @CriticalRegion
    static native int l4j_logsumexp(int isa, int dtype, @Cast("const void*") double[] x, long xi,
            double[] y, long yi, long outer, int n, long inner);

    @CriticalRegion
    static native int l4j_logsumexp(int isa, int dtype, @Cast("const void*") short[] x, long xi,
            float[] y, long yi, long outer, int n, long inner);

    @CriticalRegion
    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") float[] logits, long li,
            @Cast("const void*") int[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps,
            float[] out, long oi, @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") float[] logits, long li,
            @Cast("const void*") long[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps,
            float[] out, long oi, @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") double[] logits, long li,
            @Cast("const void*") int[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") double[] weight, long ignore, double eps,
            double[] out, long oi, @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") double[] logits, long li,
            @Cast("const void*") long[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") double[] weight, long ignore, double eps,
            double[] out, long oi, @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") short[] logits, long li,
            @Cast("const void*") int[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps,
            float[] out, long oi, @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_index(int isa, int dtype, @Cast("const void*") short[] logits, long li,
            @Cast("const void*") long[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps,
            float[] out, long oi, @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_prob(int isa, int dtype, @Cast("const void*") float[] logits, long li,
            @Cast("const void*") float[] probs, long pi, long outer, int c, long inner,
            @Cast("const void*") float[] weight, double eps, float[] out, long oi);

    @CriticalRegion
    static native double l4j_ce_prob(int isa, int dtype, @Cast("const void*") double[] logits, long li,
            @Cast("const void*") double[] probs, long pi, long outer, int c, long inner,
            @Cast("const void*") double[] weight, double eps, double[] out, long oi);

    @CriticalRegion
    static native double l4j_ce_prob(int isa, int dtype, @Cast("const void*") short[] logits, long li,
            @Cast("const void*") float[] probs, long pi, long outer, int c, long inner,
            @Cast("const void*") float[] weight, double eps, float[] out, long oi);

    // ---- cross-entropy with its gradient (issue 27): by address, and pinned arrays (critical
    // regions: never copied, so a view of a large array costs its view and a copy-back never
    // overwrites another thread's part of the array) of one values type (float32 for float32 and 16-bit logits, float64 for float64) with int32, int64
    // or probability targets; up may be null ----

    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") long logits, long li,
            @Cast("const void*") long targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") long weight, long ignore, double eps, double scale,
            @Cast("const void*") long up, long ui, @Cast("void*") long grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") float[] logits, long li,
            @Cast("const void*") int[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps, double scale,
            @Cast("const void*") float[] up, long ui, @Cast("void*") float[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") float[] logits, long li,
            @Cast("const void*") long[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps, double scale,
            @Cast("const void*") float[] up, long ui, @Cast("void*") float[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") float[] logits, long li,
            @Cast("const void*") float[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps, double scale,
            @Cast("const void*") float[] up, long ui, @Cast("void*") float[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") double[] logits, long li,
            @Cast("const void*") int[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") double[] weight, long ignore, double eps, double scale,
            @Cast("const void*") double[] up, long ui, @Cast("void*") double[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") double[] logits, long li,
            @Cast("const void*") long[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") double[] weight, long ignore, double eps, double scale,
            @Cast("const void*") double[] up, long ui, @Cast("void*") double[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") double[] logits, long li,
            @Cast("const void*") double[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") double[] weight, long ignore, double eps, double scale,
            @Cast("const void*") double[] up, long ui, @Cast("void*") double[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") short[] logits, long li,
            @Cast("const void*") int[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps, double scale,
            @Cast("const void*") float[] up, long ui, @Cast("void*") float[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") short[] logits, long li,
            @Cast("const void*") long[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps, double scale,
            @Cast("const void*") float[] up, long ui, @Cast("void*") float[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    @CriticalRegion
    static native double l4j_ce_grad(int isa, int dtype, @Cast("const void*") short[] logits, long li,
            @Cast("const void*") float[] targets, long ti, int targetDType, long outer, int c,
            long inner, @Cast("const void*") float[] weight, long ignore, double eps, double scale,
            @Cast("const void*") float[] up, long ui, @Cast("void*") float[] grad, long gi,
            @Cast("l4j_i64*") long bad);

    // ---- softmax's and log-softmax's backward over contiguous rows (issue 27) ----

    static native int l4j_softmax_backward(int isa, int dtype, @Cast("const void*") long y, long yi,
            @Cast("const void*") long g, long gi, @Cast("void*") long gx, long gxi, long outer, long n,
            int log);

    @CriticalRegion
    static native int l4j_softmax_backward(int isa, int dtype, @Cast("const void*") float[] y, long yi,
            @Cast("const void*") float[] g, long gi, @Cast("void*") float[] gx, long gxi, long outer,
            long n, int log);

    @CriticalRegion
    static native int l4j_softmax_backward(int isa, int dtype, @Cast("const void*") double[] y, long yi,
            @Cast("const void*") double[] g, long gi, @Cast("void*") double[] gx, long gxi, long outer,
            long n, int log);

    // ---- selection (issue 12): candidates of a row, a log-prob in a row (raw and pinned) ----
    // The candidate arrays are pinned in both forms (no copy of idx/val/keys back and forth).

    @CriticalRegion
    static native long l4j_collect_top(int isa, int dtype, @Cast("const void*") long x, long xi,
            long n, long keep, @Cast("int32_t*") int[] idx, double[] val, @Cast("uint64_t*") long[] keys,
            long cap, double from, int firstTies, @Cast("const uint32_t*") int[] skip, long skipWords);

    @CriticalRegion
    static native long l4j_collect_top(int isa, int dtype, @Cast("const void*") float[] x, long xi,
            long n, long keep, @Cast("int32_t*") int[] idx, double[] val, @Cast("uint64_t*") long[] keys,
            long cap, double from, int firstTies, @Cast("const uint32_t*") int[] skip, long skipWords);

    @CriticalRegion
    static native long l4j_collect_top(int isa, int dtype, @Cast("const void*") double[] x, long xi,
            long n, long keep, @Cast("int32_t*") int[] idx, double[] val, @Cast("uint64_t*") long[] keys,
            long cap, double from, int firstTies, @Cast("const uint32_t*") int[] skip, long skipWords);

    @CriticalRegion
    static native long l4j_collect_top(int isa, int dtype, @Cast("const void*") short[] x, long xi,
            long n, long keep, @Cast("int32_t*") int[] idx, double[] val, @Cast("uint64_t*") long[] keys,
            long cap, double from, int firstTies, @Cast("const uint32_t*") int[] skip, long skipWords);

    // ---- tie floods (issue 23): equality masks of one value over a row ----

    @CriticalRegion
    static native long l4j_equal_bits(int isa, int dtype, @Cast("const void*") long x, long xi,
            long n, double v, @Cast("uint32_t*") int[] out, long outWords);

    @CriticalRegion
    static native long l4j_equal_bits(int isa, int dtype, @Cast("const void*") float[] x, long xi,
            long n, double v, @Cast("uint32_t*") int[] out, long outWords);

    @CriticalRegion
    static native long l4j_equal_bits(int isa, int dtype, @Cast("const void*") double[] x, long xi,
            long n, double v, @Cast("uint32_t*") int[] out, long outWords);

    @CriticalRegion
    static native long l4j_equal_bits(int isa, int dtype, @Cast("const void*") short[] x, long xi,
            long n, double v, @Cast("uint32_t*") int[] out, long outWords);

    static native double l4j_row_log_prob(int isa, int dtype, @Cast("const void*") long x, long xi,
            long n, long t);

    @CriticalRegion
    static native double l4j_row_log_prob(int isa, int dtype, @Cast("const void*") float[] x, long xi,
            long n, long t);

    @CriticalRegion
    static native double l4j_row_log_prob(int isa, int dtype, @Cast("const void*") double[] x, long xi,
            long n, long t);

    @CriticalRegion
    static native double l4j_row_log_prob(int isa, int dtype, @Cast("const void*") short[] x, long xi,
            long n, long t);

    // ---- sampling without top-k: float64 sum of exp over the processed row, with block sums ----

    @CriticalRegion
    static native double l4j_sum_exp_blocks(int isa, int dtype, @Cast("const void*") long x, long xi,
            long n, double m, double invT, @Cast("const int32_t*") int[] oid,
            @Cast("const double*") double[] oval, long no, double[] blockSums);

    @CriticalRegion
    static native double l4j_sum_exp_blocks(int isa, int dtype, @Cast("const void*") float[] x, long xi,
            long n, double m, double invT, @Cast("const int32_t*") int[] oid,
            @Cast("const double*") double[] oval, long no, double[] blockSums);

    @CriticalRegion
    static native double l4j_sum_exp_blocks(int isa, int dtype, @Cast("const void*") double[] x, long xi,
            long n, double m, double invT, @Cast("const int32_t*") int[] oid,
            @Cast("const double*") double[] oval, long no, double[] blockSums);

    @CriticalRegion
    static native double l4j_sum_exp_blocks(int isa, int dtype, @Cast("const void*") short[] x, long xi,
            long n, double m, double invT, @Cast("const int32_t*") int[] oid,
            @Cast("const double*") double[] oval, long no, double[] blockSums);

    // ---- top-p without top-k over a whole vocabulary (issue 23): mass histograms, kept block sums ----

    @CriticalRegion
    static native double l4j_mass_digit(int isa, int dtype, @Cast("const void*") long x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long prefix, int pbits, int dbits, double[] hist, long histLen,
            @Cast("uint64_t*") long[] stats, long statsLen);

    @CriticalRegion
    static native double l4j_mass_digit(int isa, int dtype, @Cast("const void*") float[] x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long prefix, int pbits, int dbits, double[] hist, long histLen,
            @Cast("uint64_t*") long[] stats, long statsLen);

    @CriticalRegion
    static native double l4j_mass_digit(int isa, int dtype, @Cast("const void*") double[] x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long prefix, int pbits, int dbits, double[] hist, long histLen,
            @Cast("uint64_t*") long[] stats, long statsLen);

    @CriticalRegion
    static native double l4j_mass_digit(int isa, int dtype, @Cast("const void*") short[] x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long prefix, int pbits, int dbits, double[] hist, long histLen,
            @Cast("uint64_t*") long[] stats, long statsLen);

    @CriticalRegion
    static native double l4j_kept_block_sums(int isa, int dtype, @Cast("const void*") long x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long boundary, long tiesKept, double[] blockSums, long blockLen,
            @Cast("int64_t*") long[] lastTie);

    @CriticalRegion
    static native double l4j_kept_block_sums(int isa, int dtype, @Cast("const void*") float[] x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long boundary, long tiesKept, double[] blockSums, long blockLen,
            @Cast("int64_t*") long[] lastTie);

    @CriticalRegion
    static native double l4j_kept_block_sums(int isa, int dtype, @Cast("const void*") double[] x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long boundary, long tiesKept, double[] blockSums, long blockLen,
            @Cast("int64_t*") long[] lastTie);

    @CriticalRegion
    static native double l4j_kept_block_sums(int isa, int dtype, @Cast("const void*") short[] x, long xi, long n, double m,
            double invT, @Cast("const int32_t*") int[] oid, @Cast("const double*") double[] oval, long no,
            @Cast("uint64_t") long boundary, long tiesKept, double[] blockSums, long blockLen,
            @Cast("int64_t*") long[] lastTie);
}
