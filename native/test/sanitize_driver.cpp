// Runs every kernel of every variant this CPU supports over lengths 0..300 and large rows, with
// exact-size heap allocations (no slack after the last element), under AddressSanitizer and
// UndefinedBehaviorSanitizer (see ../sanitize.sh). Any out-of-bounds read or write, including by
// a masked tail, is reported by ASan; the driver also checks that outputs are finite where the
// inputs are, so a kernel cannot "pass" by doing nothing, and that class targets corrupted after
// the Java side's check are reported by the kernels instead of used as indices.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "../logits4j_native.h"

template <class T>
static T* exact(size_t n) {
  // malloc of exactly n elements: ASan poisons the byte after the last one.
  return static_cast<T*>(malloc(n == 0 ? 1 : n * sizeof(T)));
}

static unsigned long long rng_state = 88172645463325252ull;
static double rnd() {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return static_cast<double>(rng_state % 1000003) / 1000003.0;
}

// The dtype code of float32 / float64 elements.
template <class T>
static int dtype_of() {
  return sizeof(T) == 4 ? L4J_F32 : L4J_F64;
}

template <class T>
static int run_variant(int isa, int64_t outer, int64_t n, int64_t inner) {
  const int64_t count = outer * n * inner;
  const int64_t positions = outer * inner;
  T* x = exact<T>(count);
  T* y = exact<T>(count);
  T* l = exact<T>(positions);
  T* p = exact<T>(count);
  T* w = exact<T>(n);
  int64_t* t = exact<int64_t>(positions);
  int32_t* t32 = exact<int32_t>(positions);
  T* loss = exact<T>(positions);
  for (int64_t i = 0; i < count; i++) {
    x[i] = static_cast<T>(rnd() * 20 - 10);
    p[i] = static_cast<T>(rnd());
  }
  for (int64_t i = 0; i < n; i++) w[i] = static_cast<T>(rnd() + 0.5);
  for (int64_t i = 0; i < positions; i++) {
    t[i] = n == 0 ? -100 : static_cast<int64_t>(rnd() * n) % n;
    t32[i] = static_cast<int32_t>(t[i]);
  }
  int bad = 0;
  int64_t report[2];
  const int dt = dtype_of<T>();
  for (int flags = 0; flags < 4; flags++) {
    bad += l4j_softmax(isa, dt, x, 0, y, 0, outer, (int32_t)n, inner, flags & 2 ? 0.7 : 1.0, flags & 1) != L4J_OK;
    for (int64_t i = 0; i < count; i++) bad += !isfinite(static_cast<double>(y[i]));
  }
  bad += l4j_logsumexp(isa, dt, x, 0, l, 0, outer, (int32_t)n, inner) != L4J_OK;
  l4j_ce_index(isa, dt, x, 0, t, 0, L4J_I64, outer, (int32_t)n, inner, w, -100, 0.1, loss, 0, report);
  bad += report[0] != -1;
  l4j_ce_index(isa, dt, x, 0, t32, 0, L4J_I32, outer, (int32_t)n, inner, nullptr, -100, 0, nullptr, 0, report);
  bad += report[0] != -1;
  l4j_ce_prob(isa, dt, x, 0, p, 0, outer, (int32_t)n, inner, w, 0.25, loss, 0);
  if (n > 0) {
    for (int64_t i = 0; i < positions; i++) bad += !isfinite(static_cast<double>(l[i]));
    for (int64_t i = 0; i < positions; i++) bad += !isfinite(static_cast<double>(loss[i]));
  }
  // Cross-entropy's gradient (issue 27): exact-size gradient and upstream arrays, every path of
  // the loss (rows one at a time with and without smoothing, blocks, columns), both target kinds.
  T* g = exact<T>(count);
  T* up = exact<T>(positions);
  for (int64_t i = 0; i < positions; i++) up[i] = static_cast<T>(0.5);
  for (int eps = 0; eps < 2; eps++) {
    l4j_ce_grad(isa, dt, x, 0, t, 0, L4J_I64, outer, (int32_t)n, inner, w, -100, eps * 0.1, 0.25,
                up, 0, g, 0, report);
    bad += report[0] != -1;
    for (int64_t i = 0; i < count; i++) bad += !isfinite(static_cast<double>(g[i]));
    l4j_ce_grad(isa, dt, x, 0, t32, 0, L4J_I32, outer, (int32_t)n, inner, nullptr, -100, eps * 0.1, 1.0,
                nullptr, 0, g, 0, report);
    bad += report[0] != -1;
    l4j_ce_grad(isa, dt, x, 0, p, 0, dt, outer, (int32_t)n, inner, w, -100, eps * 0.1, 1.0, up, 0, g,
                0, report);
    bad += report[0] != -1;
    for (int64_t i = 0; i < count; i++) bad += !isfinite(static_cast<double>(g[i]));
  }
  // softmax's and log-softmax's backward over rows (y: the last softmax output), then in place
  if (inner == 1) {
    for (int log = 0; log < 2; log++) {
      bad += l4j_softmax_backward(isa, dt, y, 0, p, 0, g, 0, outer, n, log) != L4J_OK;
      bad += l4j_softmax_backward(isa, dt, y, 0, g, 0, g, 0, outer, n, log) != L4J_OK;
    }
  }
  // Targets that changed after the Java side checked them (out of range, negative, huge): the
  // kernels must report the first one and never index with any of them (ASan would see it).
  if (positions > 0) {
    const int64_t corrupt[] = {n, -1, int64_t(1) << 30, INT64_MIN, INT64_MAX, -99};
    for (int64_t i = 0; i < positions; i++) {
      t[i] = corrupt[i % 6];
      t32[i] = static_cast<int32_t>(corrupt[i % 6]);
    }
    for (int eps = 0; eps < 2; eps++) {
      l4j_ce_index(isa, dt, x, 0, t, 0, L4J_I64, outer, (int32_t)n, inner, w, -100, eps * 0.1, loss, 0, report);
      bad += report[0] != 0 || report[1] != n;  // position 0 holds the first bad target, n
      l4j_ce_index(isa, dt, x, 0, t32, 0, L4J_I32, outer, (int32_t)n, inner, nullptr, -100, eps * 0.1, loss, 0, report);
      bad += report[0] != 0 || report[1] != n;
      l4j_ce_grad(isa, dt, x, 0, t, 0, L4J_I64, outer, (int32_t)n, inner, w, -100, eps * 0.1, 1.0,
                  nullptr, 0, g, 0, report);
      bad += report[0] != 0 || report[1] != n;
    }
  }
  // The gradient over the logits themselves (in place), then restore finite logits.
  for (int64_t i = 0; i < positions; i++) t[i] = n == 0 ? -100 : static_cast<int64_t>(rnd() * n) % n;
  l4j_ce_grad(isa, dt, x, 0, t, 0, L4J_I64, outer, (int32_t)n, inner, w, -100, 0.0, 1.0, nullptr, 0, x,
              0, report);
  bad += report[0] != -1;
  free(g); free(up);
  // In place, the other supported aliasing.
  l4j_softmax(isa, dt, x, 0, x, 0, outer, (int32_t)n, inner, 1.0, sizeof(T) == 4 ? 0 : 1);
  free(x); free(y); free(l); free(p); free(w); free(t); free(t32); free(loss);
  return bad;
}

