// Study: softmax of one row larger than the cache, three algorithms, float32, AVX-512, one thread.
//
//   three-pass  max; exp, store and sum; scale (the library's algorithm for rows in cache).
//               Memory: read x, read x + write y, read y + write y.
//   online      Milakov & Gimelshein (2018): one pass keeps a running max and a sum rescaled
//               whenever the max grows; a second pass writes exp(x - m) / s.
//               Memory: read x; read x + write y.
//   two-pass    Dukhan & Ablavatski (2020): one pass sums exp(x) kept as (mantissa, exponent)
//               pairs, so no maximum is needed and nothing is rescaled by exp; a second pass
//               writes the outputs. Memory as online.
//   library     l4j_softmax_f32 as shipped: three passes below 4 MiB per row, online above.
//
// Build and run: native/study/long_rows.sh. Each variant is checked against a float64
// reference (max relative error printed) before it is timed; rows are rotated over buffers
// totalling at least 1 GiB so every call starts out of cache.
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <algorithm>
#include <vector>

#include "logits4j_native.h"

namespace {

#define L4J_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))

// exp(d) for d <= 0 with the library's constants (generic/exp_constants.h), AVX-512.
L4J_AVX512 inline __m512 exp_nonpos(__m512 d) {
  using namespace logits4j::expc;
  const __m512 cutoff = _mm512_set1_ps(kCutoffF);
  const __mmask16 keep = _mm512_cmp_ps_mask(d, cutoff, _CMP_NLT_UQ);
  d = _mm512_max_ps(cutoff, d);
  const __m512 magic = _mm512_set1_ps(kMagicBiasF);
  __m512 n = _mm512_fmadd_ps(d, _mm512_set1_ps(kLog2eF), magic);
  const __m512 s = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(n), 23));
  n = _mm512_sub_ps(n, magic);
  __m512 r = _mm512_fmadd_ps(n, _mm512_set1_ps(-kLn2HiF), d);
  r = _mm512_fmadd_ps(n, _mm512_set1_ps(-kLn2LoF), r);
  __m512 q = _mm512_fmadd_ps(_mm512_set1_ps(kC5F), r, _mm512_set1_ps(kC4F));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(kC3F));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(kC2F));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(kC1F));
  return _mm512_maskz_fmadd_ps(keep, s, _mm512_mul_ps(r, q), s);
}

// exp(x) = p * 2^e without overflow for any finite x: p = exp(r) in [sqrt(1/2), sqrt(2)],
// e = round(x / ln 2) as a float (Dukhan & Ablavatski's representation).
L4J_AVX512 inline __m512 exp_parts(__m512 x, __m512* e) {
  using namespace logits4j::expc;
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(kLog2eF)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fmadd_ps(n, _mm512_set1_ps(-kLn2HiF), x);
  r = _mm512_fmadd_ps(n, _mm512_set1_ps(-kLn2LoF), r);
  __m512 q = _mm512_fmadd_ps(_mm512_set1_ps(kC5F), r, _mm512_set1_ps(kC4F));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(kC3F));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(kC2F));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(kC1F));
  *e = n;
  return _mm512_fmadd_ps(r, q, _mm512_set1_ps(1.0f));
}

// Online normaliser. n a multiple of 64; finite inputs (a study, not the library).
L4J_AVX512 void softmax_online(const float* x, float* y, int64_t n) {
  __m512 m = _mm512_set1_ps(-3.0e38f);
  __m512 s = _mm512_setzero_ps();
  double total[16] = {0};
  float mlast[16];
  for (int l = 0; l < 16; l++) mlast[l] = -3.0e38f;
  for (int64_t b = 0; b < n; b += 4096) {
    const int64_t end = std::min(n, b + 4096);
    for (int64_t j = b; j < end; j += 64) {
      const __m512 x0 = _mm512_loadu_ps(x + j), x1 = _mm512_loadu_ps(x + j + 16);
      const __m512 x2 = _mm512_loadu_ps(x + j + 32), x3 = _mm512_loadu_ps(x + j + 48);
      const __m512 cm = _mm512_max_ps(_mm512_max_ps(x0, x1), _mm512_max_ps(x2, x3));
      const __m512 mn = _mm512_max_ps(m, cm);
      s = _mm512_mul_ps(s, exp_nonpos(_mm512_sub_ps(m, mn)));
      const __m512 e = _mm512_add_ps(
          _mm512_add_ps(exp_nonpos(_mm512_sub_ps(x0, mn)), exp_nonpos(_mm512_sub_ps(x1, mn))),
          _mm512_add_ps(exp_nonpos(_mm512_sub_ps(x2, mn)), exp_nonpos(_mm512_sub_ps(x3, mn))));
      s = _mm512_add_ps(s, e);
      m = mn;
    }
    // Fold the block's float sums into doubles relative to each lane's max so far.
    float sv[16], mv[16];
    _mm512_storeu_ps(sv, s);
    _mm512_storeu_ps(mv, m);
    for (int l = 0; l < 16; l++) {
      total[l] = total[l] * exp(static_cast<double>(mlast[l]) - mv[l]) + sv[l];
      mlast[l] = mv[l];
    }
    s = _mm512_setzero_ps();
  }
  float mx = mlast[0];
  for (int l = 1; l < 16; l++) mx = std::max(mx, mlast[l]);
  double sum = 0;
  for (int l = 0; l < 16; l++) sum += total[l] * exp(static_cast<double>(mlast[l]) - mx);
  const __m512 vm = _mm512_set1_ps(-mx);
  const __m512 vs = _mm512_set1_ps(static_cast<float>(1.0 / sum));
  for (int64_t j = 0; j < n; j += 16) {
    _mm512_storeu_ps(y + j, _mm512_mul_ps(exp_nonpos(_mm512_add_ps(_mm512_loadu_ps(x + j), vm)), vs));
  }
}

