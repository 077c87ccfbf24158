package dev.logits4j.internal.plan;

import java.util.Arrays;

/**
 * A shape reduced along one axis, with every dimension read exactly once. The caller's
 * {@code int[]} may be rewritten by another thread during a call: everything the call uses (the
 * element count it checks memory against, and the outer/n/inner split its kernels walk) comes
 * from this one read, so a racing writer can change which shape is used, never make the checked
 * count and the walked one differ.
 */
public final class Dims {
    /** Elements in the tensor. */
    public final long count;
    /** Product of the dimensions before the axis. */
    public final long outer;
    /** Length of the axis (1 for rank 0). */
    public final int n;
    /** Product of the dimensions after the axis. */
    public final long inner;
    /** The axis in [0, rank) (0 for rank 0). */
    public final int axis;
    /** Slices along the axis, {@code outer * inner}: logSumExp's output count, positions of cross-entropy. */
    public final long slices;
    /** The shape (the view's private copy: never written), for messages. */
    public final int[] shape;

    private Dims(int[] shape, long count, long outer, int n, long inner, int axis, long slices) {
        this.shape = shape;
        this.count = count;
        this.slices = slices;
        this.outer = outer;
        this.n = n;
        this.inner = inner;
        this.axis = axis;
    }

    /**
     * Reads {@code shape} once and splits it at {@code axis} (negative counts from the end).
     *
     * @throws IllegalArgumentException for a negative dimension, an element count (or partial
     *         product) that overflows a long, or an axis out of range
     */
    public static Dims of(int[] shape, int axis, String name) {
        Checks.notNull(shape, name);
        int rank = shape.length;   // an array's length cannot change
        int ax = Checks.axis(axis, rank, shape);
        long outer = 1;
        long inner = 1;
        int n = 1;
        for (int i = 0; i < rank; i++) {
            int d = shape[i];
            if (d < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + d
                        + " is negative (" + name + " " + Arrays.toString(shape) + ")");
            }
            try {
                if (i < ax) {
                    outer = Math.multiplyExact(outer, d);
                } else if (i == ax) {
                    n = d;
                } else {
                    inner = Math.multiplyExact(inner, d);
                }
            } catch (ArithmeticException e) {
                throw tooMany(name, shape);
            }
        }
        long count;
        long slices;
        try {
            slices = Math.multiplyExact(outer, inner);   // may exceed count when n == 0
            count = Math.multiplyExact(slices, n);
        } catch (ArithmeticException e) {
            throw tooMany(name, shape);
        }
        return new Dims(shape, count, outer, n, inner, ax, slices);
    }

    /**
     * The dimensions of a 1-d tensor of {@code n} elements along its only axis: what
     * {@code of(new int[] {n}, 0, name)} computes, without the loop (the float[] shortcuts).
     *
     * @param n the length, at least 0 (an array's length)
     */
    public static Dims row(int n) {
        return new Dims(new int[] {n}, n, 1, n, 1, 0, 1);
    }

    /** The same dimensions with {@code rows} leading rows (a parallel chunk of [outer, n, inner]). */
    public Dims withOuter(long rows) {
        int[] chunk = inner == 1 ? new int[] {(int) rows, n} : new int[] {(int) rows, n, (int) inner};
        return new Dims(chunk, rows * n * inner, rows, n, inner, 1, rows * inner);
    }

    private static IllegalArgumentException tooMany(String name, int[] shape) {
        return new IllegalArgumentException(name + " " + Arrays.toString(shape)
                + " has more elements than a long can count");
    }
}
