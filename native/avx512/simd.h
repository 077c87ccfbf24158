// AVX-512 (F/BW/DQ/VL) vectors: 16 floats / 8 doubles, tails through opmask registers. Only ever
// included inside the AVX-512 target region (avx512/kernels.h).
#pragma once

#include <immintrin.h>
#include <stdint.h>

#include "../generic/exp_constants.h"
#include "../generic/half_types.h"

namespace logits4j {
namespace avx512 {

struct VF {
  typedef float T;
  typedef __m512 R;
  static constexpr int W = 16;
  static inline R set1(T v) { return _mm512_set1_ps(v); }
  static inline R load(const T* p) { return _mm512_loadu_ps(p); }
  static inline void store(T* p, R v) { _mm512_storeu_ps(p, v); }
  static inline __mmask16 mask(int64_t n) { return static_cast<__mmask16>((1u << n) - 1u); }
  // Masked-off lanes are neither read nor faulted on.
  static inline R load_tail(const T* p, int64_t n, T fill) {
    return _mm512_mask_loadu_ps(_mm512_set1_ps(fill), mask(n), p);
  }
  static inline void store_tail(T* p, R v, int64_t n) { _mm512_mask_storeu_ps(p, mask(n), v); }
  // 1 in lanes [0, n), 0 after.
  static inline R ones_tail(int64_t n) { return _mm512_maskz_mov_ps(mask(n), _mm512_set1_ps(1.0f)); }
  // 16-bit inputs (issue 13), converted exactly as they are loaded: float16 by VCVTPH2PS on ZMM
  // (AVX512F), bfloat16 by widening to 32 bits and shifting into the upper half. Tails use
  // masked 16-bit loads (AVX512BW/VL), which neither read nor fault past the row.
  static inline __m256i load16(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
  static inline R bf16_to_ps(__m256i h) {
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
  }
  static inline R load(const f16* p) { return _mm512_cvtph_ps(load16(p)); }
  static inline R load(const bf16* p) { return bf16_to_ps(load16(p)); }
  static inline R load_tail(const f16* p, int64_t n, T fill) {
    return _mm512_mask_cvtph_ps(_mm512_set1_ps(fill), mask(n), _mm256_maskz_loadu_epi16(mask(n), p));
  }
  static inline R load_tail(const bf16* p, int64_t n, T fill) {
    return _mm512_mask_blend_ps(mask(n), _mm512_set1_ps(fill),
                                bf16_to_ps(_mm256_maskz_loadu_epi16(mask(n), p)));
  }
  static inline R add(R a, R b) { return _mm512_add_ps(a, b); }
  static inline R sub(R a, R b) { return _mm512_sub_ps(a, b); }
  static inline R mul(R a, R b) { return _mm512_mul_ps(a, b); }
  static inline R fmadd(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  // VMAXPS returns its second operand when either is NaN: a NaN x leaves acc unchanged.
  static inline R max_keep(R x, R acc) { return _mm512_max_ps(x, acc); }
  static inline R min_keep(R x, R acc) { return _mm512_min_ps(x, acc); }
  // Bit i set when lane i of x is >= thr or NaN (not below thr): the selection scan
  // (generic/select.inl) visits only those lanes, rare once its threshold has risen.
  static inline uint32_t not_below_bits(R x, R thr) { return _mm512_cmp_ps_mask(x, thr, _CMP_NLT_UQ); }
  static inline T hmin(R v) { return _mm512_reduce_min_ps(v); }
  static inline T hmax(R v) { return _mm512_reduce_max_ps(v); }
  static inline double hsum(R v) {
    const __m512d lo = _mm512_cvtps_pd(_mm512_castps512_ps256(v));
    const __m512d hi = _mm512_cvtps_pd(_mm512_extractf32x8_ps(v, 1));
    return _mm512_reduce_add_pd(_mm512_add_pd(lo, hi));
  }
  static inline void lanes(R v, T* out) { _mm512_storeu_ps(out, v); }
  static inline R div(R a, R b) { return _mm512_div_ps(a, b); }

  // Short rows read by gathers (generic/short_rows.inl), as AVX2 does, 16 rows per block: lane l
  // of gather(p, idx) is p[idx[l]]; permute(v, idx) puts lane idx[l] of v in lane l.
  typedef __m512i I;
  static inline I load_index(const int32_t* p) { return _mm512_loadu_si512(p); }
  static inline R gather(const T* p, I idx) { return _mm512_i32gather_ps(idx, p, 4); }
  static inline R permute(R v, I idx) { return _mm512_permutexvar_ps(idx, v); }

  // log of each lane of s >= 1 (a sum of exps whose largest term is exp(0)), or NaN (kept), in
  // double, to about 2e-11 relative, as AVX2's log_ge1: s = 2^e m with m in [sqrt(1/2), sqrt(2))
  // (VGETEXPPD / VGETMANTPD give e and m in [1, 2) directly), log m = 2 atanh(z), z = (m - 1) /
  // (m + 1), by its series to z^13/13 (the first omitted term is < 1.9e-11 |log m|). Checked
  // against std::log on every float in [1, 16]: max relative error 1.3e-12, and rounded to float
  // it differs (by 1 ulp) for 17-18 inputs, as AVX2's (native/primitives.sh checks both).
  static inline __m512d log_ge1(__m512d v) {
    __m512d e = _mm512_getexp_pd(v);
    __m512d m = _mm512_getmant_pd(v, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero);
    const __mmask8 high = _mm512_cmp_pd_mask(m, _mm512_set1_pd(0x1.6a09e667f3bcdp0), _CMP_GT_OQ);
    m = _mm512_mask_mul_pd(m, high, m, _mm512_set1_pd(0.5));
    e = _mm512_mask_add_pd(e, high, e, _mm512_set1_pd(1.0));
    const __m512d one = _mm512_set1_pd(1.0);
    const __m512d z = _mm512_div_pd(_mm512_sub_pd(m, one), _mm512_add_pd(m, one));
    const __m512d z2 = _mm512_mul_pd(z, z);
    __m512d p = _mm512_set1_pd(1.0 / 13);  // atanh(z)/z = sum of z^2k / (2k + 1), k <= 6
    for (int k = 11; k >= 1; k -= 2) {
      p = _mm512_fmadd_pd(p, z2, _mm512_set1_pd(1.0 / k));
    }
    const __m512d zz = _mm512_add_pd(z, z);
    const __m512d r = _mm512_fmadd_pd(e, _mm512_set1_pd(0x1.62e42fefa39efp-1), _mm512_mul_pd(zz, p));
    return _mm512_mask_mov_pd(v, _mm512_cmp_pd_mask(v, v, _CMP_ORD_Q), r);  // NaN stays NaN
  }
  // Lane l: m[l] + log(s[l]) formed in double and rounded once to float (log as log_ge1).
  static inline R add_log(R m, R s) {
    const __m512d lo = _mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(m)),
                                     log_ge1(_mm512_cvtps_pd(_mm512_castps512_ps256(s))));
    const __m512d hi = _mm512_add_pd(_mm512_cvtps_pd(_mm512_extractf32x8_ps(m, 1)),
                                     log_ge1(_mm512_cvtps_pd(_mm512_extractf32x8_ps(s, 1))));
    return _mm512_insertf32x8(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)), _mm512_cvtpd_ps(hi), 1);
  }
  static inline void log_lanes(R s, double* out) {
    _mm512_storeu_pd(out, log_ge1(_mm512_cvtps_pd(_mm512_castps512_ps256(s))));
    _mm512_storeu_pd(out + 8, log_ge1(_mm512_cvtps_pd(_mm512_extractf32x8_ps(s, 1))));
  }

