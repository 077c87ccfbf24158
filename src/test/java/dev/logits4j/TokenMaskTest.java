package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** TokenMask's rows, bit by bit, at and around word boundaries. */
class TokenMaskTest {
    private static boolean bit(int[] m, int j) {
        return (m[j / 32] >>> (j % 32) & 1) != 0;
    }

    @Test
    void allowingSetsExactlyTheIdsAndBanningClearsExactlyThemWithinTheVocabulary() {
        for (int vocab : new int[] {1, 31, 32, 33, 64, 65, 1000}) {
            int[] ids = {0, vocab - 1, vocab / 2, vocab / 2};
            Set<Integer> s = new java.util.HashSet<>(java.util.List.of(0, vocab - 1, vocab / 2));
            int[] a = TokenMask.allowing(vocab, ids);
            int[] b = TokenMask.banning(vocab, ids);
            assertEquals((vocab + 31) / 32, a.length);
            assertEquals(a.length, TokenMask.words(vocab));
            for (int j = 0; j < a.length * 32; j++) {
                boolean in = j < vocab && s.contains(j);
                assertEquals(in, bit(a, j), "allowing, vocab " + vocab + " bit " + j);
                assertEquals(j < vocab && !in, bit(b, j), "banning, vocab " + vocab + " bit " + j);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenMask.allowing(10, 3, 10));
        assertTrue(e.getMessage().contains("ids[1] = 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenMask.banning(10, -1));
        assertThrows(IllegalArgumentException.class, () -> TokenMask.words(-1));
    }
}
