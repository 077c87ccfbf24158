package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked: a public front small enough to read (one method per op on
 * views, a few shortcuts), no source file too long to review, and packages in layers:
 *
 * <pre>
 *   api (dev.logits4j) ──> plan ──> select ──> kernels <── javaimpl, nativeimpl
 *            └──> choice (which implementation) ──> javaimpl, nativeimpl
 *   memory (raw memory access, failures) is the floor every internal layer may use;
 *   cli ──> api, npy only
 * </pre>
 *
 * Internal packages use the API's value types only (DType, Reduction), never its classes.
 */
class StructureTest {
    private static final Path MAIN = Paths.get("src/main/java");
    private static final Set<String> OPS = Set.of("softmax", "logSoftmax", "logSumExp",
            "crossEntropy", "argmax", "topK", "topLogProbs", "sample", "entropy", "klDivergence",
            "verify", "tokenLogProbs", "sequenceLogProbs", "crossEntropyWithGradient",
            "crossEntropyBackward", "softmaxBackward", "logSoftmaxBackward");

    /** Which packages each package may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of("plan", "select", "kernels", "memory", "choice", "javaimpl", "nativeimpl"),
            "plan", Set.of("api-values", "select", "kernels", "memory"),
            "select", Set.of("api-values", "kernels", "memory"),
            "kernels", Set.of("api-values", "memory"),
            "javaimpl", Set.of("api-values", "kernels", "memory"),
            "nativeimpl", Set.of("api-values", "kernels", "memory"),
            "choice", Set.of("kernels", "memory", "javaimpl", "nativeimpl"),
            "memory", Set.of(),
            "cli", Set.of("api", "api-values", "npy"),
            "npy", Set.of());
    private static final Set<String> API_VALUES = Set.of("DType", "Reduction");

    @Test
    void thePublicFrontHasAtMostEightyOpMethods() {
        List<String> ops = new ArrayList<>();
        for (Class<?> c : List.of(Ops.class, Logits4j.class, OffHeap.class, Tensor.class,
                SamplingOptions.class, SoftmaxOptions.class, CrossEntropyOptions.class, Backend.class,
                Training.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && OPS.contains(m.getName())) {
                    ops.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertTrue(ops.size() <= 80, ops.size() + " public op methods: " + ops);
        // on Ops: one method per op on views (softmax and log-softmax with and without options,
        // cross-entropy reduced or into an output, sample from draws or from a generator: 12),
        // the four token-masked forms (argmax, topK, topLogProbs, sample), entropy, KL and
        // speculative verification, and the four float[] shortcuts
        assertEquals(23, ops.stream().filter(s -> s.startsWith("Ops.")).count(), ops.toString());
        // on Training (ops.training()): token and sequence log-probs (each with and without
        // entropy), cross-entropy with its gradient and its backward, softmax's and
        // log-softmax's backward
        assertEquals(8, ops.stream().filter(s -> s.startsWith("Training.")).count(), ops.toString());
    }

    /**
     * The seam carries the typed operand: one method per op, whose memory arguments follow the
     * dtype that says how to read them (no F32/F64/Half families, no bf16 flag, no wrapper type).
     */
    @Test
    void theKernelSeamHasOneMethodPerOpWithTheDTypeFirst() {
        List<String> wrong = new ArrayList<>();
        int ops = 0;
        for (Method m : dev.logits4j.internal.kernels.Kernels.class.getMethods()) {
            Class<?>[] p = m.getParameterTypes();
            if (p.length == 0) {
                continue;   // name(), takesRawAddresses()
            }
            ops++;
            if (m.getName().matches(".*(F32|F64|Half)$") || p[0] != DType.class
                    || p.length < 2 || p[1] != Object.class) {
                wrong.add(m.toString());
            }
        }
        assertEquals(11, ops, "softmax, logSumExp, crossEntropy, the six selection primitives "
                + "(with tie floods' equality bits and top-p's mass digits and kept block sums), "
                + "cross-entropy with its gradient, softmax's backward");
        assertTrue(wrong.isEmpty(), "seam methods not (DType, memory, ...): " + wrong);
    }

    @Test
    void noSourceFileIsOverEightHundredLines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path root : List.of(MAIN, Paths.get("src/main/java22"), Paths.get("src/gen/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    long lines = Files.readAllLines(f).size();
                    if (lines > 800) {
                        long_.add(f + " (" + lines + ")");
                    }
                }
            }
        }
        assertTrue(long_.isEmpty(), "over 800 lines: " + long_);
    }

    @Test
    void packagesUseOnlyTheLayersBelowThem() throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        Pattern ref = Pattern.compile("dev\\.logits4j\\.(?:internal\\.)?(\\w+)(?:\\.([A-Z]\\w*))?");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(f);
                String from = layer(packageOf(source));
                // comments name other layers freely; code may not
                String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = ref.matcher(code.substring(code.indexOf(';') + 1));
                while (m.find()) {
                    String to = Character.isUpperCase(m.group(1).charAt(0))
                            ? (API_VALUES.contains(m.group(1)) ? "api-values" : "api")
                            : m.group(1);
                    if (!to.equals(from) && !(from.equals("api") && to.equals("api-values"))) {
                        found.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                                .add(f.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        found.forEach((edge, where) -> {
            String[] ft = edge.split(" -> ");
            if (!ALLOWED.getOrDefault(ft[0], Set.of()).contains(ft[1])) {
                wrong.add(edge + " " + where);
            }
        });
        assertTrue(wrong.isEmpty(), "dependencies against the layers: " + wrong);
    }

    private static String packageOf(String source) {
        Matcher m = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
        assertTrue(m.find());
        return m.group(1);
    }

    private static String layer(String pkg) {
        if (pkg.equals("dev.logits4j")) {
            return "api";
        }
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }
}
