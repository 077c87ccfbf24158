package dev.logits4j.internal.javaimpl;

import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.DType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The Java form of {@code native/generic/select.inl}'s {@code finish_by_blocks} (issue 23,
 * finding 6): the end of a candidate scan that appended more than its budget (ascending rows and
 * the like) or was flooded with ties. On entry {@code c} holds the candidates of the row's first
 * {@code c.stopPos} elements (every one there not below {@code c.threshold}). The rest is cut into
 * at most 2048 blocks whose maxima one pass finds (a NaN found there is the row's answer); L, the
 * keep-th largest of them, is a lower bound of the row's keep-th largest, and fewer than keep
 * blocks lie above it. If at least keep elements are above L, the answer lies in the candidates
 * and those blocks: the ordinary appends over them alone, from a threshold above L. Otherwise the
 * answer is every element not below L. Fixed cost: one pass, a select over the maxima, fewer
 * than keep blocks of appends; a flood of ties at the answer still returns
 * {@link Candidates#TOO_MANY_TIES} (the caller's whole-row path).
 */
final class JavaBlockMaxima {
    private JavaBlockMaxima() {}

    private static final int MAX_BLOCKS = 2048;
    private static final int CHUNK = 4096;

    static int finish(DType type, Object x, long xi, int n, int keep, Candidates c) {
        int count = c.held;
        int j0 = c.stopPos;
        int rest = n - j0;
        int most = Math.min(c.cap, MAX_BLOCKS);
        int bsize = 64;
        while ((rest + (long) bsize - 1) / bsize > most) {
            bsize *= 2;
        }
        int m = (rest + bsize - 1) / bsize;
        if (c.blockMax == null) {
            c.blockMax = new double[MAX_BLOCKS];
            c.blockKeys = new long[MAX_BLOCKS];
        }
        double[] bmax = c.blockMax;
        double[] chunk = chunk(c);
        boolean skips = c.skipWords > 0;   // skipped positions are neither maxima nor NaNs
        if (x instanceof float[]) {
            float[] a = (float[]) x;
            for (int b = 0; b < m; b++) {
                int s = (int) xi + j0 + b * bsize;
                int e = s + Math.min(bsize, n - j0 - b * bsize);
                float mx = Float.NEGATIVE_INFINITY;
                boolean nan = false;
                for (int j = s; j < e; j++) {
                    if (skips && c.skipped(j - (int) xi)) {
                        continue;
                    }
                    float v = a[j];
                    nan |= v != v;
                    mx = v > mx ? v : mx;
                }
                if (nan) {
                    return Candidates.NAN_FOUND;   // the row's answer; never skipped later
                }
                bmax[b] = mx;
            }
        } else {
            int b = 0;
            int blockEnd = j0 + bsize;
            double mx = Double.NEGATIVE_INFINITY;
            for (int s = j0; s < n; s += CHUNK) {
                int len = Math.min(CHUNK, n - s);
                read(type, x, xi, s, len, chunk, c);
                for (int i = 0; i < len; i++) {
                    if (s + i == blockEnd) {
                        bmax[b++] = mx;
                        mx = Double.NEGATIVE_INFINITY;
                        blockEnd += bsize;
                    }
                    if (skips && c.skipped(s + i)) {
                        continue;
                    }
                    double v = chunk[i];
                    if (v != v) {
                        return Candidates.NAN_FOUND;   // the row's answer; never skipped later
                    }
                    mx = v > mx ? v : mx;
                }
            }
            if (b < m) {
                bmax[b] = mx;
            }
        }
        // L: the keep-th largest block maximum, or the scan's threshold if that is larger
        double lower = c.threshold;
        if (m >= keep) {
            long[] keys = c.blockKeys;
            for (int b = 0; b < m; b++) {
                keys[b] = Candidates.key(bmax[b]);
            }
            double l = keyValue(kthLargest(keys, m, keep));
            lower = Math.max(lower, l);
        }
        // how many elements are above L (stop counting at keep)
        int above = 0;
        for (int i = 0; i < count; i++) {
            above += c.val[i] > lower ? 1 : 0;
        }
        for (int b = 0; b < m && above < keep; b++) {
            if (bmax[b] > lower) {
                int s = j0 + b * bsize;
                int len = Math.min(bsize, n - s);
                for (int off = 0; off < len; off += CHUNK) {
                    int l2 = Math.min(CHUNK, len - off);
                    read(type, x, xi, s + off, l2, chunk, c);
                    for (int i = 0; i < l2; i++) {
                        double v = chunk[i];
                        above += (v > lower || v != v) && !(skips && c.skipped(s + off + i)) ? 1 : 0;
                    }
                }
            }
        }
        boolean strict = above >= keep;   // then t* > L: only elements above L can belong
        // t* = L with firstTies (top-k, argmax): only the first keep - above ties are needed
        int ties = !strict && c.firstTies ? keep - above : Integer.MAX_VALUE;
        int k = 0;
        for (int i = 0; i < count; i++) {
            boolean tie = c.val[i] == lower;
            boolean in = strict ? c.val[i] > lower : c.val[i] > lower || (tie && ties > 0);
            ties -= in && tie && !strict ? 1 : 0;
            c.idx[k] = c.idx[i];
            c.val[k] = c.val[i];
            k += in ? 1 : 0;
        }
        count = k;
        c.budget = Integer.MAX_VALUE;   // bounded: fewer than keep blocks above L
        c.limit = c.cap;
        if (count >= c.cap) {
            return Candidates.TOO_MANY_TIES;
        }
        c.threshold = strict ? Math.max(c.threshold, Math.nextUp(lower)) : lower;
        for (int b = 0; b < m; b++) {
            // blocks at L hold only ties: once firstTies has all it needs, only blocks above L
            if (!(bmax[b] >= c.threshold) || (!strict && ties <= 0 && !(bmax[b] > lower))) {
                continue;
            }
            int s = j0 + b * bsize;
            int len = Math.min(bsize, n - s);
            for (int off = 0; off < len; off += CHUNK) {
                int l2 = Math.min(CHUNK, len - off);
                read(type, x, xi, s + off, l2, chunk, c);
                for (int i = 0; i < l2; i++) {
                    if (skips && c.skipped(s + off + i)) {
                        continue;
                    }
                    double v = chunk[i];
                    if (v != v) {
                        return Candidates.NAN_FOUND;
                    }
                    if (v >= c.threshold && (strict || v > lower || ties > 0)) {
                        if (!strict && v == lower) {
                            ties--;
                        }
                        if (!strict && count >= c.cap) {
                            return Candidates.TOO_MANY_TIES;   // the answer is a flood of ties
                        }
                        count = c.append(count, s + off + i, v, keep);
                        if (count < 0) {
                            return Candidates.TOO_MANY_TIES;
                        }
                    }
                }
            }
        }
        return JavaCandidates.finish(c, count, keep);
    }

    /** Reads x[xi + s, + len) (any memory kind the Java scan takes) as float64 into chunk. */
    private static void read(DType type, Object x, long xi, int s, int len, double[] chunk, Candidates c) {
        int at = (int) xi + s;
        if (x instanceof float[]) {
            float[] a = (float[]) x;
            for (int i = 0; i < len; i++) {
                chunk[i] = a[at + i];
            }
        } else if (x instanceof double[]) {
            System.arraycopy((double[]) x, at, chunk, 0, len);
        } else if (x instanceof FloatBuffer) {
            FloatBuffer b = (FloatBuffer) x;
            for (int i = 0; i < len; i++) {
                chunk[i] = b.get(at + i);
            }
        } else if (x instanceof DoubleBuffer) {
            ((DoubleBuffer) x).get(at, chunk, 0, len);
        } else {   // 16-bit bits
            float[] f = c.floatBlock != null && c.floatBlock.length >= len ? c.floatBlock : new float[len];
            c.floatBlock = f;
            HalfConversion.convert(x, at, 1, f, 0, len, type == DType.BF16);
            for (int i = 0; i < len; i++) {
                chunk[i] = f[i];
            }
        }
    }

    private static double[] chunk(Candidates c) {
        if (c.doubleBlock == null || c.doubleBlock.length < CHUNK) {
            c.doubleBlock = new double[CHUNK];
        }
        return c.doubleBlock;
    }

    /** The keep-th largest of keys[0, count) (reordered): quickselect, three-way partition. */
    private static long kthLargest(long[] keys, int count, int keep) {
        int lo = 0;
        int hi = count - 1;
        int k = keep - 1;
        while (hi > lo) {
            long a = keys[lo];
            long b = keys[lo + (hi - lo) / 2];
            long d = keys[hi];
            long p = Math.max(Math.min(a, b), Math.min(Math.max(a, b), d));   // the median
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                long v = keys[i];
                if (v > p) {
                    keys[i++] = keys[lt];
                    keys[lt++] = v;
                } else if (v < p) {
                    keys[i] = keys[gt];
                    keys[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return p;
            }
        }
        return keys[lo];
    }

    /** The value of a {@link Candidates#key}. */
    private static double keyValue(long k) {
        return Double.longBitsToDouble(k < 0 ? k & Long.MAX_VALUE : ~k);
    }
}
