package dev.logits4j.internal.select;

import dev.logits4j.DType;
import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import dev.logits4j.internal.kernels.TokenCounts;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * The sampling pipeline, for logits of every dtype. Arguments were checked by the plans: nothing
 * here validates.
 *
 * <p>Each row is read once into a per-thread float64 row (float32 and 16-bit values convert
 * exactly), so one algorithm serves every dtype (which travels with the row), arrays and
 * buffers of either byte order; the pipeline's arithmetic (bias, penalties, temperature,
 * exponentials, sums) runs in float64.
 *
 * <p><b>No sort of the vocabulary.</b> Every threshold (the k-th largest value of top-k, the
 * top-p boundary value) is found by {@link #radixSelect}: a most-significant-digit radix select
 * on a 64-bit order-preserving integer key of each value ({@link #key}). The first digit is 12
 * bits (sign and exponent: one bucket per binade), the next six 8 bits, the last 4. Each pass
 * builds a histogram (of counts for top-k, of probability mass for top-p) over the candidates that
 * still share the chosen prefix, picks the bucket that holds the boundary, and keeps only that
 * bucket's candidates (branch-free compaction). For top-k the first digit's histogram is built in
 * the same pass that finds the maximum, on the logits before the division by T (the same order).
 * Passes over the whole row: read, max (+ keys + first digit), compaction, keep; everything after
 * top-k (exponentials, top-p, min-p, the draw) runs on the list of kept tokens only. Worst case:
 * 8 digit passes, each over the whole row (every value sharing its top 60 bits, e.g. a constant
 * row); for top-p without top-k the selects see every token with a non-zero weight. Only the k
 * selected entries of top-k are sorted (by value descending, index ascending).
 */
public final class Sampler {
    private Sampler() {}

    /** Token returned for a row that has no valid distribution (see {@link #sampleRow}). */
    static final int NO_TOKEN = -1;


    public static void sample(Kernels kern, DType type, Object x, long xi, SamplingParams p, Object u, long ui,
                              Object tokens, long ti, Object logProbs, long li) {
        sample(kern, type, x, xi, p, null, 0, 0, u, ui, tokens, ti, logProbs, li);
    }

    /**
     * With a token mask: {@code maskWords} int32 words per row at {@code mi} of {@code mask} (an
     * {@code int[]} or {@code IntBuffer}; null: no mask), see {@link TokenMasks}.
     */
    public static void sample(Kernels kern, DType type, Object x, long xi, SamplingParams p,
                              Object mask, long mi, int maskWords, Object u, long ui,
                              Object tokens, long ti, Object logProbs, long li) {
        int n = p.vocab;
        SelectWork.Work wk = SelectWork.WORK.acquire().size(n, 0);
        try {
            sample(kern, wk, type, x, xi, p, mask, mi, maskWords, u, ui, tokens, ti, logProbs, li);
        } finally {
            wk.masked = false;
            wk.scanSkip = null;
            SelectWork.WORK.release(wk.kept());
        }
    }

    static void sample(Kernels kern, SelectWork.Work wk, DType type, Object x, long xi, SamplingParams p,
                       Object mask, long mi, int maskWords, Object u, long ui, Object tokens,
                       long ti, Object logProbs, long li) {
        int n = p.vocab;
        for (long r = 0; r < p.rows; r++) {
            long at = xi + r * n;
            double ur = Elements.readValue(u, ui + r);
            // per-row state is set here, never trusted from an earlier row or call
            wk.masked = mask != null;
            wk.scanSkip = null;
            wk.distributionOnly = false;
            // the row's biased and penalised tokens, once per row (the scans below reuse them)
            overrideTokens(wk, p, r);
            int token;
            if (mask == null) {
                token = sampleByCandidates(kern, wk, type, x, at, n, p, r, ur);
            } else if (TokenMasks.load(wk, mask, mi, maskWords, n, r) == 0) {
                token = NO_TOKEN;
            } else {
                token = TokenMasks.sample(kern, wk, type, x, at, n, p, r, ur);
            }
            if (token == WHOLE_ROW) {
                Elements.readRow(type, x, at, 1, n, wk.row);
                if (mask != null) {
                    TokenMasks.maskRow(wk, n);
                }
                token = sampleRow(wk, n, p, r, ur);
            }
            Elements.writeIndex(tokens, ti + r, token);
            if (logProbs != null) {
                Elements.writeValue(logProbs, li + r, token < 0 ? Double.NaN : kern.rowLogProb(type, x, at, n, token));
            }
        }
    }
    /**
     * One row of the pipeline up to its draw (speculative verification): {@link #DISTRIBUTION}
     * with the kept tokens in {@code wk.cand[0, wk.keptCount)} (ascending), their weights in
     * {@code wk.w} and their sum in {@code wk.keptTotal}; or the greedy token (T = 0); or
     * {@link #NO_TOKEN}. With top-k through the candidate scan, else the row read whole.
     */
    static int distribution(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                            SamplingParams p, long r) {
        return oneRow(kern, wk, type, x, at, n, p, r, 0, true);
    }

    /** One row drawn with {@code u} (no mask): the candidate scan where it applies, else whole. */
    static int drawRow(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                       SamplingParams p, long r, double u) {
        return oneRow(kern, wk, type, x, at, n, p, r, u, false);
    }

    private static int oneRow(Kernels kern, SelectWork.Work wk, DType type, Object x, long at,
                              int n, SamplingParams p, long r, double u, boolean distribution) {
        wk.masked = false;
        wk.scanSkip = null;
        wk.distributionOnly = distribution;
        overrideTokens(wk, p, r);
        // without top-k the scan path draws from block sums: a distribution needs the whole row
        boolean scan = !distribution || p.temperature(r) == 0 || p.topK(r) > 0;
        int token = scan ? sampleByCandidates(kern, wk, type, x, at, n, p, r, u) : WHOLE_ROW;
        if (token == WHOLE_ROW) {
            Elements.readRow(type, x, at, 1, n, wk.row);
            token = sampleRow(wk, n, p, r, u);
        }
        return token;
    }

    /** {@link #sampleByCandidates}: this row needs the whole-row pipeline. */
    static final int WHOLE_ROW = -2;
    /** {@link #sampleRow} with {@code wk.distributionOnly}: the distribution is in wk, no draw. */
    static final int DISTRIBUTION = -3;

    /**
     * One row of the pipeline with top-k on (or T = 0), reading the row once through the kernels'
     * candidate scan instead of whole. Only tokens whose processed value can reach the k-th
     * largest matter to every later step (top-p, min-p and the draw see the top-k survivors
     * only). The scan skips the m biased or penalised tokens ({@link Candidates#skip}) and keeps
     * the other tokens not below the k-th largest of them, f: k tokens keep their raw value >= f,
     * so the processed k-th largest is >= f and no unchanged token below f survives top-k. The m
     * tokens' processed values (bias, then penalties, as {@link #sampleRow}) not below f are
     * merged in; the rest is {@link #sampleRow}'s on the merged list. One scan whatever m (the
     * scan once kept k + m raw values and rescanned wider while changed tokens crowded the top:
     * 2.2 scans per row on the penalty step). Returns {@link #WHOLE_ROW} when this does not
     * apply (top-k off, a short row, a flood of ties at the threshold).
     */
    static int sampleByCandidates(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                                          SamplingParams p, long r, double u) {
        double t = p.temperature(r);
        int k = t == 0 ? 1 : p.topK(r);
        if (k == 0) {
            return sampleWithoutTopK(kern, wk, type, x, at, n, p, r, u);
        }
        // the scan keeps k whatever the number of changed tokens (it skips them; they cost
        // O(m) here, less than the whole-row path's O(vocab) weighing): a long history on a
        // small vocabulary no longer sends the row to the whole-row path (16384 history ids at
        // vocab 32000, ~12,000 distinct: 302 -> 128 us per row, AMD EPYC with AVX-512)
        if (!TopSelection.worthScanning(n, k)) {
            return WHOLE_ROW;
        }
        int count = collectMerged(kern, wk, type, x, at, n, p, r, k);
        if (count == WHOLE_ROW) {
            // ties at the k-th value flooded the scan: the flood as one class (or the whole row)
            return TieFlood.sample(kern, wk, type, x, at, n, p, r, u, k);
        }
        if (count < 0) {
            return count;
        }
        double[] z = wk.row;
        int[] kept = wk.cand;
        // the maximum over the merged list is the row's (it holds the processed top-k)
        int best = bestOf(z, kept, count);
        if (best < 0) {
            return NO_TOKEN;
        }
        double max = z[best];
        if (t == 0) {
            return best;
        }
        // top-k on the merged list, on the values before the division by T (the same order)
        return afterTopK(wk, topKOnList(wk, count, k), true, max, best, p, r, u);
    }

    /**
     * Top-k on the list {@code wk.cand[0, count)} (values in {@code wk.row}; ties at the k-th
     * value kept), on the values before the division by T (the same order): the kept ones stay
     * in order at the front; returns their number, their keys left in {@code wk.keys}.
     */
    static int topKOnList(SelectWork.Work wk, int count, int k) {
        double[] z = wk.row;
        int[] kept = wk.cand;
        long[] keys = wk.keys;
        int[] work = wk.cand2;
        for (int i = 0; i < count; i++) {
            keys[kept[i]] = RadixSelect.key(z[kept[i]]);
        }
        System.arraycopy(kept, 0, work, 0, count);
        long kth = RadixSelect.radixSelect(keys, null, work, count, false, k, wk.hist);
        int still = 0;
        for (int i = 0; i < count; i++) {
            kept[still] = kept[i];
            still += keys[kept[i]] >= kth ? 1 : 0;
        }
        return still;
    }


    /**
     * The first position of the largest value of {@code z} over {@code list[0, count)}
     * (ascending), or -1 when one is NaN or the largest is not finite (no distribution).
     */
    static int bestOf(double[] z, int[] list, int count) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double v = z[list[i]];
            if (v != v) {
                return -1;
            }
            if (v > max || best < 0) {
                max = v;
                best = list[i];
            }
        }
        return max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY ? best : -1;
    }

    /**
     * The kernels' candidates of the row's unchanged tokens (every raw value not below their
     * keep-th largest; the scan skips the biased and penalised tokens) merged with those tokens'
     * processed values, positions ascending, into {@code wk.cand} with their values in
     * {@code wk.row}; returns their number, or {@link #NO_TOKEN} (a NaN) or {@link #WHOLE_ROW}
     * (a flood of ties). Also leaves the sorted override ids and values in {@code wk} and, in
     * {@code wk.scanFloor}, the smallest raw value the scan kept: every token whose processed
     * value is at least that is in the list. Why keep = k is enough for top-k: see
     * {@link #sampleByCandidates}.
     */
    static int collectMerged(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                                     SamplingParams p, long r, int keep) {
        return collectMerged(kern, wk, type, x, at, n, p, r, keep, Double.NEGATIVE_INFINITY, false, false);
    }

    /**
     * {@link #collectMerged} with a starting threshold {@code from} for the raw scan;
     * {@code wk.scanComplete} says whether every raw value >= from was kept (no cut).
     */
    static int collectMerged(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                                     SamplingParams p, long r, int keep, double from,
                                     boolean firstTies, boolean allOverrides) {
        Candidates c = wk.candidates.forKeep(keep);
        c.from = from;
        if (wk.scanSkip != null) {
            c.skip(wk.scanSkip, wk.maskWords);   // a masked row: changed and disallowed tokens
        } else if (wk.table.size > 0) {
            c.skip(wk.table.marks, wk.table.markWords);   // the changed tokens are merged in below
        }
        int got = kern.collectTop(type, x, at, n, keep, firstTies, c);
        overrideValues(wk, type, x, at, p, r);   // after the scan: the row is in cache now
        // a cut keeps at least keep (ties included): fewer means nothing was ever cut
        wk.scanComplete = got >= 0 && got < keep;
        if (got == Candidates.NAN_FOUND) {
            return NO_TOKEN;   // a NaN stays NaN whatever the bias or penalty
        }
        if (got < 0) {
            return WHOLE_ROW;
        }
        // Every raw value >= floor is among the candidates: after a cut, the smallest one kept;
        // with no cut, the scan's own threshold `from` (not +inf when nothing was found: bias or
        // penalties may have lifted every token that matters above every raw value, issue 23)
        double floor = from;
        if (!wk.scanComplete) {
            floor = Double.POSITIVE_INFINITY;
            for (int i = 0; i < got; i++) {
                floor = Math.min(floor, c.val[i]);
            }
        }
        wk.scanFloor = floor;
        // the processed values of the biased and penalised tokens (wk.table, made once per row
        // by sample()); with top-k only those not below the floor can be kept (see
        // sampleByCandidates), so only they are sorted and merged; without it every one changes
        // the sum (sumExpBlocks)
        int m = sortOverrides(wk, allOverrides ? Double.NEGATIVE_INFINITY : floor);
        // merge: candidates (ascending) without those tokens, and those tokens (sorted)
        double[] z = wk.row;
        int[] ids = wk.overrideIds;
        int[] kept = wk.cand;
        int count = 0;
        int o = 0;
        for (int i = 0; i < got; i++) {
            int j = c.idx[i];
            while (o < m && ids[o] < j) {
                z[ids[o]] = wk.sortedOverrideValues[o];
                kept[count++] = ids[o++];
            }
            z[j] = c.val[i];   // never a changed token: the scan skipped those
            kept[count++] = j;
        }
        while (o < m) {
            z[ids[o]] = wk.sortedOverrideValues[o];
            kept[count++] = ids[o++];
        }
        return count;
    }

    /**
     * Top-k off, T > 0. The maximum from the first unchanged maximum and the m changed tokens
     * (the scans skip those and merge their processed values in); S, the float64 sum of every
     * token's weight, from one kernel pass ({@link Kernels#sumExpBlocks}, native on the native
     * backends). Plain sampling then draws from the block sums, looking at one block only.
     * With top-p or min-p, the top 64 unchanged tokens (then 512, 4096; the scan starting at a
     * bound below which no token can be kept) and the changed ones not below them are enough
     * once the top-p prefix ends among them, min-p cuts everything below them, or they are every
     * token above the bound; their weights, the top-p walk (by weight descending, index ascending, while the mass before a
     * token is below p S), min-p and the draw are {@link #sampleRow}'s on that list.
     */
    static int sampleWithoutTopK(Kernels kern, SelectWork.Work wk, DType type, Object x, long at, int n,
                                         SamplingParams p, long r, double u) {
        long m0 = wk.table.size;
        if (!TopSelection.worthScanning(n, 1 + m0)) {
            return WHOLE_ROW;
        }
        // only the processed maximum (its first position) is wanted here: the first unchanged
        // maximum in (value, index) order and every changed token, so a flood of tied maxima
        // costs no whole row
        int count = collectMerged(kern, wk, type, x, at, n, p, r, 1, Double.NEGATIVE_INFINITY, true, true);
        if (count < 0) {
            return count;
        }
        double[] z = wk.row;
        int best = bestOf(z, wk.cand, count);
        if (best < 0) {
            return NO_TOKEN;
        }
        double max = z[best];
        double invT = 1.0 / p.temperature(r);
        double[] bs = wk.blockSums(n);
        int m = wk.overrideCount;
        int[] ids = wk.overrideIds;              // sorted, first m
        double[] vals = wk.sortedOverrideValues;
        if (wk.masked) {
            m = TokenMasks.withDisallowed(wk, n, ids, vals, m);
            ids = wk.maskedIds;
            vals = wk.maskedValues;
        }
        double sum = kern.sumExpBlocks(type, x, at, n, max, invT, ids, vals, m, bs);
        if (!(sum >= 1 && sum < Double.POSITIVE_INFINITY)) {
            return WHOLE_ROW;   // the max's own weight is exp(0) = 1: memory changed under the call
        }
        double topP = p.topP(r);
        double minP = p.minP(r);
        if (topP >= 1 && minP <= 0) {
            return drawFromBlocks(type, x, at, n, max, invT, ids, vals, m, bs, u * sum);
        }
        // No token below `from` can be kept: below max + T ln((1 - p) S / (2 V)) all tokens
        // together weigh at most (1 - p) S / 2, so the top-p prefix (mass >= p S) ends above it;
        // below max + T ln(min-p) (less a margin for rounding) a weight is under min-p.
        double t = p.temperature(r);
        double from = Double.NEGATIVE_INFINITY;
        if (topP < 1) {
            from = max + t * Math.log(0.5 * (1 - topP) * sum / n);
        }
        if (minP > 0) {
            from = Math.max(from, max + t * Math.log(minP) - 1e-9 * Math.max(1, Math.abs(max)));
        }
        if (!(from < max)) {
            from = Double.NEGATIVE_INFINITY;   // NaN or no room: no bound
        }
        for (long keep = 64; ; keep *= 8) {
            if (TopSelection.worthScanning(n, keep + m0) && TopPMass.worthScanning(keep, topP * sum, minP)) {
                count = collectMerged(kern, wk, type, x, at, n, p, r, (int) keep, from, false, true);
            } else {
                count = WHOLE_ROW;
            }
            if (count == WHOLE_ROW && topP < 1 && !(minP > 0)) {
                // the kept set is most of the row, or ties flooded the scan: weigh and select by
                // kernel passes (TopPMass), not the whole-row path's Math.exp per token; min-p is
                // left to the whole row
                return TopPMass.sample(kern, wk, type, x, at, n, max, invT, ids, vals, m, sum, topP, u);
            }
            if (count < 0) {
                return count;
            }
            // the merged entries at or above the floor (every token there), weights > 0
            double floor = wk.scanFloor;
            int[] list = wk.cand;
            double[] w = wk.w;
            double mass = 0;
            int live = 0;
            for (int i = 0; i < count; i++) {
                int j = list[i];
                if (z[j] >= floor) {
                    double e = Math.exp((z[j] - max) * invT);
                    if (e > 0) {
                        w[j] = e;
                        mass += e;
                        list[live++] = j;
                    }
                }
            }
            double target = topP * sum;
            boolean cut = topP < 1 && mass >= target;   // the prefix ends among these tokens
            // complete: the prefix ends here, or min-p removes every token below the floor
            // (their weights are at most the floor's), or these are every token above a bound
            // below which none can be kept
            if (!cut && !(Math.exp((floor - max) * invT) < minP) && !wk.scanComplete) {
                continue;
            }
            int kept = cut ? topPCut(wk, live, target, false) : live;
            return minPAndDraw(wk, kept, minP, u, best);
        }
    }

    /**
     * Plain sampling's draw: the first index whose running weight exceeds {@code target},
     * found from the block sums and one block's weights (computed again, in float64); the last
     * token of non-zero weight when rounding leaves the target unreached.
     */
    static int drawFromBlocks(DType type, Object x, long at, int n, double max, double invT, int[] ids,
                                      double[] vals, int m, double[] bs, double target) {
        int blocks = (n + Kernels.SUM_BLOCK - 1) / Kernels.SUM_BLOCK;
        double run = 0;
        for (int b = 0; b < blocks; b++) {
            if (run + bs[b] <= target && b + 1 < blocks) {
                run += bs[b];
                continue;
            }
            for (int j = b * Kernels.SUM_BLOCK, end = Math.min(n, j + Kernels.SUM_BLOCK); j < end; j++) {
                int o = java.util.Arrays.binarySearch(ids, 0, m, j);
                double zj = o >= 0 ? vals[o] : Elements.read(type, x, at + j);
                double e = Math.exp((zj - max) * invT);
                run += e;
                if (run > target && e > 0) {
                    return j;
                }
            }
        }
        // rounding left the target unreached: the last token of non-zero weight
        for (int j = n - 1; j >= 0; j--) {
            int o = java.util.Arrays.binarySearch(ids, 0, m, j);
            double zj = o >= 0 ? vals[o] : Elements.read(type, x, at + j);
            if (Math.exp((zj - max) * invT) > 0) {
                return j;
            }
        }
        return NO_TOKEN;
    }

    /**
     * The biased and penalised tokens of row r into {@code wk.table} (reset here, on entry),
     * with their bias-entry and history counts but not yet their values ({@link #overrideValues}
     * reads those, after the row's first scan has brought it into cache); returns their number.
     * O(bias + history) besides zeroing the marks; no per-thread state that must be clean.
     */
    static int overrideTokens(SelectWork.Work wk, SamplingParams p, long r) {
        int bFrom = p.biasFrom(r);
        int bTo = p.biasTo(r);
        Overrides t = wk.table;
        wk.overrideValuesRead = false;
        int[] bi = p.biasIds();
        TokenCounts state = p.state(r);
        if (state != null) {
            // an incremental state: its distinct tokens with their counts, O(distinct); the
            // fields read once (a caller updating it meanwhile changes what is seen, not safety)
            int[] ids = state.ids();
            int[] counts = state.counts();
            int m = Math.min(state.size(), Math.min(ids.length, counts.length));
            t.reset(p.vocab, (bTo - bFrom) + m);
            for (int e = bFrom; e < bTo; e++) {
                t.mark(bi[e]);
            }
            for (int e = 0; e < m; e++) {
                t.mark(ids[e]);
            }
            t.index();
            t.addCounts(ids, counts, m);
            wk.penalised = m > 0;
            return t.size;
        }
        int hFrom = p.historyFrom(r);
        int hTo = p.historyTo(r);
        t.reset(p.vocab, (bTo - bFrom) + (hTo - hFrom));
        int[] hist = p.historyIds();
        for (int e = bFrom; e < bTo; e++) {
            t.mark(bi[e]);
        }
        for (int e = hFrom; e < hTo; e++) {
            t.mark(hist[e]);
        }
        t.index();
        if (hTo > hFrom) {
            t.count(hist, hFrom, hTo);
        }
        wk.penalised = hTo > hFrom;
        return t.size;
    }

    /**
     * The processed values of {@link #overrideTokens}' tokens, once per row: their logits from
     * {@code x} (one gather of independent loads), the bias entries in the order given, then
     * each distinct history token's penalties once, as {@link #sampleRow}.
     */
    static void overrideValues(SelectWork.Work wk, DType type, Object x, long at, SamplingParams p, long r) {
        if (wk.overrideValuesRead) {
            return;
        }
        Overrides t = wk.table;
        readAt(type, x, at, t.ids, t.size, t.values);
        int[] bi = p.biasIds();
        double[] bv = p.biasValues();
        for (int e = p.biasFrom(r), end = p.biasTo(r); e < end; e++) {
            t.values[t.find(bi[e])] += bv[e];
        }
        if (wk.penalised) {
            double rep = p.repetitionPenalty(r);
            double pres = p.presencePenalty(r);
            double freq = p.frequencyPenalty(r);
            for (int e = 0; e < t.size; e++) {
                if (t.counts[e] > 0) {
                    t.values[e] = penalise(t.values[e], t.counts[e], rep, pres, freq);
                }
            }
        }
        if (wk.masked) {
            TokenMasks.maskOverrides(wk);
        }
        wk.overrideValuesRead = true;
    }

    /** {@code out[e] = x[at + ids[e]]} for e < m: one type test for the whole gather. */
    static void readAt(DType type, Object x, long at, int[] ids, int m, double[] out) {
        if (x instanceof float[]) {
            float[] a = (float[]) x;
            for (int e = 0; e < m; e++) {
                out[e] = a[(int) (at + ids[e])];
            }
        } else {
            for (int e = 0; e < m; e++) {
                out[e] = Elements.read(type, x, at + ids[e]);
            }
        }
    }

    /**
     * The changed tokens of {@code wk.table} whose processed value is at least {@code floor},
     * sorted by id, into {@code wk.overrideIds / sortedOverrideValues / overrideCount}; returns
     * their number.
     */
    static int sortOverrides(SelectWork.Work wk, double floor) {
        Overrides t = wk.table;
        wk.overrides(t.size);
        int[] ids = wk.overrideIds;
        int m = 0;
        for (int e = 0; e < t.size; e++) {
            // NaN stays: a NaN after bias/penalties (+inf logit, -inf bias) leaves no distribution
            if (!(t.values[e] < floor)) {
                ids[m++] = t.ids[e];
            }
        }
        java.util.Arrays.sort(ids, 0, m);
        for (int i = 0; i < m; i++) {
            wk.sortedOverrideValues[i] = t.values[t.find(ids[i])];
        }
        wk.overrideCount = m;
        return m;
    }

    /**
     * The penalties of a token seen {@code count} > 0 times: repetition (HF: {@code x < 0 ? x r :
     * x / r}), then frequency and presence (OpenAI/vLLM: {@code x - f count - a}).
     */
    static double penalise(double v, int count, double rep, double pres, double freq) {
        if (rep != 1) {
            v = v < 0 ? v * rep : v / rep;
        }
        if (freq != 0 || pres != 0) {
            v -= freq * count + pres;
        }
        return v;
    }

    /**
     * One row of the pipeline on {@code wk.row} (overwritten with the processed logits). Returns
     * {@link #NO_TOKEN} when the processed row has no distribution: it holds a NaN or +inf, or
     * every entry is -inf.
     */
    static int sampleRow(SelectWork.Work wk, int n, SamplingParams p, long r, double u) {
        double[] z = wk.row;
        // 1-2. logit bias, then the penalties once per distinct history token: the same rule
        // as the candidate path (overrides), applied to the row read whole. The table is built
        // again from this copy (not reused from sample()'s read of caller memory) so that the
        // whole-row path works on one snapshot even if the caller rewrites the logits meanwhile.
        int m = overrideTokens(wk, p, r);
        overrideValues(wk, DType.F64, z, 0, p, r);
        for (int e = 0; e < m; e++) {
            z[wk.table.ids[e]] = wk.table.values[e];
        }
        double t = p.temperature(r);
        int k = t == 0 ? 0 : p.topK(r);
        long[] keys = wk.keys;
        double[] hist = wk.hist;
        // the maximum (and whether there is a distribution at all); with top-k, the same pass
        // makes each key and counts the first radix digit (one bucket per binade)
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        if (k == 0) {
            for (int j = 0; j < n; j++) {
                double v = z[j];
                if (v != v) {
                    return NO_TOKEN;
                }
                if (v > max) {
                    max = v;
                    best = j;
                }
            }
        } else {
            java.util.Arrays.fill(hist, 0);
            for (int j = 0; j < n; j++) {
                double v = z[j];
                if (v != v) {
                    return NO_TOKEN;
                }
                if (v > max) {
                    max = v;
                    best = j;
                }
                long kj = RadixSelect.key(v);
                keys[j] = kj;
                hist[(int) ((kj ^ Long.MIN_VALUE) >>> (64 - RadixSelect.FIRST_DIGIT_BITS))]++;
            }
        }
        if (!(max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY)) {
            return NO_TOKEN;
        }
        // 3. temperature; T = 0 is greedy
        if (t == 0) {
            return best;
        }
        int[] kept = wk.cand;     // positions kept so far, in vocabulary order
        int[] work = wk.cand2;    // the selects' candidates (reordered)
        int count;
        if (k > 0) {
            // 4. top-k, selected on the logits before the division by T (the same order): the
            // bucket of the first digit that holds the k-th largest, then the rest of its bits
            int first = (1 << RadixSelect.FIRST_DIGIT_BITS) - 1;
            double above = 0;
            while (above + hist[first] < k) {
                above += hist[first--];
            }
            int c = 0;
            for (int j = 0; j < n; j++) {
                int d = (int) ((keys[j] ^ Long.MIN_VALUE) >>> (64 - RadixSelect.FIRST_DIGIT_BITS)) ^ first;
                work[c] = j;
                c += 1 - ((d | -d) >>> 31);
            }
            long kth = c == 1 ? keys[work[0]] : RadixSelect.radixSelect(keys, null, work, c, false, k - above,
                    hist, 64 - RadixSelect.FIRST_DIGIT_BITS);
            count = 0;
            for (int j = 0; j < n; j++) {
                kept[count] = j;
                count += keys[j] >= kth ? 1 : 0;
            }
        } else {
            for (int j = 0; j < n; j++) {
                kept[j] = j;
            }
            count = n;
        }
        return afterTopK(wk, count, k > 0, max, best, p, r, u);
    }

    /**
     * Steps 5-7 of the pipeline on the top-k survivors {@code wk.cand[0, count)} (ascending) of
     * the processed row {@code wk.row}: weights, top-p, min-p, the draw. {@code keysReady}: the
     * survivors' keys are in {@code wk.keys}.
     */
    static int afterTopK(SelectWork.Work wk, int count, boolean keysReady, double max, int best,
                                 SamplingParams p, long r, double u) {
        double[] z = wk.row;
        long[] keys = wk.keys;
        int[] kept = wk.cand;
        int[] work = wk.cand2;
        double[] w = wk.w;
        double t = p.temperature(r);
        double topP = p.topP(r);
        // weights exp((z - max) / T) of the kept tokens (times 1/T: the order and the ties are
        // those of z); tokens whose weight underflows to 0 leave
        double invT = 1.0 / t;
        double sum = 0;
        int live = 0;
        double lastZ = Double.NaN;   // equal values weigh the same: a flood of ties costs one exp
        double lastE = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            double zj = z[j];
            if (zj != lastZ) {
                lastE = Math.exp((zj - max) * invT);
                lastZ = zj;
            }
            double e = lastE;
            w[j] = e;
            sum += e;
            if (e > 0) {
                kept[live++] = j;
            }
        }
        count = live;
        // 5. top-p: keep the shortest prefix, by weight descending then index ascending, whose
        // weight reaches p * sum; i.e. every token whose predecessors weigh less than p * sum
        if (topP < 1) {
            count = topPCut(wk, count, topP * sum, keysReady);
        }
        return minPAndDraw(wk, count, p.minP(r), u, best);
    }

    /**
     * Top-p on {@code wk.cand[0, count)} (ascending, weights in {@code wk.w}, all > 0): keeps the
     * shortest prefix, by weight descending then index ascending, whose weight reaches
     * {@code target}, i.e. every token whose predecessors weigh less than it (the boundary value
     * by a mass-weighted radix select, ties at it in index order). Returns the new count.
     */
    static int topPCut(SelectWork.Work wk, int count, double target, boolean keysReady) {
        double[] z = wk.row;
        long[] keys = wk.keys;
        int[] kept = wk.cand;
        int[] work = wk.cand2;
        double[] w = wk.w;
        if (!keysReady) {
            for (int c = 0; c < count; c++) {
                keys[kept[c]] = RadixSelect.key(z[kept[c]]);
            }
        }
        System.arraycopy(kept, 0, work, 0, count);
        long boundary = RadixSelect.radixSelect(keys, w, work, count, false, target, wk.hist);
        double before = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            if (keys[j] > boundary) {
                before += w[j];
            }
        }
        int still = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            long kj = keys[j];
            if (kj > boundary || (kj == boundary && before < target)) {
                if (kj == boundary) {
                    before += w[j];
                }
                kept[still++] = j;
            }
        }
        return still;
    }

    /**
     * Steps 6-7 on the top-p survivors {@code wk.cand[0, count)} (ascending) with their weights in
     * {@code wk.w}: min-p, then the draw.
     */
    static int minPAndDraw(SelectWork.Work wk, int count, double minP, double u, int best) {
        int[] kept = wk.cand;
        double[] w = wk.w;
        // 6. min-p: keep weights >= minP * (the largest weight, exp(0) = 1)
        double total = 0;
        int still = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            if (w[j] >= minP) {
                total += w[j];
                kept[still++] = j;
            }
        }
        count = still;
        if (wk.distributionOnly) {
            // the caller (speculative verification) wants the distribution: kept tokens in
            // wk.cand[0, count) (ascending), their weights in wk.w, the sum S
            wk.keptCount = count;
            wk.keptTotal = total;
            return DISTRIBUTION;
        }
        // 7. draw: the first index whose running kept weight exceeds u * S (S = total)
        double target = u * total;
        double run = 0;
        for (int c = 0; c < count; c++) {
            int j = kept[c];
            run += w[j];
            if (run > target) {
                return j;
            }
        }
        int last = count > 0 ? kept[count - 1] : best;
        return last;
    }
}
