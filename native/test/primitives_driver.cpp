// Tests the row primitives of every variant this CPU supports one by one, XNNPACK style (see
// ../primitives.sh): row_max, row_min, row_sum_exp (sum only and store-exp-and-sum, with and
// without scaling by 1/T), row_exp_scale, row_log, row_scale and the online normaliser's
// row_online, float32 against a float64 reference and float64 against a long double (x87, 64-bit
// mantissa) one.
//
// Lengths: every length up to 2 * 4W + 1 (each tail of W, 2W and 4W) and, for each tile t of W,
// 2W, 4W = kShortRow and kBlock = 64W, t*m - 1, t*m and t*m + 1 for m = 1..5, 8, 16, ... up to
// 4 * kBlock (at least 4096). Every primitive must run every planned length once per input: the
// driver counts them, and a sweep that skipped or repeated a length fails.
//
// Inputs: uniform [90, 100), where exp(x) overflows float32 unless the max is subtracted, and
// N(0, 4^2). The last element holds the row's maximum and the element after the row (never part
// of it) is larger still: a primitive that drops the tail loses a whole term of 1 or the max, one
// that reads past the row sees the larger value, and one that writes past it changes a guard.
//
// Bounds asserted, with u = 2^-24 (float32) or 2^-53 (float64), d_j = x_j / T - m the exact
// exponent argument and z_j = x_j / T (counted only with T != 1, where rounding it costs
// u |z_j| / 2: docs/ACCURACY.md states the same allowance):
//   row_max, row_min                     exact
//   row_scale                            |err| <= 0.5 ulp of the result (correctly rounded)
//   exp stored / exp * f, per element    |err| <= 3 u (2 + |d_j| + |z_j|) relative: forming d in
//                                        the input type costs u |d_j| / 2, our exp 1.4 ulp
//   sums (row_sum_exp, row_online)       |err| <= 4 u sum_j e_j (2 + |d_j| + |z_j|)
//   row_log, per element                 |err| <= 2 u (max(1, |y_j|) + |z_j|): the worst case of
//                                        rounding z, d and y once each, as |d| <= |y|
// Prints one line per variant: the lengths tested and the largest error found, per bound.
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "../logits4j_native.h"

namespace {

constexpr double kExpBound = 3;
constexpr double kSumBound = 4;
constexpr double kLogBound = 2;
constexpr double kScaleBound = 0.5;  // in ulps of the result: correctly rounded
constexpr double kInvT = 0.7;  // the scaled primitives' 1/T (T = 1.43)
// row_max, row_min, row_scale, and row_sum_exp, its store form, row_exp_scale, row_log, the
// keep-argument row_sum_exp with row_sub, and row_online each with and without 1/T.
constexpr size_t kPrimitives = 15;

// xorshift64: the same inputs on every run.
struct Rng {
  uint64_t state = 88172645463325252ull;
  double uniform() {  // [0, 1)
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<double>(state >> 11) * 0x1p-53;
  }
  double normal() {  // Box-Muller
    const double a = 1 - uniform();
    return sqrt(-2 * log(a)) * cos(2 * M_PI * uniform());
  }
};

enum Input { kHigh, kNormal };
const char* const kInputNames[] = {"[90, 100)", "N(0, 4^2)"};

// The planned lengths for vectors of W lanes and a partial-sum block of kBlock elements.
std::set<int64_t> planned_lengths(int64_t W, int64_t kBlock) {
  std::set<int64_t> lengths;
  for (int64_t n = 0; n <= 2 * 4 * W + 1; n++) {
    lengths.insert(n);
  }
  const int64_t limit = std::max<int64_t>(4 * kBlock, 4096);
  for (int64_t t : {W, 2 * W, 4 * W, kBlock}) {
    for (int64_t m = 1; t * m <= limit; m = m < 5 ? m + 1 : m < 8 ? 8 : 2 * m) {
      lengths.insert(t * m - 1);
      lengths.insert(t * m);
      lengths.insert(t * m + 1);
    }
  }
  return lengths;
}

// The largest error seen per bound, in the bound's units.
struct MaxErrors {
  double sum = 0, exp = 0, log = 0, scale = 0;
};

template <class Ops>
class PrimitiveTester {
 public:
  typedef typename Ops::T T;
  // The reference type: double for float32, long double for float64.
  typedef typename std::conditional<sizeof(T) == 4, double, long double>::type Wide;
  static constexpr double u = sizeof(T) == 4 ? 0x1p-24 : 0x1p-53;