// Two-pass with (mantissa, exponent) accumulators. n a multiple of 64; finite inputs.
L4J_AVX512 void softmax_two_pass(const float* x, float* y, int64_t n) {
  __m512 am[4], ae[4];
  for (int k = 0; k < 4; k++) {
    am[k] = _mm512_setzero_ps();
    ae[k] = _mm512_set1_ps(-1.0e30f);
  }
  double total[64] = {0};
  float texp[64];
  for (int l = 0; l < 64; l++) texp[l] = -1.0e30f;
  for (int64_t b = 0; b < n; b += 4096) {
    const int64_t end = std::min(n, b + 4096);
    for (int64_t j = b; j < end; j += 64) {
      for (int k = 0; k < 4; k++) {
        __m512 e;
        const __m512 p = exp_parts(_mm512_loadu_ps(x + j + 16 * k), &e);
        const __m512 mx = _mm512_max_ps(ae[k], e);
        // am * 2^(ae - mx) + p * 2^(e - mx): scalef does the power-of-two scaling exactly.
        am[k] = _mm512_add_ps(_mm512_scalef_ps(am[k], _mm512_sub_ps(ae[k], mx)),
                              _mm512_scalef_ps(p, _mm512_sub_ps(e, mx)));
        ae[k] = mx;
      }
    }
    for (int k = 0; k < 4; k++) {
      float mv[16], ev[16];
      _mm512_storeu_ps(mv, am[k]);
      _mm512_storeu_ps(ev, ae[k]);
      for (int l = 0; l < 16; l++) {
        const int i = 16 * k + l;
        const float top = std::max(texp[i], ev[l]);
        total[i] = ldexp(total[i], static_cast<int>(texp[i] - top)) + ldexp(mv[l], static_cast<int>(ev[l] - top));
        texp[i] = top;
      }
      am[k] = _mm512_setzero_ps();
    }
  }
  float top = texp[0];
  for (int i = 1; i < 64; i++) top = std::max(top, texp[i]);
  double sum = 0;
  for (int i = 0; i < 64; i++) sum += ldexp(total[i], static_cast<int>(texp[i] - top));
  // y = exp(x) / sum = p * 2^(e - top) / sum
  const __m512 inv = _mm512_set1_ps(static_cast<float>(1.0 / sum));
  const __m512 vtop = _mm512_set1_ps(top);
  for (int64_t j = 0; j < n; j += 16) {
    __m512 e;
    const __m512 p = exp_parts(_mm512_loadu_ps(x + j), &e);
    _mm512_storeu_ps(y + j, _mm512_mul_ps(_mm512_scalef_ps(p, _mm512_sub_ps(e, vtop)), inv));
  }
}

