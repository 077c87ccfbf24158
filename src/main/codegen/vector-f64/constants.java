    // Constants of native/generic/exp_constants.h (float64: degree-13 Taylor polynomial).
    private static final double LOG2E = 0x1.71547652B82FEp+0;
    private static final double LN2_HI = 0x1.62E42FEE00000p-1;
    private static final double LN2_LO = 0x1.A39EF35793C76p-33;
    private static final double MAGIC_BIAS = 0x1.8p52 + 1023.0;
    private static final double CUTOFF = -0x1.6232BDD7ABCD2p9;
