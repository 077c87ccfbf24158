package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.LegacyOps;
import dev.logits4j.SoftmaxOptions;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * Runs N virtual threads (default 10,000), one task each, every task making calls that stage
 * memory for the native kernels (a direct input with a heap output; a read-only heap view in;
 * class-index cross-entropy, which always takes the report pair), half of them with operands
 * above the retained-slot size. Afterwards (no GC asked for) it prints the native memory
 * JavaCPP's allocator holds and the JDK's direct-buffer pool, and exits 1 when retained memory is
 * above {@code -Dlogits4j.vt.boundBytes} (the documented bound, passed in by the IT), 2 on a
 * wrong result. Needs JDK 21+ (it finds virtual threads by reflection: the tests compile for 17).
 */
public final class VirtualThreadFootprint {
    private VirtualThreadFootprint() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("logits4j.vt.threads", 10_000);
        long bound = Long.getLong("logits4j.vt.boundBytes", -1);
        LegacyOps ops = Legacy.with(Backend.nativeVariant("auto"));
        ExecutorService vts = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();

        // Shared read-only inputs: staging copies them per call.
        int small = 64 * 1000;      // 256 KB: a slot that is kept
        int large = 2 * 300 * 1000; // 2.4 MB: above the 1 MiB kept per slot, freed after the call
        FloatBuffer smallIn = ByteBuffer.allocateDirect(small * 4).order(ByteOrder.nativeOrder()).asFloatBuffer()
                .put(pattern(small)).flip();
        FloatBuffer largeIn = pattern(large).asReadOnlyBuffer();
        float[] expectSmall = ops.softmax(pattern(small).array(), new int[] {64, 1000}, 1, SoftmaxOptions.DEFAULT);
        float[] expectLarge = ops.softmax(pattern(large).array(), new int[] {2, 300_000}, 1, SoftmaxOptions.DEFAULT);

        long javacppBefore = Pointer.totalBytes();
        long directBefore = direct.getMemoryUsed();
        AtomicLong peak = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(Pointer.totalBytes() - javacppBefore, Math::max);
                Thread.onSpinWait();
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final boolean big = (t & 1) == 1;
            done.add(vts.submit(() -> {
                int n = big ? large : small;
                int[] shape = big ? new int[] {2, 300_000} : new int[] {64, 1000};
                // small: a direct input with a heap output (the output is staged); large: a heap
                // view without an array in and a heap output (both staged, above the kept size)
                FloatBuffer out = FloatBuffer.wrap(new float[n]);
                ops.softmax(big ? largeIn.duplicate() : smallIn.duplicate(), out, shape, 1, SoftmaxOptions.DEFAULT);
                float[] expect = big ? expectLarge : expectSmall;
                for (int i = 0; i < n; i += 997) {
                    if (Float.floatToIntBits(out.get(i)) != Float.floatToIntBits(expect[i])) {
                        wrong.incrementAndGet();
                        break;
                    }
                }
                float loss = ops.crossEntropy(new float[] {1f, 2f, 3f}, 0, new int[] {1, 3},
                        new int[] {2}, 0, CrossEntropyOptions.DEFAULT);
                if (!(Math.abs(loss - 0.40760596f) < 1e-6f)) {
                    wrong.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        vts.shutdown();
        sampler.interrupt();
        sampler.join();
        long javacppRetained = Pointer.totalBytes() - javacppBefore;
        long directRetained = direct.getMemoryUsed() - directBefore;
        System.out.println("virtual-thread-footprint: threads " + threads
                + ", native staging memory retained " + javacppRetained + " bytes (peak seen " + peak.get()
                + "), JDK direct pool change " + directRetained + " bytes (the test's own outputs, awaiting GC)"
                + ", bound " + bound + " bytes, wrong results " + wrong.get());
        if (wrong.get() != 0) {
            System.exit(2);
        }
        if (bound >= 0 && javacppRetained > bound) {
            System.out.println("retained native memory above the bound");
            System.exit(1);
        }
    }

    private static FloatBuffer pattern(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) Math.sin(i * 0.37) * 8f;
        }
        return FloatBuffer.wrap(a);
    }
}
