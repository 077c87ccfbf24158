package dev.logits4j.tools;

import dev.logits4j.internal.javaimpl.HalfConversion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Every float16 and bfloat16 bit pattern through every route of {@link HalfConversion#convert}
 * (short[] contiguous and strided, heap and direct ShortBuffers in both byte orders, contiguous
 * and strided, read-only, and a slice at an offset), at several start offsets and lengths so vector bodies and scalar tails both
 * run, in order and shuffled (so infinities and NaNs land inside otherwise finite vectors),
 * against the textbook value computed here in double. Run in-process by HalfConversionTest and
 * in JDK 17 / 25 JVMs with and without the Vector API by HalfConversionIT, so each route the JVM
 * may pick ({@link HalfConversion#describe}) is checked where it runs. Prints the route and
 * "mismatches: N"; exits 1 when N > 0.
 */
public final class HalfConversionCheck {
    private HalfConversionCheck() {}

    /** The float32 bits a float16 pattern must become: quiet NaNs keep their payload. */
    static int expectedF16(int h) {
        int sign = h >>> 15;
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        if (e == 0x1F) {
            return sign << 31 | 0x7F800000 | (m == 0 ? 0 : 0x400000 | m << 13);
        }
        double v = e == 0 ? m * 0x1p-24 : (1 + m / 1024.0) * Math.scalb(1.0, e - 15);
        return Float.floatToRawIntBits((float) (sign == 1 ? -v : v));
    }

    static int expected(int h, boolean bf16) {
        return bf16 ? h << 16 : expectedF16(h);
    }

    /** Descriptions of the conversions that went wrong (at most a few per route). */
    public static List<String> mismatches() {
        List<String> bad = new ArrayList<>();
        short[] ordered = new short[1 << 16];
        for (int h = 0; h < ordered.length; h++) {
            ordered[h] = (short) h;
        }
        short[] shuffled = ordered.clone();
        Random r = new Random(13);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            short t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        for (boolean bf16 : new boolean[] {false, true}) {
            for (short[] values : new short[][] {ordered, shuffled}) {
                for (int offset : new int[] {0, 1, 3, 7}) {
                    int count = values.length - offset - (offset * 5) % 11;
                    check(bad, "short[]", values, values, offset, 1, count, bf16);
                    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                        ShortBuffer heap = ByteBuffer.allocate(values.length * 2).order(order).asShortBuffer();
                        ShortBuffer direct = ByteBuffer.allocateDirect(values.length * 2).order(order).asShortBuffer();
                        heap.put(0, values);
                        direct.put(0, values);
                        check(bad, "heap " + order, heap, values, offset, 1, count, bf16);
                        check(bad, "direct " + order, direct, values, offset, 1, count, bf16);
                        check(bad, "direct strided " + order, direct, values, offset, 3, (values.length - offset) / 3, bf16);
                        // read-only views, and a slice starting one short into the data (its
                        // index 0 is values[1]: checked against the shifted array)
                        check(bad, "read-only heap " + order, heap.asReadOnlyBuffer(), values, offset, 1, count, bf16);
                        check(bad, "read-only direct " + order, direct.asReadOnlyBuffer(), values, offset, 1, count, bf16);
                        short[] shifted = java.util.Arrays.copyOfRange(values, 1, values.length);
                        check(bad, "heap slice at 1 " + order, heap.position(1).slice(), shifted, offset, 1, count - 1, bf16);
                        heap.position(0);
                    }
                    check(bad, "short[] strided", values, values, offset, 5, (values.length - offset) / 5, bf16);
                }
            }
        }
        return bad;
    }

    private static void check(List<String> bad, String route, Object src, short[] values, int offset,
                              int stride, int count, boolean bf16) {
        float[] dst = new float[count + 2];
        HalfConversion.convert(src, offset, stride, dst, 1, count, bf16);
        int reported = 0;
        for (int k = 0; k < count; k++) {
            int h = values[offset + k * stride] & 0xFFFF;
            int got = Float.floatToRawIntBits(dst[1 + k]);
            if (got != expected(h, bf16) && reported++ < 3) {
                bad.add((bf16 ? "bfloat16 " : "float16 ") + route + " offset " + offset + " stride " + stride
                        + ": 0x" + Integer.toHexString(h) + " -> 0x" + Integer.toHexString(got)
                        + ", expected 0x" + Integer.toHexString(expected(h, bf16)));
            }
        }
        if (dst[0] != 0 || dst[count + 1] != 0) {
            bad.add(route + ": wrote outside [1, " + (count + 1) + ")");
        }
    }

    public static void main(String[] args) {
        List<String> bad = mismatches();
        System.out.println("route: " + HalfConversion.describe());
        bad.forEach(System.out::println);
        System.out.println("mismatches: " + bad.size());
        System.exit(bad.isEmpty() ? 0 : 1);
    }
}
