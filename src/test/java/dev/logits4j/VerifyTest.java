package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Speculative verification: exact against a float64 reference written here for given draws
 * (the target distributions from {@link SelectionOracle}, the acceptance rule, the residual and
 * bonus draws), on every backend and dtype; and a chi-square test that the first emitted token
 * follows the target pipeline's distribution whatever the draft's (2 x 10^5 steps).
 */
class VerifyTest {
    /** The reference: [accepted, tokens..., -1...] (k + 2), or null when a decision is within 1e-9 of its boundary. */
    static long[] reference(double[][] target, int[] drafts, double[][] q, double[] u,
                            SamplingReference.Row p) {
        int k = drafts.length;
        long[] out = new long[k + 2];
        Arrays.fill(out, -1);
        int accepted = 0;
        long last = -1;
        for (int i = 0; i <= k; i++) {
            SelectionOracle.Prepared prep = SelectionOracle.prepare(target[i], p);
            if (i == k) {
                SelectionOracle.Draw d = prep.draw(u[k]);
                if (d.margin < 1e-9) {
                    return null;
                }
                last = d.token;
                break;
            }
            if (prep.fixed == -1) {
                last = -1;
                break;
            }
            int x = drafts[i];
            if (prep.fixed >= 0) {
                if (x == prep.fixed) {
                    out[1 + accepted++] = x;
                    continue;
                }
                last = prep.fixed;
                break;
            }
            double s = 0;
            for (double w : prep.w) {
                s += w;
            }
            double px = prep.w[x] / s;
            double qx = q[i][x];
            if (px > 0 && Math.abs(u[i] * qx - px) < 1e-9) {
                return null;
            }
            if (u[i] * qx < px) {
                out[1 + accepted++] = x;
                continue;
            }
            double[] res = new double[prep.w.length];
            double sum = 0;
            for (int j = 0; j < res.length; j++) {
                res[j] = Math.max(0, prep.w[j] / s - q[i][j]);
                sum += res[j];
            }
            double target0 = u[k] * sum;
            double run = 0;
            last = -1;
            for (int j = 0; j < res.length; j++) {
                if (res[j] > 0) {
                    if (Math.abs(run - target0) < 1e-9 * sum && run > 0) {
                        return null;
                    }
                    run += res[j];
                    last = j;
                    if (run > target0) {
                        break;
                    }
                }
            }
            break;
        }
        out[0] = accepted;
        out[1 + accepted] = last;
        return out;
    }

    private static double[] dirichlet(Random r, int n, double sparsity) {
        double[] q = new double[n];
        double s = 0;
        for (int j = 0; j < n; j++) {
            q[j] = r.nextDouble() < sparsity ? 0 : -Math.log(r.nextDouble());
            s += q[j];
        }
        if (s == 0) {
            q[0] = 1;
            s = 1;
        }
        for (int j = 0; j < n; j++) {
            q[j] /= s;
        }
        return q;
    }

    private static List<SamplingReference.Row> chains() {
        List<SamplingReference.Row> all = new ArrayList<>();
        SamplingReference.Row greedy = new SamplingReference.Row();
        greedy.temperature = 0;
        all.add(greedy);
        all.add(new SamplingReference.Row());   // plain
        SamplingReference.Row serving = new SamplingReference.Row();
        serving.temperature = 0.8;
        serving.topK = 10;
        serving.topP = 0.9;
        all.add(serving);
        SamplingReference.Row minP = new SamplingReference.Row();
        minP.minP = 0.1;
        minP.bias = Map.of(2, 3.0);
        all.add(minP);
        return all;
    }

