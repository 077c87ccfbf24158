package dev.logits4j.internal.javaimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The Java form of {@code native/generic/select.inl}'s scan ({@link
 * dev.logits4j.internal.kernels.Kernels#collectTop}): every element of a row not below its
 * {@code keep}-th largest, in one pass whose threshold rises as it goes. Elements below the
 * threshold are skipped by {@code firstNotBelow} (the Vector API's compare where available, a
 * scalar loop otherwise); each one found is appended, and a full {@link Candidates} is cut back to
 * its {@code keep} largest ({@link Candidates#keepLargest}), which raises the threshold: first at
 * 2 keep + 64 entries (so the threshold follows the running keep-th largest closely), at the
 * capacity once ties kept more than half.
 * Buffers (either byte order, heap or direct) and 16-bit rows are read a block at a time into
 * the candidates' block arrays first.
 */
public final class JavaCandidates {
    private JavaCandidates() {}

    private static final int BLOCK = 4096;

    private static float[] floats(Candidates c) {
        if (c.floatBlock == null) {
            c.floatBlock = new float[BLOCK];
        }
        return c.floatBlock;
    }

    private static double[] doubles(Candidates c) {
        if (c.doubleBlock == null) {
            c.doubleBlock = new double[BLOCK];
        }
        return c.doubleBlock;
    }

    /**
     * The candidates of the row {@code x[xi, xi + n)} of {@code type} (float[], double[],
     * FloatBuffer or DoubleBuffer; 16-bit bits in a short[] or ShortBuffer; absolute index) into
     * {@code c}: their count, or {@link Candidates#NAN_FOUND}
     * or {@link Candidates#TOO_MANY_TIES}. {@code accel}/{@code accel64} may be null.
     */
    static int collect(DType type, Object x, long xi, int n, int keep, Candidates c,
                       JavaF32Accel accel, JavaF64Accel accel64) {
        if (type.isHalf()) {
            return collectHalf(type, x, xi, n, keep, c, accel);
        }
        start(c, n, keep);
        int count = 0;
        int from = (int) xi;
        if (x instanceof float[]) {
            count = scan((float[]) x, from, from + n, 0, c, keep, 0, accel);
        } else if (x instanceof double[]) {
            count = scan((double[]) x, from, from + n, 0, c, keep, 0, accel64);
        } else if (x instanceof FloatBuffer) {
            FloatBuffer b = (FloatBuffer) x;
            float[] block = floats(c);
            for (int j = 0; j < n && count >= 0; j += BLOCK) {
                int len = Math.min(BLOCK, n - j);
                b.get(from + j, block, 0, len);
                count = scan(block, 0, len, j, c, keep, count, accel);
            }
        } else {
            DoubleBuffer b = (DoubleBuffer) x;
            double[] block = doubles(c);
            for (int j = 0; j < n && count >= 0; j += BLOCK) {
                int len = Math.min(BLOCK, n - j);
                b.get(from + j, block, 0, len);
                count = scan(block, 0, len, j, c, keep, count, accel64);
            }
        }
        if (count == Candidates.OVER_BUDGET || count == Candidates.TOO_MANY_TIES) {
            return JavaBlockMaxima.finish(type, x, xi, n, keep, c);
        }
        return finish(c, count, keep);
    }

    /**
     * {@link #collect} on float16 or bfloat16 bits in a short[] or ShortBuffer, converted exactly
     * a block at a time.
     */
    private static int collectHalf(DType type, Object x, long xi, int n, int keep, Candidates c,
                           JavaF32Accel accel) {
        start(c, n, keep);
        int count = 0;
        int from = (int) xi;
        float[] block = floats(c);
        for (int j = 0; j < n && count >= 0; j += BLOCK) {
            int len = Math.min(BLOCK, n - j);
            HalfConversion.convert(x, from + j, 1, block, 0, len, type == DType.BF16);
            count = scan(block, 0, len, j, c, keep, count, accel);
        }
        if (count == Candidates.OVER_BUDGET || count == Candidates.TOO_MANY_TIES) {
            return JavaBlockMaxima.finish(type, x, xi, n, keep, c);
        }
        return finish(c, count, keep);
    }

    /** The per-call state of a scan: threshold, first limit, budget (as select.inl's). */
    private static void start(Candidates c, int n, int keep) {
        c.threshold = c.from;   // -inf unless the caller knows a lower bound
        c.limit = Math.min(c.cap, 2 * keep + 64);
        int lg = 32 - Integer.numberOfLeadingZeros(Math.max(1, n / keep));
        c.budget = (int) Math.min(Integer.MAX_VALUE, c.cap + 2L * keep * lg);
    }

    static int finish(Candidates c, int count, int keep) {
        return count > keep ? c.keepLargest(count, keep) : count;
    }

    /**
     * Appends every {@code a[j] >= threshold}, j in [from, to), as position {@code pos0 + j - from};
     * returns the new count or a negative status.
     */
    private static int scan(float[] a, int from, int to, int pos0, Candidates c, int keep,
                            int count, JavaF32Accel accel) {
        float thr = floatAtMost(c.threshold);
        int j = from;
        while (true) {
            j = accel == null ? firstNotBelow(a, j, to, thr) : accel.firstNotBelow(a, j, to, thr);
            if (j >= to) {
                return count;
            }
            if (c.skipWords > 0 && c.skipped(pos0 + j - from)) {
                j++;   // never a candidate, nor its NaN (see Candidates#skip)
                continue;
            }
            float v = a[j];
            if (v != v) {
                return Candidates.NAN_FOUND;
            }
            count = c.append(count, pos0 + j - from, v, keep);
            if (count < 0) {
                c.stopPos = pos0 + j - from + 1;
                return count;
            }
            thr = floatAtMost(c.threshold);
            j++;
        }
    }

    private static int scan(double[] a, int from, int to, int pos0, Candidates c, int keep,
                            int count, JavaF64Accel accel) {
        double thr = c.threshold;
        int j = from;
        while (true) {
            j = accel == null ? firstNotBelow(a, j, to, thr) : accel.firstNotBelow(a, j, to, thr);
            if (j >= to) {
                return count;
            }
            if (c.skipWords > 0 && c.skipped(pos0 + j - from)) {
                j++;   // never a candidate, nor its NaN (see Candidates#skip)
                continue;
            }
            double v = a[j];
            if (v != v) {
                return Candidates.NAN_FOUND;
            }
            count = c.append(count, pos0 + j - from, v, keep);
            if (count < 0) {
                c.stopPos = pos0 + j - from + 1;
                return count;
            }
            thr = c.threshold;
            j++;
        }
    }

    /**
     * The largest float not above t: the threshold is -inf, one of the row's values (exact) or
     * a caller's bound c.from, which rounded up would skip values at or above it.
     */
    private static float floatAtMost(double t) {
        float f = (float) t;
        return f > t ? Math.nextDown(f) : f;
    }

    /** The first j in [from, to) with {@code a[j] >= thr} or NaN; {@code to} if none. */
    static int firstNotBelow(float[] a, int from, int to, float thr) {
        for (int j = from; j < to; j++) {
            if (!(a[j] < thr)) {
                return j;
            }
        }
        return to;
    }

    static int firstNotBelow(double[] a, int from, int to, double thr) {
        for (int j = from; j < to; j++) {
            if (!(a[j] < thr)) {
                return j;
            }
        }
        return to;
    }
}
