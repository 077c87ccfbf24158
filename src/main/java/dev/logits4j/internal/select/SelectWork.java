package dev.logits4j.internal.select;

import dev.logits4j.internal.kernels.Candidates;
import dev.logits4j.internal.kernels.Elements;
import dev.logits4j.internal.kernels.Kernels;
import dev.logits4j.internal.kernels.SamplingParams;
import dev.logits4j.internal.kernels.ScratchPool;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Per-call work memory of the selection pipeline: the thread's own on platform threads, pooled on virtual threads, bounded in what it keeps. */
final class SelectWork {
    private SelectWork() {}

    // ---------------------------------------------------------------------------------------------
    // per-thread work memory, bounded like Scratch

    static final int RETAINED = 1 << 18;
    /** Per-call work memory: the thread's own on platform threads, pooled on virtual threads. */
    static final ScratchPool<Work> WORK = new ScratchPool<>(Work::new);

    static final class Work {
        double[] row = new double[0];
        double[] w = new double[0];
        long[] keys = new long[0];
        int[] cand = new int[0];
        int[] cand2 = new int[0];
        final double[] hist = new double[1 << RadixSelect.FIRST_DIGIT_BITS];
        int[] picked = new int[0];
        int[] tmp = new int[0];
        final Overrides table = new Overrides();   // this row's biased/penalised tokens
        final Candidates candidates = new Candidates();
        int[] overrideIds = new int[0];
        double[] sortedOverrideValues = new double[0];   // aligned with the sorted overrideIds
        boolean overrideValuesRead;  // table.values hold this row's processed values
        boolean penalised;           // this row's table has history counts (set per row)
        int overrideCount;           // changed tokens merged (sorted by id)
        double scanFloor;            // every processed value >= it is in the merged list
        boolean scanComplete;        // and every raw value >= the scan's starting threshold
        double[] blockSums = new double[0];
        int[] sorted = new int[0];   // candidates of top-k, sorted
        int[] sortTmp = new int[0];
        // token masks (TokenMasks): set for every row of a masked call, cleared on entry otherwise
        boolean masked;              // this row has a mask: allowed[0, maskWords) is its copy
        int[] allowed = new int[0];
        int maskWords;
        int allowedCount;
        double allowedMax;           // the allowed tokens' maximum (renormalised log-probs)
        // speculative verification: sampleRow stops before the draw (set per call, cleared after)
        boolean distributionOnly;
        int keptCount;
        double keptTotal;
        int[] scanSkip;              // non-null: the scan's skip mask (changed | disallowed)
        private int[] skipWords = new int[0];
        int[] maskedIds = new int[0];        // changed and disallowed tokens, ascending
        double[] maskedValues = new double[0];
        // top-p without top-k over the whole vocabulary (TopPMass): made on first use, kept
        private double[] massHist;
        final long[] massStats = new long[3];
        final long[] lastTie = new long[1];
        boolean massAnswered;        // TopPMass gave this row's token (set per call; tests read it)

        // tie floods under top-k (TieFlood): the class's bits, the explicit tokens' ranks in it
        final TieClass ties = new TieClass();
        int[] ranks = new int[0];

        int[] ranksFor(int m) {
            if (ranks.length < m) {
                ranks = new int[m];
            }
            return ranks;
        }

        int[] maskedIdsFor(int m) {
            if (maskedIds.length < m) {
                maskedIds = new int[m];
                maskedValues = new double[m];
            }
            return maskedIds;
        }

        int[] allowedWords(int words) {
            if (allowed.length < words) {
                allowed = new int[words];
            }
            return allowed;
        }

        int[] skipWordsFor(int words) {
            if (skipWords.length < words) {
                skipWords = new int[words];
            }
            return skipWords;
        }

        Work() {
        }

        /** A temporary instance for a row too long to keep (shares the small scratch). */
        private Work(Work owner) {
            this.owner = owner;
        }

        /** The pooled or thread's instance this temporary one came from, or null. */
        private Work owner;

        /** What the caller gives back to {@link #WORK} when its call ends. */
        Work kept() {
            return owner != null ? owner : this;
        }

        int[] sorted(int m) {
            if (sorted.length < m) {
                sorted = new int[m];
                sortTmp = new int[m];
            }
            return sorted;
        }

        void overrides(int m) {
            if (overrideIds.length < m) {
                overrideIds = new int[m];
                sortedOverrideValues = new double[m];
            }
        }

        /** {@link TopPMass}'s histogram scratch: eight copies of a 12-bit digit's buckets. */
        double[] massHist() {
            if (owner != null) {
                return owner.massHist();   // a temporary Work (long rows) borrows its owner's
            }
            if (massHist == null) {
                massHist = new double[Kernels.MASS_HIST];
            }
            return massHist;
        }

        double[] blockSums(int n) {
            int b = (n + Kernels.SUM_BLOCK - 1) / Kernels.SUM_BLOCK;
            if (blockSums.length < b) {
                blockSums = new double[b];
            }
            return blockSums;
        }

        Work size(int n, int k) {
            if (row.length < n) {
                Work fresh = n > RETAINED ? new Work(this) : this;
                fresh.row = new double[n];
                fresh.w = new double[n];
                fresh.keys = new long[n];
                fresh.cand = new int[n];
                fresh.cand2 = new int[n];
                if (fresh != this) {
                    fresh.picked = new int[k];
                    fresh.tmp = new int[k];
                    return fresh;
                }
            }
            if (picked.length < k) {
                picked = new int[k];
                tmp = new int[k];
            }
            return this;
        }
    }
}
