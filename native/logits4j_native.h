// The C++ entry points the JavaCPP binding (dev.logits4j.internal.nativeimpl.NativeBinding)
// calls. Every argument was checked on the Java side before the call; nothing here validates but
// the dtype codes (a code an entry point does not take is refused: dispatch/dtypes.h). Pointers
// arrive untyped with an element offset (arrays are pinned, off-heap memory is a raw address);
// the dtype code says what they point to.
//
// The variant is an argument of every call, chosen once on the Java side from the variant table
// (dispatch/variants.h, read through l4j_variant_*) and l4j_cpu_features(): the native side keeps
// no state, so concurrent calls share nothing.
#pragma once

#include <stdint.h>

#include <limits>
#include <string>

#include "dispatch/cpu_features.h"
#include "dispatch/dtypes.h"
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

// ---- the dtype codes (dispatch/dtypes.h), for NativeDTypes (Java) and its test ----------------

// "float32", ...; "" for an unknown code.
static inline const char* l4j_dtype_name(int dtype) {
  switch (dtype) {
#define L4J_DTYPE_NAME(code, value, name, bytes) \
  case code:                                     \
    return name;
    L4J_DTYPES(L4J_DTYPE_NAME)
#undef L4J_DTYPE_NAME
  }
  return "";
}

// Bytes per element; 0 for an unknown code.
static inline int l4j_dtype_size(int dtype) {
  switch (dtype) {
#define L4J_DTYPE_SIZE(code, value, name, bytes) \
  case code:                                     \
    return bytes;
    L4J_DTYPES(L4J_DTYPE_SIZE)
#undef L4J_DTYPE_SIZE
  }
  return 0;
}

// ---- dispatch: variant id and dtype code to the kernels that run them -------------------------

namespace logits4j {

// A type passed as a value, so a generic lambda can take it: Tag<avx2::F32>.
template <class T>
struct Tag {
  typedef T type;
};

// The kernels of the variant with this id as a type: VariantKernels<kIsa_avx2>::F32 is avx2::F32.
template <int Id>
struct VariantKernels;
#define L4J_VARIANT_KERNELS(name, id, ...) \
  template <>                              \
  struct VariantKernels<id> {              \
    typedef name::F32 F32;                 \
    typedef name::F64 F64;                 \
  };
L4J_VARIANTS(L4J_VARIANT_KERNELS)
#undef L4J_VARIANT_KERNELS

// f(Tag<VariantKernels<isa>>()) for each variant this architecture builds (a switch generated from
// the table: the one place an id becomes a namespace). Unknown ids run the scalar code: the Java
// side only passes ids it read from the table and checked against l4j_cpu_features().
template <class F>
static inline auto with_variant(int isa, F&& f) -> decltype(f(Tag<VariantKernels<kIsa_scalar>>())) {
  switch (isa) {
#define L4J_VARIANT_CASE(name, id, ...) \
  case id:                              \
    return f(Tag<VariantKernels<id>>());
    L4J_VARIANTS(L4J_VARIANT_CASE)
#undef L4J_VARIANT_CASE
    default:
      return f(Tag<VariantKernels<kIsa_scalar>>());
  }
}

// f(Tag<Ops>(), x) with the variant's kernels for logits of this dtype and x as a pointer to its
// elements: float64 runs F64, float32 F32, float16 / bfloat16 the F32 kernels instantiated for
// 16-bit input (generic/half_types.h: every pass converts the logits as it loads them, no float32
// copy is made), so Ops::T, the type of outputs, probabilities and weights, is double or float.
// Any other code returns `refused` without calling f.
template <class R, class F>
static inline R with_logits(int isa, int dtype, const void* x, R refused, F&& f) {
  return with_variant(isa, [&](auto variant) -> R {
    typedef typename decltype(variant)::type K;
    switch (dtype) {
      case L4J_F32:
        return f(Tag<typename K::F32>(), static_cast<const float*>(x));
      case L4J_F64:
        return f(Tag<typename K::F64>(), static_cast<const double*>(x));
      case L4J_F16:
        return f(Tag<typename K::F32>(), static_cast<const f16*>(x));
      case L4J_BF16:
        return f(Tag<typename K::F32>(), static_cast<const bf16*>(x));
    }
    return refused;
  });
}

// f(t) with class-index targets as int32 or int64 elements; any other code returns `refused`.
template <class R, class F>
static inline R with_targets(int dtype, const void* t, R refused, F&& f) {
  switch (dtype) {
    case L4J_I32:
      return f(static_cast<const int32_t*>(t));
    case L4J_I64:
      return f(static_cast<const int64_t*>(t));
  }
  return refused;
}

// What the double-returning entry points return for a refused dtype.
constexpr double kRefusedDouble = std::numeric_limits<double>::quiet_NaN();

}  // namespace logits4j

