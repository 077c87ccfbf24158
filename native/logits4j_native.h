// The C++ entry points the JavaCPP binding (dev.logits4j.internal.nativeimpl.NativeBinding)
// calls. Every argument was checked on the Java side before the call; nothing here validates.
// Pointers arrive with an element offset (arrays are pinned, off-heap memory is a raw address).
//
// The variant is an argument of every call, chosen once on the Java side from
// l4j_cpu_features(): the native side keeps no state, so concurrent calls share nothing.
#pragma once

#include <stdint.h>

#include "avx2/kernels.h"
#include "avx512/kernels.h"
#include "dispatch/cpu_features.h"
#include "scalar/kernels.h"

// Bit mask of logits4j::CpuFeature: what this CPU and OS can run.
static inline int l4j_cpu_features() { return logits4j::detect_cpu_features(); }

// The variant with the widest vectors this CPU can run.
static inline int l4j_best_isa() {
  const int f = logits4j::detect_cpu_features();
  return (f & logits4j::kFeatureAvx512) ? logits4j::kIsaAvx512
         : (f & logits4j::kFeatureAvx2Fma) ? logits4j::kIsaAvx2
                                            : logits4j::kIsaScalar;
}

#define L4J_DISPATCH(isa, OPS, call)                       \
  switch (isa) {                                          \
    case logits4j::kIsaAvx512:                            \
      return logits4j::avx512::OPS::call;                 \
    case logits4j::kIsaAvx2:                              \
      return logits4j::avx2::OPS::call;                   \
    default:                                              \
      return logits4j::scalar::OPS::call;                 \
  }

typedef int64_t l4j_i64;

static inline void l4j_softmax_f32(int isa, const float* x, l4j_i64 xi, float* y, l4j_i64 yi,
                                   l4j_i64 outer, int32_t n, l4j_i64 inner, float inv_t, int flags) {
  L4J_DISPATCH(isa, F32, softmax(x + xi, y + yi, outer, n, inner, inv_t, flags))
}

static inline void l4j_softmax_f64(int isa, const double* x, l4j_i64 xi, double* y, l4j_i64 yi,
                                   l4j_i64 outer, int32_t n, l4j_i64 inner, double inv_t,
                                   int flags) {
  L4J_DISPATCH(isa, F64, softmax(x + xi, y + yi, outer, n, inner, inv_t, flags))
}

static inline void l4j_logsumexp_f32(int isa, const float* x, l4j_i64 xi, float* y, l4j_i64 yi,
                                     l4j_i64 outer, int32_t n, l4j_i64 inner) {
  L4J_DISPATCH(isa, F32, logsumexp(x + xi, y + yi, outer, n, inner))
}

static inline void l4j_logsumexp_f64(int isa, const double* x, l4j_i64 xi, double* y, l4j_i64 yi,
                                     l4j_i64 outer, int32_t n, l4j_i64 inner) {
  L4J_DISPATCH(isa, F64, logsumexp(x + xi, y + yi, outer, n, inner))
}

// targets: int32 (target_bytes 4) or int64 (8) class indices; weight and out may be null.
// bad[0..1]: set to (-1, 0), or to the position and value of the first class index that was out
// of range when the kernel read it (caller memory changed after the Java side checked it).
static inline double l4j_ce_index_f32(int isa, const float* logits, l4j_i64 li, const void* targets,
                                      l4j_i64 ti, int32_t target_bytes, l4j_i64 outer, int32_t c,
                                      l4j_i64 inner, const float* weight, l4j_i64 ignore,
                                      double eps, float* out, l4j_i64 oi, l4j_i64* bad) {
  float* o = out ? out + oi : nullptr;
  bad[0] = -1;
  bad[1] = 0;
  if (target_bytes == 4) {
    const int32_t* t = static_cast<const int32_t*>(targets) + ti;
    L4J_DISPATCH(isa, F32, ce_index(logits + li, t, outer, c, inner, weight, ignore, eps, o, bad))
  }
  const int64_t* t = static_cast<const int64_t*>(targets) + ti;
  L4J_DISPATCH(isa, F32, ce_index(logits + li, t, outer, c, inner, weight, ignore, eps, o, bad))
}

static inline double l4j_ce_index_f64(int isa, const double* logits, l4j_i64 li, const void* targets,
                                      l4j_i64 ti, int32_t target_bytes, l4j_i64 outer, int32_t c,
                                      l4j_i64 inner, const double* weight, l4j_i64 ignore,
                                      double eps, double* out, l4j_i64 oi, l4j_i64* bad) {
  double* o = out ? out + oi : nullptr;
  bad[0] = -1;
  bad[1] = 0;
  if (target_bytes == 4) {
    const int32_t* t = static_cast<const int32_t*>(targets) + ti;
    L4J_DISPATCH(isa, F64, ce_index(logits + li, t, outer, c, inner, weight, ignore, eps, o, bad))
  }
  const int64_t* t = static_cast<const int64_t*>(targets) + ti;
  L4J_DISPATCH(isa, F64, ce_index(logits + li, t, outer, c, inner, weight, ignore, eps, o, bad))
}

static inline double l4j_ce_prob_f32(int isa, const float* logits, l4j_i64 li, const float* probs,
                                     l4j_i64 pi, l4j_i64 outer, int32_t c, l4j_i64 inner,
                                     const float* weight, double eps, float* out, l4j_i64 oi) {
  float* o = out ? out + oi : nullptr;
  L4J_DISPATCH(isa, F32, ce_prob(logits + li, probs + pi, outer, c, inner, weight, eps, o))
}

static inline double l4j_ce_prob_f64(int isa, const double* logits, l4j_i64 li, const double* probs,
                                     l4j_i64 pi, l4j_i64 outer, int32_t c, l4j_i64 inner,
                                     const double* weight, double eps, double* out, l4j_i64 oi) {
  double* o = out ? out + oi : nullptr;
  L4J_DISPATCH(isa, F64, ce_prob(logits + li, probs + pi, outer, c, inner, weight, eps, o))
}

// The calling thread's MXCSR (SSE control/status: rounding mode, flush-to-zero, denormals-are-
// zero, exception masks). Tests check the library never changes it: no -ffast-math start-up code,
// no mode switches in the kernels.
static inline int l4j_mxcsr() { return static_cast<int>(__builtin_ia32_stmxcsr()); }
