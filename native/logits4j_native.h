// The C++ entry points the JavaCPP binding (dev.logits4j.internal.nativeimpl.NativeBinding)
// calls. Every argument was checked on the Java side before the call; nothing here validates.
// Pointers arrive with an element offset (arrays are pinned, off-heap memory is a raw address).
//
// The variant is an argument of every call, chosen once on the Java side from the variant table
// (dispatch/variants.h, read through l4j_variant_*) and l4j_cpu_features(): the native side keeps
// no state, so concurrent calls share nothing.
#pragma once

#include <stdint.h>

#include <string>

#include "dispatch/cpu_features.h"
#include "dispatch/variants.h"
#include "scalar/kernels.h"
#if defined(__x86_64__)
#include "avx2/kernels.h"
#include "avx512/kernels.h"
#else
#include "neon/kernels.h"
#endif

// Bit mask of logits4j::CpuFeature: what this CPU and OS can run.
static inline int l4j_cpu_features() { return logits4j::detect_cpu_features(); }

// ---- the variant table (dispatch/variants.h), one field per call, for VariantTable (Java) ----
// Rows 0 .. l4j_variant_count() - 1; a row out of range reads as id -1, "" and 0.

static inline int l4j_variant_count() { return logits4j::kVariantCount; }

static inline int l4j_variant_id(int i) {
  const logits4j::Variant* v = logits4j::variant_at(i);
  return v ? v->id : -1;
}

static inline const char* l4j_variant_name(int i) {
  const logits4j::Variant* v = logits4j::variant_at(i);
  return v ? v->name : "";
}

static inline const char* l4j_variant_description(int i) {
  const logits4j::Variant* v = logits4j::variant_at(i);
  return v ? v->description : "";
}

static inline int l4j_variant_required(int i) {
  const logits4j::Variant* v = logits4j::variant_at(i);
  return v ? v->required : 0;
}

static inline const char* l4j_variant_arch(int i) {
  const logits4j::Variant* v = logits4j::variant_at(i);
  return v ? v->arch : "";
}

static inline int l4j_variant_priority(int i) {
  const logits4j::Variant* v = logits4j::variant_at(i);
  return v ? v->priority : 0;
}

// "x86-64 avx2 fma ...": the build's architecture and the names of the bits set in features.
static inline std::string l4j_feature_names(int features) {
  return logits4j::describe_features(features);
}

// Each variant id to its namespace, for the variants this architecture builds. Unknown ids run
// the scalar code: the Java side only passes ids it read from the table and checked against
// l4j_cpu_features().
#if defined(__x86_64__)
#define L4J_DISPATCH(isa, OPS, call)                       \
  switch (isa) {                                          \
    case logits4j::kIsaAvx512:                            \
      return logits4j::avx512::OPS::call;                 \
    case logits4j::kIsaAvx2:                              \
      return logits4j::avx2::OPS::call;                   \
    default:                                              \
      return logits4j::scalar::OPS::call;                 \
  }
#else
#define L4J_DISPATCH(isa, OPS, call)                       \
  switch (isa) {                                          \
    case logits4j::kIsaNeon:                              \
      return logits4j::neon::OPS::call;                   \
    default:                                              \
      return logits4j::scalar::OPS::call;                 \
  }
#endif

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

// ---- 16-bit inputs (issue 13) ---------------------------------------------------------------
// x / logits: float16 (bf16 == 0) or bfloat16 bits; outputs, probability targets and weights are
// float32. The float32 kernels instantiated for f16 / bf16 input (generic/half_types.h): every
// pass that reads the logits converts them as it loads them, no float32 copy is made.

#define L4J_HALF(bf16, p, i, CALL_WITH_H)                                       \
  if (bf16) {                                                                  \
    const logits4j::bf16* h = reinterpret_cast<const logits4j::bf16*>(p) + (i); \
    CALL_WITH_H                                                                \
  } else {                                                                     \
    const logits4j::f16* h = reinterpret_cast<const logits4j::f16*>(p) + (i);   \
    CALL_WITH_H                                                                \
  }

