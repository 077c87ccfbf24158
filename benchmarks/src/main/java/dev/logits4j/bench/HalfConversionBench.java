package dev.logits4j.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java implementation's float16 -> float32 conversion (issue 13), on its own: the
 * 65,536-entry table the library used first, branch-free bit arithmetic (a rebias by one float
 * multiply, which makes subnormals exact), the same arithmetic on Vector API lanes, and the JDK's
 * {@code Float.float16ToFloat} (JDK 20+, reached by a constant method handle; skipped on JDK 17).
 * bfloat16 is a shift, measured as a plain loop and in Vector API form. ns per call on a 16,384-element
 * block (the size the Java implementation converts at a time); divide by 16,384 for per element.
 * docs/perf/half.md has the numbers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class HalfConversionBench {
    private static final float[] TABLE = new float[1 << 16];
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final MethodHandle JDK;

    static {
        for (int h = 0; h < TABLE.length; h++) {
            TABLE[h] = bits((short) h);
        }
        MethodHandle m;
        try {
            m = MethodHandles.lookup().findStatic(Float.class, "float16ToFloat",
                    MethodType.methodType(float.class, short.class));
        } catch (ReflectiveOperationException e) {
            m = null;
        }
        JDK = m;
    }

    @Param({"16384"})
    public int n;

    private short[] src;
    private float[] dst;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        src = new short[n];
        for (int i = 0; i < n; i++) {
            // logits-like values: mostly normal numbers of both signs
            src[i] = (short) (r.nextInt(0x4C00) | (r.nextBoolean() ? 0x8000 : 0));
        }
        dst = new float[n];
    }

    static float bits(short h) {
        int magnitude = h & 0x7FFF;
        int shifted = magnitude << 13;
        float f = Float.intBitsToFloat(shifted) * 0x1p112f;
        if (magnitude >= 0x7C00) {
            f = Float.intBitsToFloat(0x7F800000 | shifted | (magnitude > 0x7C00 ? 0x400000 : 0));
        }
        return h < 0 ? -f : f;
    }

    private static IntVector ints(short[] a, int i) {
        return (IntVector) ShortVector.fromArray(S, a, i).convertShape(VectorOperators.S2I, I, 0);
    }

    /** The scalar tail of a vector loop: elements [i, end). */
    private static float[] bitsFrom(short[] a, float[] d, int i) {
        for (; i < a.length; i++) {
            d[i] = bits(a[i]);
        }
        return d;
    }

    @Benchmark
    public float[] table() {
        short[] a = src;
        float[] d = dst;
        for (int i = 0; i < a.length; i++) {
            d[i] = TABLE[a[i] & 0xFFFF];
        }
        return d;
    }

    @Benchmark
    public float[] bitArithmetic() {
        short[] a = src;
        float[] d = dst;
        for (int i = 0; i < a.length; i++) {
            d[i] = bits(a[i]);
        }
        return d;
    }

    @Benchmark
    public float[] vectorLanes() {
        short[] a = src;
        float[] d = dst;
        int i = 0;
        for (; i <= a.length - 8; i += 8) {
            IntVector h = ints(a, i);
            IntVector magnitude = h.and(0x7FFF);
            IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
            FloatVector f = shifted.reinterpretAsFloats().mul(0x1p112f);
            VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7C00);
            IntVector inf = shifted.or(0x7F800000);
            IntVector nan = inf.or(0x400000);
            IntVector out = f.reinterpretAsInts().blend(inf, special)
                    .blend(nan, magnitude.compare(VectorOperators.GT, 0x7C00));
            out = out.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16));
            out.reinterpretAsFloats().intoArray(d, i);
        }
        return bitsFrom(a, d, i);
    }

    @Benchmark
    public float[] vectorLanesFinite() {
        short[] a = src;
        float[] d = dst;
        int i = 0;
        for (; i <= a.length - 8; i += 8) {
            IntVector h = ints(a, i);
            IntVector magnitude = h.and(0x7FFF);
            if (magnitude.compare(VectorOperators.GE, 0x7C00).anyTrue()) {
                for (int k = i; k < i + 8; k++) {
                    d[k] = bits(a[k]);   // infinity or NaN in this vector
                }
                continue;
            }
            FloatVector f = magnitude.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f);
            f.reinterpretAsInts().or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16))
                    .reinterpretAsFloats().intoArray(d, i);
        }
        return bitsFrom(a, d, i);
    }

    @Benchmark
    public float[] vectorLanesBf16() {
        short[] a = src;
        float[] d = dst;
        int i = 0;
        for (; i <= a.length - 8; i += 8) {
            IntVector h = ints(a, i);
            h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(d, i);
        }
        for (; i < a.length; i++) {
            d[i] = Float.intBitsToFloat(a[i] << 16);
        }
        return d;
    }

    @Benchmark
    public float[] shiftBf16() {
        short[] a = src;
        float[] d = dst;
        for (int i = 0; i < a.length; i++) {
            d[i] = Float.intBitsToFloat(a[i] << 16);
        }
        return d;
    }

    @Benchmark
    public float[] jdkFloat16ToFloat() throws Throwable {
        short[] a = src;
        float[] d = dst;
        if (JDK == null) {
            return d;   // JDK 17-19: not there
        }
        for (int i = 0; i < a.length; i++) {
            d[i] = (float) JDK.invokeExact(a[i]);
        }
        return d;
    }
}
