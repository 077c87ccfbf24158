package dev.logits4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The chi-square tail the statistical tests use, against values from scipy.stats.chi2.sf. */
class ChiSquareTest {
    @Test
    void upperTailMatchesScipy() {
        // scipy 1.17.1: chi2.sf(x, dof)
        assertEquals(0.31731050786291115, ChiSquare.upperTail(1.0, 1), 1e-12);
        assertEquals(0.04978706836786395, ChiSquare.upperTail(6.0, 2), 1e-12);
        assertEquals(0.9999999999999999, ChiSquare.upperTail(0.0001, 7), 1e-12);
        assertEquals(1.94326708362901e-05, ChiSquare.upperTail(33.7199, 7), 1e-15);
        assertEquals(0.43727418891386693, ChiSquare.upperTail(9.0, 9), 1e-12);
        assertEquals(1e-6, ChiSquare.upperTail(40.521831234179864, 7), 1e-15);
        assertEquals(0.007600390681066992, ChiSquare.upperTail(24.0, 10), 1e-14);
    }
}