// float16 / bfloat16 logits (issue 13): exact-size 16-bit inputs, float32 outputs, every op.
static int run_half(int isa, int dt, int64_t outer, int64_t n, int64_t inner) {
  const bool bf16 = dt == L4J_BF16;
  const int64_t count = outer * n * inner;
  const int64_t positions = outer * inner;
  uint16_t* x = exact<uint16_t>(count);
  float* y = exact<float>(count);
  float* p = exact<float>(count);
  float* l = exact<float>(positions);
  float* w = exact<float>(n);
  int64_t* t = exact<int64_t>(positions);
  int32_t* t32 = exact<int32_t>(positions);
  for (int64_t i = 0; i < count; i++) {
    const float v = static_cast<float>(rnd() * 20 - 10);
    uint32_t b;
    memcpy(&b, &v, 4);
    // bfloat16: the upper half; float16: a value in [-8, 8) built from its fields
    x[i] = bf16 ? static_cast<uint16_t>(b >> 16)
                : static_cast<uint16_t>((rnd() < 0.5 ? 0x8000 : 0) | ((12 + static_cast<int>(rnd() * 6)) << 10)
                                        | static_cast<int>(rnd() * 1024));
    p[i] = static_cast<float>(rnd());
  }
  for (int64_t i = 0; i < n; i++) w[i] = static_cast<float>(rnd() + 0.5);
  for (int64_t i = 0; i < positions; i++) {
    t[i] = n == 0 ? -100 : static_cast<int64_t>(rnd() * n) % n;
    t32[i] = static_cast<int32_t>(t[i]);
  }
  int bad = 0;
  int64_t report[2];
  for (int flags = 0; flags < 4; flags++) {
    bad += l4j_softmax(isa, dt, x, 0, y, 0, outer, static_cast<int32_t>(n), inner, flags & 2 ? 0.7 : 1.0,
                       flags & 1) != L4J_OK;
    for (int64_t i = 0; i < count; i++) bad += !isfinite(static_cast<double>(y[i]));
  }
  bad += l4j_logsumexp(isa, dt, x, 0, l, 0, outer, static_cast<int32_t>(n), inner) != L4J_OK;
  for (int64_t i = 0; n > 0 && i < positions; i++) bad += !isfinite(static_cast<double>(l[i]));
  for (int eps = 0; eps < 2; eps++) {
    const double total = l4j_ce_index(isa, dt, x, 0, t, 0, L4J_I64, outer, static_cast<int32_t>(n), inner,
                                      eps ? w : nullptr, -100, eps ? 0.1 : 0.0, l, 0, report);
    bad += !isfinite(total) || report[0] != -1;
    l4j_ce_index(isa, dt, x, 0, t32, 0, L4J_I32, outer, static_cast<int32_t>(n), inner, nullptr, -100, 0.0,
                 nullptr, 0, report);
    bad += report[0] != -1;
    bad += !isfinite(l4j_ce_prob(isa, dt, x, 0, p, 0, outer, static_cast<int32_t>(n), inner,
                                 eps ? w : nullptr, eps ? 0.1 : 0.0, l, 0));
  }
  free(x); free(y); free(p); free(l); free(w); free(t); free(t32);
  return bad;
}

