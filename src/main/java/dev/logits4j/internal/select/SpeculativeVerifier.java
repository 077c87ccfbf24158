package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;

/**
 * Speculative decoding's verification step (Leviathan et al. 2023; Chen et al. 2023): k draft
 * tokens x_i, drawn by a draft model from q_i, checked against the target model's logits for the
 * same k + 1 positions, with the sampling pipeline applied to each target row giving p_i.
 * Position i accepts x_i when {@code u_i q_i(x_i) < p_i(x_i)} (probability min(1, p/q)); the first
 * rejection ends the step with a token drawn from {@code norm(max(0, p_i - q_i))}; when all k are
 * accepted, a bonus token is drawn from p_k. With T = 0 (greedy), x_i is accepted when it is the
 * greedy token of row i, and the step ends with the greedy token of the first row that disagrees
 * (or row k). Every emitted token is distributed as the target pipeline's (the rule's guarantee),
 * whatever q. The final draw uses {@code u_k}. A target row with no distribution ends the step
 * with token -1.
 *
 * <p>p_i is the sampling pipeline's, stopped before its draw ({@link Sampler#distribution}): through
 * the candidate scan with top-k (or T = 0), the row read whole without it; the bonus token is
 * {@code sample}'s draw.
 */
public final class SpeculativeVerifier {
    private SpeculativeVerifier() {}

    /**
     * Verifies {@code batch} steps of k drafts each. Per step b: target rows at
     * {@code ti + (b (k + 1) + i) n}, draft tokens {@code drafts[b k + i]} (checked ids), draft
     * probabilities at {@code qi + (b k + i) n} (float32 or float64 memory), draws
     * {@code u[b (k + 1) + i]}; writes {@code [accepted, tokens...]} (k + 2 slots, -1 past the
     * last token) at {@code oi + b (k + 2)}.
     */
    public static void verify(Kernels kern, DType type, Object target, long ti, int n, int k,
                              long batch,
                              int[] drafts, Object q, long qi, double[] u, SamplingParams p,
                              Object out, long oi) {
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, 0);
        try {
            for (long b = 0; b < batch; b++) {
                step(kern, wk, type, target, ti + b * (k + 1) * n, n, k, drafts, (int) (b * k), q,
                        qi + b * k * n, u, (int) (b * (k + 1)), p, out, oi + b * (k + 2));
            }
        } finally {
            wk.distributionOnly = false;
            wk.masked = false;
            wk.scanSkip = null;
            SelectWork.WORK.release(wk.kept());
        }
    }

    private static void step(Kernels kern, SelectWork.Work wk, DType type, Object target, long at,
                             int n, int k,
                             int[] drafts, int d0, Object q, long qat, double[] u, int u0,
                             SamplingParams p, Object out, long oat) {
        int accepted = 0;
        int last = -1;
        for (int i = 0; i <= k; i++) {
            long rowAt = at + (long) i * n;
            if (i == k) {
                last = Sampler.drawRow(kern, wk, type, target, rowAt, n, p, 0, u[u0 + k]);   // the bonus
                break;
            }
            int res = Sampler.distribution(kern, wk, type, target, rowAt, n, p, 0);
            int x = drafts[d0 + i];
            if (res == Sampler.NO_TOKEN) {
                last = -1;
                break;
            }
            if (res >= 0) {   // greedy
                if (x == res) {
                    Elements.writeIndex(out, oat + 1 + accepted++, x);
                    continue;
                }
                last = res;
                break;
            }
            long qrow = qat + (long) i * n;
            double px = probabilityOf(wk, x);
            double qx = draftProbability(q, qrow + x);
            if (u[u0 + i] * qx < px) {
                Elements.writeIndex(out, oat + 1 + accepted++, x);
                continue;
            }
            last = residualDraw(wk, q, qrow, u[u0 + k]);
            break;
        }
        Elements.writeIndex(out, oat, accepted);
        Elements.writeIndex(out, oat + 1 + accepted, last);
        for (int j = accepted + 2; j < k + 2; j++) {
            Elements.writeIndex(out, oat + j, -1);
        }
    }

    /** p(x): its weight over the kept weights' sum when kept, else 0. */
    private static double probabilityOf(SelectWork.Work wk, int x) {
        int[] kept = wk.cand;
        for (int c = 0; c < wk.keptCount; c++) {
            if (kept[c] == x) {
                return wk.w[x] / wk.keptTotal;
            }
        }
        return 0;
    }

    /** q(y) as given; NaN, negative or infinite values count as 0 (never a probability). */
    private static double draftProbability(Object q, long i) {
        double v = Elements.readValue(q, i);
        return v >= 0 && v < Double.POSITIVE_INFINITY ? v : 0;
    }

    /**
     * A token from {@code norm(max(0, p - q))}: only kept tokens have p > 0, so the walk is over
     * them in index order (the first whose running residual exceeds u times the sum); from p
     * itself when the residual is all 0 (p = q up to rounding: a rejection then had probability 0).
     */
    private static int residualDraw(SelectWork.Work wk, Object q, long qrow, double u) {
        int[] kept = wk.cand;
        double[] w = wk.w;
        double s = wk.keptTotal;
        int count = wk.keptCount;
        if (count == 0) {
            return -1;   // not reached: min-p keeps the maximum
        }
        double sum = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            sum += Math.max(0, w[j] / s - draftProbability(q, qrow + j));
        }
        boolean fromP = !(sum > 0);
        double target = u * (fromP ? 1 : sum);
        double run = 0;
        int lastPositive = kept[count - 1];
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            double r = fromP ? w[j] / s : Math.max(0, w[j] / s - draftProbability(q, qrow + j));
            if (r > 0) {
                lastPositive = j;
                run += r;
                if (run > target) {
                    return j;
                }
            }
        }
        return lastPositive;
    }
}
