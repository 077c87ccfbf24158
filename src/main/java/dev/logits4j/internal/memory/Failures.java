package dev.logits4j.internal.memory;

/** One line for a failure to load or probe native code, with its causes. */
public final class Failures {
    private Failures() {}

    /**
     * {@code t} and each cause, "A: message (caused by B: message)": a static initialiser's
     * failure arrives as a bare {@code ExceptionInInitializerError} whose cause (for example JDK
     * 24+'s {@code IllegalCallerException} under {@code --illegal-native-access=deny}) is the
     * part a user can act on.
     */
    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && c != t && depth < 5; c = c.getCause(), depth++) {
            sb.append(" (caused by ").append(c);
        }
        for (int i = 0; i < depth; i++) {
            sb.append(')');
        }
        return sb.toString();
    }
}
