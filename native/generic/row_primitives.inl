// The row primitives (XNNPACK's reduce-max, raddstoreexpminusmax, scale): one contiguous row
// per call, four accumulators where a chain of dependent adds would bound the speed, and the
// tail as one masked vector, never a scalar loop. Each is tested alone against a float64
// reference by test/primitives_driver.cpp.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // Maximum ignoring NaN; -inf for an empty row or one of only NaN and -inf.
  template <class X>
  static T row_max(const X* x, int64_t n) {
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

  // Sum of exp(x_j * invT + negm); with kKeep, each exp (kKeepExp) or each argument x_j * invT +
  // negm (kKeepArg) is also written to e[j] (e may be x). Block totals are added with Neumaier's
  // compensation, so the sum of a long row of terms far below the running total loses nothing
  // either.
  template <Keep kKeep, bool kScaled, class X>
  static double row_sum_exp(const X* x, int64_t n, T invT, T negm, T* e, const X* pf = nullptr) {
    const R vt = V::set1(invT);
    const R vm = V::set1(negm);
    Neumaier total;
    int64_t j = 0;
    while (j < n) {
      const int64_t end = n - j > kBlock ? j + kBlock : n;
      R s0 = V::set1(0), s1 = s0, s2 = s0, s3 = s0;
      for (; j + 4 * W <= end; j += 4 * W) {
        prefetch(pf, j, 4 * W);
        const R d0 = arg<kScaled>(V::load(x + j), vt, vm);
        const R d1 = arg<kScaled>(V::load(x + j + W), vt, vm);
        const R d2 = arg<kScaled>(V::load(x + j + 2 * W), vt, vm);
        const R d3 = arg<kScaled>(V::load(x + j + 3 * W), vt, vm);
        const R e0 = V::exp_nonpos(d0);
        const R e1 = V::exp_nonpos(d1);
        const R e2 = V::exp_nonpos(d2);
        const R e3 = V::exp_nonpos(d3);
        if (kKeep != kKeepNothing) {
          V::store(e + j, kKeep == kKeepExp ? e0 : d0);
          V::store(e + j + W, kKeep == kKeepExp ? e1 : d1);
          V::store(e + j + 2 * W, kKeep == kKeepExp ? e2 : d2);
          V::store(e + j + 3 * W, kKeep == kKeepExp ? e3 : d3);
        }
        s0 = V::add(s0, e0);
        s1 = V::add(s1, e1);
        s2 = V::add(s2, e2);
        s3 = V::add(s3, e3);
      }
      for (; j + W <= end; j += W) {
        const R d0 = arg<kScaled>(V::load(x + j), vt, vm);
        const R e0 = V::exp_nonpos(d0);
        if (kKeep != kKeepNothing) {
          V::store(e + j, kKeep == kKeepExp ? e0 : d0);
        }
        s0 = V::add(s0, e0);
      }
      if (j < end) {
        // Only at the end of the row (kBlock is a multiple of W). Lanes past it read -inf: exp 0.
        const R d0 = arg<kScaled>(V::load_tail(x + j, end - j, neg_inf()), vt, vm);
        const R e0 = V::exp_nonpos(d0);
        if (kKeep != kKeepNothing) {
          V::store_tail(e + j, kKeep == kKeepExp ? e0 : d0, end - j);
        }
        s0 = V::add(s0, e0);
        j = end;
      }
      total.add(V::hsum(V::add(V::add(s0, s1), V::add(s2, s3))));
    }
    return total.value();
  }

  // y = y * c (kMul: softmax's last pass, c = 1/s) or y = y - c in place (log-softmax's, over
  // the arguments row_sum_exp<kKeepArg> left in y, c = log s: the same rounding as row_log's).
  template <bool kMul>
  static void row_rescale(T* y, int64_t n, T c) {
    const R vc = V::set1(c);
    int64_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      V::store(y + j, rescale<kMul>(V::load(y + j), vc));
      V::store(y + j + W, rescale<kMul>(V::load(y + j + W), vc));
    }
    for (; j + W <= n; j += W) {
      V::store(y + j, rescale<kMul>(V::load(y + j), vc));
    }
    if (j < n) {
      V::store_tail(y + j, rescale<kMul>(V::load_tail(y + j, n - j, 0), vc), n - j);
    }
  }
  template <bool kMul>
  static inline R rescale(R y, R c) {
    return kMul ? V::mul(y, c) : V::sub(y, c);
  }
  static void row_scale(T* y, int64_t n, T s) { row_rescale<true>(y, n, s); }
  static void row_sub(T* y, int64_t n, T logs) { row_rescale<false>(y, n, logs); }

  // y = (x * invT + negm) - logs: the difference to the max first, then the log of the sum, so a
  // large max never costs precision (log-softmax is never log(softmax)).
  template <bool kScaled, class X>
  static void row_log(const X* x, T* y, int64_t n, T invT, T negm, T logs) {
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

  // y = exp(x * invT + negm) * f: the online path's output pass (softmax).
  template <bool kScaled, class X>
  static void row_exp_scale(const X* x, T* y, int64_t n, T invT, T negm, T f) {
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
  template <class X>
  static T row_min(const X* x, int64_t n) {
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