  explicit PrimitiveTester(const char* variant) : variant_(variant) {}

  // Runs every primitive over every planned length and both inputs; true when all passed.
  bool run() {
    plan_ = planned_lengths(Ops::W, Ops::kBlock);
    if (!plan_covers_every_tile()) {
      return false;
    }
    Rng rng;
    for (int in = kHigh; in <= kNormal; in++) {
      for (int64_t n : plan_) {
        test_length(n, static_cast<Input>(in), rng);
      }
    }
    return failures_ == 0 && every_primitive_ran_every_length();
  }

  size_t lengths() const { return plan_.size(); }
  int64_t longest() const { return *plan_.rbegin(); }
  const MaxErrors& errors() const { return max_; }

 private:
  const char* variant_;
  std::set<int64_t> plan_;
  std::map<std::string, std::multiset<int64_t>> ran_;  // primitive -> lengths it ran
  MaxErrors max_;
  int failures_ = 0;

  const char* type() const { return sizeof(T) == 4 ? "f32" : "f64"; }

  void fail(const char* primitive, int64_t n, Input in, const char* what, double value) {
    if (failures_++ < 20) {
      printf("primitives: FAIL %s %s %s n=%lld input %s: %s (%g)\n", variant_, type(), primitive,
             static_cast<long long>(n), kInputNames[in], what, value);
    }
  }

  // An error in bound units: recorded, and a failure above the bound.
  void check(double err, double bound, double* max, const char* primitive, int64_t n, Input in) {
    if (!(err <= bound)) {  // NaN fails too
      fail(primitive, n, in, "error above the bound", err);
    }
    if (err > *max) {
      *max = err;
    }
  }

  bool plan_covers_every_tile() {
    const int64_t W = Ops::W;
    const int64_t must[] = {0, 1, W - 1, W, W + 1, 2 * W + 1, 4 * W - 1, 4 * W, 4 * W + 1,
                            Ops::kShortRow, Ops::kBlock - 1, Ops::kBlock, Ops::kBlock + 1,
                            2 * Ops::kBlock + 1, 4096};
    for (int64_t n : must) {
      if (n >= 0 && plan_.count(n) == 0) {
        printf("primitives: FAIL %s %s: the plan misses length %lld\n", variant_, type(),
               static_cast<long long>(n));
        return false;
      }
    }
    return true;
  }

  // Each primitive ran each planned length exactly once per input: nothing skipped or repeated.
  bool every_primitive_ran_every_length() {
    bool ok = ran_.size() == kPrimitives;
    for (const auto& entry : ran_) {
      std::multiset<int64_t> want;
      for (int64_t n : plan_) {
        want.insert(n);
        want.insert(n);
      }
      if (entry.second != want) {
        const std::set<int64_t> distinct(entry.second.begin(), entry.second.end());
        printf("primitives: FAIL %s %s %s ran %zu distinct lengths in %zu runs, planned %zu x 2 "
               "inputs\n", variant_, type(), entry.first.c_str(), distinct.size(),
               entry.second.size(), plan_.size());
        ok = false;
      }
    }
    if (ran_.size() != kPrimitives) {
      printf("primitives: FAIL %s %s: %zu primitives ran, expected %zu\n", variant_, type(),
             ran_.size(), kPrimitives);
    }
    return ok;
  }

  void ran(const char* primitive, int64_t n) { ran_[primitive].insert(n); }

  // x[0, n) from the input; x[n - 1] holds the max; x[n], past the row, is larger than all.
  static std::vector<T> make_row(int64_t n, Input in, Rng& rng) {
    std::vector<T> x(n + 1);
    T mx = in == kHigh ? T(100) : -std::numeric_limits<T>::infinity();
    for (int64_t j = 0; j < n; j++) {
      x[j] = static_cast<T>(in == kHigh ? 90 + 10 * rng.uniform() : 4 * rng.normal());
      mx = std::max(mx, x[j]);
    }
    if (n > 0) {
      x[n - 1] = mx;
    }
    x[n] = (n > 0 ? mx : T(0)) + 1;
    return x;
  }

  void test_length(int64_t n, Input in, Rng& rng) {
    const std::vector<T> x = make_row(n, in, rng);
    const T mx = test_row_max(x, n, in);
    test_row_min(x, n, in);
    test_exp_family<false>(x, n, in, mx);
    test_exp_family<true>(x, n, in, mx);
  }