  // exp(d) for d <= 0 (NaN propagates; d < ln FLT_MIN gives 0): AVX2's table form with 16
  // entries (expc, "the AVX-512 variant's table form"): VPERMD picks 2^(j/16) by k's low 4
  // bits, floor(k/16) goes into the exponent by one shift and one add, r = d - k ln2/16 by two
  // FMAs (ln2/16 = hi + lo, k hi exact, so the reduction adds no error growing with |d|, unlike
  // AVX2's one-FMA reduction), a cubic with c1 = 1 on |r| <= ln2/32. Seven FMA/MUL µops per 16
  // elements instead of nine (degree 5 and a clamp); lanes below the cutoff compute garbage that
  // the zero-masked last FMA drops (-inf included; NaN is kept: the unordered compare is true).
  // Measured (AMD EPYC with AVX-512; every float d in [ln FLT_MIN, 0] against exp in double, in
  // ulp of the exact result): at most 1.06 ulp in every binade of |d| (the degree-5 form: 2.26);
  // the exp pass 0.098 -> 0.079 ns per element (0.070 with a one-FMA reduction, whose error
  // reached 4.5 ulp near the cutoff: not taken).
  static inline R exp_nonpos(R d) {
    using namespace expc;
    const __mmask16 keep = _mm512_cmp_ps_mask(d, _mm512_set1_ps(kCutoffF), _CMP_NLT_UQ);
    const R magic = _mm512_set1_ps(kMagicBias16F);
    R n = _mm512_fmadd_ps(d, _mm512_set1_ps(kLog2e16F), magic);
    const __m512i k = _mm512_castps_si512(n);
    const __m512i table = _mm512_setr_epi32(
        kExp2Table16F[0], kExp2Table16F[1], kExp2Table16F[2], kExp2Table16F[3], kExp2Table16F[4],
        kExp2Table16F[5], kExp2Table16F[6], kExp2Table16F[7], kExp2Table16F[8], kExp2Table16F[9],
        kExp2Table16F[10], kExp2Table16F[11], kExp2Table16F[12], kExp2Table16F[13],
        kExp2Table16F[14], kExp2Table16F[15]);
    const __m512i t = _mm512_permutexvar_epi32(k, table);  // uses k's low 4 bits
    const R s = _mm512_castsi512_ps(_mm512_add_epi32(t, _mm512_slli_epi32(k, 19)));
    n = _mm512_sub_ps(n, magic);
    R r = _mm512_fmadd_ps(n, _mm512_set1_ps(-kLn2Hi16F), d);
    r = _mm512_fmadd_ps(n, _mm512_set1_ps(-kLn2Lo16F), r);
    R q = _mm512_fmadd_ps(_mm512_set1_ps(kT16C3F), r, _mm512_set1_ps(kT16C2F));
    q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.0f));
    const R p = _mm512_mul_ps(r, q);
    return _mm512_maskz_fmadd_ps(keep, s, p, s);
  }
};

