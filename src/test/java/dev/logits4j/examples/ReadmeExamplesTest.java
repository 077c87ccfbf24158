package dev.logits4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.CrossEntropyOptions;
import dev.logits4j.Logits4j;
import dev.logits4j.Ops;
import dev.logits4j.Reduction;
import dev.logits4j.SamplingOptions;
import dev.logits4j.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's examples, run: cross-entropy of a language-model batch viewed as
 * {@code [batch * seq, vocab]} rows, and sampling a token per row with a seeded generator, each
 * checked against float64 maths written out here (the third example, ONNX Runtime, is
 * {@link OnnxRuntimeExample}, run by {@link UsingWithTest}). {@link #everyLineOfTheReadmesJavaBlocksIsInACompiledExample}
 * keeps the README's snippets and these sources from drifting apart.
 */
class ReadmeExamplesTest {
    private static final Path ROOT = Paths.get("").toAbsolutePath();

    // ---- README, "Cross-entropy of a language-model batch" ------------------------------------

    /** The mean loss and the per-position losses, as the README computes them. */
    static double lmLoss(float[] logits, long[] targets, int batch, int seq, int vocab, float[] perToken) {
        Ops ops = Logits4j.ops();
        // logits [batch, seq, vocab] as the model emits them; targets [batch, seq], -100 at padding
        Tensor x = Tensor.of(logits, batch * seq, vocab);   // one row per position: no copy, no transpose
        Tensor t = Tensor.of(targets);                      // long[]: PyTorch's int64 (int[] works too)
        CrossEntropyOptions lm = CrossEntropyOptions.DEFAULT.withLabelSmoothing(0.1);   // ignoreIndex -100, mean
        double loss = ops.crossEntropy(x, t, lm);
        ops.crossEntropy(x, t, Tensor.of(perToken), lm.withReduction(Reduction.NONE));   // one loss per position
        return loss;
    }

    @Test
    void crossEntropyOfALanguageModelBatchIsTheFloat64Loss() {
        int batch = 3;
        int seq = 5;
        int vocab = 1000;
        int positions = batch * seq;
        Random r = new Random(24);
        float[] logits = new float[positions * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * r.nextGaussian() + 20);
        }
        long[] targets = new long[positions];
        for (int p = 0; p < positions; p++) {
            targets[p] = p % 4 == 3 ? -100 : r.nextInt(vocab);   // every fourth position is padding
        }

        float[] perToken = new float[positions];
        double loss = lmLoss(logits, targets, batch, seq, vocab, perToken);

        double eps = 0.1;
        double sum = 0;
        int counted = 0;
        for (int p = 0; p < positions; p++) {
            if (targets[p] == -100) {
                assertEquals(0f, perToken[p], "padding position " + p);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < vocab; c++) {
                max = Math.max(max, logits[p * vocab + c]);
            }
            double s = 0;
            for (int c = 0; c < vocab; c++) {
                s += Math.exp(logits[p * vocab + c] - max);
            }
            double logZ = max + Math.log(s);
            double smooth = 0;   // sum over classes of -log p_c
            for (int c = 0; c < vocab; c++) {
                smooth += logZ - logits[p * vocab + c];
            }
            double expect = (1 - eps) * (logZ - logits[p * vocab + (int) targets[p]]) + eps / vocab * smooth;
            assertEquals(expect, perToken[p], 1e-5 * expect, "position " + p);
            sum += expect;
            counted++;
        }
        double mean = sum / counted;
        assertEquals(mean, loss, 1e-5 * mean);
    }

    // ---- README, "Sampling the next token with a seeded generator" ----------------------------

    static int[] nextTokens(float[] logits, int batch, int vocab, long seed) {
        // the last position's logits of every sequence in the batch, [batch, vocab]
        SamplingOptions chat = SamplingOptions.DEFAULT.withTemperature(0.7).withTopK(50).withTopP(0.9);
        SplittableRandom rng = new SplittableRandom(seed);   // yours: the same seed gives the same tokens
        int[] next = Logits4j.ops().sample(Tensor.of(logits, batch, vocab), chat, rng);   // one token id per row
        return next;
    }

    @Test
    void sampledTokensAreTheFloat64PipelinesDrawAndReproducible() {
        int batch = 8;
        int vocab = 32000;
        Random r = new Random(7);
        float[] logits = new float[batch * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (2.5 * r.nextGaussian());
        }
        for (long seed : new long[] {1, 42, 2024}) {
            int[] tokens = nextTokens(logits, batch, vocab, seed);
            assertArrayEquals(tokens, nextTokens(logits, batch, vocab, seed), "same seed, same tokens");
            SplittableRandom draws = new SplittableRandom(seed);   // one nextDouble() per row, in row order
            for (int row = 0; row < batch; row++) {
                double[] x = new double[vocab];
                for (int j = 0; j < vocab; j++) {
                    x[j] = logits[row * vocab + j];
                }
                assertEquals(reference(x, 0.7, 50, 0.9, draws.nextDouble()), tokens[row], "seed " + seed + " row " + row);
            }
        }
        assertFalse(Arrays.equals(nextTokens(logits, batch, vocab, 1), nextTokens(logits, batch, vocab, 2)),
                "another seed draws other tokens");
    }

    /**
     * docs/SAMPLING.md's pipeline in float64 for temperature, top-k, top-p and the draw: keep the
     * values not below the k-th largest, weigh them exp((x - max) / T), keep by probability
     * (descending, then index) while the mass before a token is below p, then the first index in
     * vocabulary order whose running sum of kept weights exceeds u times their total.
     */
    private static int reference(double[] x, double t, int k, double p, double u) {
        double kth = Arrays.stream(x).boxed().sorted(Comparator.reverseOrder()).skip(k - 1).findFirst().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        double[] w = new double[x.length];
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            if (x[j] >= kth) {
                w[j] = Math.exp((x[j] - max) / t);
                kept.add(j);
            }
        }
        double total = kept.stream().mapToDouble(j -> w[j]).sum();
        kept.sort(Comparator.<Integer>comparingDouble(j -> -w[j]).thenComparing(j -> j));
        boolean[] inTopP = new boolean[x.length];
        double before = 0;
        for (int j : kept) {
            if (before >= p * total) {
                break;
            }
            inTopP[j] = true;
            before += w[j];
        }
        double s = IntStream.range(0, x.length).filter(j -> inTopP[j]).mapToDouble(j -> w[j]).sum();
        double running = 0;
        int last = -1;
        for (int j = 0; j < x.length; j++) {
            if (inTopP[j]) {
                running += w[j];
                last = j;
                if (running > u * s) {
                    return j;
                }
            }
        }
        return last;
    }

    // ---- the README's snippets are these sources ----------------------------------------------

    /**
     * Every line of every README {@code java} block (comments and braces included) appears, as it
     * is, in an example this test tree compiles, and the blocks call logits4j: views made with
     * {@code Tensor.of}, ops through {@code Logits4j.ops()}.
     */
    @Test
    void everyLineOfTheReadmesJavaBlocksIsInACompiledExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> sources;
        try (Stream<Path> files = Files.list(ROOT.resolve("src/test/java/dev/logits4j/examples"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).collect(Collectors.toList());
        }
        List<String> javaLines = new ArrayList<>();
        int blocks = 0;
        boolean inJava = false;
        for (String line : readme.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("```")) {
                inJava = !inJava && trimmed.equals("```java");
                blocks += inJava ? 1 : 0;
                continue;
            }
            if (inJava && !trimmed.isEmpty()) {
                javaLines.add(trimmed);
            }
        }
        assertTrue(blocks >= 3, "the README's three examples are java blocks: " + blocks);
        List<String> apiLines = javaLines.stream()
                .filter(l -> l.matches(".*\\b(Tensor\\.of|Logits4j\\.ops\\(\\)|ops\\.[a-zA-Z]+\\(|DType\\.|"
                        + "SamplingOptions\\.|SoftmaxOptions\\.|CrossEntropyOptions\\.|Reduction\\.).*"))
                .collect(Collectors.toList());
        assertTrue(apiLines.size() >= 8, "the README's java blocks call logits4j: " + apiLines);
        for (String line : javaLines) {
            assertTrue(sources.stream().anyMatch(s -> s.lines().anyMatch(l -> l.trim().equals(line))),
                    "README line not in any example under src/test/java/dev/logits4j/examples: " + line);
        }
    }
}
