package dev.logits4j.internal.plan;

import dev.logits4j.internal.kernels.ClassWeights;
import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Targets;
import java.nio.Buffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;

/**
 * Every argument check of the public API, and so every error message, lives here. A check either
 * returns or throws the exception SPEC.md names, with a message that names the argument and the
 * offending value.
 */
public final class Checks {
    private Checks() {}

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /**
     * {@code axis} normalised to [0, rank); rank 0 accepts 0 and -1 (the single element).
     * {@code shape} is only printed.
     */
    static int axis(int axis, int rank, int[] shape) {
        int r = Math.max(rank, 1);
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for a tensor of rank "
                    + rank + " (shape " + Arrays.toString(shape) + "; expected " + (-r) + ".." + (r - 1) + ")");
        }
        return axis < 0 ? axis + r : axis;
    }

    /** {@code axis} of a tensor of shape {@code shape}, normalised to [0, max(rank, 1)). */
    public static int axisOf(int axis, int[] shape) {
        return axis(axis, shape.length, shape);
    }

    /** An output view over read-only memory is refused, as a read-only buffer always was. */
    public static void writable(boolean writable, String name) {
        if (!writable) {
            throw new ReadOnlyDestination(name);
        }
    }

    /** The smallest temperature accepted: 2^-126 (1/T is then 2^126, still a float32). */
    public static final double MIN_TEMPERATURE = 0x1p-126;
    /** The largest temperature accepted: 2^126 (1/T is then 2^-126, the smallest normal float32). */
    public static final double MAX_TEMPERATURE = 0x1p126;

    /**
     * A temperature must lie in [2^-126, 2^126]. Implementations multiply by 1/T, and the float32
     * kernels hold 1/T as a float32: outside this range it would overflow to infinity or fall
     * into the subnormals (or to 0), and a row would come out NaN or lose its shape on one
     * implementation and not on another. Every practical temperature lies far inside it.
     */
    public static double temperature(double t) {
        if (!(t >= MIN_TEMPERATURE && t <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature " + t + " must be finite and in [2^-126, "
                    + "2^126] = [" + MIN_TEMPERATURE + ", " + MAX_TEMPERATURE + "] (1/T must be a "
                    + "normal float32)");
        }
        return t;
    }

    /** The length of a new Java array of {@code count} elements, or a refusal naming the sizes. */
    public static int newArrayLength(String what, long count) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " of " + count + " elements does not fit a "
                    + "Java array (at most " + (Integer.MAX_VALUE - 8) + "): pass an output");
        }
        return (int) count;
    }

    /** An array offset must lie in [0, length]. */
    public static void arrayOffset(String name, int length, int offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException(name + " offset " + offset
                    + " is outside the array (length " + length + ")");
        }
    }

    /** The memory after the offset (or buffer position) must hold what the shape needs. */
    public static void capacity(String name, long available, long needed, int[] shape) {
        if (available < needed) {
            throw new IndexOutOfBoundsException(name + " holds " + available
                    + " elements from its offset/position but shape " + Arrays.toString(shape)
                    + " needs " + needed);
        }
    }

    /**
     * Checks every class-index target: each must equal {@code ignoreIndex} or lie in [0, C).
     * Returns the sum of the weights of the targets that are not ignored (the MEAN divisor),
     * computed here because this loop visits every target anyway.
     */
    public static double indexTargets(Object targets, long ti, long positions, int classes,
                                      long ignoreIndex, ClassWeights weights) {
        return indexTargets("targets", targets, ti, positions, classes, ignoreIndex, weights);
    }

    /** {@link #indexTargets(Object, long, long, int, long, ClassWeights)} for an operand named {@code name}. */
    public static double indexTargets(String name, Object targets, long ti, long positions, int classes,
                                      long ignoreIndex, ClassWeights weights) {
        if (weights == null) {
            long counted = countedClassTargets(targets, ti, positions, classes, ignoreIndex);
            if (counted >= 0) {
                return counted;  // what the loop below adds up: 1.0 per counted position
            }
        }
        double[] weight = weights == null ? null : weights.f64();
        double weightSum = 0;
        for (long p = 0; p < positions; p++) {
            long t = Targets.get(targets, ti + p);
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException(name + "[" + p + "] = " + t
                        + " is out of bounds: class-index targets must lie in [0, " + classes
                        + ") or equal ignoreIndex " + ignoreIndex);
            }
            weightSum += weight == null ? 1.0 : weight[(int) t];
        }
        return weightSum;
    }

    /**
     * Without class weights, the number of positions not equal to ignoreIndex when every one of
     * them is a class in [0, classes), from branch-free passes over an {@code int[]} or
     * {@code long[]}; -1 sends the caller to the position-by-position loop of
     * {@link #indexTargets}, which gives the exact message (a target out of range, ignoreIndex
     * itself a class, or another memory kind). That loop (a type dispatch, two branches and a
     * dependent add per position) cost 31 us for 65536 targets and 190 us when a random tenth of
     * them are ignored (JDK 17, AMD EPYC with AVX-512); these passes 8.7 us (int[]) and 17 us
     * (long[]) without ignored targets, about 62 and 65 us with that tenth.
     */
    private static long countedClassTargets(Object targets, long ti, long positions, int classes,
                                            long ignoreIndex) {
        if (ignoreIndex >= 0 && ignoreIndex < classes) {
            return -1;
        }
        // one method per array type: each is small enough for the JIT to inline into the call
        if (targets instanceof int[]) {
            return countedInts((int[]) targets, (int) ti, (int) positions, classes, ignoreIndex);
        }
        if (targets instanceof long[]) {
            return countedLongs((long[]) targets, (int) ti, (int) positions, classes, ignoreIndex);
        }
        return -1;
    }

    private static long countedInts(int[] a, int base, int n, int classes, long ignoreIndex) {
        int last = classes - 1;
        int any = 0;
        for (int p = 0; p < n; p++) {
            any |= a[base + p] | (last - a[base + p]);   // negative: some target outside [0, C)
        }
        if (any >= 0) {
            return n;   // every target a class, so none is ignoreIndex (which is not one)
        }
        if (ignoreIndex != (int) ignoreIndex) {
            return -1;  // no int equals it: some target is really out of range
        }
        // Ignored positions present (padding): out-of-range bits count only where t != ignore.
        int ignore = (int) ignoreIndex;
        int bad = 0;
        int counted = 0;
        for (int p = 0; p < n; p++) {
            int t = a[base + p];
            int d = t ^ ignore;
            int live = (d | -d) >> 31;   // -1 unless t == ignoreIndex
            bad |= (t | (last - t)) & live;
            counted -= live;
        }
        return bad < 0 ? -1 : counted;
    }

    private static long countedLongs(long[] a, int base, int n, int classes, long ignoreIndex) {
        long last = classes - 1;
        long any = 0;
        for (int p = 0; p < n; p++) {
            any |= a[base + p] | (last - a[base + p]);
        }
        if (any >= 0) {
            return n;
        }
        long bad = 0;
        long counted = 0;
        for (int p = 0; p < n; p++) {
            long t = a[base + p];
            long d = t ^ ignoreIndex;
            long live = (d | -d) >> 63;
            bad |= (t | (last - t)) & live;
            counted -= live;
        }
        return bad < 0 ? -1 : counted;
    }


    /** Cross-entropy logits are (C), (N, C) or (N, C, d1, ..., dk). */
    public static void logitsShape(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("logits shape [] is 0-d; cross-entropy needs (C), "
                    + "(N, C) or (N, C, d1, ..., dk)");
        }
    }

    public static void weight(ClassWeights weight, int classes) {
        if (weight != null && weight.length() != classes) {
            throw new IllegalArgumentException("weight has length " + weight.length()
                    + " but the logits have C = " + classes + " classes");
        }
    }

    public static void ignoreIndexWithProbabilities(long ignoreIndex) {
        if (ignoreIndex >= 0) {
            throw new IllegalArgumentException("ignoreIndex " + ignoreIndex
                    + " is not supported with probability targets (it must be negative)");
        }
    }

    public static void writable(Buffer buffer, String name) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyDestination(name);
        }
    }

    /**
     * Refuses overlapping input and output in the same memory, unless {@code sameIsOk} and they
     * are exactly the same elements (in place).
     */
    public static void noOverlap(String xName, long xi, long xCount, String yName, long yi,
                                 long yCount, boolean sameIsOk) {
        noOverlap(xName, xi, xCount, yName, yi, yCount, sameIsOk, "");
    }

    /**
     * As {@link #noOverlap(String, long, long, String, long, long, boolean)}, the positions being
     * {@code unit} (e.g. " (address)"): joined to the names only for the message, so a call that
     * passes allocates nothing.
     */
    public static void noOverlap(String xName, long xi, long xCount, String yName, long yi,
                                 long yCount, boolean sameIsOk, String unit) {
        if (xCount == 0 || yCount == 0) {
            return;
        }
        if (sameIsOk && xi == yi && xCount == yCount) {
            return;
        }
        if (xi < yi + yCount && yi < xi + xCount) {
            throw new IllegalArgumentException(yName + unit + " [" + yi + ", " + (yi + yCount)
                    + ") overlaps " + xName + unit + " [" + xi + ", " + (xi + xCount) + ")"
                    + (sameIsOk ? "; only exactly the same elements (in place) are allowed" : ""));
        }
    }

    /** A {@link ReadOnlyBufferException} that says which argument was read-only. */
    static final class ReadOnlyDestination extends ReadOnlyBufferException {
        private static final long serialVersionUID = 1L;
        private final String name;

        ReadOnlyDestination(String name) {
            this.name = name;
        }

        @Override
        public String getMessage() {
            return name + " is read-only memory and cannot receive the output";
        }
    }

    // ---- selection and sampling (issue 12) ------------------------------------------------------

    /** A sampling temperature: 0 (greedy) or a softmax temperature (see {@link #temperature}). */
    public static double samplingTemperature(String name, double t) {
        if (t == 0) {
            return t;
        }
        if (!(t >= MIN_TEMPERATURE && t <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException(name + " " + t + " must be 0 (greedy) or finite and "
                    + "in [2^-126, 2^126] = [" + MIN_TEMPERATURE + ", " + MAX_TEMPERATURE + "]");
        }
        return t;
    }

    public static int topK(String name, int k) {
        if (k < 0) {
            throw new IllegalArgumentException(name + " " + k + " must be >= 0 (0: top-k off)");
        }
        return k;
    }

    public static double topP(String name, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " " + p + " must lie in (0, 1] (1: top-p off)");
        }
        return p;
    }

    public static double minP(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " " + p + " must lie in [0, 1] (0: min-p off)");
        }
        return p;
    }

    public static double repetitionPenalty(String name, double r) {
        if (!(r > 0 && r < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " " + r + " must be finite and > 0 (1: off)");
        }
        return r;
    }

    /** Presence and frequency penalties: any finite value (0: off; OpenAI allows [-2, 2]). */
    public static double additivePenalty(String name, double a) {
        if (!(Math.abs(a) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " " + a + " must be finite (0: off)");
        }
        return a;
    }

    /** A logit bias value: finite, or -inf (which bans the token); NaN and +inf are refused. */
    public static double logitBias(String name, double v) {
        if (!(v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " " + v + " must be finite or -inf");
        }
        return v;
    }

    /** A per-row parameter array has 1 value (for the batch) or one per row. */
    public static void perRow(String name, int length, long rows) {
        if (length != 1 && length != rows) {
            throw new IllegalArgumentException(name + " has " + length + " values but the batch has "
                    + rows + " rows (give 1 value for the batch or 1 per row)");
        }
    }

    /** A token id (history or logit bias) must lie in [0, vocab). */
    public static void tokenId(String name, long id, int vocab) {
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException(name + " = " + id + " is outside the vocabulary [0, "
                    + vocab + ")");
        }
    }

    /** A uniform draw must lie in [0, 1). */
    public static void uniform(String name, double u) {
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException(name + " = " + u + " must lie in [0, 1)");
        }
    }

    /** Selection ops work along the last axis of a tensor of rank >= 1 with a non-empty vocabulary. */
    public static void rows(String name, int[] shape, int vocab, long rows, boolean needVocab) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(name + " [] is 0-d; expected rank >= 1 ([..., vocab])");
        }
        if (needVocab && vocab == 0 && rows > 0) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(shape)
                    + " has an empty vocabulary: no token to choose");
        }
    }

    public static int k(int k, int n) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k " + k + " must lie in [0, " + n
                    + "] (the length of the last axis)");
        }
        return k;
    }

    /** Logits (and the softmax family's input) are floating: F32, F64, F16 or BF16. */
    public static void logits(Operand x) {
        if (!x.type.isFloating()) {
            throw new IllegalArgumentException(x.name + " holds " + x.type + ": it must hold "
                    + "floating values (F32, F64, F16 or BF16)");
        }
    }

    /** Index outputs are int32 or int64. */
    public static void indexType(Operand o) {
        if (o.type != DType.I32 && o.type != DType.I64) {
            throw new IllegalArgumentException(o.name + " must hold int32 or int64 indices, not "
                    + o.type);
        }
    }

    /** An output of values has the input's type. */
    public static void sameType(Operand x, Operand y) {
        if (x.type != y.type) {
            throw new IllegalArgumentException(y.name + " holds " + y.type + " but " + x.name
                    + " holds " + x.type + ": they must match");
        }
    }

    /**
     * An output of values (top-k values, log-probs) for input x: x's type, or float32 for 16-bit
     * input (results of 16-bit logits are float32).
     */
    public static void valuesType(Operand x, Operand y) {
        if (x.type.isHalf()) {
            if (y.type != DType.F32) {
                throw new IllegalArgumentException(y.name + " holds " + y.type + " but " + x.name
                        + " holds " + x.type + ": results of 16-bit logits are float32");
            }
            return;
        }
        sameType(x, y);
    }
}
