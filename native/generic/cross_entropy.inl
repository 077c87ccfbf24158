// Cross-entropy fused from the logits, class-index and probability targets: per row the max,
// then one pass for the sum of exp and the weighted sums the loss needs; log-softmax is never
// materialised. Rows and the K-dim layout (columns) both; class indices are re-checked as read.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // Row sums for cross-entropy: returns sum exp(x - m); *ad = sum a_c (x_c - m), *asum = sum a_c,
  // with a_c = w_c (w may be null: 1) times, when t is not null, (t_c * keep + add).
  template <class X>
  static double row_ce_sums(const X* x, int64_t c, T mx, const T* w, const T* t, T keep, T add,
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

  // The weighted sums of row_ce_sums again, in double: the float32 lanes overflow when logits sit
  // near +-FLT_MAX (x - m itself overflows) or weights are huge, where the double sums the Java
  // implementation forms stay finite. Taken only when a float32 sum came out non-finite, so a
  // genuine infinity (a -inf logit with eps > 0) is recomputed to the same infinity.
  // Elements of a row are `stride` apart (1 for rows, inner for the K-dim layout's lanes).
  template <class X>
  static void row_ce_weighted_f64(const X* x, int64_t c, T mx, const T* w, const T* t, double keep,
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
  // The w targets of a block of positions, read once each into tl and checked with one branch for
  // the whole block (a branch per lane measured 0.15 ns/element slower on 65536 x 10). A bad one is
  // reported, and its lane then counts as ignored: the call fails anyway, and no lane indexes with it.
  template <class Target>
  static inline void read_targets(const Target* targets, int64_t p0, int64_t w, int64_t c,
                                  int64_t ignore, int64_t* bad, int64_t* tl) {
    bool any_bad = false;
    for (int64_t l = 0; l < w; l++) {
      tl[l] = read_target(targets, p0 + l);
      any_bad |= (tl[l] != ignore) & (static_cast<uint64_t>(tl[l]) >= static_cast<uint64_t>(c));
    }
    if (any_bad) {
      for (int64_t l = 0; l < w; l++) {
        if (tl[l] != ignore && !class_in_range(tl[l], c, p0 + l, bad)) {
          tl[l] = ignore;
        }
      }
    }
  }


  // norm (may be null) receives what the row's gradient needs (gradients.inl): its max, sum of
  // exp and target logit, and, without smoothing, each exp(x - max) written to norm->exps (the
  // same lanes the sum adds, so the sum is unchanged; exps may be x itself: x[target] is read
  // first), which the gradient pass then scales instead of computing every exp again.
  template <class X>
  static double index_loss(const X* x, int64_t c, int64_t target, const T* w, double wsum,
                           double eps, const X* pf, RowNorm* norm = nullptr) {
    const T mx = row_max(x, c);
    const double xt = static_cast<double>(x[target]);
    if (norm) {
      norm->mx = mx;
      norm->xt = xt;
    }
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
    } else if (norm && norm->exps) {
      s = row_sum_exp<kKeepExp, false>(x, c, 1, -mx, norm->exps, pf);
      norm->kept = true;
    } else {
      s = row_sum_exp<kKeepNothing, false>(x, c, 1, -mx, nullptr, pf);
    }
    if (norm) {
      norm->s = s;
    }
    const double logs = std::log(s);
    const double wt = w ? static_cast<double>(w[target]) : 1.0;
    const double nll = -wt * ((xt - mx) - logs);
    if (eps == 0) {
      return nll;  // no smoothing term at all, as PyTorch: other -inf logits do not matter
    }
    const double smooth = wsum * logs - ad;
    return (1 - eps) * nll + (eps / c) * smooth;
  }

  // norm and big (may be null) receive the row's max, sum of exp and sum of coefficients a_c.
  template <class X>
  static double prob_loss(const X* x, const T* t, int64_t c, const T* w, double eps,
                          RowNorm* norm = nullptr, double* big = nullptr) {
    if (c == 0) {
      return 0;
    }
    const T mx = row_max(x, c);
    if (norm) {
      norm->mx = mx;
    }
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
    if (norm) {
      norm->s = s;
      *big = asum;
    }
    return std::log(s) * asum - ad;
  }

  // gs (may be null): also write the gradient (gradients.inl); the loss is computed the same way.
  template <class X, class Target>
  static double ce_index(const X* logits, const Target* targets, int64_t outer, int64_t c,
                         int64_t inner, const T* w, int64_t ignore, double eps, T* out,
                         int64_t* bad, const GradSink* gs = nullptr) {
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
      if (gs) {
        grad_rows_strided(logits, targets, nullptr, 0, outer, c, inner, w, ignore, eps, *gs, bad);
      }
      return total;
    }
    int64_t o = 0;
    if constexpr (kGatherRows) {
      if (c >= 2 && c <= kGatherRowMax && eps == 0 && outer >= W) {   // whole blocks only (softmax)
        total += ce_index_gathered_rows(logits, targets, outer, c, w, ignore, out, bad, &o);
      }
    }
    if (kBlockRows && c > 0 && c < kShortRow) {
      T block[kShortRow * W];
      for (; o + W <= outer; o += W) {
        transpose_in(logits + o * c, c, block);
        total += index_losses_cols(block, targets, o, c, W, W, w, wsum, ignore, eps,
                                   out ? out + o : nullptr, bad);
      }
    }
    if (gs && o > 0) {
      grad_rows_strided(logits, targets, nullptr, 0, o, c, 1, w, ignore, eps, *gs, bad);
    }
    for (; o < outer; o++) {
      for (int64_t i = 0; i < inner; i++) {
        const int64_t p = o * inner + i;
        const int64_t t = read_target(targets, p);
        double loss = 0;
        if (t != ignore && class_in_range(t, c, p, bad)) {
          const X* row = logits + o * c * inner + i;
          RowNorm nm;
          nm.exps = gs ? gs->g + o * c : nullptr;
          loss = index_loss(row, c, t, w, wsum, eps, next_row(logits, o, outer, c),
                            gs ? &nm : nullptr);
          total += loss;
          if (gs) {
            index_grad_row(row, c, t, w, wsum, eps, nm, gs->k(p), gs->g + o * c);
          }
        } else if (gs) {
          // ignored (or reported as bad: the call then fails)
          const X* row = logits + o * c * inner + i;
          fill_row(gs->g + o * c, c, 1, t == ignore ? ignored_value(row, c, 1) : T(0));
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
  template <class X>
  static void cols_ce_sums(const X* x, const T* t, int64_t c, int64_t inner, int64_t w, R vm,
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
  template <class X, class Target>
  static double index_losses_cols(const X* x, const Target* targets, int64_t p0, int64_t c,
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
    int64_t tl[W];
    read_targets(targets, p0, w, c, ignore, bad, tl);
    double s[W], ad[W], asum[W];
    cols_ce_sums(x, nullptr, c, inner, w, V::load(negm), weight, eps > 0, 1, 0, s, ad, asum);
    for (int64_t l = 0; eps > 0 && l < w; l++) {
      if (finite(m[l]) && !std::isfinite(ad[l])) {
        row_ce_weighted_f64(x + l, c, m[l], weight, nullptr, 1, 0, &ad[l], &asum[l], inner);
      }
    }
    double total = 0;
    for (int64_t l = 0; l < w; l++) {
      const int64_t t = tl[l];
      double loss = 0;
      if (t != ignore) {
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
  template <class X>
  static double prob_losses_cols(const X* x, const T* t, int64_t c, int64_t inner, int64_t w,
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

  template <class X>
  static double ce_prob(const X* logits, const T* probs, int64_t outer, int64_t c, int64_t inner,
                        const T* w, double eps, T* out, const GradSink* gs = nullptr) {
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
      if (gs) {
        grad_rows_strided(logits, static_cast<const int32_t*>(nullptr), probs, 0, outer, c, inner,
                          w, 0, eps, *gs, nullptr);
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
    if (gs && o > 0) {
      grad_rows_strided(logits, static_cast<const int32_t*>(nullptr), probs, 0, o, c, 1, w, 0, eps,
                        *gs, nullptr);
    }
    for (; o < outer; o++) {
      for (int64_t i = 0; i < inner; i++) {
        const int64_t base = o * c * inner + i;
        RowNorm nm;
        double big = 0;
        const double loss = prob_loss(logits + base, probs + base, c, w, eps, gs ? &nm : nullptr, &big);
        total += loss;
        if (gs && c > 0) {
          grad_row(logits + base, c, nm, gs->k(o * inner + i), big, w, probs + base,
                   static_cast<T>(1 - eps), static_cast<T>(eps / c), -1, 0, gs->g + base);
        }
        if (out) {
          out[o * inner + i] = static_cast<T>(loss);
        }
      }
    }
    return total;
  }