typedef int64_t l4j_i64;

// ---- the kernels: logits of any floating dtype (float32, float64, float16, bfloat16) ----------
// x / logits: elements of `dtype`; outputs, probability targets and weights: float64 for float64
// logits, else float32. Offsets count elements of the array they apply to. Return L4J_OK, or
// L4J_REFUSED / NaN for a dtype code they do not take (dispatch/dtypes.h).

static inline int l4j_softmax(int isa, int dtype, const void* x, l4j_i64 xi, void* y, l4j_i64 yi,
                              l4j_i64 outer, int32_t n, l4j_i64 inner, double inv_t, int flags) {
  return logits4j::with_logits(isa, dtype, x, int{L4J_REFUSED}, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    typedef typename Ops::T T;  // double for float64 logits, else float
    Ops::softmax(xp + xi, static_cast<T*>(y) + yi, outer, n, inner, static_cast<T>(inv_t), flags);
    return int{L4J_OK};
  });
}

static inline int l4j_logsumexp(int isa, int dtype, const void* x, l4j_i64 xi, void* y,
                                l4j_i64 yi, l4j_i64 outer, int32_t n, l4j_i64 inner) {
  return logits4j::with_logits(isa, dtype, x, int{L4J_REFUSED}, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    typedef typename Ops::T T;  // double for float64 logits, else float
    Ops::logsumexp(xp + xi, static_cast<T*>(y) + yi, outer, n, inner);
    return int{L4J_OK};
  });
}

// targets: class indices of target_dtype (L4J_I32 or L4J_I64); weight and out may be null.
// bad[0..1]: set to (-1, 0), or to the position and value of the first class index that was out
// of range when the kernel read it (caller memory changed after the Java side checked it), or
// left at (L4J_REFUSED, 0) when either dtype code is refused.
static inline double l4j_ce_index(int isa, int dtype, const void* logits, l4j_i64 li,
                                  const void* targets, l4j_i64 ti, int target_dtype,
                                  l4j_i64 outer, int32_t c, l4j_i64 inner, const void* weight,
                                  l4j_i64 ignore, double eps, void* out, l4j_i64 oi,
                                  l4j_i64* bad) {
  using logits4j::kRefusedDouble;
  bad[0] = L4J_REFUSED;  // until both codes are taken
  bad[1] = 0;
  return logits4j::with_targets(target_dtype, targets, kRefusedDouble, [&](auto tp) {
    return logits4j::with_logits(isa, dtype, logits, kRefusedDouble, [&](auto ops, auto xp) {
      typedef typename decltype(ops)::type Ops;
      typedef typename Ops::T T;  // double for float64 logits, else float
      bad[0] = -1;
      T* o = out ? static_cast<T*>(out) + oi : nullptr;
      return Ops::ce_index(xp + li, tp + ti, outer, c, inner, static_cast<const T*>(weight),
                           ignore, eps, o, bad);
    });
  });
}

// probs: the same type as the outputs (float64 for float64 logits, else float32).
static inline double l4j_ce_prob(int isa, int dtype, const void* logits, l4j_i64 li,
                                 const void* probs, l4j_i64 pi, l4j_i64 outer, int32_t c,
                                 l4j_i64 inner, const void* weight, double eps, void* out,
                                 l4j_i64 oi) {
  return logits4j::with_logits(isa, dtype, logits, logits4j::kRefusedDouble, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    typedef typename Ops::T T;  // double for float64 logits, else float
    T* o = out ? static_cast<T*>(out) + oi : nullptr;
    return Ops::ce_prob(xp + li, static_cast<const T*>(probs) + pi, outer, c, inner,
                        static_cast<const T*>(weight), eps, o);
  });
}

