package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.logits4j.internal.choice.NativeThreshold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dlogits4j.nativeThreshold} (issue 23, item 9.4): a value that is no whole number, or is
 * negative, is reported (a System.Logger warning) and ignored, and {@code info()} says so with the
 * value; it was shown as valid (-5) or dropped without a word (abc). Each case in a fresh JVM,
 * since the property is read once per JVM.
 */
class NativeThresholdTest {
    /** Prints what {@code bin/logits4j info} prints, with the library's log lines left on. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.print(Logits4j.info().describe());
        }
    }

    private static String run(String value) throws Exception {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogits4j.nativeThreshold=" + value, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void reportedAndIgnored(String value, String why) throws Exception {
        String out = run(value);
        String said = "-Dlogits4j.nativeThreshold=" + value;
        // once as a warning, once in info()
        assertTrue(out.contains("WARNING"), out);
        assertEquals(2, out.split(java.util.regex.Pattern.quote(said), -1).length - 1, out);
        assertTrue(out.contains(why) && out.contains("ignored"), out);
        assertFalse(out.contains("auto threshold: " + value), out);
        if (out.contains("implementation: native-")) {
            assertTrue(out.contains("auto threshold: 16 elements"), out);
        }
    }

    @Test
    void aNegativeThresholdIsReportedAndIgnored() throws Exception {
        reportedAndIgnored("-5", "negative");
    }

    @Test
    void aThresholdThatIsNoNumberIsReportedAndIgnored() throws Exception {
        reportedAndIgnored("abc", "not a whole number");
    }

    @Test
    void aValidThresholdIsUsedQuietly() throws Exception {
        String out = run("32");
        assertFalse(out.contains("ignored"), out);
        assertFalse(out.contains("WARNING"), out);
        if (out.contains("implementation: native-")) {
            assertTrue(out.contains("auto threshold: 32 elements"), out);
        }
    }

    @Test
    void parsing() {
        assertEquals(new NativeThreshold.Setting(16, null), NativeThreshold.parse(null));
        assertEquals(new NativeThreshold.Setting(32, null), NativeThreshold.parse("32"));
        assertEquals(new NativeThreshold.Setting(32, null), NativeThreshold.parse(" 32 "));
        assertEquals(new NativeThreshold.Setting(0, null), NativeThreshold.parse("0"));
        assertEquals(new NativeThreshold.Setting(Long.MAX_VALUE, null), NativeThreshold.parse("9223372036854775807"));
        for (String bad : new String[] {"-5", "-1", "abc", "", " ", "1e3", "0x10", "16 elements", "9223372036854775808"}) {
            NativeThreshold.Setting s = NativeThreshold.parse(bad);
            assertEquals(16, s.value(), bad);
            String m = s.problem();
            assertTrue(m != null && m.contains("-Dlogits4j.nativeThreshold=" + bad + " ") && m.contains("ignored")
                    && m.contains("default 16"), () -> bad + ": " + m);
            assertTrue(m.contains(bad.startsWith("-") ? "negative" : "not a whole number"), m);
        }
    }
}
