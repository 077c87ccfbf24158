// Strided slices: the K-dim layout (inner > 1), where a slice's elements are `inner` apart, runs
// vectorised across up to kCols * W neighbouring slices, one lane each, with no transpose copy.
// Contiguous rows shorter than kShortRow come here too, W at a time, through a transposed block
// (transpose_in / transpose_out): each lane then holds one row and needs no horizontal reduction.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // block[j * W + l] = row l's element j, for W rows of n elements starting at x.
  template <class X>
  static void transpose_in(const X* x, int64_t n, T* block) {
    if constexpr (kGatherRows && std::is_same<X, T>::value) {
      // Where the lane type gathers, one gather per element index (short_rows.inl says why).
      int32_t start[W];
      for (int64_t l = 0; l < W; l++) {
        start[l] = static_cast<int32_t>(l * n);
      }
      const auto idx = V::load_index(start);
      for (int64_t j = 0; j < n; j++) {
        V::store(block + j * W, V::gather(x + j, idx));
      }
      return;
    }
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
  template <int K, class X>
  static void cols_max(const X* x, int64_t n, int64_t inner, int64_t w, R* m) {
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
  template <int K, bool kStore, class X>
  static void cols_sum_exp(const X* x, T* e, int64_t n, int64_t inner, int64_t w, R vt,
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
  template <int K, class X>
  static bool cols_min_ok(const X* x, int64_t n, int64_t inner, int64_t w, T invT) {
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

  template <int K, class X>
  static void softmax_cols_k(const X* x, T* y, int64_t n, int64_t inner, int64_t w, T invT,
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
  template <class X>
  static void softmax_cols(const X* x, T* y, int64_t n, int64_t inner, int64_t w, T invT,
                           int flags) {
    switch ((w + W - 1) / W) {
      case 1: softmax_cols_k<1>(x, y, n, inner, w, invT, flags); break;
      case 2: softmax_cols_k<2>(x, y, n, inner, w, invT, flags); break;
      case 3: softmax_cols_k<3>(x, y, n, inner, w, invT, flags); break;
      default: softmax_cols_k<4>(x, y, n, inner, w, invT, flags); break;
    }
  }

  // logsumexp of w <= K * W slices whose elements are `inner` apart, vectorised across them.
  template <int K, class X>
  static void logsumexp_cols_k(const X* xs, T* ys, int64_t n, int64_t inner, int64_t w) {
    R mx[K];
    cols_max<K>(xs, n, inner, w, mx);
    T m[K * W];
    if (!lanes_ok<K>(mx, w, 1, m)) {
      for (int64_t l = 0; l < w; l++) {
        ys[l] = slow_logsumexp_slice<T>(xs + l, n, inner);
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

  template <class X>
  static void logsumexp_cols(const X* xs, T* ys, int64_t n, int64_t inner, int64_t w) {
    switch ((w + W - 1) / W) {
      case 1: logsumexp_cols_k<1>(xs, ys, n, inner, w); break;
      case 2: logsumexp_cols_k<2>(xs, ys, n, inner, w); break;
      case 3: logsumexp_cols_k<3>(xs, ys, n, inner, w); break;
      default: logsumexp_cols_k<4>(xs, ys, n, inner, w); break;
    }
  }