// Cross-entropy and its gradient (generic/gradients.inl): the loss as l4j_ce_index / l4j_ce_prob
// return it (out null), and grad (the logits' layout, the outputs' type; may be the logits) =
// scale * up[p] (up null: scale) times d loss_p / d logits. targets: class indices when
// target_dtype is L4J_I32 / L4J_I64 (bad as l4j_ce_index), probabilities of the outputs' type
// when it is that type's code. up has the outputs' type.
static inline double l4j_ce_grad(int isa, int dtype, const void* logits, l4j_i64 li,
                                 const void* targets, l4j_i64 ti, int target_dtype, l4j_i64 outer,
                                 int32_t c, l4j_i64 inner, const void* weight, l4j_i64 ignore,
                                 double eps, double scale, const void* up, l4j_i64 ui, void* grad,
                                 l4j_i64 gi, l4j_i64* bad) {
  using logits4j::kRefusedDouble;
  bad[0] = L4J_REFUSED;  // until both codes are taken
  bad[1] = 0;
  return logits4j::with_logits(isa, dtype, logits, kRefusedDouble, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    typedef typename Ops::T T;  // double for float64 logits, else float
    const int value_code = sizeof(T) == 8 ? L4J_F64 : L4J_F32;
    const typename Ops::GradSink gs{static_cast<T*>(grad) + gi,
                                    up ? static_cast<const T*>(up) + ui : nullptr, scale};
    const T* w = static_cast<const T*>(weight);
    if (target_dtype == value_code) {
      bad[0] = -1;
      return Ops::ce_prob(xp + li, static_cast<const T*>(targets) + ti, outer, c, inner, w, eps,
                          nullptr, &gs);
    }
    return logits4j::with_targets(target_dtype, targets, kRefusedDouble, [&](auto tp) {
      bad[0] = -1;
      return Ops::ce_index(xp + li, tp + ti, outer, c, inner, w, ignore, eps, nullptr, bad, &gs);
    });
  });
}

// Softmax's (log = 0) or log-softmax's (log != 0) backward over contiguous rows of n: gx from the
// forward output y and the upstream gradient g, all of `dtype` (L4J_F32 or L4J_F64; any other code
// is refused); gx may be y or g. See generic/gradients.inl.
static inline int l4j_softmax_backward(int isa, int dtype, const void* y, l4j_i64 yi, const void* g,
                                       l4j_i64 gi, void* gx, l4j_i64 gxi, l4j_i64 outer, l4j_i64 n,
                                       int log) {
  if (dtype != L4J_F32 && dtype != L4J_F64) {
    return L4J_REFUSED;
  }
  return logits4j::with_logits(isa, dtype, y, int{L4J_REFUSED}, [&](auto ops, auto) {
    typedef typename decltype(ops)::type Ops;
    typedef typename Ops::T T;
    const T* yp = static_cast<const T*>(y) + yi;
    const T* gp = static_cast<const T*>(g) + gi;
    T* xp = static_cast<T*>(gx) + gxi;
    if (log) {
      Ops::template softmax_backward_rows<true>(yp, gp, xp, outer, n);
    } else {
      Ops::template softmax_backward_rows<false>(yp, gp, xp, outer, n);
    }
    return int{L4J_OK};
  });
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
// cap (the caller then selects on the whole row), L4J_REFUSED for a dtype code it does not take.
// See generic/select.inl.
static inline l4j_i64 l4j_collect_top(int isa, int dtype, const void* x, l4j_i64 xi, l4j_i64 n,
                                      l4j_i64 keep, int32_t* idx, double* val, uint64_t* keys,
                                      l4j_i64 cap, double from, int first_ties,
                                      const uint32_t* skip, l4j_i64 skip_words) {
  return logits4j::with_logits(isa, dtype, x, l4j_i64{L4J_REFUSED}, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    return static_cast<l4j_i64>(Ops::collect_top(xp + xi, n, keep, idx, val, keys, cap, from,
                                                 first_ties != 0, skip, skip_words));
  });
}

