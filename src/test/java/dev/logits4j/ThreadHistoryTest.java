package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.SelectionCalls.Input;
import dev.logits4j.SelectionCalls.Memory;
import dev.logits4j.testutil.Threads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, finding 3 (reproducer {@code ThreadHistory.java}): the same sample call gave a
 * different token on a fresh thread than on a thread that had run topK(k = 1000) first, because
 * the per-thread candidate memory an earlier call grew sent the row down another path. An answer
 * must not depend on what the calling thread did before: each call here runs on a fresh thread,
 * then on threads that first ran large-k calls (topK, topLogProbs, sample with a large top-k, a
 * long row), and twice on one thread; every answer must be the float64 reference's.
 */
class ThreadHistoryTest {
    /** What a thread may have done before the call under test, in this order. */
    private static final Map<String, Consumer<LegacyOps>> HISTORIES = new LinkedHashMap<>();

    static {
        HISTORIES.put("nothing (a fresh thread)", ops -> { });
        HISTORIES.put("topK(k = 1000) of 8192", ops -> ops.topK(new float[8192], 0, new int[] {1, 8192}, 1000,
                new float[1000], 0, new int[1000], 0));
        HISTORIES.put("topLogProbs(k = 3000) of 16384", ops -> ops.topLogProbs(ramp(16384), 0, new int[] {1, 16384}, 3000,
                new float[3000], 0, new long[3000], 0));
        HISTORIES.put("sample(top-k 2500) of 12000 with 300 history ids", ops -> {
            int[] hist = new int[300];
            for (int i = 0; i < hist.length; i++) {
                hist[i] = 37 * i;
            }
            ops.sample(ramp(12000), new int[] {1, 12000}, SamplingOptions.DEFAULT.withTopK(2500)
                    .withPresenceFrequencyPenalty(0.5, 0).withHistory(new int[][] {hist}), new double[] {0.3});
        });
        HISTORIES.put("argmax and topK(k = 5) of 200000", ops -> {
            float[] big = ramp(200000);
            ops.argmax(big, 0, new int[] {1, 200000}, -1, new int[1], 0);
            ops.topK(big, 0, new int[] {1, 200000}, 5, new float[5], 0, new int[5], 0);
        });
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 97) * 0.01f;
        }
        return x;
    }

    /** One sample call: a row, its parameters, u; and the reference's token. */
    private static final class Call {
        final String name;
        final float[] x;
        final SamplingReference.Row p;
        final double u;
        final int want;

        Call(String name, float[] x, SamplingReference.Row p, double u) {
            this.name = name;
            this.x = x;
            this.p = p;
            this.u = u;
            SelectionOracle.Draw d = SelectionOracle.sample(Input.ofFloats(1, x.length, x).row(0), p, u);
            assertTrue(d.margin > 1e-6, name + ": the reference's draw is near a boundary");
            this.want = d.token;
        }

        long run(LegacyOps ops, Memory m) {
            return SelectionCalls.sample(ops, m, Input.ofFloats(1, x.length, x), SelectionCalls.options(p),
                    new double[] {u}, false).tokens[0];
        }
    }

    private static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        // ThreadHistory.java: a flood of ties at 5 in the raw row, 136 of them penalised to 0.005
        int v = 2049;
        Random r = new Random(1);
        float[] x = new float[v];
        for (int j = 0; j < v; j++) {
            x[j] = j % 2 == 0 ? 5f : (float) r.nextGaussian();
        }
        SamplingReference.Row p = new SamplingReference.Row();
        p.history = new int[136];
        for (int i = 0; i < p.history.length; i++) {
            p.history[i] = 2 * (i * 7 + 3);
        }
        p.repetition = 0.001;
        p.topP = 0.1;
        calls.add(new Call("tie flood, repetition penalty 0.001 on 136 tied tokens, top-p 0.1", x, p, 0.2));
        SamplingReference.Row minP = new SamplingReference.Row();
        minP.history = p.history;
        minP.repetition = 0.001;
        minP.minP = 0.5;
        calls.add(new Call("the same row, min-p 0.5", x, minP, 0.55));
        SamplingReference.Row topK = new SamplingReference.Row();
        topK.history = p.history;
        topK.repetition = 0.001;
        topK.topK = 20;
        calls.add(new Call("the same row, top-k 20", x, topK, 0.45));
        // BiasTopP.java: three tokens biased above all others
        for (int vocab : new int[] {2048, 32000}) {
            Random g = new Random(42);
            float[] y = new float[vocab];
            for (int j = 0; j < vocab; j++) {
                y[j] = (float) g.nextGaussian();
            }
            y[100] = 0.3f;
            y[200] = 0f;
            y[300] = 0.5f;
            SamplingReference.Row b = new SamplingReference.Row();
            b.bias = Map.of(100, 100.0, 200, 100.0, 300, 100.0);
            b.topP = 0.95;
            calls.add(new Call("bias +100 on 3 tokens, top-p 0.95, vocab " + vocab, y, b, 0.1));
        }
        // a flood of equal maxima at the end of a long row, top-k inside the flood
        float[] flood = new float[8192];
        for (int j = 0; j < flood.length; j++) {
            flood[j] = j >= 8192 - 1500 ? 3f : (float) Math.sin(j);
        }
        SamplingReference.Row k700 = new SamplingReference.Row();
        k700.topK = 700;
        calls.add(new Call("1500 equal maxima at the end of 8192, top-k 700", flood, k700, 0.7703));
        return calls;
    }

    private static long onNewThread(Consumer<LegacyOps> history, LegacyOps ops, Call c, Memory m) {
        long[] got = {Long.MIN_VALUE};
        Threads.runOnNewThread("thread-history", () -> {
            history.accept(ops);
            got[0] = c.run(ops, m);
        });
        return got[0];
    }

    @Test
    void aCallGivesTheReferenceTokenWhateverItsThreadDidBefore() {
        List<Call> calls = calls();
        List<String> wrong = new ArrayList<>();
        for (Backend be : AllBackends.all()) {
            LegacyOps ops = Legacy.with(be);
            for (Call c : calls) {
                for (Map.Entry<String, Consumer<LegacyOps>> h : HISTORIES.entrySet()) {
                    // big-endian buffers (the Java scan on every backend) after the first two histories
                    Memory[] kinds = h.getKey().startsWith("nothing") || h.getKey().startsWith("topK")
                            ? new Memory[] {Memory.FLOAT_ARRAY, Memory.FLOAT_DIRECT_BIG_ENDIAN}
                            : new Memory[] {Memory.FLOAT_ARRAY};
                    for (Memory m : kinds) {
                        long got = onNewThread(h.getValue(), ops, c, m);
                        if (got != c.want) {
                            wrong.add(be.name() + " " + m + ", " + c.name + ", after " + h.getKey() + ": token " + got
                                    + ", want " + c.want);
                        }
                    }
                }
                // twice on one thread, after every history in turn
                Threads.runOnNewThread("thread-history", () -> {
                    for (Map.Entry<String, Consumer<LegacyOps>> h : HISTORIES.entrySet()) {
                        h.getValue().accept(ops);
                        for (int i = 0; i < 2; i++) {
                            long got = c.run(ops, Memory.FLOAT_ARRAY);
                            if (got != c.want) {
                                synchronized (wrong) {
                                    wrong.add(be.name() + ", " + c.name + ", one thread, call " + (i + 1) + " after "
                                            + h.getKey() + " and all before it: token " + got + ", want " + c.want);
                                }
                            }
                        }
                    }
                });
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(30, wrong.size()))));
    }
}
