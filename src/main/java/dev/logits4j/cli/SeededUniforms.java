package dev.logits4j.cli;

/**
 * {@code sample --seed N}'s draws: SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), the generator behind
 * {@code java.util.SplittableRandom}. The state starts at the seed; each draw adds the golden
 * gamma 0x9E3779B97F4A7C15 to it and mixes the sum (Stafford's variant 13); the draw is the top 53
 * bits over 2^53, in [0, 1). Row r takes draw r.
 *
 * <p>Written out here rather than calling SplittableRandom so that the stream is fixed by this
 * file, not by the JDK that runs it: a seed gives the same tokens on every JDK and backend, and
 * docs/SAMPLING.md shows the same few lines in Python. Today it equals
 * {@code new SplittableRandom(seed).nextDouble()} called once per row (a test checks it).
 */
final class SeededUniforms {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    private SeededUniforms() {}

    /** The first {@code n} draws of the stream that {@code seed} starts. */
    static double[] draws(long seed, int n) {
        double[] u = new double[n];
        long state = seed;
        for (int i = 0; i < n; i++) {
            state += GOLDEN_GAMMA;
            u[i] = (mix64(state) >>> 11) * TWO_TO_MINUS_53;
        }
        return u;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
