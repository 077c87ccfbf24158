// The algorithms, written once and compiled once per variant: this file is included inside
// namespace logits4j::<variant> (scalar/, avx2/, avx512/ kernels.h), after that variant's simd.h
// has defined VF (float lanes) and VD (double lanes). No include guard on purpose.
//
// Shape of every op: `outer` blocks of `n` (or `c`) slices of `inner` lanes; a slice's elements
// are `inner` apart. inner == 1 is the hot case (contiguous rows); inner > 1 runs vectorised
// across the inner lanes (no transpose copy).
//
// Special values: the vector paths assume a finite row maximum. Anything else (a +inf, an all
// -inf or all-NaN slice, a max that overflows once divided by T) goes to the slow scalar paths
// in generic/slow_paths.h, which implement SPEC.md's rules literally. A NaN next to a finite
// maximum needs no branch: exp(NaN) = NaN poisons the sum, and so every output of that slice.
//
// The struct is assembled from one file per role, in this order (each says what it holds):
//   lane_helpers.inl       masked loads/stores, prefetch, the exponent argument, max checks
//   row_primitives.inl     max / sum of exp (optionally stored) / scale / log over one row
//   online_normaliser.inl  max and sum in one pass, for rows past the caches
//   columns.inl            strided slices and transposed blocks of short rows
//   short_rows.inl         rows of 2..16 elements gathered into lanes (lane types that gather)
//   softmax_ops.inl        softmax, log-softmax, logsumexp: the path per shape
//   gradients.inl          cross-entropy's gradient, beside its loss (before its user, below)
//   cross_entropy.inl      cross-entropy from the logits, rows and columns
//   select.inl             candidates for top-k / sample / argmax: one thresholded scan
//   dense.inl              sample without top-k: float64 sum of exp with block sums
//   top_p_mass.inl         top-p without top-k: mass histograms of a key digit, kept block sums

// Whether lane type V gathers and permutes lanes (V::gather, V::permute, V::load_index), which
// short_rows.inl needs; only the ISAs where that measured faster than the transposed blocks
// offer them.
template <class V, class = void>
struct GathersRows {
  static constexpr bool value = false;
};
template <class V>
struct GathersRows<V, decltype(void(&V::permute))> {
  static constexpr bool value = true;
};

template <class V>
struct Ops {
  typedef typename V::T T;
  typedef typename V::R R;
  static constexpr int64_t W = V::W;
  // Elements per partial-sum block: each lane of each of the 4 accumulators adds at most 16
  // terms before the block is folded into a double total, so float32 sums stay accurate even
  // for 128256-long rows whose terms are far smaller than the running sum.
  static constexpr int64_t kBlock = 64 * W;
  // Contiguous rows shorter than kShortRow go W at a time through a transposed block on the
  // stack, where the strided-slice (cols_*) kernels treat each lane as one row: no horizontal
  // reductions, masked tails or row-sized fixed costs per row (65536 x 10 rows were dominated
  // by them). Only for real vectors.
  static constexpr int64_t kShortRow = 4 * W;
  static constexpr bool kBlockRows = W >= 4;
  // Rows of 2..kGatherRowMax elements go through short_rows.inl instead, where the lane type
  // gathers (16-bit input is converted to a float32 block first); the transposed blocks keep
  // the rest (rows of 17..4W-1, label smoothing, probability targets, T < 1 for softmax).
  static constexpr bool kGatherRows = GathersRows<V>::value;
  static constexpr int64_t kGatherRowMax = 16;
  // Rows at least this long ask for the next row while making their last pass over this one:
  // the next row's first pass (the max) then reads it from cache instead of waiting on memory,
  // and the memory traffic overlaps the compute (out-of-cache batches: see README). 512, not
  // the 4096 it was: batches of 1000-element rows (4 MB, past L2) measured 3-5 % faster per
  // op with AVX2 code and 4-10 % with AVX-512 (JMH OpsBench 1024x1000, AMD EPYC with AVX-512).
  static constexpr int64_t kPrefetchRow = 512;
  // What row_sum_exp writes beside its sum: nothing, each exp (softmax: the scale pass then
  // reads them back), or each argument x * invT - m (log-softmax: its last pass then subtracts
  // log s in place, so the output's cache misses overlap the compute-bound exp pass instead of
  // stalling a pass that has almost no arithmetic to hide them behind).
  enum Keep { kKeepNothing, kKeepExp, kKeepArg };

#include "lane_helpers.inl"
#include "row_primitives.inl"
#include "online_normaliser.inl"
#include "gradients.inl"
#include "columns.inl"
#include "short_rows.inl"
#include "softmax_ops.inl"
#include "cross_entropy.inl"
#include "select.inl"
#include "dense.inl"
#include "top_p_mass.inl"
};

// The entry points of this variant, for logits4j_native.h's dispatch.
typedef Ops<VF> F32;
typedef Ops<VD> F64;
