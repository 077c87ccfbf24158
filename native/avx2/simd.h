// AVX2 + FMA vectors: 8 floats / 4 doubles. Only ever included inside the AVX2 target region
// (avx2/kernels.h), so these intrinsics compile without global -m flags.
#pragma once

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#include "../generic/exp_constants.h"
#include "../generic/half_types.h"

namespace logits4j {
namespace avx2 {

struct VF {
  typedef float T;
  typedef __m256 R;
  static constexpr int W = 8;
  static inline R set1(T v) { return _mm256_set1_ps(v); }
  static inline R load(const T* p) { return _mm256_loadu_ps(p); }
  static inline void store(T* p, R v) { _mm256_storeu_ps(p, v); }
  // Lanes [0, n) of p; lanes past the end are not read (VMASKMOV does not fault there) and read as fill.
  static inline __m256i mask(int64_t n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)),
                              _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static inline R load_tail(const T* p, int64_t n, T fill) {
    const __m256i m = mask(n);
    return _mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_maskload_ps(p, m), _mm256_castsi256_ps(m));
  }
  static inline void store_tail(T* p, R v, int64_t n) { _mm256_maskstore_ps(p, mask(n), v); }
  // 16-bit inputs (issue 13), converted exactly as they are loaded: float16 by F16C's VCVTPH2PS
  // (this variant requires F16C), bfloat16 by widening to 32 bits and shifting into the upper
  // half. AVX2 has no 16-bit masked load: a tail is copied into a zeroed 16-byte buffer first
  // (never reading past the row), and lanes past it read fill.
  static inline __m128i load16(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
  static inline __m128i load16_tail(const void* p, int64_t n) {
    alignas(16) uint16_t tmp[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    memcpy(tmp, p, static_cast<size_t>(n) * 2);
    return _mm_load_si128(reinterpret_cast<const __m128i*>(tmp));
  }
  static inline R bf16_to_ps(__m128i h) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
  }
  static inline R load(const f16* p) { return _mm256_cvtph_ps(load16(p)); }
  static inline R load(const bf16* p) { return bf16_to_ps(load16(p)); }
  static inline R load_tail(const f16* p, int64_t n, T fill) {
    return _mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_cvtph_ps(load16_tail(p, n)),
                            _mm256_castsi256_ps(mask(n)));
  }
  static inline R load_tail(const bf16* p, int64_t n, T fill) {
    return _mm256_blendv_ps(_mm256_set1_ps(fill), bf16_to_ps(load16_tail(p, n)),
                            _mm256_castsi256_ps(mask(n)));
  }
  // 1 in lanes [0, n), 0 after.
  static inline R ones_tail(int64_t n) {
    return _mm256_and_ps(_mm256_castsi256_ps(mask(n)), _mm256_set1_ps(1.0f));
  }
  static inline R add(R a, R b) { return _mm256_add_ps(a, b); }
  static inline R sub(R a, R b) { return _mm256_sub_ps(a, b); }
  static inline R mul(R a, R b) { return _mm256_mul_ps(a, b); }
  static inline R fmadd(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  // VMAXPS returns its second operand when either is NaN: a NaN x leaves acc unchanged.
  static inline R max_keep(R x, R acc) { return _mm256_max_ps(x, acc); }
  static inline R min_keep(R x, R acc) { return _mm256_min_ps(x, acc); }
  // Bit i set when lane i of x is >= thr or NaN (not below thr): the selection scan
  // (generic/select.inl) visits only those lanes, rare once its threshold has risen.
  static inline uint32_t not_below_bits(R x, R thr) {
    return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_cmp_ps(x, thr, _CMP_NLT_UQ)));
  }
  static inline T hmin(R v) {
    __m128 m = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_min_ps(m, _mm_movehl_ps(m, m));
    m = _mm_min_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
  }
  static inline T hmax(R v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
  }
  static inline double hsum(R v) {
    __m256d d = _mm256_add_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)),
                              _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(d), _mm256_extractf128_pd(d, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
  static inline void lanes(R v, T* out) { _mm256_storeu_ps(out, v); }
  static inline R div(R a, R b) { return _mm256_div_ps(a, b); }

  // Short rows read by gathers (generic/short_rows.inl): lane l of gather(p, idx) is p[idx[l]].
  // On Zen 4 eight-lane VGATHERDPS moved W rows of n <= 16 into lanes faster than the scalar
  // transpose through a stack block did (native/study/short_rows.sh), and VPERMPS then spreads
  // each row's max and factor back over the contiguous row-major elements: no transpose out.
  typedef __m256i I;
  static inline I load_index(const int32_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  }
  static inline R gather(const T* p, I idx) { return _mm256_i32gather_ps(p, idx, 4); }
  // Lane l of the result is lane idx[l] of v.
  static inline R permute(R v, I idx) { return _mm256_permutevar8x32_ps(v, idx); }

  // log of each lane of s >= 1 (a sum of exps whose largest term is exp(0)), or NaN (kept), in
  // double, to about 2e-11 relative: rounded to float32 it is what std::log gives but for 17-18 of
  // the 33.5 million floats in [1, 16] (then 1 ulp away; max relative error 1.3e-12, measured).
  // Eight scalar std::log calls cost more than the rest of a block of rows of 2..4 elements
  // (log-softmax 5.5 against softmax 1.6 ns per element at n = 2). s = 2^e m with m in
  // [sqrt(1/2), sqrt(2)); log m = 2 atanh(z), z = (m - 1)/(m + 1), |z| <= 0.1716, by its series
  // to z^13/13: the first omitted term is < 1.9e-11 |log m|.
  static inline __m256d log_ge1(__m256d v) {
    const __m256i bits = _mm256_castpd_si256(v);
    // The biased exponent as a double with no int64 conversion (AVX2 has none): 2^52 + k.
    const __m256d k = _mm256_sub_pd(
        _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(bits, 52),
                                            _mm256_set1_epi64x(0x4330000000000000ll))),
        _mm256_set1_pd(0x1p52));
    __m256d m = _mm256_castsi256_pd(
        _mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi64x(0x000fffffffffffffll)),
                        _mm256_set1_epi64x(0x3ff0000000000000ll)));
    const __m256d high = _mm256_cmp_pd(m, _mm256_set1_pd(0x1.6a09e667f3bcdp0), _CMP_GT_OQ);
    m = _mm256_blendv_pd(m, _mm256_mul_pd(m, _mm256_set1_pd(0.5)), high);
    const __m256d e = _mm256_sub_pd(
        k, _mm256_blendv_pd(_mm256_set1_pd(1023.0), _mm256_set1_pd(1022.0), high));
    const __m256d one = _mm256_set1_pd(1.0);
    const __m256d z = _mm256_div_pd(_mm256_sub_pd(m, one), _mm256_add_pd(m, one));
    const __m256d z2 = _mm256_mul_pd(z, z);
    __m256d p = _mm256_set1_pd(1.0 / 13);  // atanh(z)/z = sum of z^2k / (2k + 1), k <= 6
    for (int k = 11; k >= 1; k -= 2) {
      p = _mm256_fmadd_pd(p, z2, _mm256_set1_pd(1.0 / k));
    }
    const __m256d zz = _mm256_add_pd(z, z);
    const __m256d ln2 = _mm256_set1_pd(0x1.62e42fefa39efp-1);
    const __m256d r = _mm256_fmadd_pd(e, ln2, _mm256_mul_pd(zz, p));
    return _mm256_blendv_pd(v, r, _mm256_cmp_pd(v, v, _CMP_ORD_Q));  // NaN stays NaN
  }
  // Lane l: m[l] + log(s[l]) formed in double and rounded once to float (log as log_ge1).
  static inline R add_log(R m, R s) {
    const __m256d lo = _mm256_add_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(m)),
                                     log_ge1(_mm256_cvtps_pd(_mm256_castps256_ps128(s))));
    const __m256d hi = _mm256_add_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(m, 1)),
                                     log_ge1(_mm256_cvtps_pd(_mm256_extractf128_ps(s, 1))));
    return _mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo));
  }
  static inline void log_lanes(R s, double* out) {
    _mm256_storeu_pd(out, log_ge1(_mm256_cvtps_pd(_mm256_castps256_ps128(s))));
    _mm256_storeu_pd(out + 4, log_ge1(_mm256_cvtps_pd(_mm256_extractf128_ps(s, 1))));
  }

  // The AVX2 exp is the FMA-port-bound pass of every op (docs/perf/avx2-compute-bound.md), so it
  // spends as few FMA-port µops as it can. exp(d) for d <= 0 (NaN propagates; d < ln FLT_MIN
  // gives 0), with an 8-entry table of 2^(j/8) (expc, "table form"): k = round(8 d / ln 2) by
  // the magic-bias add; 2^(k/8) from VPERMD on k's low 3 bits plus floor(k/8) shifted into the
  // exponent (one shift, one add: see kExp2TableF); r = d - k ln2/8 in one FMA (ln2/8 rounded to
  // float: its relative error is fl(ln 2)'s, 0.046 u, a tenth of what rounding d = x - m already
  // costs); a cubic on |r| <= ln2/16 fitted for zero mean error. Six µops on the FMA/MUL pipes
  // per 8 elements instead of the eight of the degree-5 form, and more accurate (the table's
  // 0.27 ulp rounding replaces two polynomial degrees where |d| is small). Measured here (AMD
  // EPYC with AVX-512, AVX2 code, every float d in [ln FLT_MIN, 0] against exp in double, in ulp
  // of the exact result, per binade of |d|): 1.5-1.6 ulp for |d| < 2, 2.2 at |d| < 16, rising to
  // 5.3 near the cutoff (the one-FMA reduction's 0.046 u |d|); the degree-5 form read 2.0-2.1,
  // 2.6 and 5.0. 0.129-0.132 against 0.160 ns per element in an L1 loop. A two-FMA reduction
  // (as AVX-512 has) would hold 1.6 ulp everywhere but cost all the speed gained (5.7 cycles
  // per 8 elements against 5.0).
  // Lanes below the cutoff are not clamped: they compute garbage that the final VANDNPS with
  // the compare mask zeroes (-inf gives r = NaN, masked too); NaN is never masked (the ordered
  // compare is false for it).
  static inline R exp_nonpos(R d) {
    using namespace expc;
    const R flush = _mm256_cmp_ps(d, _mm256_set1_ps(kCutoffF), _CMP_LT_OQ);  // false for NaN
    const R magic = _mm256_set1_ps(kMagicBias8F);
    R n = _mm256_fmadd_ps(d, _mm256_set1_ps(kLog2e8F), magic);
    const __m256i k = _mm256_castps_si256(n);
    const __m256i table = _mm256_setr_epi32(kExp2TableF[0], kExp2TableF[1], kExp2TableF[2],
        kExp2TableF[3], kExp2TableF[4], kExp2TableF[5], kExp2TableF[6], kExp2TableF[7]);
    const __m256i t = _mm256_permutevar8x32_epi32(table, k);  // uses k's low 3 bits
    const R s = _mm256_castsi256_ps(_mm256_add_epi32(t, _mm256_slli_epi32(k, 20)));
    n = _mm256_sub_ps(n, magic);
    const R r = _mm256_fmadd_ps(n, _mm256_set1_ps(-kLn2o8F), d);
    R q = _mm256_fmadd_ps(_mm256_set1_ps(kT2C3F), r, _mm256_set1_ps(kT2C2F));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(kT2C1F));
    const R p = _mm256_mul_ps(r, q);
    return _mm256_andnot_ps(flush, _mm256_fmadd_ps(s, p, s));
  }
};

