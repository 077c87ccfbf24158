package dev.logits4j.internal.nativeimpl;

import dev.logits4j.DType;

/**
 * The dtype codes the native entry points take: the logits' element type, and the class-index
 * targets'. The source of truth is {@code native/dispatch/dtypes.h}; these constants are its
 * copy, and {@code NativeDTypesTest} checks each against the native side's name and size for it
 * ({@link NativeBinding#l4j_dtype_name}, {@link NativeBinding#l4j_dtype_size}), so a code that
 * moves on one side only fails the build.
 */
final class NativeDTypes {
    static final int F32 = 0;
    static final int F64 = 1;
    static final int F16 = 2;
    static final int BF16 = 3;
    static final int I32 = 4;
    static final int I64 = 5;

    /** Every code, in order (the test checks the native side knows no other). */
    static final int[] ALL = {F32, F64, F16, BF16, I32, I64};

    /**
     * What an entry point returns, as its status or count, when it refuses a dtype code (and the
     * class-index cross-entropy's {@code bad[0]}); those returning a double return NaN.
     */
    static final int REFUSED = -3;

    private NativeDTypes() {}

    /** The code of a dtype. */
    static int of(DType type) {
        switch (type) {
            case F32: return F32;
            case F64: return F64;
            case F16: return F16;
            case BF16: return BF16;
            case I32: return I32;
            case I64: return I64;
            default: throw new IllegalStateException("no native code for " + type);
        }
    }

    /** Bytes per element of the code; 0 for an unknown code. */
    static int size(int code) {
        switch (code) {
            case F32: case I32: return 4;
            case F64: case I64: return 8;
            case F16: case BF16: return 2;
            default: return 0;
        }
    }

    /**
     * Bytes per element of the outputs, probability targets and weights that go with logits of
     * this code: float64 for float64 logits, float32 for the rest (the native kernels compute
     * 16-bit logits in float32).
     */
    static int valueSize(int logits) {
        return logits == F64 ? 8 : 4;
    }

    /** "float32", ...; "dtype code N" for an unknown code. */
    static String name(int code) {
        switch (code) {
            case F32: return "float32";
            case F64: return "float64";
            case F16: return "float16";
            case BF16: return "bfloat16";
            case I32: return "int32";
            case I64: return "int64";
            default: return "dtype code " + code;
        }
    }

    /** True for the codes logits may have. */
    static boolean isFloating(int code) {
        return code == F32 || code == F64 || code == F16 || code == BF16;
    }

    /**
     * The native side refused a code: never a user's error (the callers pass only the constants
     * above), so a bug in logits4j worth a loud failure rather than a wrong answer.
     */
    static IllegalStateException refused(String entry, int logits, int targets) {
        return new IllegalStateException("logits4j bug: the native " + entry + " refused logits of "
                + name(logits) + (targets < 0 ? "" : " with class indices of " + name(targets))
                + " (native/dispatch/dtypes.h lists what each entry point takes)");
    }

    /**
     * A double from a native kernel: a NaN is its answer (a NaN in the row), unless the logits'
     * code is one it refuses.
     */
    static double checked(double result, String entry, int logits) {
        if (result != result && !isFloating(logits)) {
            throw refused(entry, logits, -1);
        }
        return result;
    }

    /** A status or count from a native kernel, refused or not. */
    static long checked(long result, String entry, int logits) {
        if (result == REFUSED) {
            throw refused(entry, logits, -1);
        }
        return result;
    }
}