// collect_top (generic/select.inl) against a brute-force reference: the candidates must be
// exactly the positions whose value is >= the row's keep-th largest, ascending (with first_ties:
// of the ties at it only the first ones, keep entries in all), or the row's NaN status, or
// too-many-ties where the answer is a flood of ties. Rows: random, ascending (the scan's worst
// case: it goes over its budget and finishes by block maxima), descending, few distinct values
// (ties), -inf entries, a NaN; ascending runs of keep/2 + 1 ties (every cut keeps just under
// half); a late flood of the maximum; values sharing their top bits; a NaN after the scan went
// over its budget; exact-size buffers.
// skip (issue 23, the penalty step): 0 none; 1 a random tenth of the positions; 2 every position
// above the row's median, NaN and +inf included (the skipped ones hold the row's answer); 3 a
// mask shorter than the row (positions past it are never skipped); skipped positions are out of
// the reference entirely, and the mask ends at the end of its memory.
template <class T>
static int run_select(int isa, int64_t n, int64_t keep, int kind, int first_ties, int skip = 0) {
  T* x = exact<T>(n);
  for (int64_t i = 0; i < n; i++) {
    double v = rnd() * 20 - 10;
    if (kind == 1) v = static_cast<double>(i) * 0.001;
    if (kind == 2) v = -static_cast<double>(i) * 0.001;
    if (kind == 3) v = static_cast<double>(static_cast<int>(rnd() * 7));
    if (kind == 4 && rnd() < 0.3) v = -INFINITY;
    if (kind == 6) v = static_cast<double>(i / (keep / 2 + 1)) * 0.01;
    if (kind == 7 && i >= n - n / 4) v = 11.0;
    if (kind == 8) v = 2.0 + static_cast<double>(static_cast<int>(rnd() * 8)) * 1e-6;
    if (kind == 9) v = static_cast<double>(i) * 0.001;
    x[i] = static_cast<T>(v);
  }
  if (kind == 5 && n > 0) x[n / 2] = static_cast<T>(NAN);
  if (kind == 9 && n > 0) x[n - 1 - n / 7] = static_cast<T>(NAN);
  if (kind == 10 && n > 3) {  // a run of +inf ties, then a NaN at the end (the outside review)
    for (int64_t i = n / 4; i < n / 2; i++) x[i] = static_cast<T>(INFINITY);
    x[n - 1] = static_cast<T>(NAN);
  }
  const int64_t cap = std::max<int64_t>(1024, 2 * keep + 128);
  // a starting threshold on half the rows: the result is every element >= max(from, kth)
  const double from = (n + keep) % 2 == 0 && kind != 6 && kind != 8 ? 1.25 : -INFINITY;
  int32_t* idx = exact<int32_t>(cap);
  double* val = exact<double>(cap);
  uint64_t* keys = exact<uint64_t>(cap);
  const int64_t words = skip == 0 ? 0 : skip == 3 ? (n / 2 + 31) / 32 : (n + 31) / 32;
  uint32_t* mask = words > 0 ? exact<uint32_t>(static_cast<size_t>(words)) : nullptr;
  std::vector<char> out(static_cast<size_t>(n), 0);  // skipped: out of the reference
  if (mask != nullptr) {
    memset(mask, 0, static_cast<size_t>(words) * 4);
    std::vector<double> v(x, x + n);
    std::nth_element(v.begin(), v.begin() + n / 2, v.end(), [](double a, double b) { return a < b || (b != b && a == a); });
    const double median = v[static_cast<size_t>(n / 2)];
    for (int64_t i = 0; i < words * 32 && i < n; i++) {
      const double xi = static_cast<double>(x[i]);
      const bool s = skip == 2 ? !(xi <= median) : rnd() < 0.1;
      if (s) {
        mask[i >> 5] |= 1u << (i & 31);
        out[static_cast<size_t>(i)] = 1;
      }
    }
  }
  const int64_t got =
      l4j_collect_top(isa, dtype_of<T>(), x, 0, n, keep, idx, val, keys, cap, from, first_ties, mask, words);
  int bad = 0;
  bool has_nan = false;
  for (int64_t i = 0; i < n; i++) has_nan |= x[i] != x[i] && !out[static_cast<size_t>(i)];
  int64_t want = 0;
  if (has_nan) {
    bad += got != -1;
  } else {
    std::vector<double> sorted;
    for (int64_t i = 0; i < n; i++) {
      if (!out[static_cast<size_t>(i)]) sorted.push_back(static_cast<double>(x[i]));
    }
    const int64_t live = static_cast<int64_t>(sorted.size());
    std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return a > b; });
    double kth = live == 0 ? INFINITY : sorted[static_cast<size_t>(keep < live ? keep - 1 : live - 1)];
    kth = kth > from ? kth : from;
    int64_t above = 0;
    for (int64_t i = 0; i < n; i++) above += static_cast<double>(x[i]) > kth && !out[static_cast<size_t>(i)];
    int64_t ties = first_ties ? keep - above : INT64_MAX;
    std::vector<int64_t> expect;
    for (int64_t i = 0; i < n; i++) {
      if (out[static_cast<size_t>(i)]) continue;
      const double v = static_cast<double>(x[i]);
      if (v > kth || (v == kth && ties-- > 0)) expect.push_back(i);
    }
    want = static_cast<int64_t>(expect.size());
    if (got == -2) {
      // Giving up (the caller's whole-row select) is allowed for the answer itself a flood of
      // ties, and for rows whose ties at an intermediate threshold fill half the capacity
      // (few distinct values, ascending runs of ties, shared top bits): documented. A late
      // flood of the maximum (kind 7) with first_ties, and every other row, must be exact.
      const bool tie_rows = kind == 3 || kind == 6 || kind == 8;
      bad += first_ties ? !tie_rows : want <= (cap - 64) / 2 && !tie_rows;
    } else {
      bad += got != want;
      for (int64_t c = 0; c < got && c < want; c++) {
        bad += idx[c] != expect[c] || val[c] != static_cast<double>(x[expect[c]]);
      }
    }
  }
  if (bad) printf("collect_top: isa %d, T size %d, n %lld, keep %lld, kind %d, first_ties %d, skip %d: got %lld, want %lld\n",
                  isa, static_cast<int>(sizeof(T)), static_cast<long long>(n), static_cast<long long>(keep),
                  kind, first_ties, skip, static_cast<long long>(got), static_cast<long long>(want));
  free(x); free(idx); free(val); free(keys); free(mask);
  return bad != 0;
}