  T test_row_max(const std::vector<T>& x, int64_t n, Input in) {
    const T want = n == 0 ? -std::numeric_limits<T>::infinity() : x[n - 1];
    const T got = Ops::row_max(x.data(), n);
    if (got != want) {
      fail("row_max", n, in, "not the exact maximum", static_cast<double>(got));
    }
    ran("row_max", n);
    return want;
  }

  void test_row_min(std::vector<T> x, int64_t n, Input in) {
    // The last element becomes the minimum and the one past the row smaller still.
    T mn = std::numeric_limits<T>::infinity();
    for (int64_t j = 0; j < n; j++) {
      mn = std::min(mn, x[j]);
    }
    if (n > 0) {
      x[n - 1] = mn - 1;
    }
    x[n] = (n > 0 ? x[n - 1] : T(0)) - 1;
    const T want = n == 0 ? std::numeric_limits<T>::infinity() : x[n - 1];
    const T got = Ops::row_min(x.data(), n);
    if (got != want) {
      fail("row_min", n, in, "not the exact minimum", static_cast<double>(got));
    }
    ran("row_min", n);
  }

  // A buffer of n elements and a guard past them that no primitive may write.
  static constexpr T kGuard = T(-12345.5);
  static std::vector<T> out_buffer(int64_t n) { return std::vector<T>(n + 1, kGuard); }
  void check_guard(const std::vector<T>& y, int64_t n, Input in, const char* primitive) {
    if (!(y[n] == kGuard)) {
      fail(primitive, n, in, "wrote past the row", static_cast<double>(y[n]));
    }
  }

  // Relative error of one element in units of u * unit; results the exp flushes to zero (below
  // the smallest normal number) count as exact.
  static double rel_err(T got, Wide want, double unit) {
    if (fabsl(want) < std::numeric_limits<T>::min() && got == 0) {
      return 0;
    }
    return static_cast<double>(fabsl((static_cast<Wide>(got) - want) / want)) / (u * unit);
  }

  // How far got is from the exact product a * b, in ulps of got (one FMA in Wide: exact enough).
  static double ulps_off(T got, T a, T b) {
    const Wide residual = std::fma(static_cast<Wide>(a), static_cast<Wide>(b), -static_cast<Wide>(got));
    const T mag = std::fabs(got);
    const T ulp = std::nextafter(mag, std::numeric_limits<T>::infinity()) - mag;
    return static_cast<double>(fabsl(residual) / static_cast<Wide>(ulp));
  }

