// AArch64 Advanced SIMD (NEON) vectors: 4 floats / 2 doubles in one 128-bit register. NEON is
// part of the AArch64 base ISA, so these intrinsics need no target region; FMA (FMLA) is too.
//
// Two differences from x86 that the generic code depends on, handled here:
// - FMAX/FMIN return NaN when either operand is NaN, whereas MAXPS returns its second operand.
//   The kernels rely on "a NaN x leaves acc unchanged" (the NaN then shows through exp instead),
//   so max_keep/min_keep are a compare and a select, not vmaxq.
// - There are no masked loads: a tail of n < W elements goes through a W-element stack buffer
//   (memcpy of exactly n elements), so no byte past the end of the caller's memory is touched.
#pragma once

#include <arm_neon.h>
#include <stdint.h>
#include <string.h>

#include "../generic/exp_constants.h"
#include "../generic/half_types.h"

namespace logits4j {
namespace neon {

struct VF {
  typedef float T;
  typedef float32x4_t R;
  static constexpr int W = 4;
  static inline R set1(T v) { return vdupq_n_f32(v); }
  static inline R load(const T* p) { return vld1q_f32(p); }
  static inline void store(T* p, R v) { vst1q_f32(p, v); }
  // Lanes [0, n) of p, the rest fill; reads exactly n elements.
  static inline R load_tail(const T* p, int64_t n, T fill) {
    T buf[W] = {fill, fill, fill, fill};
    memcpy(buf, p, static_cast<size_t>(n) * sizeof(T));
    return vld1q_f32(buf);
  }
  // Writes exactly lanes [0, n) of v to p.
  static inline void store_tail(T* p, R v, int64_t n) {
    T buf[W];
    vst1q_f32(buf, v);
    memcpy(p, buf, static_cast<size_t>(n) * sizeof(T));
  }
  // All ones in lanes [0, n).
  static inline uint32x4_t mask(int64_t n) {
    static const int32_t kIota[W] = {0, 1, 2, 3};
    return vcltq_s32(vld1q_s32(kIota), vdupq_n_s32(static_cast<int32_t>(n)));
  }
  // 1 in lanes [0, n), 0 after.
  static inline R ones_tail(int64_t n) {
    return vreinterpretq_f32_u32(vandq_u32(mask(n), vreinterpretq_u32_f32(vdupq_n_f32(1.0f))));
  }
  // 16-bit inputs (issue 13), converted exactly as they are loaded: float16 by FCVTL (base
  // AArch64; with FPCR.DN = 0, the JVM's setting, a NaN keeps its payload and comes out quiet,
  // as VCVTPH2PS and the software conversion do), bfloat16 by widening with a 16-bit left shift
  // (USHLL). A tail goes through a zeroed 4-element buffer (no read past the row), and lanes past
  // it read fill.
  static inline uint16x4_t load16_tail(const void* p, int64_t n) {
    uint16_t buf[W] = {0, 0, 0, 0};
    memcpy(buf, p, static_cast<size_t>(n) * 2);
    return vld1_u16(buf);
  }
  static inline R f16_to_ps(uint16x4_t h) { return vcvt_f32_f16(vreinterpret_f16_u16(h)); }
  static inline R bf16_to_ps(uint16x4_t h) { return vreinterpretq_f32_u32(vshll_n_u16(h, 16)); }
  static inline R load(const f16* p) { return f16_to_ps(vld1_u16(reinterpret_cast<const uint16_t*>(p))); }
  static inline R load(const bf16* p) { return bf16_to_ps(vld1_u16(reinterpret_cast<const uint16_t*>(p))); }
  static inline R load_tail(const f16* p, int64_t n, T fill) {
    return vbslq_f32(mask(n), f16_to_ps(load16_tail(p, n)), vdupq_n_f32(fill));
  }
  static inline R load_tail(const bf16* p, int64_t n, T fill) {
    return vbslq_f32(mask(n), bf16_to_ps(load16_tail(p, n)), vdupq_n_f32(fill));
  }
  static inline R add(R a, R b) { return vaddq_f32(a, b); }
  static inline R sub(R a, R b) { return vsubq_f32(a, b); }
  static inline R mul(R a, R b) { return vmulq_f32(a, b); }
  // a * b + c, rounded once (FMLA).
  static inline R fmadd(R a, R b, R c) { return vfmaq_f32(c, a, b); }
  // x > acc ? x : acc per lane: false for a NaN x (or NaN acc), which keeps acc, as MAXPS(x, acc).
  static inline R max_keep(R x, R acc) { return vbslq_f32(vcgtq_f32(x, acc), x, acc); }
  static inline R min_keep(R x, R acc) { return vbslq_f32(vcltq_f32(x, acc), x, acc); }
  // Bit i set when lane i of x is >= thr or NaN (not below thr): the selection scan
  // (generic/select.inl) visits only those lanes, rare once its threshold has risen.
  static inline uint32_t not_below_bits(R x, R thr) {
    const uint32_t lane_bits[4] = {1, 2, 4, 8};
    // x < thr is false for NaN
    return vaddvq_u32(vandq_u32(vmvnq_u32(vcltq_f32(x, thr)), vld1q_u32(lane_bits)));
  }
  // Horizontal reductions see only the lanes the kernels accumulated (never NaN by then), so
  // FMAXV/FMINV's NaN rule does not matter here.
  static inline T hmax(R v) { return vmaxvq_f32(v); }
  static inline T hmin(R v) { return vminvq_f32(v); }
  // Widened to double before adding, as the x86 variants do, so the partial sums lose nothing.
  static inline double hsum(R v) {
    const float64x2_t s = vaddq_f64(vcvt_f64_f32(vget_low_f32(v)), vcvt_high_f64_f32(v));
    return vaddvq_f64(s);
  }
  static inline void lanes(R v, T* out) { vst1q_f32(out, v); }

