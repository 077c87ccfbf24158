package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.DType;
import dev.logits4j.Logits4j;
import dev.logits4j.LegacyOps;
import dev.logits4j.SoftmaxOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Locale;
import java.util.Random;

/**
 * float16 / bfloat16 against float32 on one backend, interleaved in one JVM (issue 13; numbers
 * in docs/perf/half.md): for each shape and op, rounds of (float32, float16, bfloat16) calls on
 * native-order direct buffers, the fastest batch of each kept, so that a noisy shared machine
 * moves all three alike. Usage: {@code HalfVsFloat32 [backend-variant] [rounds]}.
 */
public final class HalfVsFloat32 {
    private HalfVsFloat32() {}

    public static void main(String[] args) {
        LegacyOps ops = Legacy.with(args.length > 0 && !args[0].equals("java")
                ? Backend.nativeVariant(args[0]) : Backend.java());
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int[][] shapes = {{1, 128256}, {1024, 1000}, {2048, 32000}};
        System.out.println("# " + ops.info().implementation() + ", ns per element, fastest batch of "
                + rounds + " interleaved rounds");
        System.out.println("op             shape        float32  float16  bfloat16  f16/f32  bf16/f32");
        for (int[] shape : shapes) {
            int n = shape[0] * shape[1];
            FloatBuffer x32 = direct(4L * n).asFloatBuffer();
            ShortBuffer x16 = direct(2L * n).asShortBuffer();
            ShortBuffer xbf = direct(2L * n).asShortBuffer();
            FloatBuffer y = direct(4L * n).asFloatBuffer();
            LongBuffer t = direct(8L * shape[0]).asLongBuffer();
            Random r = new Random(42);
            for (int i = 0; i < n; i++) {
                float v = (float) (r.nextGaussian() * 3);
                int b = Float.floatToRawIntBits(v);
                short bf = (short) (b >>> 16);
                xbf.put(i, bf);
                x16.put(i, f16(v));
                x32.put(i, v);
            }
            for (int i = 0; i < shape[0]; i++) {
                t.put(i, r.nextInt(shape[1]));
            }
            for (String op : new String[] {"softmax", "cross-entropy"}) {
                Runnable[] calls = new Runnable[3];
                if (op.equals("softmax")) {
                    calls[0] = () -> ops.softmax(x32, y, shape, -1, SoftmaxOptions.DEFAULT);
                    calls[1] = () -> ops.softmax(DType.F16, x16, y, shape, -1, SoftmaxOptions.DEFAULT);
                    calls[2] = () -> ops.softmax(DType.BF16, xbf, y, shape, -1, SoftmaxOptions.DEFAULT);
                } else {
                    calls[0] = () -> ops.crossEntropy(x32, shape, t, CrossEntropyOptions.DEFAULT);
                    calls[1] = () -> ops.crossEntropy(DType.F16, x16, shape, t, CrossEntropyOptions.DEFAULT);
                    calls[2] = () -> ops.crossEntropy(DType.BF16, xbf, shape, t, CrossEntropyOptions.DEFAULT);
                }
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
                int per = Math.max(1, (int) (20_000_000L / n));   // about 20 M elements per batch
                for (int k = 0; k < 3; k++) {
                    batch(calls[k], per);   // warm-up
                }
                for (int round = 0; round < rounds; round++) {
                    for (int k = 0; k < 3; k++) {
                        best[k] = Math.min(best[k], batch(calls[k], per) / ((double) per * n));
                    }
                }
                System.out.printf(Locale.ROOT, "%-14s %-11s %8.4f %8.4f %9.4f %8.2f %9.2f%n", op,
                        shape[0] + "x" + shape[1], best[0], best[1], best[2], best[1] / best[0],
                        best[2] / best[0]);
            }
        }
    }

    private static ByteBuffer direct(long bytes) {
        return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
    }

    private static long batch(Runnable call, int calls) {
        long s = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return System.nanoTime() - s;
    }

    /** Benchmark data: float32 to float16 by truncation (|v| in the normal range, else 0). */
    private static short f16(float v) {
        int b = Float.floatToRawIntBits(v);
        int e = ((b >>> 23) & 0xFF) - 112;
        if (e <= 0) {
            return (short) ((b >>> 16) & 0x8000);
        }
        return (short) (((b >>> 16) & 0x8000) | (Math.min(e, 30) << 10) | ((b >>> 13) & 0x3FF));
    }
}