// Memory whose last element ends exactly at a PROT_NONE page: a write one past the end faults
// at once (the JVM's pinned arrays have no such page; this is how the driver sees an overfill
// that ASan's redzone might let a far write skip over). Released by guarded_free.
struct Guarded {
  void* base;
  size_t bytes;
};
template <class T>
static T* guarded(size_t n, Guarded* g) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t data = (n * sizeof(T) + page - 1) / page * page;
  g->bytes = data + page;
  g->base = mmap(nullptr, g->bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (g->base == MAP_FAILED) abort();
  char* guard = static_cast<char*>(g->base) + data;
  mprotect(guard, page, PROT_NONE);
  return reinterpret_cast<T*>(guard - n * sizeof(T));
}
static void guarded_free(const Guarded& g) { munmap(g.base, g.bytes); }

// collect_top's capacity invariant (issue 23: ties at the keep-th value overfilled the candidate
// arrays by up to 62 entries on AVX-512). Rows built for a lane width wg (4, 8, 16; the variant's
// own W is one of them): a first block run that the scan cuts to exactly keep candidates (keep - 1
// larger values and t; thr becomes t), then ties at t and smaller values placed so that the count
// lands exactly on the first limit 2 keep + 4 wg (no cut yet), then whole blocks of ties: the
// next cut keeps all of them (2 keep + 8 wg), and the block after it would write past cap unless
// the invariant holds. wg = 0: a flat row. Every keep in [1, 1100] (so these counts cross
// cap - 4W for every W), with the Java side's capacity max(1024, 2 keep + 128) and the bare
// minimum 2 keep + 128, the arrays ending at a guard page. The answer must be exact, or
// kTooManyTies when the ties at the answer's threshold fill half the capacity.
template <class T>
static int run_select_ties(int isa, int64_t keep, int64_t cap, int64_t wg) {
  const int64_t n = 3 * cap + 37;
  T* x = exact<T>(n);
  const double t = 1.0;
  for (int64_t i = 0; i < n; i++) x[i] = static_cast<T>(t);
  if (wg > 0) {
    const int64_t block = 4 * wg;
    const int64_t widest = cap - block;
    const int64_t limit = 2 * keep + block < widest ? 2 * keep + block : widest;
    int64_t j = (limit / block + 1) * block;  // phase A: the first cut comes after these
    for (int64_t i = 0; i < j; i++) {
      x[i] = static_cast<T>(i < keep - 1 ? 2.0 + static_cast<double>(i) : (i == keep - 1 ? t : -1000.0));
    }
    int64_t need = limit - keep;  // phase B: ties and smaller values up to exactly limit
    while (need > 0 && j + block <= n) {
      for (int64_t l = 0; l < block; l++) x[j + l] = static_cast<T>(l < need ? t : -1000.0);
      need -= need < block ? need : block;
      j += block;
    }
    // phase C: the rest of the row is ties at t (already written)
  }
  Guarded gi, gv, gk;
  int32_t* idx = guarded<int32_t>(cap, &gi);
  double* val = guarded<double>(cap, &gv);
  uint64_t* keys = guarded<uint64_t>(cap, &gk);
  const int64_t got =
      l4j_collect_top(isa, dtype_of<T>(), x, 0, n, keep, idx, val, keys, cap, -INFINITY, 0, nullptr, 0);
  std::vector<double> sorted(x, x + n);
  std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return a > b; });
  const double kth = sorted[static_cast<size_t>(keep - 1)];
  int64_t want = 0;
  for (int64_t i = 0; i < n; i++) want += static_cast<double>(x[i]) >= kth;
  int bad = 0;
  if (got == -2) {
    bad += want <= (cap - 64) / 2;  // giving up is only for floods of ties
  } else {
    int64_t c = 0;
    for (int64_t i = 0; i < n; i++) {
      if (static_cast<double>(x[i]) >= kth) {
        bad += c >= got || idx[c] != i || val[c] != static_cast<double>(x[i]);
        c++;
      }
    }
    bad += c != got;
  }
  if (bad) printf("collect_top ties: isa %d, T size %d, keep %lld, cap %lld, wg %lld: got %lld, want %lld\n",
                  isa, static_cast<int>(sizeof(T)), static_cast<long long>(keep),
                  static_cast<long long>(cap), static_cast<long long>(wg), static_cast<long long>(got),
                  static_cast<long long>(want));
  free(x);
  guarded_free(gi); guarded_free(gv); guarded_free(gk);
  return bad != 0;
}