// Three passes. n a multiple of 64; finite inputs.
L4J_AVX512 void three_pass(const float* x, float* y, int64_t n) {
  __m512 m0 = _mm512_set1_ps(-INFINITY), m1 = m0, m2 = m0, m3 = m0;
  for (int64_t j = 0; j < n; j += 64) {
    m0 = _mm512_max_ps(_mm512_loadu_ps(x + j), m0);
    m1 = _mm512_max_ps(_mm512_loadu_ps(x + j + 16), m1);
    m2 = _mm512_max_ps(_mm512_loadu_ps(x + j + 32), m2);
    m3 = _mm512_max_ps(_mm512_loadu_ps(x + j + 48), m3);
  }
  const __m512 vm = _mm512_set1_ps(-_mm512_reduce_max_ps(_mm512_max_ps(_mm512_max_ps(m0, m1), _mm512_max_ps(m2, m3))));
  double sum = 0;
  for (int64_t b = 0; b < n; b += 4096) {
    const int64_t end = std::min(n, b + 4096);
    __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
    for (int64_t j = b; j < end; j += 64) {
      const __m512 e0 = exp_nonpos(_mm512_add_ps(_mm512_loadu_ps(x + j), vm));
      const __m512 e1 = exp_nonpos(_mm512_add_ps(_mm512_loadu_ps(x + j + 16), vm));
      const __m512 e2 = exp_nonpos(_mm512_add_ps(_mm512_loadu_ps(x + j + 32), vm));
      const __m512 e3 = exp_nonpos(_mm512_add_ps(_mm512_loadu_ps(x + j + 48), vm));
      _mm512_storeu_ps(y + j, e0);
      _mm512_storeu_ps(y + j + 16, e1);
      _mm512_storeu_ps(y + j + 32, e2);
      _mm512_storeu_ps(y + j + 48, e3);
      s0 = _mm512_add_ps(s0, e0);
      s1 = _mm512_add_ps(s1, e1);
      s2 = _mm512_add_ps(s2, e2);
      s3 = _mm512_add_ps(s3, e3);
    }
    sum += _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
  }
  const __m512 vs = _mm512_set1_ps(static_cast<float>(1.0 / sum));
  for (int64_t j = 0; j < n; j += 16) {
    _mm512_storeu_ps(y + j, _mm512_mul_ps(_mm512_loadu_ps(y + j), vs));
  }
}

void library(const float* x, float* y, int64_t n) {
  l4j_softmax_f32(2, x, 0, y, 0, 1, static_cast<int32_t>(n), 1, 1.0f, 0);
}

double now() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

double max_rel_error(const float* x, const float* y, int64_t n) {
  double m = -1e300;
  for (int64_t j = 0; j < n; j++) m = std::max(m, static_cast<double>(x[j]));
  double s = 0;
  for (int64_t j = 0; j < n; j++) s += exp(x[j] - m);
  double worst = 0;
  for (int64_t j = 0; j < n; j++) {
    const double ref = exp(x[j] - m) / s;
    if (ref > 1e-30) worst = std::max(worst, fabs(y[j] - ref) / ref);
  }
  return worst;
}

}  // namespace

int main() {
  if (!(l4j_cpu_features() & logits4j::kFeatureAvx512)) {
    printf("long_rows: this CPU has no AVX-512; nothing to measure\n");
    return 0;
  }
  typedef void (*Fn)(const float*, float*, int64_t);
  const Fn fns[4] = {three_pass, softmax_online, softmax_two_pass, library};
  const char* names[4] = {"three-pass", "online", "two-pass", "library"};
  printf("%10s %9s %11s %11s %11s %11s  (ns/element, median of 5; max rel. error vs float64)\n", "n",
         "MiB/row", names[0], names[1], names[2], names[3]);
  for (int64_t n : {int64_t(1) << 13, int64_t(1) << 16, int64_t(1) << 19, int64_t(1) << 22, int64_t(1) << 25}) {
    const int64_t copies = std::max<int64_t>(1, (int64_t(1) << 28) / n);  // >= 1 GiB of x and y
    std::vector<float> xs(copies * n), ys(copies * n);
    uint64_t st = 42;
    for (auto& v : xs) {
      st = st * 6364136223846793005ULL + 1442695040888963407ULL;
      v = static_cast<float>((static_cast<double>(st >> 11) / 9007199254740992.0 - 0.5) * 20);
    }
    double med[4], err[4];
    for (int f = 0; f < 4; f++) {
      fns[f](xs.data(), ys.data(), n);
      err[f] = max_rel_error(xs.data(), ys.data(), n);
      std::vector<double> runs;
      for (int r = 0; r < 5; r++) {
        const int64_t calls = std::max<int64_t>(copies, (int64_t(1) << 26) / n);
        const double t0 = now();
        for (int64_t c = 0; c < calls; c++) {
          const int64_t k = c % copies;
          fns[f](xs.data() + k * n, ys.data() + k * n, n);
        }
        runs.push_back((now() - t0) / (static_cast<double>(calls) * n) * 1e9);
      }
      std::sort(runs.begin(), runs.end());
      med[f] = runs[2];
    }
    printf("%10lld %9.3f %11.3f %11.3f %11.3f %11.3f  errors %.1e %.1e %.1e %.1e\n",
           static_cast<long long>(n), n * 4.0 / (1 << 20), med[0], med[1], med[2], med[3], err[0],
           err[1], err[2], err[3]);
  }
  return 0;
}
