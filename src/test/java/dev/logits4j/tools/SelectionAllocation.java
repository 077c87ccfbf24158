package dev.logits4j.tools;

import dev.logits4j.Backend;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import dev.logits4j.SamplingOptions;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Heap bytes allocated per selection call (issue 23, finding 7), printed one line per case:
 * {@code selection-allocation: <backend> <thread> <op> <bytes per call>}. Platform threads: the
 * steady state of one thread (the least of 5 rounds of 500 calls). Virtual threads (JDK 21+):
 * one new virtual thread per call, the JVM's total allocation over 300 calls divided by the
 * calls (it includes each virtual thread's own objects). Vocabulary 128256; sample with T 0.7,
 * top-k 50, top-p 0.9, min-p 0.05, and with a repetition penalty over 2048 history ids.
 * Exit 1 when a bound given by -Dlogits4j.alloc.platformBytes / -Dlogits4j.alloc.virtualBytes is
 * exceeded.
 */
public final class SelectionAllocation {
    private SelectionAllocation() {}

    private static final int V = 128256;

    public static void main(String[] args) throws Exception {
        long platformBound = Long.getLong("logits4j.alloc.platformBytes", Long.MAX_VALUE);
        long virtualBound = Long.getLong("logits4j.alloc.virtualBytes", Long.MAX_VALUE);
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(1);
        float[] x = new float[V];
        for (int i = 0; i < V; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        int[] hist = new int[2048];
        for (int i = 0; i < hist.length; i++) {
            hist[i] = r.nextInt(V);
        }
        SamplingOptions so = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9).withMinP(0.05);
        SamplingOptions sh = so.withRepetitionPenalty(1.1).withHistory(new int[][] {hist});
        String[] ops = {"argmax", "topK50", "topLogProbs20", "sample", "sample-logprobs", "sample-history2048"};
        boolean virtual = Runtime.version().feature() >= 21;
        int bad = 0;
        for (String b : new String[] {"java", "native"}) {
            Ops o = Logits4j.with(b.equals("java") ? Backend.java() : Backend.nativeVariant("auto"));
            for (String op : ops) {
                Runnable call = call(o, op, x, so, sh);
                long best = Long.MAX_VALUE;
                for (int round = 0; round < 6; round++) {
                    long b0 = mx.getCurrentThreadAllocatedBytes();
                    for (int c = 0; c < 500; c++) {
                        call.run();
                    }
                    long per = (mx.getCurrentThreadAllocatedBytes() - b0) / 500;
                    best = round == 0 ? best : Math.min(best, per);   // round 0 warms up
                }
                System.out.println("selection-allocation: " + b + " platform " + op + " " + best);
                bad += best > platformBound ? 1 : 0;
                if (virtual) {
                    long per = perVirtualThreadCall(mx, call);
                    System.out.println("selection-allocation: " + b + " virtual " + op + " " + per);
                    bad += per > virtualBound ? 1 : 0;
                }
            }
        }
        System.out.println("selection-allocation: " + bad + " over the bounds");
        System.exit(bad == 0 ? 0 : 1);
    }

    private static long perVirtualThreadCall(com.sun.management.ThreadMXBean mx, Runnable call)
            throws Exception {
        for (int c = 0; c < 100; c++) {   // warm the pool and the JIT
            startVirtual(call).join();
        }
        long b0 = mx.getTotalThreadAllocatedBytes();
        for (int c = 0; c < 300; c++) {
            startVirtual(call).join();
        }
        return (mx.getTotalThreadAllocatedBytes() - b0) / 300;
    }

    private static Thread startVirtual(Runnable task) throws Exception {
        // Thread.ofVirtual().start(task), reflectively: this class compiles for JDK 17
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
    }

    /** The op on views made once, as a server makes them: the call is all that is measured. */
    private static Runnable call(Ops o, String op, float[] x, SamplingOptions so, SamplingOptions sh) {
        Tensor logits = Tensor.of(x, 1, V);
        Tensor one = Tensor.of(new int[1]);
        Tensor vals = Tensor.of(new float[50]);
        Tensor idx = Tensor.of(new int[50]);
        Tensor u = Tensor.of(new double[] {0.37});
        Tensor lp = Tensor.of(new float[1]);
        Tensor vals20 = vals.reshape(20);
        Tensor idx20 = idx.reshape(20);
        switch (op) {
            case "argmax": return () -> o.argmax(logits, -1, one);
            case "topK50": return () -> o.topK(logits, 50, vals, idx);
            case "topLogProbs20": return () -> o.topLogProbs(logits, 20, vals20, idx20);
            case "sample": return () -> o.sample(logits, so, u, one, null);
            case "sample-logprobs": return () -> o.sample(logits, so, u, one, lp);
            default: return () -> o.sample(logits, sh, u, one, null);
        }
    }
}