  // The same algorithm and constants as every variant (generic/exp_constants.h), FMA where the
  // x86 variants use FMA, so the error analysis there holds unchanged.
  static inline R exp_nonpos(R d) {
    using namespace expc;
    const R cutoff = vdupq_n_f32(kCutoffF);
    const uint32x4_t flush = vcltq_f32(d, cutoff);  // false for NaN, so NaN propagates
    d = vbslq_f32(flush, cutoff, d);
    const R magic = vdupq_n_f32(kMagicBiasF);
    R n = vfmaq_f32(magic, d, vdupq_n_f32(kLog2eF));
    const R s = vreinterpretq_f32_s32(vshlq_n_s32(vreinterpretq_s32_f32(n), 23));
    n = vsubq_f32(n, magic);
    R r = vfmaq_f32(d, n, vdupq_n_f32(-kLn2HiF));
    r = vfmaq_f32(r, n, vdupq_n_f32(-kLn2LoF));
    R q = vfmaq_f32(vdupq_n_f32(kC4F), vdupq_n_f32(kC5F), r);
    q = vfmaq_f32(vdupq_n_f32(kC3F), q, r);
    q = vfmaq_f32(vdupq_n_f32(kC2F), q, r);
    q = vfmaq_f32(vdupq_n_f32(kC1F), q, r);
    const R p = vmulq_f32(r, q);
    const R e = vfmaq_f32(s, s, p);
    return vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(e), flush));
  }
};

struct VD {
  typedef double T;
  typedef float64x2_t R;
  static constexpr int W = 2;
  static inline R set1(T v) { return vdupq_n_f64(v); }
  static inline R load(const T* p) { return vld1q_f64(p); }
  static inline void store(T* p, R v) { vst1q_f64(p, v); }
  static inline R load_tail(const T* p, int64_t n, T fill) {
    T buf[W] = {fill, fill};
    memcpy(buf, p, static_cast<size_t>(n) * sizeof(T));
    return vld1q_f64(buf);
  }
  static inline void store_tail(T* p, R v, int64_t n) {
    T buf[W];
    vst1q_f64(buf, v);
    memcpy(p, buf, static_cast<size_t>(n) * sizeof(T));
  }
  static inline R ones_tail(int64_t n) {
    static const int64_t kIota[W] = {0, 1};
    const uint64x2_t m = vcltq_s64(vld1q_s64(kIota), vdupq_n_s64(n));
    return vreinterpretq_f64_u64(vandq_u64(m, vreinterpretq_u64_f64(vdupq_n_f64(1.0))));
  }
  static inline R add(R a, R b) { return vaddq_f64(a, b); }
  static inline R sub(R a, R b) { return vsubq_f64(a, b); }
  static inline R mul(R a, R b) { return vmulq_f64(a, b); }
  static inline R fmadd(R a, R b, R c) { return vfmaq_f64(c, a, b); }
  static inline R max_keep(R x, R acc) { return vbslq_f64(vcgtq_f64(x, acc), x, acc); }
  static inline R min_keep(R x, R acc) { return vbslq_f64(vcltq_f64(x, acc), x, acc); }
  static inline uint32_t not_below_bits(R x, R thr) {
    const uint64_t lane_bits[2] = {1, 2};
    const uint64x2_t below = vcltq_f64(x, thr);
    return static_cast<uint32_t>(vaddvq_u64(vbicq_u64(vld1q_u64(lane_bits), below)));
  }
  static inline T hmax(R v) { return vmaxvq_f64(v); }
  static inline T hmin(R v) { return vminvq_f64(v); }
  static inline double hsum(R v) { return vaddvq_f64(v); }
  static inline void lanes(R v, T* out) { vst1q_f64(out, v); }

  static inline R exp_nonpos(R d) {
    using namespace expc;
    const R cutoff = vdupq_n_f64(kCutoffD);
    const uint64x2_t flush = vcltq_f64(d, cutoff);
    d = vbslq_f64(flush, cutoff, d);
    const R magic = vdupq_n_f64(kMagicBiasD);
    R n = vfmaq_f64(magic, d, vdupq_n_f64(kLog2eD));
    const R s = vreinterpretq_f64_s64(vshlq_n_s64(vreinterpretq_s64_f64(n), 52));
    n = vsubq_f64(n, magic);
    R r = vfmaq_f64(d, n, vdupq_n_f64(-kLn2HiD));
    r = vfmaq_f64(r, n, vdupq_n_f64(-kLn2LoD));
    R q = vdupq_n_f64(kTaylorD[13]);
    for (int k = 12; k >= 1; k--) {
      q = vfmaq_f64(vdupq_n_f64(kTaylorD[k]), q, r);
    }
    const R p = vmulq_f64(r, q);
    const R e = vfmaq_f64(s, s, p);
    return vreinterpretq_f64_u64(vbicq_u64(vreinterpretq_u64_f64(e), flush));
  }
};

}  // namespace neon
}  // namespace logits4j
