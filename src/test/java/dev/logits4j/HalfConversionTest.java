package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.logits4j.tools.HalfConversionCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk 16-bit conversion routes of this JVM against the textbook values (see the tool). */
class HalfConversionTest {
    @Test
    void everyBitPatternOnEveryRouteOfThisJvm() {
        List<String> bad = HalfConversionCheck.mismatches();
        assertEquals(List.of(), bad);
    }
}
