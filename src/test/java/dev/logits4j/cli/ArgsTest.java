package dev.logits4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numeric flags are read strictly: a decimal is an optional sign, ASCII digits, an optional
 * fraction and an optional exponent, nothing else (Double.parseDouble would also take 2d, 2f,
 * 0x1p3, Infinity, surrounding spaces); an integer is an optional sign and ASCII digits.
 */
class ArgsTest {
    private static Args args(String name, String value) throws UsageException {
        return Args.parse("test", new String[] {"test", "--" + name, value}, 1, Set.of(name), Set.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2, 2", "0.7, 0.7", "+0.5, 0.5", "-3, -3", ".5, 0.5", "5., 5", "1e-3, 0.001", "1E+2, 100",
            "007, 7", "0, 0", "2.5e1, 25"})
    void decimalsInTheUsualNotationAreRead(String text, double value) throws UsageException {
        assertEquals(value, args("temperature", text).doubleValue("temperature", 1.0));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"2d", "2f", "2D", "2F", "0x1p3", "0x10", "1_0", " 1", "1 ", "+", "-", ".", "e5", "1e",
            "1e+", "Infinity", "-Infinity", "inf", "NaN", "1e999", "-1e400", "\u0663", "1\u0663", "\uff11", "1.5.",
            "--1", "1,5", "", "1e5d", "\u00a01"})
    void anythingElseIsRefusedNamingTheFlagAndTheValue(String text) {
        UsageException e = assertThrows(UsageException.class,
                () -> args("temperature", text).doubleValue("temperature", 1.0));
        assertTrue(e.getMessage().startsWith("--temperature '" + text + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-1, -1", "+1, 1", "0, 0", "-0, 0", "2147483647, 2147483647", "-2147483648, -2147483648",
            "0012, 12"})
    void integersAreRead(String text, int value) throws UsageException {
        assertEquals(value, args("axis", text).intValue("axis", 0));
        assertEquals(value, args("ignore-index", text).longValue("ignore-index", 0));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"\u0663", "1\u0663", "\uff11", "1.0", "1e1", "0x1", "+", "-", " 1", "1 ", "", "1L", "1_0",
            "2147483648", "-2147483649"})
    void integerFlagsTakeAsciiDigitsOnly(String text) {
        UsageException e = assertThrows(UsageException.class, () -> args("axis", text).intValue("axis", 0));
        assertTrue(e.getMessage().startsWith("--axis '" + text + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"\u0663", "-1\u0660\u0660", "1L", "9223372036854775808", "-100.0", " -100"})
    void longFlagsTakeAsciiDigitsOnly(String text) {
        UsageException e = assertThrows(UsageException.class,
                () -> args("ignore-index", text).longValue("ignore-index", 0));
        assertTrue(e.getMessage().startsWith("--ignore-index '" + text + "'"), e.getMessage());
    }
}