  template <bool kScaled>
  void test_exp_family(const std::vector<T>& x, int64_t n, Input in, T mx) {
    const T invT = kScaled ? static_cast<T>(kInvT) : T(1);
    // m as the kernels scale the max (scaled_max): correctly rounded, so d = 0 at the max.
    const T m = kScaled ? static_cast<T>(static_cast<double>(mx) * invT) : mx;
    const T negm = n == 0 ? T(0) : -m;
    // The reference: exact arguments, their exps, their sum and the sum's error allowance.
    std::vector<Wide> d(n), e(n), unit(n);
    Wide sum = 0, allowance = 0;
    for (int64_t j = 0; j < n; j++) {
      const Wide z = static_cast<Wide>(x[j]) * static_cast<Wide>(invT);
      d[j] = z - static_cast<Wide>(m);
      e[j] = std::exp(d[j]);
      unit[j] = 2 + static_cast<double>(fabsl(d[j])) + (kScaled ? static_cast<double>(fabsl(z)) : 0);
      sum += e[j];
      allowance += e[j] * unit[j];
    }
    const char* sum_name = kScaled ? "row_sum_exp<scaled>" : "row_sum_exp";
    const char* store_name = kScaled ? "row_sum_exp<store,scaled>" : "row_sum_exp<store>";
    const char* exp_scale_name = kScaled ? "row_exp_scale<scaled>" : "row_exp_scale";
    const char* log_name = kScaled ? "row_log<scaled>" : "row_log";
    const char* online_name = kScaled ? "row_online<scaled>" : "row_online";

    // Sum of exp, nothing stored.
    const double s = Ops::template row_sum_exp<Ops::kKeepNothing, kScaled>(x.data(), n, invT, negm, nullptr);
    check_sum(s, sum, allowance, n, in, sum_name);
    ran(sum_name, n);

    // The store-exp-and-sum pass: the same sum, and each exp within its bound.
    std::vector<T> y = out_buffer(n);
    const double s2 = Ops::template row_sum_exp<Ops::kKeepExp, kScaled>(x.data(), n, invT, negm, y.data());
    if (!(s2 == s)) {
      fail(store_name, n, in, "a different sum when it also stores", s2 - s);
    }
    for (int64_t j = 0; j < n; j++) {
      check(rel_err(y[j], e[j], unit[j]), kExpBound, &max_.exp, store_name, n, in);
    }
    check_guard(y, n, in, store_name);
    ran(store_name, n);

    // The final scale of softmax: y *= 1/sum, correctly rounded.
    const T f = static_cast<T>(1 / sum);
    std::vector<T> scaled = y;
    Ops::row_scale(scaled.data(), n, f);
    for (int64_t j = 0; j < n; j++) {
      check(ulps_off(scaled[j], y[j], f), kScaleBound, &max_.scale, "row_scale", n, in);
    }
    check_guard(scaled, n, in, "row_scale");
    if (!kScaled) {
      ran("row_scale", n);
    }

    // The online path's output pass: exp(d) * f in one go.
    std::vector<T> p = out_buffer(n);
    Ops::template row_exp_scale<kScaled>(x.data(), p.data(), n, invT, negm, f);
    for (int64_t j = 0; j < n; j++) {
      check(rel_err(p[j], e[j] * static_cast<Wide>(f), unit[j]), kExpBound, &max_.exp,
            exp_scale_name, n, in);
    }
    check_guard(p, n, in, exp_scale_name);
    ran(exp_scale_name, n);

    // Log-softmax's output pass: y = d - log(sum), the difference to the max formed first.
    const T logs = static_cast<T>(n == 0 ? 0 : std::log(sum));
    std::vector<T> l = out_buffer(n);
    Ops::template row_log<kScaled>(x.data(), l.data(), n, invT, negm, logs);
    for (int64_t j = 0; j < n; j++) {
      const Wide want = d[j] - static_cast<Wide>(logs);
      const double z = kScaled ? static_cast<double>(fabsl(d[j] + static_cast<Wide>(m))) : 0;
      const double err = static_cast<double>(fabsl(static_cast<Wide>(l[j]) - want)) /
                         (u * (std::max(1.0, static_cast<double>(fabsl(want))) + z));
      check(err, kLogBound, &max_.log, log_name, n, in);
    }
    check_guard(l, n, in, log_name);
    ran(log_name, n);

    // Log-softmax's two-pass form: the sum pass keeps each argument, then y -= log(sum) in
    // place. The same sum, and each output bit for bit row_log's (which the bound above checks).
    const char* keep_arg_name = kScaled ? "row_sum_exp<keep arg,scaled>+row_sub" : "row_sum_exp<keep arg>+row_sub";
    std::vector<T> a = out_buffer(n);
    const double s3 = Ops::template row_sum_exp<Ops::kKeepArg, kScaled>(x.data(), n, invT, negm, a.data());
    if (!(s3 == s)) {
      fail(keep_arg_name, n, in, "a different sum when it keeps the arguments", s3 - s);
    }
    Ops::row_sub(a.data(), n, logs);
    for (int64_t j = 0; j < n; j++) {
      if (!(a[j] == l[j]) && !(a[j] != a[j] && l[j] != l[j])) {
        fail(keep_arg_name, n, in, "an output other than row_log's", static_cast<double>(a[j]) - l[j]);
      }
    }
    check_guard(a, n, in, keep_arg_name);
    ran(keep_arg_name, n);

    // The online normaliser: the same max (scaled exactly as above) and sum in one pass.
    T mo = 0;
    const double so = Ops::template row_online<kScaled>(x.data(), n, invT, &mo);
    if (n == 0) {
      if (so > 0) {
        fail(online_name, n, in, "a positive sum for an empty row", so);
      }
    } else {
      if (mo != m) {
        fail(online_name, n, in, "not the exact maximum", static_cast<double>(mo));
      }
      check_sum(so, sum, allowance, n, in, online_name);
    }
    ran(online_name, n);
  }