    @Test
    void verificationIsTheReferenceForGivenDraws() {
        Random r = new Random(11);
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        int skipped = 0;
        for (int vocab : new int[] {7, 50, 1000, 32000}) {   // 32000: p through the candidate scan
            for (int k : new int[] {0, 1, 3, 4}) {
                for (SamplingReference.Row chain : chains()) {
                    SamplingOptions o = SelectionCalls.options(chain);
                    for (int trial = 0; trial < (vocab > 1000 ? 3 : 12); trial++) {
                        int batch = 3;
                        float[] t = new float[batch * (k + 1) * vocab];
                        float[] q = new float[batch * k * vocab];
                        int[] d = new int[batch * k];
                        double[] u = new double[batch * (k + 1)];
                        for (int i = 0; i < t.length; i++) {
                            t[i] = (float) (r.nextGaussian() * 2);
                        }
                        for (int b = 0; b < batch; b++) {
                            for (int i = 0; i < k; i++) {
                                double[] qi = dirichlet(r, vocab, trial % 3 == 0 ? 0.5 : 0);
                                for (int j = 0; j < vocab; j++) {
                                    q[(b * k + i) * vocab + j] = (float) qi[j];
                                }
                                // half the drafts are the target row's argmax (accepted under greedy)
                                int best = 0;
                                int base = (b * (k + 1) + i) * vocab;
                                for (int j = 1; j < vocab; j++) {
                                    best = t[base + j] > t[base + best] ? j : best;
                                }
                                d[b * k + i] = r.nextBoolean() ? best : r.nextInt(vocab);
                            }
                            for (int i = 0; i <= k; i++) {
                                u[b * (k + 1) + i] = r.nextDouble();
                            }
                        }
                        for (Backend be : AllBackends.all()) {
                            long[] got = new long[batch * (k + 2)];
                            Logits4j.with(be).verify(Tensor.of(t, batch, k + 1, vocab), Tensor.of(d, batch, k),
                                    Tensor.of(q, batch, k, vocab), o, Tensor.of(u, batch, k + 1), Tensor.of(got));
                            for (int b = 0; b < batch; b++) {
                                double[][] tr = new double[k + 1][vocab];
                                double[][] qr = new double[k][vocab];
                                for (int i = 0; i <= k; i++) {
                                    for (int j = 0; j < vocab; j++) {
                                        tr[i][j] = t[(b * (k + 1) + i) * vocab + j];
                                        if (i < k) {
                                            qr[i][j] = q[(b * k + i) * vocab + j];
                                        }
                                    }
                                }
                                long[] want = reference(tr, Arrays.copyOfRange(d, b * k, b * k + k), qr,
                                        Arrays.copyOfRange(u, b * (k + 1), b * (k + 1) + k + 1), chain);
                                if (want == null) {
                                    skipped++;
                                    continue;
                                }
                                compared++;
                                long[] g = Arrays.copyOfRange(got, b * (k + 2), b * (k + 2) + k + 2);
                                if (!Arrays.equals(g, want) && wrong.size() < 20) {
                                    wrong.add(be.name() + " vocab " + vocab + " k " + k + " T " + chain.temperature
                                            + ": " + Arrays.toString(g) + ", want " + Arrays.toString(want));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(compared > 2000 && skipped < compared / 100, compared + " compared, " + skipped + " skipped");
    }

    /**
     * The first emitted token follows the target distribution p whatever the draft's q: 2 x 10^5
     * steps (k = 1, the draft token drawn from q), chi-square against p over its support. The
     * p-value (upper tail) must exceed 1e-4; a verifier that accepted every draft would emit q.
     */
    @Test
    void theFirstEmittedTokenFollowsTheTargetDistribution() {
        int vocab = 12;
        int steps = 200_000;
        Random r = new Random(2024);
        SamplingReference.Row chain = new SamplingReference.Row();
        chain.temperature = 0.9;
        chain.topK = 8;
        chain.topP = 0.95;
        float[] row = new float[2 * vocab];
        for (int j = 0; j < row.length; j++) {
            row[j] = (float) r.nextGaussian();
        }
        double[] q = dirichlet(r, vocab, 0);
        float[] t = new float[steps * 2 * vocab];
        float[] qs = new float[steps * vocab];
        int[] d = new int[steps];
        double[] u = new double[steps * 2];
        for (int b = 0; b < steps; b++) {
            System.arraycopy(row, 0, t, b * 2 * vocab, 2 * vocab);
            double c = r.nextDouble();
            int x = 0;
            for (double run = q[0]; run <= c && x < vocab - 1; run += q[++x]) {
                // draw the draft token from q
            }
            d[b] = x;
            for (int j = 0; j < vocab; j++) {
                qs[b * vocab + j] = (float) q[j];
            }
            u[2 * b] = r.nextDouble();
            u[2 * b + 1] = r.nextDouble();
        }
        long[] out = new long[steps * 3];
        Logits4j.ops().verify(Tensor.of(t, steps, 2, vocab), Tensor.of(d, steps, 1),
                Tensor.of(qs, steps, 1, vocab), SelectionCalls.options(chain), Tensor.of(u, steps, 2),
                Tensor.of(out));
        long[] counts = new long[vocab];
        for (int b = 0; b < steps; b++) {
            counts[(int) out[3 * b + 1]]++;   // accepted: the draft token; else the resampled one
        }
        double[] first = new double[vocab];
        for (int j = 0; j < vocab; j++) {
            first[j] = row[j];
        }
        SelectionOracle.Prepared prep = SelectionOracle.prepare(first, chain);
        double s = Arrays.stream(prep.w).sum();
        double chi2 = 0;
        int support = 0;
        for (int j = 0; j < vocab; j++) {
            double expect = steps * prep.w[j] / s;
            if (expect == 0) {
                assertEquals(0, counts[j], "token " + j + " is outside the target's support");
                continue;
            }
            support++;
            chi2 += (counts[j] - expect) * (counts[j] - expect) / expect;
        }
        double pValue = ChiSquare.upperTail(chi2, support - 1);
        System.out.printf("VerifyTest: chi-square %.2f, %d degrees of freedom, p-value %.3f (%d steps)%n",
                chi2, support - 1, pValue, steps);
        assertTrue(pValue > 1e-4, "chi-square " + chi2 + " with " + (support - 1) + " dof: p " + pValue
                + "; counts " + Arrays.toString(counts));
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        Ops ops = Logits4j.ops();
        Tensor t = Tensor.of(new float[2 * 5], 2, 5);
        Tensor q = Tensor.of(new float[5], 1, 5);
        Tensor u = Tensor.of(new double[] {0.5, 0.5});
        long[] out = {9, 9, 9};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ops.verify(t, Tensor.of(new int[] {5}), q, SamplingOptions.DEFAULT, u, Tensor.of(out)));
        assertTrue(e.getMessage().contains("drafts[0]") && e.getMessage().contains("5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.verify(t, Tensor.of(new int[] {1}), q, SamplingOptions.DEFAULT,
                        Tensor.of(new double[] {0.5, 1.0}), Tensor.of(out)));
        assertTrue(e.getMessage().contains("uniform[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ops.verify(t, Tensor.of(new int[] {1}), q,
                        SamplingOptions.DEFAULT.withHistory(new int[][] {{1}}), u, Tensor.of(out)));
        assertTrue(e.getMessage().contains("history"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> ops.verify(t, Tensor.of(new int[] {1}), q, SamplingOptions.DEFAULT, u, Tensor.of(new long[2])));
        assertEquals(9, out[0]);
    }
}
