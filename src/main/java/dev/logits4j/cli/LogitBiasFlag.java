package dev.logits4j.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code sample --logit-bias id:value,...}: token ids to the value added to their logits, as
 * {@code SamplingOptions.withLogitBias} takes them (finite, or {@code -inf} to ban the token).
 * The text is checked when the flags are read; the ids against the vocabulary once the logits'
 * header gives it, both before the op runs, so every refusal names the flag and the value.
 */
final class LogitBiasFlag {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9]+");

    private final String text;
    private final Map<Integer, Double> bias;

    private LogitBiasFlag(String text, Map<Integer, Double> bias) {
        this.text = text;
        this.bias = bias;
    }

    /** {@code --logit-bias}'s value, or null when the flag is absent. */
    static LogitBiasFlag parse(String text) throws UsageException {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            throw new UsageException("--logit-bias is empty; give id:value,... (e.g. 42:-inf,7:2.5)");
        }
        Map<Integer, Double> bias = new LinkedHashMap<>();
        // -1: keep trailing empty entries, so that "5:1," is refused rather than read as "5:1"
        for (String entry : text.split(",", -1)) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw bad(text, "entry '" + entry + "' is not id:value");
            }
            int id = tokenId(text, entry.substring(0, colon));
            double value = value(text, entry.substring(colon + 1));
            if (bias.put(id, value) != null) {
                throw bad(text, "token " + id + " is given more than once");
            }
        }
        return new LogitBiasFlag(text, Collections.unmodifiableMap(bias));
    }

    private static int tokenId(String text, String id) throws UsageException {
        if (TOKEN_ID.matcher(id).matches()) {
            try {
                return Integer.parseInt(id);
            } catch (NumberFormatException e) {
                // more digits than an int holds: no vocabulary is that large, said below
            }
        }
        throw bad(text, "'" + id + "' is not a token id (ASCII digits, 0 to 2147483646)");
    }

    /** A decimal in Args' strict notation, or exactly {@code -inf}; NaN and +inf are refused. */
    private static double value(String text, String v) throws UsageException {
        if (v.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (v.equalsIgnoreCase("nan") || v.matches("(?i)\\+?inf(inity)?")) {
            throw bad(text, "value '" + v + "' is refused: a bias is finite, or -inf to ban the token");
        }
        if (!Args.isDecimal(v)) {
            throw bad(text, "value '" + v + "' is not a decimal number or -inf (a finite value is "
                    + "added to the logit; -inf bans the token)");
        }
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d)) {
            throw bad(text, "value '" + v + "' is out of range (finite values, or -inf to ban)");
        }
        return d;
    }

    /** Every id must lie in the vocabulary of {@code --logits}. */
    Map<Integer, Double> forVocabulary(int vocab, Path logitsFile) throws UsageException {
        for (int id : bias.keySet()) {
            if (id >= vocab) {
                throw bad(text, "token id " + id + " is outside the vocabulary [0, " + vocab
                        + ") of --logits " + logitsFile);
            }
        }
        return bias;
    }

    private static UsageException bad(String text, String why) {
        return new UsageException("--logit-bias '" + text + "': " + why);
    }
}