// sum_exp_blocks (generic/dense.inl) against long double: the total and every block's sum to
// 1e-13 relative, with overrides patched in (one below 0, one past n: skipped).
template <class T>
static int run_dense(int isa, int64_t n) {
  T* x = exact<T>(n);
  double m = -INFINITY;
  for (int64_t i = 0; i < n; i++) {
    x[i] = static_cast<T>(rnd() * 30 - 15);
    if (rnd() < 0.05) x[i] = static_cast<T>(-INFINITY);
  }
  const int32_t oid[4] = {-1, static_cast<int32_t>(n / 3), static_cast<int32_t>(n / 2 + 1), static_cast<int32_t>(n + 5)};
  const double oval[4] = {100.0, 7.5, -2.0, 100.0};
  for (int64_t i = 0; i < n; i++) {
    double z = static_cast<double>(x[i]);
    if (i == oid[1]) z = oval[1];
    if (i == oid[2]) z = oval[2];
    m = z > m ? z : m;
  }
  const int64_t blocks = (n + 255) / 256;
  double* bs = exact<double>(blocks);
  const double inv_t = 1 / 0.7;
  const double got = l4j_sum_exp_blocks(isa, dtype_of<T>(), x, 0, n, m, inv_t, oid, oval, 4, bs);
  int bad = 0;
  long double total = 0;
  for (int64_t b = 0; b < blocks; b++) {
    long double s = 0;
    for (int64_t i = b * 256; i < n && i < (b + 1) * 256; i++) {
      double z = static_cast<double>(x[i]);
      if (i == oid[1]) z = oval[1];
      if (i == oid[2]) z = oval[2];
      s += expl((static_cast<long double>(z) - m) * inv_t);
    }
    total += s;
    bad += fabsl(s - bs[b]) > 1e-13L * s + 1e-300L;
  }
  bad += fabsl(total - got) > 1e-13L * total;
  if (bad) printf("sum_exp_blocks: isa %d, T size %d, n %lld: %.17g vs %.17Lg\n", isa,
                  static_cast<int>(sizeof(T)), static_cast<long long>(n), got, total);
  // top-p without top-k (generic/top_p_mass.inl) on exact-size scratch: the first digit's mass
  // histogram and the kept block sums of (nearly) every token add up to the same total; a size
  // one short is refused (NaN) without a write
  for (int dbits : {1, 7, 12}) {
    const int64_t buckets = int64_t{1} << dbits;
    const int64_t slots = (buckets - 1) + ((buckets - 1) >> 6) + 2;
    double* hist = exact<double>(8 * slots);
    uint64_t* stats = exact<uint64_t>(3);
    const double mass = l4j_mass_digit(isa, dtype_of<T>(), x, 0, n, m, inv_t, oid, oval, 4, 0, 0,
                                       dbits, hist, 8 * slots, stats, 3);
    bad += !(fabsl(static_cast<long double>(mass) - total) <= 1e-12L * total + 1e-300L);
    bad += stats[2] != static_cast<uint64_t>(n);
    bad += !isnan(l4j_mass_digit(isa, dtype_of<T>(), x, 0, n, m, inv_t, oid, oval, 4, 0, 0, dbits,
                                 hist, 8 * slots - 1, stats, 3));
    free(hist); free(stats);
  }
  int64_t* last = exact<int64_t>(1);
  const double kept = l4j_kept_block_sums(isa, dtype_of<T>(), x, 0, n, m, inv_t, oid, oval, 4, 0, n,
                                          bs, blocks, last);
  bad += !(fabsl(static_cast<long double>(kept) - total) <= 1e-12L * total + 1e-300L);
  bad += n > 0 && !isnan(l4j_kept_block_sums(isa, dtype_of<T>(), x, 0, n, m, inv_t, oid, oval, 4, 0,
                                             n, bs, blocks - 1, last));
  if (bad) printf("top_p_mass: isa %d, T size %d, n %lld\n", isa, static_cast<int>(sizeof(T)),
                  static_cast<long long>(n));
  free(x); free(bs); free(last);
  return bad != 0;
}

