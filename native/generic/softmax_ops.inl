// The softmax, log-softmax and logsumexp entry points: per shape they pick the path (transposed
// blocks of short rows, the online normaliser for long ones, the three row passes otherwise, the
// column kernels for inner > 1) and send rows the vector code cannot handle to the slow paths.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // pf: the next row, fetched during the exp pass (the longest, compute-bound one).
  template <bool kScaled, class X>
  static void softmax_row(const X* x, T* y, int64_t n, T invT, int flags, const X* pf) {
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
      const double s = row_sum_exp<kKeepArg, kScaled>(x, n, invT, -m, y, pf);
      row_sub(y, n, static_cast<T>(std::log(s)));
    } else {
      const double s = row_sum_exp<kKeepExp, kScaled>(x, n, invT, -m, y, pf);
      row_scale(y, n, static_cast<T>(1.0 / s));
    }
  }

  // X: the input's element type (T, or f16 / bf16 converted as loaded); y is always T.
  template <class X>
  static void softmax(const X* x, T* y, int64_t outer, int64_t n, int64_t inner, T invT,
                      int flags) {
    if (n == 0) {
      return;
    }
    if (inner == 1) {
      int64_t o = 0;
      if constexpr (kGatherRows) {
        // only whole blocks of W rows go there: with fewer, building its lane maps (n x W
        // divisions) was all it did, 300-500 ns of a 1 x 10 call (AVX-512; the rows then took
        // the row path anyway)
        if (n >= 2 && n <= kGatherRowMax && invT <= 1 && outer >= W) {
          o = softmax_gathered_rows(x, y, outer, n, invT, flags);
        }
      }
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

  template <class X>
  static void logsumexp(const X* x, T* y, int64_t outer, int64_t n, int64_t inner) {
    if (n == 0) {
      for (int64_t p = 0; p < outer * inner; p++) {
        y[p] = neg_inf();
      }
      return;
    }
    if (inner == 1) {
      int64_t o = 0;
      if constexpr (kGatherRows) {
        if (n >= 2 && n <= kGatherRowMax && outer >= W) {   // whole blocks only (see softmax)
          o = logsumexp_gathered_rows(x, y, outer, n);
        }
      }
      if (kBlockRows && n < kShortRow) {
        T block[kShortRow * W];
        for (; o + W <= outer; o += W) {
          transpose_in(x + o * n, n, block);
          logsumexp_cols(block, y + o, n, W, W);
        }
      }
      for (; o < outer; o++) {
        const X* row = x + o * n;
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
          y[o] = slow_logsumexp_slice<T>(row, n, 1);
        } else {
          const double s = row_sum_exp<kKeepNothing, false>(row, n, 1, -mx, nullptr,
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
