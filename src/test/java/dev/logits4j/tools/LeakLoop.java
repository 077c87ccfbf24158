package dev.logits4j.tools;

import dev.logits4j.Legacy;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.SoftmaxOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Random;

/**
 * A manual leak check (not a unit test): 10^6 calls of each op with mixed sizes and memory
 * kinds, printing the process's resident memory and the live heap every 10^5 calls. Flat
 * numbers mean no native or heap leak. Run after `mvn test-compile`:
 * java -cp target/test-classes:target/classes:target/lib/* dev.logits4j.tools.LeakLoop [calls]
 */
public final class LeakLoop {
    private LeakLoop() {}

    public static void main(String[] args) throws Exception {
        long calls = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Random r = new Random(1);
        int[][] shapes = {{1, 10}, {4, 100}, {2, 1000}, {3, 7, 5}};
        float[][] xs = new float[shapes.length][];
        FloatBuffer[] ds = new FloatBuffer[shapes.length];
        FloatBuffer[] dy = new FloatBuffer[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            int n = 1;
            for (int d : shapes[i]) {
                n *= d;
            }
            xs[i] = new float[n];
            for (int j = 0; j < n; j++) {
                xs[i][j] = (float) r.nextGaussian();
            }
            ds[i] = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer().put(xs[i]);
            ds[i].clear();
            dy[i] = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        float[] y = new float[3000];
        int[] t = new int[16];
        System.out.println("implementation: " + Logits4j.info().implementation());
        for (long c = 0; c < calls; c++) {
            int i = (int) (c % shapes.length);
            int[] s = shapes[i];
            switch ((int) (c / shapes.length % 4)) {
                case 0 -> Legacy.AUTO.softmax(xs[i], 0, y, 0, s, -1, SoftmaxOptions.DEFAULT);
                case 1 -> Legacy.AUTO.logSoftmax(ds[i], dy[i], s, 1, SoftmaxOptions.DEFAULT);
                case 2 -> Legacy.AUTO.logSumExp(xs[i], 0, y, 0, s, 0);
                default -> Legacy.AUTO.crossEntropy(xs[i], 0, s, t, 0, CrossEntropyOptions.DEFAULT);
            }
            if (c % 100_000 == 0 || c == calls - 1) {
                System.gc();
                long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                String rss = Files.readAllLines(Paths.get("/proc/self/status")).stream()
                        .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?");
                System.out.printf("calls %8d  heap %6d KiB  %s%n", c, heap / 1024, rss.replaceAll("\\s+", " "));
            }
        }
    }
}
