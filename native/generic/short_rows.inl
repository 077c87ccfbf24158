// Contiguous rows of 2..kGatherRowMax elements, W at a time, on lane types that can gather and
// permute lanes (V::gather, V::permute, V::log_lanes, V::add_log; AVX2 and AVX-512 float32: see
// kGatherRows). Each lane holds one row, so there are no horizontal reductions and no masked
// tails, as in the transposed blocks of columns.inl, but without their two scalar transposes
// through a stack block (about 0.7 ns per element of 65536 x 10 on their own): the rows are
// gathered into lanes, and the output pass walks the block's row-major elements vector by
// vector, fetching each element's row max and factor with one lane permute. Softmax evaluates
// each exp twice (once for the sum, once for the output: the same instructions on the same
// argument, so the same value), which costs less than storing the exps in lanes and
// transposing them back. 16-bit input is converted block by block first (block_as_t).
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // Lane-to-row maps of a block of W rows of n elements, made once per call: start[l] = l * n,
  // the gather index of row l's first element; row[k][i] = (k * W + i) / n, the row (lane) of
  // element i of the block's k-th vector of W contiguous elements.
  struct RowMaps {
    int32_t start[W];
    int32_t row[kGatherRowMax][W];
  };
  static void row_maps(int64_t n, RowMaps* maps) {
    for (int64_t l = 0; l < W; l++) {
      maps->start[l] = static_cast<int32_t>(l * n);
    }
    for (int64_t k = 0; k < n; k++) {
      for (int64_t i = 0; i < W; i++) {
        maps->row[k][i] = static_cast<int32_t>((k * W + i) / n);
      }
    }
  }

  // The lane log (V::log_lanes) of W sums at s, for native/test/primitives_driver.cpp, which
  // checks it against std::log on every float in [1, 16].
  static void lane_logs(const T* s, double* out) { V::log_lanes(V::load(s), out); }

  // True when every lane is finite (branch-free over the lanes: one test per block).
  static bool all_finite(R v) {
    T a[W];
    V::lanes(v, a);
    bool ok = true;
    for (int64_t l = 0; l < W; l++) {
      ok &= finite(a[l]);
    }
    return ok;
  }

  // c[j] = element j of each of the W rows at x (lane l: row l); returns the rows' maxima (NaN
  // ignored as max_keep ignores it: a NaN shows up later through the sum).
  static R gather_rows(const T* x, int64_t n, const RowMaps& maps, R* c) {
    const auto start = V::load_index(maps.start);
    R mx = V::set1(neg_inf());
    for (int64_t j = 0; j < n; j++) {
      c[j] = V::gather(x + j, start);
      mx = V::max_keep(c[j], mx);
    }
    return mx;
  }

  // Per lane, the sum over j < n of exp(c[j] * invT + negm), with Kahan compensation as in
  // cols_sum_exp (each lane adds its terms one after another); at most kGatherRowMax terms, so
  // no block fold into double is needed.
  template <bool kScaled>
  static R gathered_sum_exp(const R* c, int64_t n, R vt, R vm) {
    R s = V::set1(0);
    R lost = s;  // what s has dropped, negated (Kahan)
    for (int64_t j = 0; j < n; j++) {
      const R y = V::sub(V::exp_nonpos(arg<kScaled>(c[j], vt, vm)), lost);
      const R t = V::add(s, y);
      lost = V::sub(V::sub(t, s), y);
      s = t;
    }
    return V::sub(s, lost);
  }

  // The W rows of n elements at x as T: x itself, or (16-bit input) converted into buf exactly
  // as V::load converts, W contiguous elements at a time (a block is n whole vectors), so a
  // float16 or bfloat16 input gives the bits its float32 conversion gives (HalfTest).
  template <class X>
  static const T* block_as_t(const X* x, int64_t n, T* buf) {
    if constexpr (std::is_same<X, T>::value) {
      (void)n;
      (void)buf;
      return x;
    } else {
      for (int64_t k = 0; k < n; k++) {
        V::store(buf + k * W, V::load(x + k * W));
      }
      return buf;
    }
  }

  // Blocks per chunk whose logs are taken together, after the chunk's sums: the log (a division
  // and a polynomial in double) ends each block's long dependent chain (gathers, max, exp, sum),
  // and taken block by block it left the core waiting on that chain at n = 2..4.
  static constexpr int kLogChunk = 8;

  // The row maxima over T, negated, of the W rows of n elements at x (*vm) and their sums of
  // exp (*s). False when a row's max is not finite or not finite over T: the caller then sends
  // these rows to the slow path. invT <= 1 (see softmax_gathered_rows).
  template <bool kScaled>
  static bool block_max_sum(const T* x, int64_t n, T invT, const RowMaps& maps, R* vm, R* s) {
    R c[kGatherRowMax];
    const R mx = gather_rows(x, n, maps, c);
    if (!kScaled) {
      if (!all_finite(mx)) {
        return false;
      }
      *vm = V::sub(V::set1(0), mx);
    } else {
      T m[W];
      if (!lanes_ok<1>(&mx, W, invT, m)) {
        return false;
      }
      T negm[W];
      for (int64_t l = 0; l < W; l++) {
        negm[l] = -m[l];
      }
      *vm = V::load(negm);
    }
    *s = gathered_sum_exp<kScaled>(c, n, V::set1(invT), *vm);
    return true;
  }

  // Softmax or log-softmax output of the W rows at x into y (y may be x; x may be a staged copy
  // of 16-bit input) from block_max_sum's vm and s, row-major, one vector at a time.
  template <bool kScaled>
  static void block_output(const T* x, T* y, int64_t n, T invT, int flags, const RowMaps& maps,
                           R vm, R s) {
    const R vt = V::set1(invT);
    if (flags & kFlagLog) {
      const R vl = V::add_log(V::set1(0), s);
      for (int64_t k = 0; k < n; k++) {
        const auto row = V::load_index(maps.row[k]);
        const R d = arg<kScaled>(V::load(x + k * W), vt, V::permute(vm, row));
        V::store(y + k * W, V::sub(d, V::permute(vl, row)));
      }
    } else {
      const R f = V::div(V::set1(1), s);
      for (int64_t k = 0; k < n; k++) {
        const auto row = V::load_index(maps.row[k]);
        const R e = V::exp_nonpos(arg<kScaled>(V::load(x + k * W), vt, V::permute(vm, row)));
        V::store(y + k * W, V::mul(e, V::permute(f, row)));
      }
    }
  }

  // Softmax of every whole block of W rows among `outer` rows of n (2 <= n <= kGatherRowMax,
  // invT <= 1: with T < 1 a row also needs the overflow check of its minimum, which the column
  // kernels do). Log-softmax takes blocks in chunks (kLogChunk): first every block's max and
  // sum, then every block's output, whose log then overlaps other blocks' work. Returns the
  // number of rows done.
  template <class X>
  static int64_t softmax_gathered_rows(const X* x, T* y, int64_t outer, int64_t n, T invT,
                                       int flags) {
    return invT == 1 ? softmax_gathered_chunks<false>(x, y, outer, n, invT, flags)
                     : softmax_gathered_chunks<true>(x, y, outer, n, invT, flags);
  }
  template <bool kScaled, class X>
  static int64_t softmax_gathered_chunks(const X* x, T* y, int64_t outer, int64_t n, T invT,
                                         int flags) {
    RowMaps maps;
    row_maps(n, &maps);
    T buf[kGatherRowMax * W];
    R vms[kLogChunk];
    R ss[kLogChunk];
    bool fast[kLogChunk];
    int64_t o = 0;
    if (!(flags & kFlagLog)) {
      // Softmax closes a block with one vector division: chunked, it measured slower.
      for (; o + W <= outer; o += W) {
        const T* xb = block_as_t(x + o * n, n, buf);
        R vm;
        R s;
        if (block_max_sum<kScaled>(xb, n, invT, maps, &vm, &s)) {
          block_output<kScaled>(xb, y + o * n, n, invT, flags, maps, vm, s);
        } else {
          for (int64_t l = 0; l < W; l++) {
            slow_softmax_slice(xb + l * n, y + (o + l) * n, n, 1, static_cast<double>(invT),
                               flags);
          }
        }
      }
      return o;
    }
    while (o + W <= outer) {
      const int64_t first = o;
      int blocks = 0;
      for (; blocks < kLogChunk && o + W <= outer; blocks++, o += W) {
        const T* xb = block_as_t(x + o * n, n, buf);
        fast[blocks] = block_max_sum<kScaled>(xb, n, invT, maps, &vms[blocks], &ss[blocks]);
        if (!fast[blocks]) {
          for (int64_t l = 0; l < W; l++) {
            slow_softmax_slice(xb + l * n, y + (o + l) * n, n, 1, static_cast<double>(invT),
                               flags);
          }
        }
      }
      for (int b = 0; b < blocks; b++) {
        if (fast[b]) {
          const int64_t at = (first + b * W) * n;
          block_output<kScaled>(block_as_t(x + at, n, buf), y + at, n, invT, flags, maps,
                                vms[b], ss[b]);
        }
      }
    }
    return o;
  }

  // logsumexp of every whole block of W rows among `outer` rows of n; returns the rows done.
  template <class X>
  static int64_t logsumexp_gathered_rows(const X* x, T* y, int64_t outer, int64_t n) {
    RowMaps maps;
    row_maps(n, &maps);
    T buf[kGatherRowMax * W];
    R ms[kLogChunk];
    R ss[kLogChunk];
    bool fast[kLogChunk];
    int64_t o = 0;
    while (o + W <= outer) {
      const int64_t first = o;
      int blocks = 0;
      for (; blocks < kLogChunk && o + W <= outer; blocks++, o += W) {
        const T* xb = block_as_t(x + o * n, n, buf);
        R c[kGatherRowMax];
        const R mx = gather_rows(xb, n, maps, c);
        fast[blocks] = all_finite(mx);
        if (!fast[blocks]) {
          for (int64_t l = 0; l < W; l++) {
            y[o + l] = slow_logsumexp_slice<T>(xb + l * n, n, 1);
          }
          continue;
        }
        ms[blocks] = mx;
        ss[blocks] = gathered_sum_exp<false>(c, n, V::set1(1), V::sub(V::set1(0), mx));
      }
      for (int b = 0; b < blocks; b++) {
        if (fast[b]) {
          V::store(y + first + b * W, V::add_log(ms[b], ss[b]));
        }
      }
    }
    return o;
  }

  // The total loss of a chunk of `blocks` blocks when only the total is wanted and every
  // counted row weighs 1 (no class weights, no per-row outputs): the sum over the rows of
  // m - x[t] plus the log of the product of the sums s, one std::log per chunk instead of a
  // vector log per block, the cost that kept rows of 2 classes above 2 ns per element. Each s
  // is in [1, c] (its largest term is exp(0)), so the product of at most kLogChunk W of them
  // stays below c^(kLogChunk W) <= 2^512; its rounding (1.1e-16 relative per factor, at most
  // 128 factors) moves the chunk's total by less than 1.5e-14 absolute. A row with a non-finite
  // max adds NaN, as its loss would.
  template <class X, class Target>
  static double ce_unweighted_chunk_total(const X* x, const Target* targets, int64_t first,
                                          int blocks, int64_t c, int64_t ignore,
                                          const T (*ms)[W], const R* ss, int64_t* bad, T* buf) {
    static_assert(kLogChunk * W * 4 < 1000, "the product of the chunk's sums could overflow");
    double prod[4] = {1, 1, 1, 1};
    double diff[4] = {0, 0, 0, 0};
    for (int b = 0; b < blocks; b++) {
      const int64_t ob = first + b * W;
      const T* xb = block_as_t(x + ob * c, c, buf);
      const T* m = ms[b];
      T s[W];
      V::lanes(ss[b], s);
      int64_t tl[W];
      read_targets(targets, ob, W, c, ignore, bad, tl);
      for (int64_t l = 0; l < W; l++) {
        const int64_t t = tl[l];
        if (t != ignore) {
          if (finite(m[l])) {
            prod[l & 3] *= static_cast<double>(s[l]);
            diff[l & 3] += static_cast<double>(m[l]) - static_cast<double>(xb[l * c + t]);
          } else {
            diff[l & 3] += std::numeric_limits<double>::quiet_NaN();
          }
        }
      }
    }
    return ((diff[0] + diff[1]) + (diff[2] + diff[3])) +
           std::log((prod[0] * prod[1]) * (prod[2] * prod[3]));
  }

  // Class-index cross-entropy without label smoothing of every whole block of W rows among
  // `outer` rows of c classes (2 <= c <= kGatherRowMax); the rows done are returned in *done.
  // Same per-position rules as index_losses_cols: a row with a non-finite max has loss NaN,
  // ignored positions 0, a target read once and re-checked (read_targets).
  template <class X, class Target>
  static double ce_index_gathered_rows(const X* x, const Target* targets, int64_t outer,
                                       int64_t c, const T* weight, int64_t ignore, T* out,
                                       int64_t* bad, int64_t* done) {
    RowMaps maps;
    row_maps(c, &maps);
    T buf[kGatherRowMax * W];
    // In chunks of kLogChunk blocks: first the maxima and sums, then the logs and losses.
    T ms[kLogChunk][W];
    R ss[kLogChunk];
    double total = 0;
    int64_t o = 0;
    while (o + W <= outer) {
      const int64_t first = o;
      int blocks = 0;
      for (; blocks < kLogChunk && o + W <= outer; blocks++, o += W) {
        const T* xb = block_as_t(x + o * c, c, buf);
        R cols[kGatherRowMax];
        const R mx = gather_rows(xb, c, maps, cols);
        V::lanes(mx, ms[blocks]);
        // A lane whose max is not finite sums garbage (or NaN) that no later step reads: its
        // loss is NaN by the finite() test on its max.
        ss[blocks] = gathered_sum_exp<false>(cols, c, V::set1(1), V::sub(V::set1(0), mx));
      }
      if (weight == nullptr && out == nullptr) {
        total += ce_unweighted_chunk_total(x, targets, first, blocks, c, ignore, ms, ss, bad, buf);
        continue;
      }
      for (int b = 0; b < blocks; b++) {
        const int64_t ob = first + b * W;
        const T* xb = block_as_t(x + ob * c, c, buf);
        const T* m = ms[b];
        double logs[W];
        V::log_lanes(ss[b], logs);
        int64_t tl[W];
        read_targets(targets, ob, W, c, ignore, bad, tl);
        for (int64_t l = 0; l < W; l++) {
          const int64_t t = tl[l];
          double loss = 0;
          if (t != ignore) {
            if (!finite(m[l])) {
              loss = std::numeric_limits<double>::quiet_NaN();
            } else {
              const double wt = weight ? static_cast<double>(weight[t]) : 1.0;
              loss = -wt * ((static_cast<double>(xb[l * c + t]) - m[l]) - logs[l]);
            }
            total += loss;
          }
          if (out) {
            out[ob + l] = static_cast<T>(loss);
          }
        }
      }
    }
    *done = o;
    return total;
  }
