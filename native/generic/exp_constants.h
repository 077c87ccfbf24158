// Constants of our exp(d) for d <= 0. float32 comes in two forms: the degree-5 one below (scalar,
// NEON, and the Java kernels' copy of it) and the table forms further down (AVX2: 8 entries,
// AVX-512: 16 entries), which need fewer FMA-port µops and are more accurate for small |d|.
//
// exp(d) = 2^n * exp(r), n = round(d / ln 2), r = d - n ln 2 (Cody-Waite: ln 2 = hi + lo, hi with
// trailing zero bits so n * hi is exact), |r| <= ln(2)/2.
//
// float32: exp(r) ~ 1 + r (c1 + r (c2 + r (c3 + r (c4 + r c5)))), coefficients fitted by us
// (iteratively reweighted least squares for minimum max relative error on [-ln2/2, ln2/2],
// rounded to float). Measured: max relative error of the float32 Horner/FMA evaluation 1.7e-7
// (1.4 ulp); the whole exp, reduction included, stays within 2 ulp, which is what the
// conformance tolerance assumes. Results below FLT_MIN (d < ln FLT_MIN) are flushed to zero:
// softmax outputs under FLT_MIN are covered by the conformance atol, and such terms cannot change
// a sum that is >= 1.
//
// float64: the degree-13 Taylor polynomial of exp(r) (coefficients 1/k! rounded to double):
// truncation error |r|^14 / 14! < 4.2e-18 relative, far below the ~2 ulp of the FMA Horner
// evaluation. Results below DBL_MIN are flushed to zero for the same reason.
#pragma once

namespace logits4j {
namespace expc {

constexpr float kLog2eF = 0x1.715476p+0f;
constexpr float kLn2HiF = 0x1.62E400p-1f;   // 10 trailing zero bits: n * hi exact for |n| <= 126
constexpr float kLn2LoF = 0x1.7F7D1Cp-20f;
// ln 2 rounded to float, for a one-FMA reduction (AVX2: see avx2/simd.h for why it is enough).
constexpr float kLn2F = 0x1.62E430p-1f;
// 1.5 * 2^23 + 127: adding it rounds to an integer and leaves n + 127 in the low mantissa bits,
// ready to be shifted into the exponent field of 2^n.
constexpr float kMagicBiasF = 0x1.8000FEp23f;
constexpr float kCutoffF = -0x1.5D589Ep6f;  // ln(FLT_MIN) = -87.336544: below it, exp is flushed
constexpr float kC1F = 0x1.FFFFF6p-1f;
constexpr float kC2F = 0x1.FFFDC6p-2f;
constexpr float kC3F = 0x1.555A6Cp-3f;
constexpr float kC4F = 0x1.573A5Ap-5f;
constexpr float kC5F = 0x1.0FA806p-7f;

// float32, table form (the AVX2 variant; see avx2/simd.h for the derivation and the measurements):
// exp(d) = 2^(k/8) * exp(r), k = round(8 d / ln 2), r = d - k ln2/8, |r| <= ln(2)/16;
// 2^(k/8) = 2^floor(k/8) * 2^((k mod 8)/8) from an 8-entry table, and
// exp(r) ~ 1 + r (c1 + r (c2 + r c3)), c1..c3 fitted by us (a linear program, scipy's HiGHS) for
// the smallest max relative error on [-ln2/16, ln2/16] subject to a zero mean error over that
// interval, rounded to float: 5.8e-8 max (0.49 ulp) and no bias, which matters for the row sums
// (the unconstrained minimax fit, 0.32 ulp, is biased by +0.33 u and made the logsumexp error
// grow from 1.71 to 1.85 u in ErrorBoundTest).
constexpr float kLog2e8F = 0x1.715476p+3f;   // 8 / ln 2
constexpr float kLn2o8F = 0x1.62E430p-4f;    // kLn2F / 8 (exactly: a power-of-two scaling)
// 1.5 * 2^23 + 8 * 127: adding it rounds 8 d / ln 2 to an integer k and leaves k + 1016 in the
// low mantissa bits: bits 0-2 are k mod 8 (the table index), bits 3 and up floor(k/8) + 127.
constexpr float kMagicBias8F = 0x1.8007F0p23f;
constexpr float kT2C1F = 0x1.00002Ep+0f;
constexpr float kT2C2F = 0x1.00064Cp-1f;
constexpr float kT2C3F = 0x1.524662p-3f;
// bits(2^(j/8) rounded to float) - bits(1.0f) - (j << 20), j = 0..7: added to the low bits of
// k + 1016 shifted left by 20 (whose bits 20-22 hold j and bits 23 and up floor(k/8) + 127),
// these give the bits of 2^floor(k/8) * 2^(j/8) with one shift and one add.
constexpr int kExp2TableF[8] = {0, -289342, -509968, -655657, -719629, -694486, -572163, -343865};

// The AVX-512 variant's table form: the same with 16 entries (VPERMD on zmm takes 4 index bits)
// and a two-constant (Cody-Waite) reduction,
// k = round(16 d / ln 2), |r| <= ln(2)/32, floor(k/16) + 127 from bit 4 of k + 2032 on, so the
// shift is by 19; r by two FMAs (below); c1 = 1 exactly and c2, c3 fitted as above on [-ln2/32, ln2/32]: 0.13 u24 max
// relative error before rounding, zero mean.
constexpr float kLog2e16F = 0x1.715476p+4f;   // 16 / ln 2
// ln2/16 as hi + lo (Cody-Waite): hi has 13 significant bits, so k * hi is exact for |k| <= 2016
// (the whole range above the cutoff) and the reduction error no longer grows with |d|.
constexpr float kLn2Hi16F = 0x1.62E000p-5f;
constexpr float kLn2Lo16F = 0x1.0BFBE8p-19f;
constexpr float kMagicBias16F = 0x1.800FE0p23f;  // 1.5 * 2^23 + 16 * 127
constexpr float kT16C2F = 0x1.000186p-1f;
constexpr float kT16C3F = 0x1.548530p-3f;
// bits(2^(j/16) rounded to float) - bits(1.0f) - (j << 19), j = 0..15.
constexpr int kExp2Table16F[16] = {0, -152893, -289342, -408621, -509968, -592590, -655657,
                                   -698305, -719629, -718684, -694486, -646004, -572163,
                                   -471841, -343865, -187011};

constexpr double kLog2eD = 0x1.71547652B82FEp+0;
constexpr double kLn2HiD = 0x1.62E42FEE00000p-1;  // 21 trailing zero bits
constexpr double kLn2LoD = 0x1.A39EF35793C76p-33;
constexpr double kMagicBiasD = 0x1.8000000000000p52 + 1023.0;  // n + 1023 in the low bits
constexpr double kCutoffD = -0x1.6232BDD7ABCD2p9;  // ln(DBL_MIN) = -708.39641853226408
constexpr double kTaylorD[14] = {
    1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
    1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0};

}  // namespace expc
}  // namespace logits4j