// Dtype codes an entry point does not take (unknown ones, integers as logits, floats as class
// indices): every entry refuses them before touching memory (all pointers here are null, so a
// read or write would be reported) and says so: L4J_REFUSED, or NaN and bad[0] = L4J_REFUSED.
static int run_refusals(int isa) {
  int bad = 0;
  int64_t report[2] = {7, 7};
  const int not_logits[] = {-1, L4J_I32, L4J_I64, 6, 99, INT32_MIN, INT32_MAX};
  for (int dt : not_logits) {
    bad += l4j_softmax(isa, dt, nullptr, 0, nullptr, 0, 2, 5, 3, 1.0, 0) != L4J_REFUSED;
    bad += l4j_logsumexp(isa, dt, nullptr, 0, nullptr, 0, 2, 5, 3) != L4J_REFUSED;
    bad += !isnan(l4j_ce_index(isa, dt, nullptr, 0, nullptr, 0, L4J_I64, 2, 5, 3, nullptr, -100, 0, nullptr, 0, report));
    bad += report[0] != L4J_REFUSED;
    bad += !isnan(l4j_ce_prob(isa, dt, nullptr, 0, nullptr, 0, 2, 5, 3, nullptr, 0, nullptr, 0));
    bad += l4j_collect_top(isa, dt, nullptr, 0, 5, 1, nullptr, nullptr, nullptr, 1024, -INFINITY, 0, nullptr, 0) != L4J_REFUSED;
    bad += !isnan(l4j_row_log_prob(isa, dt, nullptr, 0, 5, 1));
    bad += !isnan(l4j_sum_exp_blocks(isa, dt, nullptr, 0, 5, 0, 1, nullptr, nullptr, 0, nullptr));
  }
  const int not_targets[] = {-1, L4J_F32, L4J_F64, L4J_F16, L4J_BF16, 6, 99, INT32_MIN};
  for (int tt : not_targets) {
    for (int dt : {L4J_F32, L4J_F64, L4J_F16, L4J_BF16}) {
      report[0] = report[1] = 7;
      bad += !isnan(l4j_ce_index(isa, dt, nullptr, 0, nullptr, 0, tt, 2, 5, 3, nullptr, -100, 0, nullptr, 0, report));
      bad += report[0] != L4J_REFUSED;
    }
  }
  if (bad) printf("sanitize: isa %d: %d dtype codes not refused\n", isa, bad);
  return bad;
}

