package dev.logits4j.internal.javaimpl;

/**
 * Per-thread work rows for the pure-Java kernels: they grow to the longest row seen and are then
 * reused, so a steady stream of calls allocates nothing. Each thread has its own, which keeps the
 * kernels free of shared mutable state.
 *
 * <p>Bounded: an array longer than {@link #RETAINED_ELEMENTS} is handed out for one call and not
 * kept, so a thread retains at most 2 &times; 1 MiB of float rows, 2 &times; 2 MiB of double rows
 * and the short-row blocks (a few KiB) — the largest vocabularies (256,000) stay allocation-free.
 * It is Java heap, never direct memory, and a virtual thread's copy goes with the thread.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    /** Elements an array may hold and still be kept for the next call (2^18 = 262,144). */
    static final int RETAINED_ELEMENTS = 1 << 18;

    private float[] f32a = new float[0];
    private float[] f32b = new float[0];
    private double[] f64a = new double[0];
    private double[] f64b = new double[0];
    private final double[] pair = new double[2];
    private float[] block = new float[0];
    private double[] blockF64 = new double[0];
    private final float[] laneFloats = new float[64];
    private final double[] laneDoubles = new double[64];
    private Object vectorBlockF32;
    private Object vectorBlockF64;

    private Scratch() {}

    static Scratch get() {
        return LOCAL.get();
    }

    float[] f32a(int n) {
        if (f32a.length < n) {
            if (n > RETAINED_ELEMENTS) {
                return new float[n];
            }
            f32a = new float[n];
        }
        return f32a;
    }

    float[] f32b(int n) {
        if (f32b.length < n) {
            if (n > RETAINED_ELEMENTS) {
                return new float[n];
            }
            f32b = new float[n];
        }
        return f32b;
    }

    double[] f64a(int n) {
        if (f64a.length < n) {
            if (n > RETAINED_ELEMENTS) {
                return new double[n];
            }
            f64a = new double[n];
        }
        return f64a;
    }

    double[] f64b(int n) {
        if (f64b.length < n) {
            if (n > RETAINED_ELEMENTS) {
                return new double[n];
            }
            f64b = new double[n];
        }
        return f64b;
    }

    /** A transposed block of short rows (VectorBlockF32). */
    float[] block(int n) {
        if (block.length < n) {
            if (n > RETAINED_ELEMENTS) {
                return new float[n];
            }
            block = new float[n];
        }
        return block;
    }

    /** A transposed block of short float64 rows (VectorBlockF64). */
    double[] blockF64(int n) {
        if (blockF64.length < n) {
            if (n > RETAINED_ELEMENTS) {
                return new double[n];
            }
            blockF64 = new double[n];
        }
        return blockF64;
    }

    /** VectorF32's per-thread block state (its type is private to VectorF32). */
    Object vectorBlockF32() {
        return vectorBlockF32;
    }

    void vectorBlockF32(Object block) {
        vectorBlockF32 = block;
    }

    /** VectorF64's per-thread block state. */
    Object vectorBlockF64() {
        return vectorBlockF64;
    }

    void vectorBlockF64(Object block) {
        vectorBlockF64 = block;
    }

    /** One double per lane (VectorF64's counterpart of {@link #laneFloats}). */
    double[] laneDoubles() {
        return laneDoubles;
    }

    /** One float per vector lane (up to 64: 2048-bit vectors). */
    float[] laneFloats() {
        return laneFloats;
    }


    /** Two doubles for kernels that return a second sum. */
    double[] pair() {
        return pair;
    }
}
