package dev.logits4j.internal.choice;

/**
 * {@code -Dlogits4j.nativeThreshold}: under {@code auto}, the smallest call, in elements, that goes
 * to native code; smaller calls stay in Java. Read once per JVM. A value that is no whole number,
 * or is negative, is reported (a warning, and a line in {@code info()}) and ignored: the default
 * applies, so a typo neither passes for a setting nor changes silently which implementation runs.
 */
public final class NativeThreshold {
    public static final String PROPERTY = "logits4j.nativeThreshold";

    /** Measured with the JMH crossover benchmark (see docs/IMPLEMENTATIONS.md, "Choosing"). */
    public static final long DEFAULT = 16;

    private static final System.Logger LOG = System.getLogger("dev.logits4j");

    private NativeThreshold() {}

    /**
     * The threshold in force, and why the value asked for was ignored ({@code null} when it was
     * not).
     */
    public record Setting(long value, String problem) {}

    /** {@code text} (the property's value, {@code null} when unset) as a setting. */
    public static Setting parse(String text) {
        if (text == null) {
            return new Setting(DEFAULT, null);
        }
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return new Setting(DEFAULT, ignored(text, "is not a whole number"));
        }
        if (v < 0) {
            return new Setting(DEFAULT, ignored(text, "is negative (an element count, 0 or more)"));
        }
        return new Setting(v, null);
    }

    private static String ignored(String text, String why) {
        return "-D" + PROPERTY + "=" + text + " " + why + "; ignored, the default " + DEFAULT
                + " applies";
    }

    private static final class Holder {
        static final Setting SETTING = read();
    }

    private static Setting read() {
        Setting s = parse(System.getProperty(PROPERTY));
        if (s.problem() != null) {
            LOG.log(System.Logger.Level.WARNING, s.problem());
        }
        return s;
    }

    /** The threshold in force in this JVM. */
    static long value() {
        return Holder.SETTING.value();
    }

    /** Why this JVM's {@code -Dlogits4j.nativeThreshold} was ignored, or {@code null}. */
    public static String problem() {
        return Holder.SETTING.problem();
    }
}
