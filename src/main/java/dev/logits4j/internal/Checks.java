package dev.logits4j.internal;

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

    /** The number of elements of {@code shape}; refuses negative dimensions and long overflow. */
    public static long elementCount(int[] shape, String name) {
        notNull(shape, name);
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + shape[i]
                        + " is negative (" + name + " " + Arrays.toString(shape) + ")");
            }
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + " " + Arrays.toString(shape)
                        + " has more elements than a long can count");
            }
        }
        return count;
    }

    /** {@code axis} normalised to [0, rank); rank 0 accepts 0 and -1 (the single element). */
    public static int axis(int axis, int[] shape) {
        int rank = shape.length;
        int r = Math.max(rank, 1);
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for a tensor of rank "
                    + rank + " (shape " + Arrays.toString(shape) + "; expected " + (-r) + ".." + (r - 1) + ")");
        }
        return axis < 0 ? axis + r : axis;
    }

    public static void temperature(double t) {
        if (!(t > 0 && t < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("temperature " + t + " must be finite and > 0");
        }
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
        double[] weight = weights == null ? null : weights.f64();
        double weightSum = 0;
        for (long p = 0; p < positions; p++) {
            long t = Targets.get(targets, ti + p);
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("targets[" + p + "] = " + t
                        + " is out of bounds: class-index targets must lie in [0, " + classes
                        + ") or equal ignoreIndex " + ignoreIndex);
            }
            weightSum += weight == null ? 1.0 : weight[(int) t];
        }
        return weightSum;
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
        if (xCount == 0 || yCount == 0) {
            return;
        }
        if (sameIsOk && xi == yi && xCount == yCount) {
            return;
        }
        if (xi < yi + yCount && yi < xi + xCount) {
            throw new IllegalArgumentException(yName + " [" + yi + ", " + (yi + yCount)
                    + ") overlaps " + xName + " [" + xi + ", " + (xi + xCount) + ")"
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
            return name + " is a read-only buffer and cannot receive the output";
        }
    }
}