struct VD {
  typedef double T;
  typedef __m512d R;
  static constexpr int W = 8;
  static inline R set1(T v) { return _mm512_set1_pd(v); }
  static inline R load(const T* p) { return _mm512_loadu_pd(p); }
  static inline void store(T* p, R v) { _mm512_storeu_pd(p, v); }
  static inline __mmask8 mask(int64_t n) { return static_cast<__mmask8>((1u << n) - 1u); }
  static inline R load_tail(const T* p, int64_t n, T fill) {
    return _mm512_mask_loadu_pd(_mm512_set1_pd(fill), mask(n), p);
  }
  static inline void store_tail(T* p, R v, int64_t n) { _mm512_mask_storeu_pd(p, mask(n), v); }
  static inline R ones_tail(int64_t n) { return _mm512_maskz_mov_pd(mask(n), _mm512_set1_pd(1.0)); }
  static inline R add(R a, R b) { return _mm512_add_pd(a, b); }
  static inline R sub(R a, R b) { return _mm512_sub_pd(a, b); }
  static inline R mul(R a, R b) { return _mm512_mul_pd(a, b); }
  static inline R fmadd(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  static inline R max_keep(R x, R acc) { return _mm512_max_pd(x, acc); }
  static inline R min_keep(R x, R acc) { return _mm512_min_pd(x, acc); }
  static inline uint32_t not_below_bits(R x, R thr) { return _mm512_cmp_pd_mask(x, thr, _CMP_NLT_UQ); }
  static inline T hmin(R v) { return _mm512_reduce_min_pd(v); }
  static inline T hmax(R v) { return _mm512_reduce_max_pd(v); }
  static inline double hsum(R v) { return _mm512_reduce_add_pd(v); }
  static inline void lanes(R v, T* out) { _mm512_storeu_pd(out, v); }

  static inline R exp_nonpos(R d) {
    using namespace expc;
    const R cutoff = _mm512_set1_pd(kCutoffD);
    const __mmask8 keep = _mm512_cmp_pd_mask(d, cutoff, _CMP_NLT_UQ);
    d = _mm512_max_pd(cutoff, d);
    const R magic = _mm512_set1_pd(kMagicBiasD);
    R n = _mm512_fmadd_pd(d, _mm512_set1_pd(kLog2eD), magic);
    const R s = _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(n), 52));
    n = _mm512_sub_pd(n, magic);
    R r = _mm512_fmadd_pd(n, _mm512_set1_pd(-kLn2HiD), d);
    r = _mm512_fmadd_pd(n, _mm512_set1_pd(-kLn2LoD), r);
    R q = _mm512_set1_pd(kTaylorD[13]);
    for (int k = 12; k >= 1; k--) {
      q = _mm512_fmadd_pd(q, r, _mm512_set1_pd(kTaylorD[k]));
    }
    const R p = _mm512_mul_pd(r, q);
    return _mm512_maskz_fmadd_pd(keep, s, p, s);
  }
};

}  // namespace avx512
}  // namespace logits4j
