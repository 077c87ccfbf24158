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
  // Rows at least this long ask for the next row while making their last pass over this one:
  // the next row's first pass (the max) then reads it from cache instead of waiting on memory,
  // and the memory traffic overlaps the compute (out-of-cache batches: see README).
  static constexpr int64_t kPrefetchRow = 4096;

  // Requests [p + j, p + j + count) ahead of use, one request per 64-byte line, for reading or
  // (kWrite) writing; p may be null (nothing to fetch). A prefetch never faults, and is only ever
  // given memory of the call. (Fetching the next row's y for writing as well was measured
  // slower: 0.40 vs 0.31 ns/element.)
  template <bool kWrite = false>
  static inline void prefetch(const T* p, int64_t j, int64_t count) {
    if (p) {
      const char* b = reinterpret_cast<const char*>(p + j);
      for (int64_t k = 0; k < count * static_cast<int64_t>(sizeof(T)); k += 64) {
        __builtin_prefetch(b + k, kWrite ? 1 : 0, 3);
      }
    }
  }
  static inline const T* next_row(const T* x, int64_t o, int64_t outer, int64_t n) {
    return o + 1 < outer && n >= kPrefetchRow ? x + (o + 1) * n : nullptr;
  }

  // block[j * W + l] = row l's element j, for W rows of n elements starting at x.
  static void transpose_in(const T* x, int64_t n, T* block) {
    for (int64_t l = 0; l < W; l++) {
      for (int64_t j = 0; j < n; j++) {
        block[j * W + l] = x[l * n + j];
      }
    }
  }
  static void transpose_out(const T* block, int64_t n, T* y) {
    for (int64_t l = 0; l < W; l++) {
      for (int64_t j = 0; j < n; j++) {
        y[l * n + j] = block[j * W + l];
      }
    }
  }

  static inline T neg_inf() { return -std::numeric_limits<T>::infinity(); }
  static inline bool finite(T v) { return v > neg_inf() && v < -neg_inf(); }

  // The exponent argument d = z - m with z = x * (1/T) rounded first, exactly as the max was
  // scaled, so the max element gets d = 0 exactly (an FMA would leave it the rounding residual of
  // z, which is huge in absolute terms when |z| is). With T = 1 it is one subtraction.
  template <bool kScaled>
  static inline R arg(R x, R vt, R vnegm) {
    return V::add(kScaled ? V::mul(x, vt) : x, vnegm);
  }

  static inline R load_n(const T* p, int64_t w, T fill) {
    return w == W ? V::load(p) : V::load_tail(p, w, fill);
  }
  static inline void store_n(T* p, R v, int64_t w) {
    if (w == W) {
      V::store(p, v);
    } else {
      V::store_tail(p, v, w);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // contiguous rows

  // Maximum ignoring NaN; -inf for an empty row or one of only NaN and -inf.
  static T row_max(const T* x, int64_t n) {
    R m0 = V::set1(neg_inf()), m1 = m0, m2 = m0, m3 = m0;
    int64_t j = 0;
    for (; j + 4 * W <= n; j += 4 * W) {
      m0 = V::max_keep(V::load(x + j), m0);
      m1 = V::max_keep(V::load(x + j + W), m1);
      m2 = V::max_keep(V::load(x + j + 2 * W), m2);
      m3 = V::max_keep(V::load(x + j + 3 * W), m3);
    }
    for (; j + W <= n; j += W) {
      m0 = V::max_keep(V::load(x + j), m0);
    }
    if (j < n) {
      m0 = V::max_keep(V::load_tail(x + j, n - j, neg_inf()), m0);
    }
    return V::hmax(V::max_keep(V::max_keep(m0, m1), V::max_keep(m2, m3)));
  }

  // Sum of exp(x_j * invT + negm); with kStore, each exp is also written to e[j] (e may be x).
  // Block totals are added with Neumaier's compensation, so the sum of a long row of terms far
  // below the running total loses nothing either.
  template <bool kStore, bool kScaled>
  static double row_sum_exp(const T* x, int64_t n, T invT, T negm, T* e, const T* pf = nullptr) {
    const R vt = V::set1(invT);
    const R vm = V::set1(negm);
    Neumaier total;
    int64_t j = 0;
    while (j < n) {
      const int64_t end = n - j > kBlock ? j + kBlock : n;
      R s0 = V::set1(0), s1 = s0, s2 = s0, s3 = s0;
      for (; j + 4 * W <= end; j += 4 * W) {
        prefetch(pf, j, 4 * W);
        const R e0 = V::exp_nonpos(arg<kScaled>(V::load(x + j), vt, vm));
        const R e1 = V::exp_nonpos(arg<kScaled>(V::load(x + j + W), vt, vm));
        const R e2 = V::exp_nonpos(arg<kScaled>(V::load(x + j + 2 * W), vt, vm));
        const R e3 = V::exp_nonpos(arg<kScaled>(V::load(x + j + 3 * W), vt, vm));
        if (kStore) {
          V::store(e + j, e0);
          V::store(e + j + W, e1);
          V::store(e + j + 2 * W, e2);
          V::store(e + j + 3 * W, e3);
        }
        s0 = V::add(s0, e0);
        s1 = V::add(s1, e1);
        s2 = V::add(s2, e2);
        s3 = V::add(s3, e3);
      }
      for (; j + W <= end; j += W) {
        const R e0 = V::exp_nonpos(arg<kScaled>(V::load(x + j), vt, vm));
        if (kStore) {
          V::store(e + j, e0);
        }
        s0 = V::add(s0, e0);
      }
      if (j < end) {
        // Only at the end of the row (kBlock is a multiple of W). Lanes past it read -inf: exp 0.
        const R e0 = V::exp_nonpos(arg<kScaled>(V::load_tail(x + j, end - j, neg_inf()), vt, vm));
        if (kStore) {
          V::store_tail(e + j, e0, end - j);
        }
        s0 = V::add(s0, e0);
        j = end;
      }
      total.add(V::hsum(V::add(V::add(s0, s1), V::add(s2, s3))));
    }
    return total.value();
  }

  static void row_scale(T* y, int64_t n, T s) {
    const R vs = V::set1(s);
    int64_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      V::store(y + j, V::mul(V::load(y + j), vs));
      V::store(y + j + W, V::mul(V::load(y + j + W), vs));
    }
    for (; j + W <= n; j += W) {
      V::store(y + j, V::mul(V::load(y + j), vs));
    }
    if (j < n) {
      V::store_tail(y + j, V::mul(V::load_tail(y + j, n - j, 0), vs), n - j);
    }
  }

  // y = (x * invT + negm) - logs: the difference to the max first, then the log of the sum, so a
  // large max never costs precision (log-softmax is never log(softmax)).
  template <bool kScaled>
  static void row_log(const T* x, T* y, int64_t n, T invT, T negm, T logs) {
    const R vt = V::set1(invT);
    const R vm = V::set1(negm);
    const R vl = V::set1(logs);
    int64_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      V::store(y + j, V::sub(arg<kScaled>(V::load(x + j), vt, vm), vl));
      V::store(y + j + W, V::sub(arg<kScaled>(V::load(x + j + W), vt, vm), vl));
    }
    for (; j + W <= n; j += W) {
      V::store(y + j, V::sub(arg<kScaled>(V::load(x + j), vt, vm), vl));
    }
    if (j < n) {
      V::store_tail(y + j, V::sub(arg<kScaled>(V::load_tail(x + j, n - j, 0), vt, vm), vl), n - j);
    }
  }

  static inline bool fits(double v) {
    return v >= -static_cast<double>(std::numeric_limits<T>::max()) &&
           v <= static_cast<double>(std::numeric_limits<T>::max());
  }

  // The max scaled by 1/T, or false when it is not finite in T (then the slow path runs).
  static inline bool scaled_max(T mx, T invT, T* m) {
    if (!finite(mx)) {
      return false;
    }
    const double md = static_cast<double>(mx) * static_cast<double>(invT);
    if (!fits(md)) {
      return false;
    }
    *m = static_cast<T>(md);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // rows past the caches: the online normaliser (Milakov & Gimelshein, 2018)

  // Rows of at least this many bytes take one pass for the maximum and the sum together
  // instead of two (max, then sum): native/study/long_rows.sh measured, float32 AVX-512 on an
  // AMD EPYC, 0.428 -> 0.345 ns/element at 16 MiB and 0.474 -> 0.391 at 128 MiB, but 0.316
  // vs 0.322 (three passes still ahead) at 2 MiB. Not for T < 1 (x / T may overflow: its min
  // check needs a pass of its own) nor for the scalar variant (compute-bound: the rescaling
  // exps cost more than the pass they save).
  static constexpr int64_t kOnlineRowBytes = int64_t(4) << 20;
  static inline bool online_row(int64_t n, T invT) {
    return W >= 4 && invT <= 1 && n * static_cast<int64_t>(sizeof(T)) >= kOnlineRowBytes;
  }

  // One pass over the row: *m = max(x * invT), returned with sum exp(x * invT - *m); returns NaN
  // or 0 instead when the row holds a NaN or an infinity or is all -inf (the caller then takes
  // the ordinary path, whose slow paths implement the rules). Each lane keeps a running max and
  // a float sum rescaled by exp(old - new) when the max grows; block sums are folded into
  // doubles every kBlock elements, rescaled the same way.
  template <bool kScaled>
  static double row_online(const T* x, int64_t n, T invT, T* m_out) {
    const T lowest = -std::numeric_limits<T>::max();
    const R vt = V::set1(invT);
    const R zero = V::set1(0);
    R m = V::set1(lowest);
    double total[W];
    T mlast[W];
    for (int64_t l = 0; l < W; l++) {
      total[l] = 0;
      mlast[l] = lowest;
    }
    int64_t j = 0;
    while (j < n) {
      const int64_t end = n - j > kBlock ? j + kBlock : n;
      R s = zero;
      for (; j + 4 * W <= end; j += 4 * W) {
        const R z0 = arg<kScaled>(V::load(x + j), vt, zero);
        const R z1 = arg<kScaled>(V::load(x + j + W), vt, zero);
        const R z2 = arg<kScaled>(V::load(x + j + 2 * W), vt, zero);
        const R z3 = arg<kScaled>(V::load(x + j + 3 * W), vt, zero);
        const R mn = V::max_keep(V::max_keep(V::max_keep(z0, z1), V::max_keep(z2, z3)), m);
        s = V::mul(s, V::exp_nonpos(V::sub(m, mn)));
        s = V::add(s, V::add(V::add(V::exp_nonpos(V::sub(z0, mn)), V::exp_nonpos(V::sub(z1, mn))),
                             V::add(V::exp_nonpos(V::sub(z2, mn)), V::exp_nonpos(V::sub(z3, mn)))));
        m = mn;
      }
      for (; j < end; j += W) {
        // Lanes past the row read -inf: their exp is 0 and they never raise the max.
        const R z = arg<kScaled>(load_n(x + j, end - j < W ? end - j : W, neg_inf()), vt, zero);
        const R mn = V::max_keep(z, m);
        s = V::add(V::mul(s, V::exp_nonpos(V::sub(m, mn))), V::exp_nonpos(V::sub(z, mn)));
        m = mn;
      }
      T sv[W];
      T mv[W];
      V::lanes(s, sv);
      V::lanes(m, mv);
      for (int64_t l = 0; l < W; l++) {
        // std::exp only when the lane's max grew: it costs about as much as a block of exps.
        if (mv[l] != mlast[l]) {
          total[l] *= std::exp(static_cast<double>(mlast[l]) - mv[l]);
          mlast[l] = mv[l];
        }
        total[l] += sv[l];
      }
    }
    T mx = mlast[0];
    for (int64_t l = 1; l < W; l++) {
      mx = mlast[l] > mx ? mlast[l] : mx;
    }
    double sum = 0;
    for (int64_t l = 0; l < W; l++) {
      sum += total[l] * std::exp(static_cast<double>(mlast[l]) - mx);
    }
    *m_out = mx;
    return finite(mx) ? sum : std::numeric_limits<double>::quiet_NaN();
  }

  // y = exp(x * invT + negm) * f: the online path's output pass (softmax).
  template <bool kScaled>
  static void row_exp_scale(const T* x, T* y, int64_t n, T invT, T negm, T f) {
    const R vt = V::set1(invT);
    const R vm = V::set1(negm);
    const R vf = V::set1(f);
    int64_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      V::store(y + j, V::mul(V::exp_nonpos(arg<kScaled>(V::load(x + j), vt, vm)), vf));
      V::store(y + j + W, V::mul(V::exp_nonpos(arg<kScaled>(V::load(x + j + W), vt, vm)), vf));
    }
    for (; j < n; j += W) {
      const int64_t k = n - j < W ? n - j : W;
      store_n(y + j, V::mul(V::exp_nonpos(arg<kScaled>(load_n(x + j, k, neg_inf()), vt, vm)), vf), k);
    }
  }

  // Minimum ignoring NaN (+inf for none); needed only when T < 1, where x / T may overflow.
  static T row_min(const T* x, int64_t n) {
    const T pos_inf = -neg_inf();
    R m0 = V::set1(pos_inf), m1 = m0;
    int64_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      m0 = V::min_keep(V::load(x + j), m0);
      m1 = V::min_keep(V::load(x + j + W), m1);
    }
    for (; j + W <= n; j += W) {
      m0 = V::min_keep(V::load(x + j), m0);
    }
    if (j < n) {
      m0 = V::min_keep(V::load_tail(x + j, n - j, pos_inf), m0);
    }
    return V::hmin(V::min_keep(m0, m1));
  }

  template <bool kScaled>
  // pf: the next row, fetched during the exp pass (the longest, compute-bound one).
  static void softmax_row(const T* x, T* y, int64_t n, T invT, int flags, const T* pf) {
    T m;
    if (online_row(n, invT)) {
      const double s = row_online<kScaled>(x, n, invT, &m);
      if (s > 0) {  // false for NaN (a special value) and 0 (an all -inf row)
        if (flags & kFlagLog) {
          row_log<kScaled>(x, y, n, invT, -m, static_cast<T>(std::log(s)));
        } else {
          row_exp_scale<kScaled>(x, y, n, invT, -m, static_cast<T>(1.0 / s));
        }
        return;
      }
    }
    // With T < 1, x / T of a very negative x can overflow to -inf although the log-probability
    // is finite: such rows take the double-precision slow path.
    if (!scaled_max(row_max(x, n), invT, &m) ||
        (invT > 1 && !fits(static_cast<double>(row_min(x, n)) * invT))) {
      slow_softmax_slice(x, y, n, 1, static_cast<double>(invT), flags);
      return;
    }
    if (flags & kFlagLog) {
      const double s = row_sum_exp<false, kScaled>(x, n, invT, -m, nullptr, pf);
      row_log<kScaled>(x, y, n, invT, -m, static_cast<T>(std::log(s)));
    } else {
      const double s = row_sum_exp<true, kScaled>(x, n, invT, -m, y, pf);
      row_scale(y, n, static_cast<T>(1.0 / s));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // strided slices: vectorised across up to kCols * W inner lanes at a time

  // Up to kCols vectors of slices side by side: each row step of a column block then reads one
  // contiguous run and carries kCols independent exp/sum chains (one vector per step measured
  // 2.1x the last-axis time per element on [64, 1000, 64]).
  static constexpr int kCols = 4;

  // Lanes of vector k in a block of w slices (all W but the last).
  static inline int64_t lanes_of(int64_t w, int k) {
    const int64_t r = w - static_cast<int64_t>(k) * W;
    return r < W ? r : W;
  }

  // Lane maxima of a [n x w] column block whose rows are `inner` apart, w <= K * W.
  template <int K>
  static void cols_max(const T* x, int64_t n, int64_t inner, int64_t w, R* m) {
    for (int k = 0; k < K; k++) {
      m[k] = V::set1(neg_inf());
    }
    for (int64_t j = 0; j < n; j++) {
      for (int k = 0; k < K; k++) {
        m[k] = V::max_keep(load_n(x + j * inner + k * W, lanes_of(w, k), neg_inf()), m[k]);
      }
    }
  }

  // Per-lane sums of exp(x * invT + negm), folded into double every kBlock rows. Each lane adds
  // its terms one after another (no 4-way split as along a row), so the lane sums carry Kahan
  // compensation: without it a lane of 33 terms measured 5.3 u of log-softmax error (bound 4).
  // pfw: where the caller will write next (log-softmax's y), requested for writing during this
  // compute-bound pass so that the output pass does not stall on its write-allocate misses.
  template <int K, bool kStore>
  static void cols_sum_exp(const T* x, T* e, int64_t n, int64_t inner, int64_t w, R vt,
                           const R* vm, double* sums, const T* pfw = nullptr) {
    T part[K * W];
    T lost[K * W];
    Neumaier acc[K * W];
    int64_t j = 0;
    while (j < n) {
      const int64_t end = n - j > kBlock ? j + kBlock : n;
      R s[K];
      R c[K];  // what the running sum s has dropped, negated (Kahan)
      for (int k = 0; k < K; k++) {
        s[k] = V::set1(0);
        c[k] = s[k];
      }
      for (; j < end; j++) {
        prefetch<true>(pfw, j * inner, K * W);
        for (int k = 0; k < K; k++) {
          const int64_t lk = lanes_of(w, k);
          const R ev = V::exp_nonpos(arg<true>(load_n(x + j * inner + k * W, lk, neg_inf()), vt, vm[k]));
          if (kStore) {
            store_n(e + j * inner + k * W, ev, lk);
          }
          const R y = V::sub(ev, c[k]);
          const R t = V::add(s[k], y);
          c[k] = V::sub(V::sub(t, s[k]), y);
          s[k] = t;
        }
      }
      for (int k = 0; k < K; k++) {
        V::lanes(s[k], part + k * W);
        V::lanes(c[k], lost + k * W);
      }
      for (int64_t l = 0; l < K * W; l++) {
        acc[l].add(part[l]);
        acc[l].add(-lost[l]);
      }
    }
    for (int64_t l = 0; l < K * W; l++) {
      sums[l] = acc[l].value();
    }
  }

  // True when no lane's minimum overflows once divided by T (checked only for T < 1).
  template <int K>
  static bool cols_min_ok(const T* x, int64_t n, int64_t inner, int64_t w, T invT) {
    const T pos_inf = -neg_inf();
    R m[K];
    for (int k = 0; k < K; k++) {
      m[k] = V::set1(pos_inf);
    }
    for (int64_t j = 0; j < n; j++) {
      for (int k = 0; k < K; k++) {
        m[k] = V::min_keep(load_n(x + j * inner + k * W, lanes_of(w, k), pos_inf), m[k]);
      }
    }
    T mv[K * W];
    for (int k = 0; k < K; k++) {
      V::lanes(m[k], mv + k * W);
    }
    for (int64_t l = 0; l < w; l++) {
      if (!fits(static_cast<double>(mv[l]) * invT)) {
        return false;
      }
    }
    return true;
  }

  // True when every one of the first w lanes has a finite maximum that stays finite over T;
  // scaled[0 .. K*W) gets the maxima over T (0 past w).
  template <int K>
  static bool lanes_ok(const R* m, int64_t w, T invT, T* scaled) {
    T mv[K * W];
    for (int k = 0; k < K; k++) {
      V::lanes(m[k], mv + k * W);
    }
    for (int64_t l = 0; l < w; l++) {
      if (!scaled_max(mv[l], invT, &scaled[l])) {
        return false;
      }
    }
    for (int64_t l = w; l < K * W; l++) {
      scaled[l] = 0;
    }
    return true;
  }

  template <int K>
  static void softmax_cols_k(const T* x, T* y, int64_t n, int64_t inner, int64_t w, T invT,
                             int flags) {
    R mx[K];
    cols_max<K>(x, n, inner, w, mx);
    T m[K * W];
    if (!lanes_ok<K>(mx, w, invT, m) || (invT > 1 && !cols_min_ok<K>(x, n, inner, w, invT))) {
      for (int64_t l = 0; l < w; l++) {
        slow_softmax_slice(x + l, y + l, n, inner, static_cast<double>(invT), flags);
      }
      return;
    }
    T negm[K * W];
    for (int64_t l = 0; l < K * W; l++) {
      negm[l] = -m[l];
    }
    const R vt = V::set1(invT);
    R vm[K];
    for (int k = 0; k < K; k++) {
      vm[k] = V::load(negm + k * W);
    }
    double sums[K * W];
    T factor[K * W];
    R vf[K];
    if (flags & kFlagLog) {
      cols_sum_exp<K, false>(x, nullptr, n, inner, w, vt, vm, sums, inner > W ? y : nullptr);
      for (int64_t l = 0; l < K * W; l++) {
        factor[l] = static_cast<T>(std::log(sums[l]));
      }
      for (int k = 0; k < K; k++) {
        vf[k] = V::load(factor + k * W);
      }
      for (int64_t j = 0; j < n; j++) {
        for (int k = 0; k < K; k++) {
          const int64_t lk = lanes_of(w, k);
          const int64_t at = j * inner + k * W;
          store_n(y + at, V::sub(arg<true>(load_n(x + at, lk, 0), vt, vm[k]), vf[k]), lk);
        }
      }
    } else {
      cols_sum_exp<K, true>(x, y, n, inner, w, vt, vm, sums);
      for (int64_t l = 0; l < K * W; l++) {
        factor[l] = static_cast<T>(1.0 / sums[l]);
      }
      for (int k = 0; k < K; k++) {
        vf[k] = V::load(factor + k * W);
      }
      for (int64_t j = 0; j < n; j++) {
        for (int k = 0; k < K; k++) {
          const int64_t lk = lanes_of(w, k);
          const int64_t at = j * inner + k * W;
          store_n(y + at, V::mul(load_n(y + at, lk, 0), vf[k]), lk);
        }
      }
    }
  }

  // Softmax of w <= kCols * W slices whose elements are `inner` apart.
  static void softmax_cols(const T* x, T* y, int64_t n, int64_t inner, int64_t w, T invT,
                           int flags) {
    switch ((w + W - 1) / W) {
      case 1: softmax_cols_k<1>(x, y, n, inner, w, invT, flags); break;
      case 2: softmax_cols_k<2>(x, y, n, inner, w, invT, flags); break;
      case 3: softmax_cols_k<3>(x, y, n, inner, w, invT, flags); break;
      default: softmax_cols_k<4>(x, y, n, inner, w, invT, flags); break;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ops

  static void softmax(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, T invT,
                      int flags) {
    if (n == 0) {
      return;
    }
    if (inner == 1) {
      int64_t o = 0;
      if (kBlockRows && n < kShortRow) {
        T block[kShortRow * W];
        for (; o + W <= outer; o += W) {
          transpose_in(x + o * n, n, block);
          softmax_cols(block, block, n, W, W, invT, flags);
          transpose_out(block, n, y + o * n);
        }
      }
      for (; o < outer; o++) {
        if (invT == 1) {
          softmax_row<false>(x + o * n, y + o * n, n, invT, flags, next_row(x, o, outer, n));
        } else {
          softmax_row<true>(x + o * n, y + o * n, n, invT, flags, next_row(x, o, outer, n));
        }
      }
      return;
    }
    for (int64_t o = 0; o < outer; o++) {
      for (int64_t i = 0; i < inner; i += kCols * W) {
        const int64_t w = inner - i < kCols * W ? inner - i : kCols * W;
        softmax_cols(x + o * n * inner + i, y + o * n * inner + i, n, inner, w, invT, flags);
      }
    }
  }

  static void logsumexp(const T* x, T* y, int64_t outer, int64_t n, int64_t inner) {
    if (n == 0) {
      for (int64_t p = 0; p < outer * inner; p++) {
        y[p] = neg_inf();
      }
      return;
    }
    if (inner == 1) {
      int64_t o = 0;
      if (kBlockRows && n < kShortRow) {
        T block[kShortRow * W];
        for (; o + W <= outer; o += W) {
          transpose_in(x + o * n, n, block);
          logsumexp_cols(block, y + o, n, W, W);
        }
      }
      for (; o < outer; o++) {
        const T* row = x + o * n;
        if (online_row(n, 1)) {
          T m;
          const double s = row_online<false>(row, n, 1, &m);
          if (s > 0) {
            y[o] = static_cast<T>(static_cast<double>(m) + std::log(s));
            continue;
          }
        }
        const T mx = row_max(row, n);
        if (!finite(mx)) {
          y[o] = slow_logsumexp_slice(row, n, 1);
        } else {
          const double s = row_sum_exp<false, false>(row, n, 1, -mx, nullptr,
                                                     next_row(x, o, outer, n));
          y[o] = static_cast<T>(static_cast<double>(mx) + std::log(s));
        }
      }
      return;
    }
    for (int64_t o = 0; o < outer; o++) {
      for (int64_t i = 0; i < inner; i += kCols * W) {
        const int64_t w = inner - i < kCols * W ? inner - i : kCols * W;
        logsumexp_cols(x + o * n * inner + i, y + o * inner + i, n, inner, w);
      }
    }
  }

  // logsumexp of w <= K * W slices whose elements are `inner` apart, vectorised across them.
  template <int K>
  static void logsumexp_cols_k(const T* xs, T* ys, int64_t n, int64_t inner, int64_t w) {
    R mx[K];
    cols_max<K>(xs, n, inner, w, mx);
    T m[K * W];
    if (!lanes_ok<K>(mx, w, 1, m)) {
      for (int64_t l = 0; l < w; l++) {
        ys[l] = slow_logsumexp_slice(xs + l, n, inner);
      }
      return;
    }
    T negm[K * W];
    for (int64_t l = 0; l < K * W; l++) {
      negm[l] = -m[l];
    }
    R vm[K];
    for (int k = 0; k < K; k++) {
      vm[k] = V::load(negm + k * W);
    }
    double sums[K * W];
    cols_sum_exp<K, false>(xs, nullptr, n, inner, w, V::set1(1), vm, sums);
    for (int64_t l = 0; l < w; l++) {
      ys[l] = static_cast<T>(static_cast<double>(m[l]) + std::log(sums[l]));
    }
  }

  static void logsumexp_cols(const T* xs, T* ys, int64_t n, int64_t inner, int64_t w) {
    switch ((w + W - 1) / W) {
      case 1: logsumexp_cols_k<1>(xs, ys, n, inner, w); break;
      case 2: logsumexp_cols_k<2>(xs, ys, n, inner, w); break;
      case 3: logsumexp_cols_k<3>(xs, ys, n, inner, w); break;
      default: logsumexp_cols_k<4>(xs, ys, n, inner, w); break;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // cross-entropy, fused from the logits: per row the max, then one pass for the sum of exp and
  // the weighted sums the loss needs; log-softmax is never materialised.

  // Row sums for cross-entropy: returns sum exp(x - m); *ad = sum a_c (x_c - m), *asum = sum a_c,
  // with a_c = w_c (w may be null: 1) times, when t is not null, (t_c * keep + add).
  static double row_ce_sums(const T* x, int64_t c, T mx, const T* w, const T* t, T keep, T add,
                            double* ad, double* asum) {
    const R vm = V::set1(-mx);
    const R vkeep = V::set1(keep);
    const R vadd = V::set1(add);
    Neumaier s, sad, sa;
    int64_t j = 0;
    while (j < c) {
      const int64_t end = c - j > kBlock ? j + kBlock : c;
      R vs = V::set1(0), vad = vs, va = vs;
      for (; j < end; j += W) {
        const int64_t k = end - j < W ? end - j : W;
        // Lanes past the row read x = mx (d = 0) and weight 0, and their exp is masked off.
        const R d = V::add(load_n(x + j, k, mx), vm);
        const R valid = load_n_ones(k);
        R a = w ? load_n(w + j, k, 0) : valid;
        if (t) {
          a = V::mul(a, V::fmadd(load_n(t + j, k, 0), vkeep, vadd));
        }
        vs = V::add(vs, V::mul(V::exp_nonpos(d), valid));
        vad = V::fmadd(a, d, vad);
        va = V::add(va, a);
      }
      s.add(V::hsum(vs));
      sad.add(V::hsum(vad));
      sa.add(V::hsum(va));
    }
    *ad = sad.value();
    *asum = sa.value();
    return s.value();
  }

  static inline R load_n_ones(int64_t k) { return k == W ? V::set1(1) : V::ones_tail(k); }

  // The weighted sums of row_ce_sums again, in double: the float32 lanes overflow when logits sit
  // near +-FLT_MAX (x - m itself overflows) or weights are huge, where the double sums the Java
  // implementation forms stay finite. Taken only when a float32 sum came out non-finite, so a
  // genuine infinity (a -inf logit with eps > 0) is recomputed to the same infinity.
  // Elements of a row are `stride` apart (1 for rows, inner for the K-dim layout's lanes).
  static void row_ce_weighted_f64(const T* x, int64_t c, T mx, const T* w, const T* t, double keep,
                                  double add, double* ad, double* asum, int64_t stride = 1) {
    Neumaier sad, sa;
    for (int64_t k = 0; k < c; k++) {
      double a = w ? static_cast<double>(w[k]) : 1.0;
      if (t) {
        a *= static_cast<double>(t[k * stride]) * keep + add;
      }
      sad.add(a * (static_cast<double>(x[k * stride]) - static_cast<double>(mx)));
      sa.add(a);
    }
    *ad = sad.value();
    *asum = sa.value();
  }

  // Class indices come from caller memory that another thread may rewrite after the Java side
  // checked them. Each is read exactly once (through volatile, so the compiler cannot reload it
  // later) and checked again where it is used: a bad one is skipped, never used as an index, and
  // reported in bad[0] (position) and bad[1] (value), the first one winning; the Java side then
  // throws. The check is one unsigned compare per position.
  template <class Target>
  static inline int64_t read_target(const Target* targets, int64_t p) {
    return static_cast<int64_t>(*static_cast<const volatile Target*>(targets + p));
  }
  static inline bool class_in_range(int64_t t, int64_t c, int64_t p, int64_t* bad) {
    if (static_cast<uint64_t>(t) < static_cast<uint64_t>(c)) {
      return true;
    }
    if (bad[0] < 0) {
      bad[0] = p;
      bad[1] = t;
    }
    return false;
  }

  static double index_loss(const T* x, int64_t c, int64_t target, const T* w, double wsum,
                           double eps, const T* pf) {
    const T mx = row_max(x, c);
    if (!finite(mx)) {
      return std::numeric_limits<double>::quiet_NaN();  // PyTorch: the whole row's lp is NaN
    }
    double s;
    double ad = 0;
    double asum = 0;
    if (eps > 0) {
      s = row_ce_sums(x, c, mx, w, nullptr, 1, 0, &ad, &asum);
      if (!std::isfinite(ad)) {
        row_ce_weighted_f64(x, c, mx, w, nullptr, 1, 0, &ad, &asum);
      }
    } else {
      s = row_sum_exp<false, false>(x, c, 1, -mx, nullptr, pf);
    }
    const double logs = std::log(s);
    const double wt = w ? static_cast<double>(w[target]) : 1.0;
    const double nll = -wt * ((static_cast<double>(x[target]) - mx) - logs);
    if (eps == 0) {
      return nll;  // no smoothing term at all, as PyTorch: other -inf logits do not matter
    }
    const double smooth = wsum * logs - ad;
    return (1 - eps) * nll + (eps / c) * smooth;
  }

  static double prob_loss(const T* x, const T* t, int64_t c, const T* w, double eps) {
    if (c == 0) {
      return 0;
    }
    const T mx = row_max(x, c);
    if (!finite(mx)) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    double ad;
    double asum;
    const double s = row_ce_sums(x, c, mx, w, t, static_cast<T>(1 - eps),
                                 static_cast<T>(eps / c), &ad, &asum);
    if (!std::isfinite(ad) || !std::isfinite(asum)) {
      row_ce_weighted_f64(x, c, mx, w, t, 1 - eps, eps / c, &ad, &asum);
    }
    return std::log(s) * asum - ad;
  }

  template <class Target>
  static double ce_index(const T* logits, const Target* targets, int64_t outer, int64_t c,
                         int64_t inner, const T* w, int64_t ignore, double eps, T* out,
                         int64_t* bad) {
    double wsum = static_cast<double>(c);
    if (w) {
      wsum = 0;
      for (int64_t k = 0; k < c; k++) {
        wsum += w[k];
      }
    }
    double total = 0;
    if (inner > 1) {
      for (int64_t o = 0; o < outer; o++) {
        for (int64_t i = 0; i < inner; i += W) {
          const int64_t width = inner - i < W ? inner - i : W;
          total += index_losses_cols(logits + o * c * inner + i, targets, o * inner + i, c,
                                     inner, width, w, wsum, ignore, eps,
                                     out ? out + o * inner + i : nullptr, bad);
        }
      }
      return total;
    }
    int64_t o = 0;
    if (kBlockRows && c > 0 && c < kShortRow) {
      T block[kShortRow * W];
      for (; o + W <= outer; o += W) {
        transpose_in(logits + o * c, c, block);
        total += index_losses_cols(block, targets, o, c, W, W, w, wsum, ignore, eps,
                                   out ? out + o : nullptr, bad);
      }
    }
    for (; o < outer; o++) {
      for (int64_t i = 0; i < inner; i++) {
        const int64_t p = o * inner + i;
        const int64_t t = read_target(targets, p);
        double loss = 0;
        if (t != ignore && class_in_range(t, c, p, bad)) {
          const T* row = logits + o * c * inner + i;
          loss = index_loss(row, c, t, w, wsum, eps, next_row(logits, o, outer, c));
          total += loss;
        }
        if (out) {
          out[p] = static_cast<T>(loss);
        }
      }
    }
    return total;
  }

  // Per-lane sums over the c classes of a [c x w] block of logits `inner` apart (the K-dim
  // layout), vectorised across positions: sum exp(x - m), sum a (x - m) and sum a, with a_k the
  // class weight (1 without weights) times, for probability targets, t_k * keep + add. Lanes are
  // independent, so a lane with a non-finite max poisons only itself (its loss is NaN, as in
  // PyTorch) and lanes past w are never read back.
  static void cols_ce_sums(const T* x, const T* t, int64_t c, int64_t inner, int64_t w, R vm,
                           const T* weight, bool want_weighted, T keep, T add, double* s,
                           double* ad, double* asum) {
    T ps[W], pad[W], pa[W];
    Neumaier ns[W], nad[W], na[W];
    const R vkeep = V::set1(keep);
    const R vadd = V::set1(add);
    int64_t k = 0;
    while (k < c) {
      const int64_t end = c - k > kBlock ? k + kBlock : c;
      R vs = V::set1(0), vad = vs, va = vs;
      for (; k < end; k++) {
        const R d = V::add(load_n(x + k * inner, w, 0), vm);
        vs = V::add(vs, V::exp_nonpos(d));
        if (want_weighted) {
          R a = V::set1(weight ? weight[k] : T(1));
          if (t) {
            a = V::mul(a, V::fmadd(load_n(t + k * inner, w, 0), vkeep, vadd));
          }
          vad = V::fmadd(a, d, vad);
          va = V::add(va, a);
        }
      }
      V::lanes(vs, ps);
      V::lanes(vad, pad);
      V::lanes(va, pa);
      for (int64_t l = 0; l < W; l++) {
        ns[l].add(ps[l]);
        nad[l].add(pad[l]);
        na[l].add(pa[l]);
      }
    }
    for (int64_t l = 0; l < W; l++) {
      s[l] = ns[l].value();
      ad[l] = nad[l].value();
      asum[l] = na[l].value();
    }
  }

  // Class-index cross-entropy of w positions of the K-dim layout, vectorised across them.
  // targets + p0 is this block's first position (p0 also names it in a report of a bad target).
  template <class Target>
  static double index_losses_cols(const T* x, const Target* targets, int64_t p0, int64_t c,
                                  int64_t inner, int64_t w, const T* weight, double wsum,
                                  int64_t ignore, double eps, T* out, int64_t* bad) {
    T m[W];
    R mx;
    cols_max<1>(x, c, inner, w, &mx);
    V::lanes(mx, m);
    T negm[W];
    for (int64_t l = 0; l < W; l++) {
      negm[l] = finite(m[l]) ? -m[l] : T(0);
    }
    double s[W], ad[W], asum[W];
    cols_ce_sums(x, nullptr, c, inner, w, V::load(negm), weight, eps > 0, 1, 0, s, ad, asum);
    for (int64_t l = 0; eps > 0 && l < w; l++) {
      if (finite(m[l]) && !std::isfinite(ad[l])) {
        row_ce_weighted_f64(x + l, c, m[l], weight, nullptr, 1, 0, &ad[l], &asum[l], inner);
      }
    }
    double total = 0;
    for (int64_t l = 0; l < w; l++) {
      const int64_t t = read_target(targets, p0 + l);
      double loss = 0;
      if (t != ignore && class_in_range(t, c, p0 + l, bad)) {
        if (!finite(m[l])) {
          loss = std::numeric_limits<double>::quiet_NaN();
        } else {
          const double logs = std::log(s[l]);
          const double wt = weight ? static_cast<double>(weight[t]) : 1.0;
          const double nll = -wt * ((static_cast<double>(x[t * inner + l]) - m[l]) - logs);
          loss = eps == 0 ? nll : (1 - eps) * nll + (eps / c) * (wsum * logs - ad[l]);
        }
        total += loss;
      }
      if (out) {
        out[l] = static_cast<T>(loss);
      }
    }
    return total;
  }

  // Probability-target cross-entropy of w positions of the K-dim layout.
  static double prob_losses_cols(const T* x, const T* t, int64_t c, int64_t inner, int64_t w,
                                 const T* weight, double eps, T* out) {
    T m[W];
    R mx;
    cols_max<1>(x, c, inner, w, &mx);
    V::lanes(mx, m);
    T negm[W];
    for (int64_t l = 0; l < W; l++) {
      negm[l] = finite(m[l]) ? -m[l] : T(0);
    }
    double s[W], ad[W], asum[W];
    cols_ce_sums(x, t, c, inner, w, V::load(negm), weight, true, static_cast<T>(1 - eps),
                 static_cast<T>(eps / c), s, ad, asum);
    for (int64_t l = 0; l < w; l++) {
      if (finite(m[l]) && (!std::isfinite(ad[l]) || !std::isfinite(asum[l]))) {
        row_ce_weighted_f64(x + l, c, m[l], weight, t + l, 1 - eps, eps / c, &ad[l], &asum[l],
                            inner);
      }
    }
    double total = 0;
    for (int64_t l = 0; l < w; l++) {
      const double loss = c == 0 ? 0
                          : !finite(m[l]) ? std::numeric_limits<double>::quiet_NaN()
                                          : std::log(s[l]) * asum[l] - ad[l];
      total += loss;
      if (out) {
        out[l] = static_cast<T>(loss);
      }
    }
    return total;
  }

  static double ce_prob(const T* logits, const T* probs, int64_t outer, int64_t c, int64_t inner,
                        const T* w, double eps, T* out) {
    double total = 0;
    if (inner > 1) {
      for (int64_t o = 0; o < outer; o++) {
        for (int64_t i = 0; i < inner; i += W) {
          const int64_t width = inner - i < W ? inner - i : W;
          const int64_t base = o * c * inner + i;
          total += prob_losses_cols(logits + base, probs + base, c, inner, width, w, eps,
                                    out ? out + o * inner + i : nullptr);
        }
      }
      return total;
    }
    int64_t o = 0;
    if (kBlockRows && c > 0 && c < kShortRow) {
      T block[kShortRow * W];
      T tblock[kShortRow * W];
      for (; o + W <= outer; o += W) {
        transpose_in(logits + o * c, c, block);
        transpose_in(probs + o * c, c, tblock);
        total += prob_losses_cols(block, tblock, c, W, W, w, eps, out ? out + o : nullptr);
      }
    }
    for (; o < outer; o++) {
      for (int64_t i = 0; i < inner; i++) {
        const int64_t base = o * c * inner + i;
        const double loss = prob_loss(logits + base, probs + base, c, w, eps);
        total += loss;
        if (out) {
          out[o * inner + i] = static_cast<T>(loss);
        }
      }
    }
    return total;
  }
};

// The entry points of this variant, for logits4j_native.h's dispatch.
typedef Ops<VF> F32;
typedef Ops<VD> F64;
