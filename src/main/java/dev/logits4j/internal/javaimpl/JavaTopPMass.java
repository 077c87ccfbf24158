package dev.logits4j.internal.javaimpl;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;

/**
 * {@link Kernels#massDigit} and {@link Kernels#keptBlockSums} in Java: float64, {@code Math.exp},
 * in index order. The processed row is x with the sorted override ids replaced by their values.
 */
final class JavaTopPMass {
    private JavaTopPMass() {}

    /** The unsigned order-preserving key: {@code RadixSelect.key} with its sign bit flipped. */
    static long unsignedKey(double v) {
        if (v != v) {
            return -1L;
        }
        long b = Double.doubleToRawLongBits(v + 0.0);
        return (b >= 0 ? b : b ^ Long.MAX_VALUE) ^ Long.MIN_VALUE;
    }

    static double massDigit(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                            double[] values, int m, long prefix, int prefixBits, int digitBits,
                            double[] hist, long[] stats) {
        if (prefixBits < 0 || digitBits < 0 || digitBits > 12 || prefixBits + digitBits > 64
                || hist.length < Kernels.MASS_HIST || stats.length < 3) {
            return Double.NaN;
        }
        int buckets = 1 << digitBits;
        java.util.Arrays.fill(hist, 0, buckets, 0);
        long pmask = prefixBits == 0 ? 0 : -1L << (64 - prefixBits);
        long want = prefix & pmask;
        int shift = 64 - prefixBits - digitBits;
        long lo = -1L;
        long hi = 0;
        long matched = 0;
        double total = 0;
        int o = 0;
        for (int j = 0; j < n; j++) {
            double z;
            if (o < m && ids[o] == j) {
                z = values[o++];
            } else {
                z = Elements.read(type, x, xi + j);
            }
            long k = unsignedKey(z);
            if ((k & pmask) == want) {
                double e = Math.exp((z - max) * invT);
                int b = digitBits == 0 ? 0 : (int) ((k >>> shift) & (buckets - 1));
                hist[b] += e;
                total += e;
                lo = Long.compareUnsigned(k, lo) < 0 ? k : lo;
                hi = Long.compareUnsigned(k, hi) > 0 ? k : hi;
                matched++;
            }
        }
        stats[0] = lo;
        stats[1] = hi;
        stats[2] = matched;
        return total;
    }

    static double keptBlockSums(DType type, Object x, long xi, int n, double max, double invT, int[] ids,
                                double[] values, int m, long boundary, long tiesKept, double[] blockSums,
                                long[] lastTie) {
        if (blockSums.length < (n + Kernels.SUM_BLOCK - 1) / Kernels.SUM_BLOCK || tiesKept < 0) {
            return Double.NaN;
        }
        double total = 0;
        long ties = 0;
        long last = -1;
        int o = 0;
        for (int j0 = 0, b = 0; j0 < n; j0 += Kernels.SUM_BLOCK, b++) {
            int end = Math.min(n, j0 + Kernels.SUM_BLOCK);
            double s = 0;
            for (int j = j0; j < end; j++) {
                double z;
                if (o < m && ids[o] == j) {
                    z = values[o++];
                } else {
                    z = Elements.read(type, x, xi + j);
                }
                long k = unsignedKey(z);
                int c = Long.compareUnsigned(k, boundary);
                boolean tie = c == 0 && ties < tiesKept;
                if (c > 0 || tie) {
                    s += Math.exp((z - max) * invT);
                }
                if (tie) {
                    ties++;
                    last = j;
                }
            }
            blockSums[b] = s;
            total += s;
        }
        lastTie[0] = last;
        return total;
    }
}