static inline void l4j_softmax_half(int isa, int bf16, const uint16_t* x, l4j_i64 xi, float* y,
                                    l4j_i64 yi, l4j_i64 outer, int32_t n, l4j_i64 inner,
                                    float inv_t, int flags) {
  L4J_HALF(bf16, x, xi, L4J_DISPATCH(isa, F32, softmax(h, y + yi, outer, n, inner, inv_t, flags)))
}

static inline void l4j_logsumexp_half(int isa, int bf16, const uint16_t* x, l4j_i64 xi, float* y,
                                      l4j_i64 yi, l4j_i64 outer, int32_t n, l4j_i64 inner) {
  L4J_HALF(bf16, x, xi, L4J_DISPATCH(isa, F32, logsumexp(h, y + yi, outer, n, inner)))
}

static inline double l4j_ce_index_half(int isa, int bf16, const uint16_t* logits, l4j_i64 li,
                                       const void* targets, l4j_i64 ti, int32_t target_bytes,
                                       l4j_i64 outer, int32_t c, l4j_i64 inner,
                                       const float* weight, l4j_i64 ignore, double eps,
                                       float* out, l4j_i64 oi, l4j_i64* bad) {
  float* o = out ? out + oi : nullptr;
  bad[0] = -1;
  bad[1] = 0;
  if (target_bytes == 4) {
    const int32_t* t = static_cast<const int32_t*>(targets) + ti;
    L4J_HALF(bf16, logits, li,
             L4J_DISPATCH(isa, F32, ce_index(h, t, outer, c, inner, weight, ignore, eps, o, bad)))
  }
  const int64_t* t = static_cast<const int64_t*>(targets) + ti;
  L4J_HALF(bf16, logits, li,
           L4J_DISPATCH(isa, F32, ce_index(h, t, outer, c, inner, weight, ignore, eps, o, bad)))
}

static inline double l4j_ce_prob_half(int isa, int bf16, const uint16_t* logits, l4j_i64 li,
                                      const float* probs, l4j_i64 pi, l4j_i64 outer, int32_t c,
                                      l4j_i64 inner, const float* weight, double eps, float* out,
                                      l4j_i64 oi) {
  float* o = out ? out + oi : nullptr;
  L4J_HALF(bf16, logits, li,
           L4J_DISPATCH(isa, F32, ce_prob(h, probs + pi, outer, c, inner, weight, eps, o)))
}

// ---- selection (issue 12): candidates for top-k, top log-probs, sample ---------------------
// The elements of the row x[xi .. xi + n) that are >= its keep-th largest (ties kept), positions
// ascending, into idx / val (room for cap; keys: cap of work memory); cap >= 2 * keep + 128;
// from: a starting threshold (-inf for none), elements below it are never kept; first_ties != 0:
// only the first keep in (value descending, index ascending) order are needed (top-k, argmax), so
// of the ties at the threshold only the first ones are returned.
// skip (may be null) / skip_words: positions never looked at, bit j of skip[j / 32] (see
// generic/select.inl); the result is the answer over the other positions.
// Returns their count, -1 when the row holds a NaN, -2 when ties at the threshold filled half of
// cap (the caller then selects on the whole row). See generic/select.inl.

static inline l4j_i64 l4j_collect_top_f32(int isa, const float* x, l4j_i64 xi, l4j_i64 n,
                                          l4j_i64 keep, int32_t* idx, double* val,
                                          uint64_t* keys, l4j_i64 cap, double from,
                                          int first_ties, const uint32_t* skip,
                                          l4j_i64 skip_words) {
  L4J_DISPATCH(isa, F32, collect_top(x + xi, n, keep, idx, val, keys, cap, from, first_ties != 0,
                                     skip, skip_words))
}

