package dev.logits4j.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict flag parsing: {@code --name value}, {@code --name=value} and bare switches; an unknown,
 * repeated or valueless flag is an error naming it.
 */
final class Args {
    /**
     * An optional sign and ASCII digits. Integer.parseInt and Long.parseLong alone would also
     * take other scripts' digits (Arabic-Indic, fullwidth, ...).
     */
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** Optional sign, ASCII digits, optional fraction, optional exponent (see doubleValue). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /**
     * Spellings that one command used before the flags were made one spelling per concept, with
     * the spelling that replaced them. The version was never released, so the old spelling is
     * refused (not taken as an alias): a message naming the new one, rather than two names for
     * one flag forever.
     */
    static final Map<String, String> RENAMED = Map.of("logprobs", "log-probs");

    private final String command;
    private final Map<String, String> values = new HashMap<>();

    private Args(String command) {
        this.command = command;
    }

    static Args parse(String command, String[] argv, int from, Set<String> valued, Set<String> switches)
            throws UsageException {
        Args a = new Args(command);
        for (int i = from; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' for " + command
                        + " (flags start with --)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " is a switch and takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = argv[++i];
                }
            } else {
                throw unknown(command, name, valued, switches);
            }
            if (a.values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given more than once");
            }
        }
        return a;
    }

    /** An unknown flag; where it is an old or underscored spelling of one this command takes, that one. */
    private static UsageException unknown(String command, String name, Set<String> valued, Set<String> switches) {
        String renamed = RENAMED.get(name);
        if (renamed != null && (valued.contains(renamed) || switches.contains(renamed))) {
            return new UsageException("--" + name + " was renamed --" + renamed + " (one spelling in "
                    + "every command); use --" + renamed);
        }
        String hyphens = name.replace('_', '-');
        if (!hyphens.equals(name) && (valued.contains(hyphens) || switches.contains(hyphens))) {
            return new UsageException("unknown option --" + name + " for " + command + "; flags are "
                    + "spelled with hyphens: --" + hyphens);
        }
        return new UsageException("unknown option --" + name + " for " + command);
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(command + " needs --" + name);
        }
        return v;
    }

    String optional(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int intValue(String name, int dflt) throws UsageException {
        String v = values.get(name);
        return v == null ? dflt : (int) integer(name, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    long longValue(String name, long dflt) throws UsageException {
        String v = values.get(name);
        return v == null ? dflt : integer(name, v, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A decimal number in the usual notation: optional sign, ASCII digits, optional fraction,
     * optional exponent. Double.parseDouble alone would also take 2d, 2f, 0x1p3, Infinity, NaN
     * and surrounding spaces. The value must be finite (1e999 is refused, not read as infinity).
     */
    double doubleValue(String name, double dflt) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (!isDecimal(v)) {
            throw new UsageException("--" + name + " '" + v + "' is not a decimal number (digits, an optional "
                    + "fraction and exponent, e.g. 0.7 or 1e-3)");
        }
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d)) {
            throw new UsageException("--" + name + " '" + v + "' is out of range (not a finite number)");
        }
        return d;
    }

    /** Whether {@code text} is a decimal in the notation {@link #doubleValue} reads. */
    static boolean isDecimal(String text) {
        return DECIMAL.matcher(text).matches();
    }

    private static long integer(String name, String v, long min, long max) throws UsageException {
        if (!INTEGER.matcher(v).matches()) {
            throw new UsageException("--" + name + " '" + v + "' is not an integer (ASCII digits, optional sign)");
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // more digits than a long holds: out of range, said below
        }
        throw new UsageException("--" + name + " '" + v + "' is out of range [" + min + ", " + max + "]");
    }

    /** {@code text} as an int: an optional sign and ASCII digits, in range; else NumberFormatException. */
    static int strictInt(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new NumberFormatException("not an integer: " + text);
        }
        return Integer.parseInt(text);
    }
}
