package dev.logits4j;

import dev.logits4j.internal.kernels.TokenCounts;

/**
 * One request's penalty state: how often each token has been generated so far, updated
 * incrementally by {@link #accept} (O(1) per token) instead of a history copied into the options
 * at every step. Give it to {@link SamplingOptions#withPenaltyStates} once; every later
 * {@code sample} call reads its current counts, so a decode step's repetition, presence and
 * frequency penalties cost O(distinct tokens) with no copy. Memory: about 16 bytes per distinct
 * token. Not thread-safe: one request's state, updated between its steps (a call that reads it
 * while another thread accepts tokens gets wrong penalties at worst, never a crash).
 *
 * <pre>{@code
 * PenaltyState seen = new PenaltyState(vocab);
 * for (int t : promptTokens) seen.accept(t);          // if the prompt counts, as in HF
 * SamplingOptions o = CHAT.withPenaltyStates(seen);   // once per request
 * while (...) {
 *     ops.sample(logits, o, u, tokens, null);
 *     seen.accept(tokens[0]);
 * }
 * }</pre>
 */
public final class PenaltyState {
    final TokenCounts counts;

    /**
     * An empty state for a vocabulary.
     *
     * @param vocab the vocabulary size, {@code > 0}
     */
    public PenaltyState(int vocab) {
        this.counts = new TokenCounts(vocab, this);
    }

    /**
     * Counts one generated (or prompt) token.
     *
     * @param token the token, in {@code [0, vocab)}
     * @throws IllegalArgumentException for a token outside the vocabulary
     */
    public void accept(int token) {
        counts.add(token);
    }

    /** Forgets every token (a new request reusing this object). */
    public void clear() {
        counts.clear();
    }

    /**
     * @param token a token
     * @return how often it was accepted (0 outside the vocabulary)
     */
    public int count(int token) {
        return counts.count(token);
    }

    /** @return the number of distinct tokens accepted */
    public int distinct() {
        return counts.size();
    }

    /** @return the number of tokens accepted */
    public long total() {
        return counts.total();
    }

    /** @return the vocabulary size */
    public int vocab() {
        return counts.vocab;
    }

    @Override
    public String toString() {
        return "PenaltyState[vocab=" + counts.vocab + ", distinct=" + counts.size() + ", total="
                + counts.total() + "]";
    }
}