struct VD {
  typedef double T;
  typedef __m256d R;
  static constexpr int W = 4;
  static inline R set1(T v) { return _mm256_set1_pd(v); }
  static inline R load(const T* p) { return _mm256_loadu_pd(p); }
  static inline void store(T* p, R v) { _mm256_storeu_pd(p, v); }
  static inline __m256i mask(int64_t n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3));
  }
  static inline R load_tail(const T* p, int64_t n, T fill) {
    const __m256i m = mask(n);
    return _mm256_blendv_pd(_mm256_set1_pd(fill), _mm256_maskload_pd(p, m), _mm256_castsi256_pd(m));
  }
  static inline void store_tail(T* p, R v, int64_t n) { _mm256_maskstore_pd(p, mask(n), v); }
  static inline R ones_tail(int64_t n) {
    return _mm256_and_pd(_mm256_castsi256_pd(mask(n)), _mm256_set1_pd(1.0));
  }
  static inline R add(R a, R b) { return _mm256_add_pd(a, b); }
  static inline R sub(R a, R b) { return _mm256_sub_pd(a, b); }
  static inline R mul(R a, R b) { return _mm256_mul_pd(a, b); }
  static inline R fmadd(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  static inline R max_keep(R x, R acc) { return _mm256_max_pd(x, acc); }
  static inline R min_keep(R x, R acc) { return _mm256_min_pd(x, acc); }
  static inline uint32_t not_below_bits(R x, R thr) {
    return static_cast<uint32_t>(_mm256_movemask_pd(_mm256_cmp_pd(x, thr, _CMP_NLT_UQ)));
  }
  static inline T hmin(R v) {
    __m128d m = _mm_min_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_min_sd(m, _mm_unpackhi_pd(m, m)));
  }
  static inline T hmax(R v) {
    __m128d m = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_max_sd(m, _mm_unpackhi_pd(m, m)));
  }
  static inline double hsum(R v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
  static inline void lanes(R v, T* out) { _mm256_storeu_pd(out, v); }

  static inline R exp_nonpos(R d) {
    using namespace expc;
    const R cutoff = _mm256_set1_pd(kCutoffD);
    const R flush = _mm256_cmp_pd(d, cutoff, _CMP_LT_OQ);
    d = _mm256_max_pd(cutoff, d);
    const R magic = _mm256_set1_pd(kMagicBiasD);
    R n = _mm256_fmadd_pd(d, _mm256_set1_pd(kLog2eD), magic);
    const R s = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(n), 52));
    n = _mm256_sub_pd(n, magic);
    R r = _mm256_fmadd_pd(n, _mm256_set1_pd(-kLn2HiD), d);
    r = _mm256_fmadd_pd(n, _mm256_set1_pd(-kLn2LoD), r);
    R q = _mm256_set1_pd(kTaylorD[13]);
    for (int k = 12; k >= 1; k--) {
      q = _mm256_fmadd_pd(q, r, _mm256_set1_pd(kTaylorD[k]));
    }
    const R p = _mm256_mul_pd(r, q);
    return _mm256_andnot_pd(flush, _mm256_fmadd_pd(s, p, s));
  }
};

}  // namespace avx2
}  // namespace logits4j
