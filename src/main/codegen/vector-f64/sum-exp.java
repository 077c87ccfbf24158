    /** The lanes' sum ({@code lanes} is not needed in double). */
    private static double sumToDouble(DoubleVector v, double[] lanes) {
        return v.reduceLanes(VectorOperators.ADD);
    }

    /** exp(d) for d <= 0 (NaN stays NaN); below ln(DBL_MIN) the result is flushed to 0. */
    static DoubleVector exp(DoubleVector d) {
        VectorMask<Double> under = d.compare(VectorOperators.LT, CUTOFF);
        d = d.max(CUTOFF);
        DoubleVector n = d.fma(LOG2E, MAGIC_BIAS);
        // n + 1023 sits in the low mantissa bits: shifted into the exponent field it is 2^n.
        DoubleVector s = n.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        n = n.sub(MAGIC_BIAS);
        DoubleVector r = n.fma(DoubleVector.broadcast(S, -LN2_HI), d);
        r = n.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        // 1/k! for k = 13 down to 1, Horner (the native float64 exp: < 4.2e-18 truncation).
        DoubleVector q = r.fma(1.0 / 6227020800.0, 1.0 / 479001600);
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 39916800));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 3628800));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 362880));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 40320));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 5040));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 720));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 120));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 24));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0 / 6));
        q = q.fma(r, DoubleVector.broadcast(S, 0.5));
        q = q.fma(r, DoubleVector.broadcast(S, 1.0));
        DoubleVector p = r.mul(q);
        return s.fma(p, s).blend(0.0, under);
    }
