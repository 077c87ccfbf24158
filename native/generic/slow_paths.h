// The slow paths: plain scalar code in double precision that implements SPEC.md's rules for
// special values literally. Every variant sends the softmax / logsumexp slices its vector code
// does not handle here (a +inf, an all -inf or all-NaN slice, a max that overflows once divided
// by T), so the rules live in one place. (Cross-entropy needs none: a non-finite row max simply
// makes that position's loss NaN.) Compiled once, with the library's default flags.
#pragma once

#include <math.h>
#include <stdint.h>

#include <limits>
#include <type_traits>

#include "half_types.h"

namespace logits4j {

enum Flags : int { kFlagLog = 1, kFlagMaskedRowsZero = 2 };

// Neumaier's compensated sum, for the few additions per row that fold block totals together.
struct Neumaier {
  double sum = 0;
  double comp = 0;
  inline void add(double v) {
    const double t = sum + v;
    comp += fabs(sum) >= fabs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  // Infinities and NaN need no compensation (and would poison it).
  inline double value() const { return isfinite(sum) ? sum + comp : sum; }
};

// softmax / log-softmax of one slice of n elements `stride` apart (y may be x). X is T, or a
// 16-bit type read as float32 (half_types.h).
template <class X, class T>
static void slow_softmax_slice(const X* x, T* y, int64_t n, int64_t stride, double invT, int flags) {
  const double inf = std::numeric_limits<double>::infinity();
  bool nan = false;
  bool pos_inf = false;
  bool all_neg_inf = true;
  double m = -inf;
  for (int64_t j = 0; j < n; j++) {
    const double v = static_cast<double>(x[j * stride]);
    nan |= v != v;
    pos_inf |= v == inf;
    all_neg_inf &= v == -inf;
    if (v * invT > m) {
      m = v * invT;
    }
  }
  const bool log = (flags & kFlagLog) != 0;
  if (nan || pos_inf || all_neg_inf || !(m < inf)) {
    // NaN anywhere, a +inf (inf - inf), or an all -inf slice: NaN, unless masked rows as zero.
    T fill = std::numeric_limits<T>::quiet_NaN();
    if (all_neg_inf && (flags & kFlagMaskedRowsZero)) {
      fill = log ? -std::numeric_limits<T>::infinity() : T(0);
    }
    for (int64_t j = 0; j < n; j++) {
      y[j * stride] = fill;
    }
    return;
  }
  double s = 0;
  for (int64_t j = 0; j < n; j++) {
    s += exp(static_cast<double>(x[j * stride]) * invT - m);
  }
  const double logs = log ? ::log(s) : 0;
  for (int64_t j = 0; j < n; j++) {
    const double d = static_cast<double>(x[j * stride]) * invT - m;
    y[j * stride] = static_cast<T>(log ? d - logs : exp(d) / s);
  }
}

// logsumexp of one slice: NaN if any NaN, +inf if any +inf, -inf if all -inf.
template <class T, class X>
static T slow_logsumexp_slice(const X* x, int64_t n, int64_t stride) {
  const double inf = std::numeric_limits<double>::infinity();
  bool nan = false;
  double m = -inf;
  for (int64_t j = 0; j < n; j++) {
    const double v = static_cast<double>(x[j * stride]);
    nan |= v != v;
    if (v > m) {
      m = v;
    }
  }
  if (nan) {
    return std::numeric_limits<T>::quiet_NaN();
  }
  if (m == inf || m == -inf) {
    return static_cast<T>(m);  // an infinite maximum is not subtracted
  }
  double s = 0;
  for (int64_t j = 0; j < n; j++) {
    s += exp(static_cast<double>(x[j * stride]) - m);
  }
  return static_cast<T>(m + ::log(s));
}

}  // namespace logits4j
