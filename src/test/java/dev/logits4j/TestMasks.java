package dev.logits4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Token masks for the masked-op tests: random rows and the bit test, written once. */
final class TestMasks {
    private TestMasks() {}

    /** A mask of {@code words} words allowing {@code allowed} random tokens below the vocabulary (and, past it, junk bits). */
    static int[] random(int vocab, int allowed, int words, long seed) {
        int[] m = new int[words];
        List<Integer> ids = new ArrayList<>();
        for (int j = 0; j < vocab; j++) {
            ids.add(j);
        }
        java.util.Collections.shuffle(ids, new Random(seed));
        for (int i = 0; i < allowed; i++) {
            int j = ids.get(i);
            if (j / 32 < words) {
                m[j / 32] |= 1 << (j % 32);
            }
        }
        for (int j = vocab; j < words * 32; j++) {
            m[j / 32] |= 1 << (j % 32);   // past the vocabulary: must be ignored
        }
        return m;
    }

    static boolean allowed(int[] mask, int j) {
        return j / 32 < mask.length && (mask[j / 32] >>> (j % 32) & 1) != 0;
    }

}
