// Rows past the caches: the online normaliser (Milakov & Gimelshein, 2018) finds the max and the
// sum of exp in one pass instead of two, which saves a pass over memory on rows too long for the
// caches (see kOnlineRowBytes for the measurements).
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

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
  template <bool kScaled, class X>
  static double row_online(const X* x, int64_t n, T invT, T* m_out) {
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