static inline l4j_i64 l4j_collect_top_f64(int isa, const double* x, l4j_i64 xi, l4j_i64 n,
                                          l4j_i64 keep, int32_t* idx, double* val,
                                          uint64_t* keys, l4j_i64 cap, double from,
                                          int first_ties, const uint32_t* skip,
                                          l4j_i64 skip_words) {
  L4J_DISPATCH(isa, F64, collect_top(x + xi, n, keep, idx, val, keys, cap, from, first_ties != 0,
                                     skip, skip_words))
}

static inline l4j_i64 l4j_collect_top_half(int isa, int bf16, const uint16_t* x, l4j_i64 xi,
                                           l4j_i64 n, l4j_i64 keep, int32_t* idx, double* val,
                                           uint64_t* keys, l4j_i64 cap, double from,
                                           int first_ties, const uint32_t* skip,
                                           l4j_i64 skip_words) {
  L4J_HALF(bf16, x, xi, L4J_DISPATCH(isa, F32, collect_top(h, n, keep, idx, val, keys, cap, from,
                                                           first_ties != 0, skip, skip_words)))
}

// The log-prob of x[xi + t] in its row, (x[t] - m) - log(sum(exp(x - m))) in double: NaN for a
// row with a NaN or +inf, or all -inf, or t outside [0, n). See generic/select.inl.
static inline double l4j_row_log_prob_f32(int isa, const float* x, l4j_i64 xi, l4j_i64 n,
                                          l4j_i64 t) {
  L4J_DISPATCH(isa, F32, row_log_prob(x + xi, n, t))
}

static inline double l4j_row_log_prob_f64(int isa, const double* x, l4j_i64 xi, l4j_i64 n,
                                          l4j_i64 t) {
  L4J_DISPATCH(isa, F64, row_log_prob(x + xi, n, t))
}

static inline double l4j_row_log_prob_half(int isa, int bf16, const uint16_t* x, l4j_i64 xi,
                                           l4j_i64 n, l4j_i64 t) {
  L4J_HALF(bf16, x, xi, L4J_DISPATCH(isa, F32, row_log_prob(h, n, t)))
}

// Sampling without top-k: sum of exp((z - m) * inv_t) over the row in float64, z = x with the
// sorted ids oid[0, no) replaced by oval; the sum of each block of 256 elements into block_sums
// (room for ceil(n / 256)). See generic/dense.inl.
static inline double l4j_sum_exp_blocks_f32(int isa, const float* x, l4j_i64 xi, l4j_i64 n,
                                            double m, double inv_t, const int32_t* oid,
                                            const double* oval, l4j_i64 no, double* block_sums) {
  L4J_DISPATCH(isa, F32, sum_exp_blocks(x + xi, n, m, inv_t, oid, oval, no, block_sums))
}

static inline double l4j_sum_exp_blocks_f64(int isa, const double* x, l4j_i64 xi, l4j_i64 n,
                                            double m, double inv_t, const int32_t* oid,
                                            const double* oval, l4j_i64 no, double* block_sums) {
  L4J_DISPATCH(isa, F64, sum_exp_blocks(x + xi, n, m, inv_t, oid, oval, no, block_sums))
}

static inline double l4j_sum_exp_blocks_half(int isa, int bf16, const uint16_t* x, l4j_i64 xi,
                                             l4j_i64 n, double m, double inv_t,
                                             const int32_t* oid, const double* oval, l4j_i64 no,
                                             double* block_sums) {
  L4J_HALF(bf16, x, xi,
           L4J_DISPATCH(isa, F32, sum_exp_blocks(h, n, m, inv_t, oid, oval, no, block_sums)))
}

// The calling thread's floating-point control register: MXCSR on x86-64 (rounding mode, flush-to-
// zero, denormals-are-zero, exception masks), FPCR on AArch64 (rounding mode bits 22-23, FZ bit
// 24, DN bit 25). Tests check the library never changes it: no -ffast-math start-up code, no
// mode switches in the kernels.
static inline int l4j_mxcsr() {
#if defined(__x86_64__)
  return static_cast<int>(__builtin_ia32_stmxcsr());
#else
  uint64_t fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  return static_cast<int>(fpcr);
#endif
}
