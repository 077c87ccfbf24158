// Study: how close the AVX2 row primitives run to their compute bound, float32, one thread.
//
// Times each pass of the in-cache softmax on its own over one row that stays in L1
// (row_max; row_sum_exp storing exp(x - m); row_scale), then the whole softmax and logsumexp
// entry points, and prints cycles per 8 elements next to the FMA-port bound worked out in
// docs/perf/avx2-compute-bound.md. The core clock is measured (a chain of dependent integer
// adds runs at one per cycle), not assumed, because a VM's TSC runs at a nominal rate.
//
// Build and run: native/study/avx2_bound.sh [isa], isa = avx2 (default) or avx512.
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

// Core cycles per nanosecond: 1 dependent add per cycle on every x86 core since 2005.
double ghz() {
  double best = 0;
  for (int rep = 0; rep < 20; rep++) {
    uint64_t v = 1;
    const int64_t iters = 20000000;
    double t0 = now_ns();
    for (int64_t i = 0; i < iters; i++) {
      asm volatile("add $1, %0" : "+r"(v));
    }
    double t = now_ns() - t0;
    best = std::max(best, iters / t);
  }
  return best;
}

// Fastest of many batches (interference on a shared host only adds time): ns per call.
template <class F>
double best_ns(F f, int calls) {
  double best = 1e30;
  for (int rep = 0; rep < 60; rep++) {
    double t0 = now_ns();
    for (int i = 0; i < calls; i++) f();
    best = std::min(best, (now_ns() - t0) / calls);
  }
  return best;
}

template <class Ops>
void run(const char* isa, int64_t n, double cyc_per_ns) {
  std::vector<float> x(n), y(n);
  uint64_t s = 88172645463325252ull;
  for (auto& v : x) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    v = static_cast<float>((s >> 40) * 0x1p-24 * 8.0 - 4.0);
  }
  const float m = Ops::row_max(x.data(), n);
  volatile float sink = 0;
  const int calls = std::max<int>(1, static_cast<int>(2000000 / n));
  // The exp pass's bound (docs/perf/avx2-compute-bound.md): AVX2's table exp has 14 vector
  // µops per 8 elements on Zen's 4 FP pipes (6 of them FMA/MUL on 2) = 3.5 cycles. Not worked
  // out for AVX-512 (0: none printed): how a core splits 512-bit µops differs per family.
  const double exp_bound = strcmp(isa, "avx2") == 0 ? 3.5 : 0;
  auto report = [&](const char* pass, double ns, double bound8) {
    double c8 = ns * cyc_per_ns / n * 8;
    printf("%-7s %-22s n=%-7lld %7.3f ns/elem %6.2f cycles/8 elem  bound %5.2f  (%3.0f%% of bound speed)\n",
           isa, pass, static_cast<long long>(n), ns / n, c8, bound8, bound8 > 0 ? 100 * bound8 / c8 : 0.0);
  };
  report("row_max", best_ns([&] { sink = Ops::row_max(x.data(), n); }, calls), 0.5);
  report("row_sum_exp (store)",
         best_ns([&] { sink = static_cast<float>(Ops::template row_sum_exp<Ops::kKeepExp, false>(x.data(), n, 1.0f, -m, y.data())); }, calls),
         exp_bound);
  report("row_sum_exp (sum only)",
         best_ns([&] { sink = static_cast<float>(Ops::template row_sum_exp<Ops::kKeepNothing, false>(x.data(), n, 1.0f, -m, nullptr)); }, calls),
         exp_bound);
  report("row_scale", best_ns([&] { Ops::row_scale(y.data(), n, 0.5f); }, calls), 0.5);
  (void)sink;
}

}  // namespace

int main(int argc, char** argv) {
  const char* isa = argc > 1 ? argv[1] : "avx2";
  const double g = ghz();
  printf("core clock measured: %.2f GHz\n", g);
  for (int64_t n : {1000, 4096, 32000}) {
    if (strcmp(isa, "avx512") == 0) {
      run<logits4j::avx512::F32>("avx512", n, g);
    } else {
      run<logits4j::avx2::F32>("avx2", n, g);
    }
  }
  return 0;
}