int main() {
  const int features = l4j_cpu_features();
  printf("sanitize: cpu: %s\n", logits4j::describe_features(features).c_str());
  int bad = 0;
  for (const logits4j::Variant& v : logits4j::kVariants) {
    if (!logits4j::variant_supported(v, features)) continue;
    const int isa = v.id;
    bad += run_refusals(isa);
    long calls = 0;
    for (int64_t n = 0; n <= 300; n++) {
      bad += run_variant<float>(isa, 2, n, 1) + run_variant<double>(isa, 2, n, 1);
      bad += run_variant<float>(isa, 1, n, 3) + run_variant<double>(isa, 2, n, 17);
      calls += 4;
    }
    for (int64_t n = 0; n <= 70; n++) {
      // many short rows: the transposed blocks of W rows and the rows left after them
      bad += run_variant<float>(isa, 37, n, 1) + run_variant<double>(isa, 19, n, 1);
      bad += run_variant<float>(isa, 1, n, 70) + run_variant<double>(isa, 1, n, 37);
      calls += 4;
    }
    // rows past 4 MiB: the online normaliser, with a tail
    bad += run_variant<float>(isa, 2, (1 << 20) + 5, 1) + run_variant<double>(isa, 1, (1 << 19) + 3, 1);
    calls += 2;
    for (int64_t n : {32000, 128256}) {
      bad += run_variant<float>(isa, 1, n, 1) + run_variant<double>(isa, 1, n, 1);
      bad += run_variant<float>(isa, 1, n / 1000, 33);
      calls += 3;
    }
    long select = 0;
    for (int kind = 0; kind < 11; kind++) {
      for (int64_t n : {0, 1, 2, 5, 17, 63, 64, 65, 200, 1000, 5000, 32000, 128256}) {
        for (int64_t keep : {1, 2, 20, 50, 447, 1000}) {
          if (n == 0) continue;
          for (int first_ties = 0; first_ties < 2; first_ties++) {
            for (int skip = 0; skip < 4; skip++) {
              bad += run_select<float>(isa, n, keep, kind, first_ties, skip) +
                     run_select<double>(isa, n, keep, kind, first_ties, skip);
              select += 2;
            }
          }
        }
      }
    }
    long ties = 0;
    for (int64_t keep = 1; keep <= 1100; keep++) {
      const int64_t java_cap = std::max<int64_t>(1024, 2 * keep + 128);
      for (int64_t cap : {java_cap, 2 * keep + 128}) {
        if (cap == java_cap && cap == 2 * keep + 128 && keep % 7 != 0) continue;  // same cap twice
        for (int64_t wg : {0, 4, 8, 16}) {
          bad += run_select_ties<float>(isa, keep, cap, wg) + run_select_ties<double>(isa, keep, cap, wg);
          ties += 2;
        }
      }
    }
    printf("sanitize: %s: %ld collect_top rows with crafted ties (W = 4, 8, 16) at every keep in [1, 1100]\n", v.name, ties);
    for (int64_t n : {3, 255, 256, 257, 1000, 4099, 128256}) {
      bad += run_dense<float>(isa, n) + run_dense<double>(isa, n);
      select += 2;
    }
    long half = 0;
    for (int dt : {L4J_F16, L4J_BF16}) {
      for (int64_t n = 0; n <= 300; n++) {
        bad += run_half(isa, dt, 2, n, 1) + run_half(isa, dt, 1, n, 3);
        half += 2;
      }
      for (int64_t n = 0; n <= 70; n++) {
        bad += run_half(isa, dt, 37, n, 1) + run_half(isa, dt, 1, n, 70);
        half += 2;
      }
      bad += run_half(isa, dt, 2, (1 << 20) + 5, 1) + run_half(isa, dt, 1, 128256, 1);
      half += 2;
    }
    printf("sanitize: %s: %ld shapes, all ops, float32 and float64; %ld shapes float16/bfloat16; "
           "%ld collect_top / sum_exp_blocks rows against references\n", v.name, calls, half, select);
  }
  printf("sanitize: %d failures (non-finite outputs on finite inputs, wrong candidates)\n", bad);
  return bad == 0 ? 0 : 1;
}
