package dev.logits4j.tools;

import dev.logits4j.Backend;
import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run in a fresh JVM by {@code it/JavaBackendLoadsNothingIT}: the same few calls on every memory
 * kind the Java implementation reads without JNI help (arrays, heap buffers, direct buffers,
 * in place and not) through one way of choosing it, then the shared libraries this JVM mapped.
 *
 * <p>First argument, how the implementation is chosen: {@code value}
 * ({@code Logits4j.with(Backend.java())}), {@code property} ({@code Logits4j.ops()} under
 * {@code -Dlogits4j.backend=java}, set by the caller), {@code cli} ({@code --backend java} on the
 * CLI's softmax, logsumexp and info, in this JVM), or {@code auto} ({@code Logits4j.ops()}, no
 * choice: the control, which must load the library). Second:
 * a scratch folder. Prints {@code mapped: [...]}, the logits4j and JavaCPP libraries in
 * /proc/self/maps, as its last line.
 */
public final class JavaOnly {
    private JavaOnly() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path scratch = Paths.get(args[1]);
        switch (mode) {
            case "value":
                calls(Logits4j.with(Backend.java()));
                System.out.println(Logits4j.with(Backend.java()).info().describe());
                break;
            case "property":
            case "auto":
                calls(Logits4j.ops());
                System.out.println(Logits4j.info().describe());
                break;
            case "cli":
                cli(scratch);
                break;
            default:
                throw new IllegalArgumentException("mode " + mode + " is not one of value, property, cli, auto");
        }
        List<String> mapped = Files.readAllLines(Paths.get("/proc/self/maps")).stream()
                .filter(l -> l.contains("jniNativeBinding") || l.contains("jniJavaCPP"))
                .map(l -> l.substring(l.indexOf('/'))).distinct().collect(Collectors.toList());
        System.out.println("mapped: " + mapped);
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The calls, each on views made for it. */
    private static void calls(Ops ops) {
        int rows = 8;
        int cols = 4096;  // past auto's native threshold: the control must go native
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.01) * 5;
        }
        float[] y = new float[x.length];
        FloatBuffer dx = direct(x.length).put(0, x);
        FloatBuffer dy = direct(x.length);
        FloatBuffer hx = FloatBuffer.wrap(x.clone());
        FloatBuffer hy = FloatBuffer.allocate(x.length);
        IntBuffer targets = ByteBuffer.allocateDirect(4 * rows).order(ByteOrder.nativeOrder()).asIntBuffer();
        for (int r = 0; r < rows; r++) {
            targets.put(r, r * 7);
        }
        long[] argmax = new long[rows];
        ops.softmax(Tensor.of(x, rows, cols), Tensor.of(y), -1);
        Tensor directY = Tensor.of(dy, rows, cols);
        ops.softmax(Tensor.of(dx, rows, cols), directY, -1);      // direct to direct: the overlap check by address
        ops.logSoftmax(directY, directY, -1);                      // in place
        ops.softmax(Tensor.of(hx, rows, cols), Tensor.of(hy), -1);
        ops.crossEntropy(Tensor.of(dx, rows, cols), Tensor.of(targets), CrossEntropyOptions.DEFAULT);
        ops.argmax(Tensor.of(x, rows, cols), -1, Tensor.of(argmax));
    }

    private static void cli(Path scratch) throws Exception {
        Path out = scratch.resolve("probs.npy");
        String[][] commands = {
            {"softmax", "--in", "examples/logits.npy", "--out", out.toString(), "--backend", "java"},
            {"logsumexp", "--in", "examples/logits.npy", "--out", scratch.resolve("lse.npy").toString(),
                "--backend", "java"},
            {"info", "--backend", "java"},
        };
        for (String[] c : commands) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8);
            int status = dev.logits4j.cli.Main.run(c, p, p);
            System.out.print(text.toString(StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", c) + " exited " + status);
            }
        }
    }
}
