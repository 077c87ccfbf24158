// Cross-entropy's gradient with respect to the logits (issue 27), written beside the loss:
// position p's gradient is k_p (A_p softmax(x_p) - a_p), where the loss is -sum_c a_c log
// softmax(x_p)_c and A_p = sum_c a_c (class-index targets t: a_c = (1 - eps) w_t [c = t] +
// eps w_c / C; probability targets q: a_c = w_c ((1 - eps) q_c + eps / C)); k_p is the call's
// scale times the upstream gradient of p when one is given. ce_index / ce_prob compute the loss as
// crossEntropy does (the same functions, so the same value bit for bit) and, for a contiguous row
// they reach one at a time, hand this file the row's max and sum of exp: the gradient is then one
// more pass over a row still in cache. Rows the loss takes in blocks (short rows, K-dim columns)
// get their gradient from grad_rows_strided afterwards, in double.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // Where the gradient goes: null for the loss alone.
  struct GradSink {
    T* g;          // the gradient, the logits' layout (may be the logits: every row is read first)
    const T* up;   // one upstream value per position, or null
    double scale;
    double k(int64_t p) const { return up ? scale * static_cast<double>(up[p]) : scale; }
  };

  // A row's maximum and sum of exp(x - max), as its loss computed them, and its target logit;
  // exps: where the loss may leave each exp(x - max) (the gradient row), kept: it did.
  struct RowNorm {
    T mx = 0;
    double s = 0;
    double xt = 0;
    T* exps = nullptr;
    bool kept = false;
  };

  static void fill_row(T* g, int64_t c, int64_t stride, T v) {
    for (int64_t j = 0; j < c; j++) {
      g[j * stride] = v;
    }
  }

  // An ignored position's gradient: 0, or NaN when its slice has a NaN or a +inf or is all -inf
  // (or empty), as autograd gives (log-softmax's backward there is 0 - exp(NaN) * 0). A NaN beside
  // a finite maximum shows in the sum of exp (one pass, for padding rows only).
  template <class X>
  static T ignored_value(const X* x, int64_t c, int64_t stride) {
    if (stride == 1) {
      const T mx = row_max(x, c);
      if (!finite(mx)) {
        return std::numeric_limits<T>::quiet_NaN();
      }
      const double s = row_sum_exp<kKeepNothing, false>(x, c, 1, -mx, static_cast<T*>(nullptr));
      return s == s ? T(0) : std::numeric_limits<T>::quiet_NaN();
    }
    double mx = -std::numeric_limits<double>::infinity();
    for (int64_t j = 0; j < c; j++) {
      const double v = static_cast<double>(x[j * stride]);
      if (v != v) {
        return std::numeric_limits<T>::quiet_NaN();
      }
      mx = v > mx ? v : mx;
    }
    return mx > -std::numeric_limits<double>::infinity() && mx < std::numeric_limits<double>::infinity()
               ? T(0) : std::numeric_limits<T>::quiet_NaN();
  }

  // One contiguous row: g_j = f e_j - b a_j with e_j = exp(x_j - mx), f = k A / s, b = k, and a_j
  // = w_j (t: (q_j keep + add); no t: add), in the lanes' type; then, for a class index target,
  // g_t, which cancels most, again in double from x_t read before the row was written.
  template <class X>
  static void grad_row(const X* x, int64_t c, const RowNorm& nm, double k, double big, const T* w,
                       const T* t, T keep, T add, int64_t target, double at, T* g) {
    if (!finite(nm.mx)) {
      fill_row(g, c, 1, std::numeric_limits<T>::quiet_NaN());   // autograd: softmax is NaN
      return;
    }
    const double f = k * big / nm.s;
    const R vf = V::set1(static_cast<T>(f));
    const R vb = V::set1(static_cast<T>(-k));
    const R vm = V::set1(-nm.mx);
    const R vkeep = V::set1(keep);
    const R vadd = V::set1(add);
    for (int64_t j = 0; j < c; j += W) {
      const int64_t n = c - j < W ? c - j : W;
      const R e = V::exp_nonpos(V::add(load_n(x + j, n, nm.mx), vm));
      R a = w ? load_n(w + j, n, 0) : V::set1(1);
      a = V::mul(a, t ? V::fmadd(load_n(t + j, n, 0), vkeep, vadd) : vadd);
      store_n(g + j, V::fmadd(a, vb, V::mul(e, vf)), n);
    }
    if (target >= 0) {
      const double wt = w ? static_cast<double>(w[target]) : 1.0;
      const double e = std::exp(nm.xt - static_cast<double>(nm.mx));
      g[target] = static_cast<T>(f * e - k * (static_cast<double>(add) * wt + at));
    }
  }

  // The class-index gradient of one contiguous row whose loss index_loss computed (norm). When
  // the loss left the exps in g (no smoothing: a_c is 0 off the target) the row is one scaling
  // pass, softmax's last pass, and the target's element is written again in double.
  template <class X>
  static void index_grad_row(const X* x, int64_t c, int64_t target, const T* w, double wsum,
                             double eps, const RowNorm& nm, double k, T* g) {
    const double wt = w ? static_cast<double>(w[target]) : 1.0;
    if (nm.kept && finite(nm.mx)) {
      const double f = k * wt / nm.s;
      row_scale(g, c, static_cast<T>(f));
      g[target] = static_cast<T>(f * std::exp(nm.xt - static_cast<double>(nm.mx)) - k * wt);
      return;
    }
    const double add = eps / c;
    grad_row(x, c, nm, k, (1 - eps) * wt + add * wsum, w, nullptr, T(1), static_cast<T>(add), target,
             (1 - eps) * wt, g);
  }

  // Any layout, in double, one position at a time (the rows the loss took in blocks): max, then
  // the sum of exp and A, then the write. A NaN in the slice poisons the sum, so every element.
  template <class X, class Target>
  static void grad_rows_strided(const X* x, const Target* targets, const T* probs, int64_t o0,
                                int64_t o1, int64_t c, int64_t inner, const T* w, int64_t ignore,
                                double eps, const GradSink& gs, int64_t* bad) {
    const double add = c > 0 ? eps / c : 0;
    for (int64_t o = o0; o < o1; o++) {
      for (int64_t i = 0; i < inner; i++) {
        const int64_t p = o * inner + i;
        const X* xs = x + o * c * inner + i;
        T* g = gs.g + o * c * inner + i;
        int64_t target = -1;
        if (!probs) {
          target = read_target(targets, p);
          if (target == ignore) {
            fill_row(g, c, inner, ignored_value(xs, c, inner));
            continue;
          }
          if (!class_in_range(target, c, p, bad)) {
            fill_row(g, c, inner, T(0));   // reported: the call fails
            continue;
          }
        }
        const T* q = probs ? probs + o * c * inner + i : nullptr;
        double mx = -std::numeric_limits<double>::infinity();
        for (int64_t j = 0; j < c; j++) {
          const double v = static_cast<double>(xs[j * inner]);
          mx = v > mx ? v : mx;
        }
        if (!(mx > -std::numeric_limits<double>::infinity() &&
              mx < std::numeric_limits<double>::infinity())) {
          fill_row(g, c, inner, std::numeric_limits<T>::quiet_NaN());
          continue;
        }
        double s = 0;
        double big = 0;
        for (int64_t j = 0; j < c; j++) {
          s += std::exp(static_cast<double>(xs[j * inner]) - mx);
          const double wj = w ? static_cast<double>(w[j]) : 1.0;
          big += q ? wj * ((1 - eps) * static_cast<double>(q[j * inner]) + add) : 0;
        }
        if (!q) {
          const double wt = w ? static_cast<double>(w[target]) : 1.0;
          double wsum = static_cast<double>(c);
          if (w) {
            wsum = 0;
            for (int64_t j = 0; j < c; j++) {
              wsum += w[j];
            }
          }
          big = (1 - eps) * wt + add * wsum;
        }
        const double k = gs.k(p);
        const double f = big / s;
        for (int64_t j = 0; j < c; j++) {
          const double e = std::exp(static_cast<double>(xs[j * inner]) - mx);
          const double wj = w ? static_cast<double>(w[j]) : 1.0;
          const double a = q ? wj * ((1 - eps) * static_cast<double>(q[j * inner]) + add)
                             : add * wj + (j == target ? (1 - eps) * wj : 0);
          g[j * inner] = static_cast<T>(k * (f * e - a));
        }
      }
    }
  }

  // Softmax's (kLog false: gx = y (g - sum g y)) or log-softmax's (gx = g - exp(y) sum g) backward
  // over contiguous rows, from the forward output y: one pass for the sum (four accumulators, so
  // each lane adds at most 16 terms of a block before the block is folded into a compensated
  // double total, as row_sum_exp), one for the write. gx may be y or g (each element of a row is
  // read before it is written). y of log-softmax is <= 0 (exp_nonpos's domain) for any forward
  // output; a larger y is outside the contract.
  template <bool kLog>
  static void softmax_backward_rows(const T* y, const T* g, T* gx, int64_t outer, int64_t n) {
    for (int64_t o = 0; o < outer; o++) {
      const T* yr = y + o * n;
      const T* gr = g + o * n;
      T* xr = gx + o * n;
      Neumaier total;
      int64_t j = 0;
      while (j < n) {
        const int64_t end = n - j > kBlock ? j + kBlock : n;
        R a0 = V::set1(0), a1 = a0, a2 = a0, a3 = a0;
        for (; j + 4 * W <= end; j += 4 * W) {
          a0 = term<kLog>(yr + j, gr + j, W, a0);
          a1 = term<kLog>(yr + j + W, gr + j + W, W, a1);
          a2 = term<kLog>(yr + j + 2 * W, gr + j + 2 * W, W, a2);
          a3 = term<kLog>(yr + j + 3 * W, gr + j + 3 * W, W, a3);
        }
        for (; j < end; j += W) {
          a0 = term<kLog>(yr + j, gr + j, end - j < W ? end - j : W, a0);
        }
        total.add(V::hsum(V::add(V::add(a0, a1), V::add(a2, a3))));
      }
      const R vd = V::set1(static_cast<T>(total.value()));
      for (j = 0; j < n; j += W) {
        const int64_t k = n - j < W ? n - j : W;
        const R yv = load_n(yr + j, k, 0);
        const R gv = load_n(gr + j, k, 0);
        store_n(xr + j, kLog ? V::sub(gv, V::mul(V::exp_nonpos(yv), vd)) : V::mul(yv, V::sub(gv, vd)),
                k);
      }
    }
  }
  template <bool kLog>
  static inline R term(const T* y, const T* g, int64_t k, R acc) {
    const R gv = load_n(g, k, 0);   // lanes past the row: g = 0, adding nothing
    return kLog ? V::add(acc, gv) : V::fmadd(gv, load_n(y, k, 0), acc);
  }
