// Study: float32 ops on many short rows (65536 x n, n = 2..16), one thread, the native entry
// points called directly (no JNI): ns per element of softmax, log-softmax, logsumexp and
// class-index cross-entropy for the chosen variant. The JMH suite measures the same shapes through
// Java; this isolates the kernels so that a change to the short-row path can be judged alone.
//
// Build and run: native/study/short_rows.sh [avx2|avx512|scalar] [rows]
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <algorithm>
#include <vector>

#include "logits4j_native.h"

namespace {

double now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

// Median of 31 timed calls (interference on a shared host only adds time; the median is what
// JMH reports too): ns per call.
template <class F>
double median_ns(F f) {
  std::vector<double> t;
  f();
  for (int rep = 0; rep < 31; rep++) {
    double t0 = now_ns();
    f();
    t.push_back(now_ns() - t0);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const char* name = argc > 1 ? argv[1] : "avx2";
  const int64_t rows = argc > 2 ? atoll(argv[2]) : 65536;
  int isa = -1;
  for (int i = 0; i < l4j_variant_count(); i++) {
    if (strcmp(l4j_variant_name(i), name) == 0) isa = l4j_variant_id(i);
  }
  if (isa < 0) {
    fprintf(stderr, "unknown variant %s\n", name);
    return 2;
  }
  printf("variant %s, %lld rows, ns per element (median of 31 calls)\n", name,
         static_cast<long long>(rows));
  printf("%4s %9s %11s %9s %13s %9s %10s\n", "n", "softmax", "log-softmax", "logsumexp",
         "cross-entropy", "(none)", "(weights)");
  for (int n = 2; n <= 16; n++) {
    std::vector<float> x(rows * n), y(rows * n), lse(rows), out(rows), weight(n, 0.5f);
    std::vector<int32_t> t(rows);
    uint64_t s = 88172645463325252ull;
    for (auto& v : x) {
      s ^= s << 13; s ^= s >> 7; s ^= s << 17;
      v = static_cast<float>((s >> 40) * 0x1p-24 * 12.0 - 6.0);
    }
    for (int64_t r = 0; r < rows; r++) t[r] = static_cast<int32_t>(r % n);
    const double e = static_cast<double>(rows) * n;
    float* xp = x.data();
    float* yp = y.data();
    const double sm = median_ns([&] { l4j_softmax_f32(isa, xp, 0, yp, 0, rows, n, 1, 1.0f, 0); });
    const double ls = median_ns([&] { l4j_softmax_f32(isa, xp, 0, yp, 0, rows, n, 1, 1.0f, 1); });
    const double lz = median_ns([&] { l4j_logsumexp_f32(isa, xp, 0, lse.data(), 0, rows, n, 1); });
    l4j_i64 bad[2] = {-1, -1};
    volatile double sink = 0;
    const double ce = median_ns([&] {
      sink = l4j_ce_index_f32(isa, xp, 0, t.data(), 0, 4, rows, n, 1, nullptr, -100, 0.0,
                              nullptr, 0, bad);
    });
    // Reduction 'none' (a loss per row written out) and class weights: the general epilogue.
    const double cen = median_ns([&] {
      sink = l4j_ce_index_f32(isa, xp, 0, t.data(), 0, 4, rows, n, 1, nullptr, -100, 0.0,
                              out.data(), 0, bad);
    });
    const double cew = median_ns([&] {
      sink = l4j_ce_index_f32(isa, xp, 0, t.data(), 0, 4, rows, n, 1, weight.data(), -100, 0.0,
                              nullptr, 0, bad);
    });
    (void)sink;
    printf("%4d %9.3f %11.3f %9.3f %13.3f %9.3f %10.3f\n", n, sm / e, ls / e, lz / e, ce / e,
           cen / e, cew / e);
  }
  return 0;
}