// Tie floods (issue 23): bit j % 32 of out[j / 32] set when x[xi + j] == v as values, for j < n
// (out: room for out_words >= ceil(n / 32) words, else -2 and nothing written); returns how many
// are set, L4J_REFUSED for a dtype code it does not take. See generic/select.inl.
static inline l4j_i64 l4j_equal_bits(int isa, int dtype, const void* x, l4j_i64 xi, l4j_i64 n,
                                     double v, uint32_t* out, l4j_i64 out_words) {
  return logits4j::with_logits(isa, dtype, x, l4j_i64{L4J_REFUSED}, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    return static_cast<l4j_i64>(Ops::equal_bits(xp + xi, n, v, out, out_words));
  });
}

// The log-prob of x[xi + t] in its row, (x[t] - m) - log(sum(exp(x - m))) in double: NaN for a
// row with a NaN or +inf, or all -inf, or t outside [0, n). See generic/select.inl.
static inline double l4j_row_log_prob(int isa, int dtype, const void* x, l4j_i64 xi, l4j_i64 n,
                                      l4j_i64 t) {
  return logits4j::with_logits(isa, dtype, x, logits4j::kRefusedDouble, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    return Ops::row_log_prob(xp + xi, n, t);
  });
}

// Sampling without top-k: sum of exp((z - m) * inv_t) over the row in float64, z = x with the
// sorted ids oid[0, no) replaced by oval; the sum of each block of 256 elements into block_sums
// (room for ceil(n / 256)). See generic/dense.inl.
static inline double l4j_sum_exp_blocks(int isa, int dtype, const void* x, l4j_i64 xi, l4j_i64 n,
                                        double m, double inv_t, const int32_t* oid,
                                        const double* oval, l4j_i64 no, double* block_sums) {
  return logits4j::with_logits(isa, dtype, x, logits4j::kRefusedDouble, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    return Ops::sum_exp_blocks(xp + xi, n, m, inv_t, oid, oval, no, block_sums);
  });
}

// Top-p without top-k over a whole vocabulary (issue 23), z and the weights as l4j_sum_exp_blocks.
// l4j_mass_digit: over the tokens whose order-preserving key (RadixSelect.key with its sign bit
// flipped) has the top pbits bits of prefix, the sum of their weights per value of the next dbits
// bits into hist[0, 2^dbits) (hist: scratch of hist_len >= 8 (2^dbits + 2^dbits / 64 + 1) doubles; dbits <= 12,
// pbits + dbits <= 64); stats[0..2] = the smallest and largest such key and their count. Returns
// their total weight. l4j_kept_block_sums: the weights per block of 256 (block_sums: room for
// block_len >= ceil(n / 256)) of the tokens whose key is above boundary or equal to it and among
// the first ties_kept such; last_tie[0] = the index of the last of those ties (-1: none); returns
// the total. Both return NaN, writing nothing, when a size is out of range. See
// generic/top_p_mass.inl.
static inline double l4j_mass_digit(int isa, int dtype, const void* x, l4j_i64 xi, l4j_i64 n,
                                    double m, double inv_t, const int32_t* oid, const double* oval,
                                    l4j_i64 no, uint64_t prefix, int32_t pbits, int32_t dbits,
                                    double* hist, l4j_i64 hist_len, uint64_t* stats,
                                    l4j_i64 stats_len) {
  return logits4j::with_logits(isa, dtype, x, logits4j::kRefusedDouble, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    return Ops::mass_digit(xp + xi, n, m, inv_t, oid, oval, no, prefix, pbits, dbits, hist,
                           hist_len, stats, stats_len);
  });
}

static inline double l4j_kept_block_sums(int isa, int dtype, const void* x, l4j_i64 xi,
                                         l4j_i64 n, double m, double inv_t, const int32_t* oid,
                                         const double* oval, l4j_i64 no, uint64_t boundary,
                                         l4j_i64 ties_kept, double* block_sums,
                                         l4j_i64 block_len, l4j_i64* last_tie) {
  return logits4j::with_logits(isa, dtype, x, logits4j::kRefusedDouble, [&](auto ops, auto xp) {
    typedef typename decltype(ops)::type Ops;
    return Ops::kept_block_sums(xp + xi, n, m, inv_t, oid, oval, no, boundary, ties_kept,
                                block_sums, block_len, last_tie);
  });
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