  void check_sum(double got, Wide want, Wide allowance, int64_t n, Input in, const char* name) {
    if (n == 0) {
      if (got != 0) {
        fail(name, n, in, "a nonzero sum for an empty row", got);
      }
      return;
    }
    const double err =
        static_cast<double>(fabsl(static_cast<Wide>(got) - want) / allowance) / u;
    check(err, kSumBound, &max_.sum, name, n, in);
  }
};

template <class Ops>
constexpr typename Ops::T PrimitiveTester<Ops>::kGuard;

// The short-row paths' lane log (variants that gather rows): every float s in [1, 16] (the
// range of a sum of at most 16 exps whose largest is exp(0)) against std::log in long double,
// within 1e-11 relative (the series' own bound is 1.9e-11 of log m, of which log s is at least
// as large), and NaN kept. Also counts how often the value rounded to float differs from
// std::log's (17-18 of 33.5 million on AVX2 and AVX-512, depending on the reference).
template <class F32>
bool test_lane_log(const char* name) {
  if constexpr (!F32::kGatherRows) {
    return true;
  } else {
    constexpr int64_t W = F32::W;
    float s[W];
    double got[W];
    uint32_t lo, hi;
    const float one = 1.0f, sixteen = 16.0f;
    memcpy(&lo, &one, 4);
    memcpy(&hi, &sixteen, 4);
    double worst = 0;
    int64_t rounded_differs = 0, count = 0;
    for (uint64_t u = lo; u <= hi; u += W) {
      for (int64_t l = 0; l < W; l++) {
        const uint32_t b = static_cast<uint32_t>(u + l > hi ? hi : u + l);
        memcpy(&s[l], &b, 4);
      }
      F32::lane_logs(s, got);
      for (int64_t l = 0; l < W; l++) {
        const long double want = logl(static_cast<long double>(s[l]));
        const double err = s[l] == 1.0f ? fabs(got[l])
                                        : static_cast<double>(fabsl((got[l] - want) / want));
        worst = err > worst ? err : worst;
        rounded_differs += static_cast<float>(got[l]) != static_cast<float>(want);
        count++;
      }
    }
    for (int64_t l = 0; l < W; l++) {
      s[l] = std::numeric_limits<float>::quiet_NaN();
    }
    F32::lane_logs(s, got);
    const bool nan_kept = got[0] != got[0] && got[W - 1] != got[W - 1];
    const bool ok = worst <= 1e-11 && nan_kept;
    printf("primitives: %s lane log: %lld floats in [1, 16], max relative error %.2g (bound 1e-11), "
           "%lld differ from std::log once rounded to float, NaN %s%s\n",
           name, static_cast<long long>(count), worst, static_cast<long long>(rounded_differs),
           nan_kept ? "kept" : "LOST", ok ? "" : ": FAILED");
    return ok;
  }
}

// Tests both element types of one variant and prints its line; true when all passed.
template <class F32, class F64>
bool test_types(const logits4j::Variant& v) {
  PrimitiveTester<F32> f32(v.name);
  PrimitiveTester<F64> f64(v.name);
  const bool ok32 = f32.run() && test_lane_log<F32>(v.name);
  const bool ok64 = f64.run();
  const MaxErrors& a = f32.errors();
  const MaxErrors& b = f64.errors();
  printf("primitives: %s: f32 %zu lengths (0..%lld), f64 %zu lengths (0..%lld), %zu primitives x 2 "
         "inputs; max error f32/f64: sum %.2f/%.2f (bound %.0f), exp %.2f/%.2f (%.0f), log "
         "%.2f/%.2f (%.0f), scale %.2f/%.2f ulp (%.1f); max, min exact%s\n",
         v.name, f32.lengths(), static_cast<long long>(f32.longest()), f64.lengths(),
         static_cast<long long>(f64.longest()), kPrimitives, a.sum, b.sum, kSumBound, a.exp, b.exp, kExpBound,
         a.log, b.log, kLogBound, a.scale, b.scale, kScaleBound,
         ok32 && ok64 ? "" : ": FAILED");
  return ok32 && ok64;
}

// A variant's primitives: its kernels come from the same table as its row (with_variant), so
// every row is tested under its own code.
bool test_variant(const logits4j::Variant& v) {
  return logits4j::with_variant(v.id, [&](auto kernels) {
    typedef typename decltype(kernels)::type K;
    return test_types<typename K::F32, typename K::F64>(v);
  });
}

}  // namespace

int main() {
  const int features = l4j_cpu_features();
  printf("primitives: cpu: %s\n", logits4j::describe_features(features).c_str());
  int failed = 0;
  int tested = 0;
  for (const logits4j::Variant& v : logits4j::kVariants) {
    if (logits4j::variant_supported(v, features)) {
      failed += !test_variant(v);
      tested++;
    } else {
      printf("primitives: %s: not supported by this CPU, skipped\n", v.name);
    }
  }
  if (tested == 0) {
    printf("primitives: FAIL: no variant tested\n");
    return 1;
  }
  printf("primitives: %s\n", failed == 0 ? "ok" : "FAILED");
  return failed == 0 ? 0 : 1;
}
