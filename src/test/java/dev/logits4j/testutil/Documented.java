package dev.logits4j.testutil;

import java.nio.ReadOnlyBufferException;
import java.util.regex.Pattern;

/**
 * What counts as a documented refusal (docs/SEMANTICS.md, "Errors"): exactly {@link IllegalArgumentException},
 * {@link IndexOutOfBoundsException}, {@link NullPointerException} or a
 * {@link ReadOnlyBufferException}, thrown by the library's own checks (not by the JDK from inside
 * a kernel: a bare {@code ArrayIndexOutOfBoundsException}, or a buffer's own
 * {@code IndexOutOfBoundsException} from {@code jdk.internal.util.Preconditions}, is a bug), with
 * a message that names the argument.
 */
public final class Documented {
    /** Argument names of the public API, as whole words ("targets[3] = 9 ..." names targets). */
    private static final Pattern ARGUMENT = Pattern.compile("\\b(x|y|logits|targets|probabilities|out|shape|axis|"
            + "weight|temperature|ignoreIndex|labelSmoothing|reduction|options|address|count|"
            // the selection ops (issue 12)
            + "values|indices|tokens|logProbs|uniform|k|history|logitBias|topK|topP|minP)\\b");

    private Documented() {}

    /** One of the four documented exception classes (ReadOnlyBufferException or a subclass). */
    public static boolean documentedType(Throwable e) {
        Class<?> k = e.getClass();
        return k == IllegalArgumentException.class || k == IndexOutOfBoundsException.class
                || k == NullPointerException.class || ReadOnlyBufferException.class.isAssignableFrom(k);
    }

    /** Thrown by the library (its first stack frame is in dev.logits4j, outside the tests). */
    public static boolean thrownByLibrary(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        if (st.length == 0) {
            return false;
        }
        String c = st[0].getClassName();
        return c.startsWith("dev.logits4j.") && !c.startsWith("dev.logits4j.tools.")
                && !c.startsWith("dev.logits4j.testutil.") && !c.startsWith("dev.logits4j.it.")
                && !c.matches(".*Test(\\$.*)?$");
    }

    /** The message is non-empty and names an argument of the public API. */
    public static boolean namesAnArgument(Throwable e) {
        String m = e.getMessage();
        return m != null && ARGUMENT.matcher(m).find();
    }
}
