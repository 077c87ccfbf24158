// Portable scalar "vectors" of one lane: the generic kernels compiled for any x86-64 or AArch64
// CPU. Plain C++ arithmetic, no FMA (without -mfma, std::fma would be a slow library call on
// x86-64; on AArch64 it would be cheap, but the reference variant stays the same on both).
#pragma once

#include <stdint.h>
#include <string.h>

#include "../generic/exp_constants.h"
#include "../generic/half_types.h"

namespace logits4j {
namespace scalar {

struct VF {
  typedef float T;
  typedef float R;
  static constexpr int W = 1;
  static inline R set1(T v) { return v; }
  static inline R load(const T* p) { return *p; }
  static inline void store(T* p, R v) { *p = v; }
  static inline R load_tail(const T* p, int64_t, T) { return *p; }
  static inline R ones_tail(int64_t) { return 1; }
  static inline void store_tail(T* p, R v, int64_t) { *p = v; }
  // 16-bit inputs (issue 13): the exact software conversion of half_types.h.
  static inline R load(const f16* p) { return *p; }
  static inline R load(const bf16* p) { return *p; }
  static inline R load_tail(const f16* p, int64_t, T) { return *p; }
  static inline R load_tail(const bf16* p, int64_t, T) { return *p; }
  static inline R add(R a, R b) { return a + b; }
  static inline R sub(R a, R b) { return a - b; }
  static inline R mul(R a, R b) { return a * b; }
  static inline R fmadd(R a, R b, R c) { return a * b + c; }
  // max(x, acc) that ignores a NaN x, as MAXPS(x, acc) does.
  static inline R max_keep(R x, R acc) { return x > acc ? x : acc; }
  static inline R min_keep(R x, R acc) { return x < acc ? x : acc; }
  // 1 when x is >= thr or NaN (the selection scan's test, generic/select.inl).
  static inline uint32_t not_below_bits(R x, R thr) { return !(x < thr) ? 1u : 0u; }
  static inline T hmax(R v) { return v; }
  static inline T hmin(R v) { return v; }
  static inline double hsum(R v) { return v; }
  static inline void lanes(R v, T* out) { *out = v; }

  static inline R exp_nonpos(R d) {
    using namespace expc;
    if (d < kCutoffF) {
      return 0.0f;  // also -inf; NaN compares false and propagates below
    }
    float n = d * kLog2eF + kMagicBiasF;
    uint32_t bits;
    memcpy(&bits, &n, sizeof bits);
    bits <<= 23;
    float s;
    memcpy(&s, &bits, sizeof s);
    n -= kMagicBiasF;
    float r = n * -kLn2HiF + d;
    r = n * -kLn2LoF + r;
    float q = kC5F * r + kC4F;
    q = q * r + kC3F;
    q = q * r + kC2F;
    q = q * r + kC1F;
    const float p = r * q;
    return s * p + s;
  }
};

struct VD {
  typedef double T;
  typedef double R;
  static constexpr int W = 1;
  static inline R set1(T v) { return v; }
  static inline R load(const T* p) { return *p; }
  static inline void store(T* p, R v) { *p = v; }
  static inline R load_tail(const T* p, int64_t, T) { return *p; }
  static inline R ones_tail(int64_t) { return 1; }
  static inline void store_tail(T* p, R v, int64_t) { *p = v; }
  static inline R add(R a, R b) { return a + b; }
  static inline R sub(R a, R b) { return a - b; }
  static inline R mul(R a, R b) { return a * b; }
  static inline R fmadd(R a, R b, R c) { return a * b + c; }
  static inline R max_keep(R x, R acc) { return x > acc ? x : acc; }
  static inline R min_keep(R x, R acc) { return x < acc ? x : acc; }
  // 1 when x is >= thr or NaN (the selection scan's test, generic/select.inl).
  static inline uint32_t not_below_bits(R x, R thr) { return !(x < thr) ? 1u : 0u; }
  static inline T hmax(R v) { return v; }
  static inline T hmin(R v) { return v; }
  static inline double hsum(R v) { return v; }
  static inline void lanes(R v, T* out) { *out = v; }

  static inline R exp_nonpos(R d) {
    using namespace expc;
    if (d < kCutoffD) {
      return 0.0;
    }
    double n = d * kLog2eD + kMagicBiasD;
    uint64_t bits;
    memcpy(&bits, &n, sizeof bits);
    bits <<= 52;
    double s;
    memcpy(&s, &bits, sizeof s);
    n -= kMagicBiasD;
    double r = n * -kLn2HiD + d;
    r = n * -kLn2LoD + r;
    double q = kTaylorD[13];
    for (int k = 12; k >= 1; k--) {
      q = q * r + kTaylorD[k];
    }
    const double p = r * q;
    return s * p + s;
  }
};

}  // namespace scalar
}  // namespace logits4j
