// Candidates for the selection ops (issue 12): one vector pass over a row that keeps, in index
// order, every element not below a threshold that rises as the scan goes. The Java side
// (JavaSelect) runs the rest of the pipeline on the candidates only, so its O(vocab) work is this
// scan.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).
//
// Algorithm. thr starts at `from` (-inf: none). Each block of 4W elements is compared with thr
// first (V::not_below_bits: one compare per vector, a bit per lane); only the lanes at or above
// thr (or NaN) are looked at, one by one. Each such element is appended (position, value as
// double). When more than `limit` candidates are held, thr becomes the keep-th largest of them
// (kth_largest_key: radix select on order-preserving keys, O(count)) and the smaller ones are
// dropped (stable, so index order holds); the first limit is 2 keep + 4W, widened once to
// cap - 4W when ties kept more than half. At the end the same is done once more, so the result is
// exactly the elements >= the keep-th largest of the row, ties included.
// Why it is right: thr is always the keep-th largest of a subset of the row (or `from`), so at
// least keep elements of the row are >= thr and the row's keep-th largest is >= thr: nothing
// dropped or skipped can belong to the answer.
//
// Capacity (issue 23: a tie count that overfilled the arrays by up to 62 entries crashed the JVM).
// THE INVARIANT: at the top of every block, count <= cap - 4W. A block appends at most 4W, so no
// write goes past cap. It holds because (a) limit <= cap - 4W always, (b) a block that leaves
// count <= limit keeps it, and (c) after a compaction, a count still above cap - 4W (ties at the
// threshold: 2 keep + 8W entries can survive the first cut) returns kTooManyTies before the next
// block. The tail (< 4W elements) starts under the same invariant. offer() also refuses to write
// at cap (kTooManyTies), so a broken invariant would cost a whole-row select, never memory; the
// sanitizer driver checks every W, every keep around each capacity boundary and tie counts that
// overfill a block exactly, with guard pages after the arrays.
//
// Cost: random rows take the scalar path a few hundred times after the first cap elements; the
// worst case (an ascending row) compacts every cap - keep elements: O(vocab) either way, with a
// larger constant. A compaction that keeps more than half of cap - 4W (ties at thr) returns
// kTooManyTies and the caller selects on the whole row instead.

  static constexpr int64_t kNanFound = -1;
  static constexpr int64_t kTooManyTies = -2;

  // An order-preserving key of a non-NaN double: a < b iff key(a) < key(b); -0.0 and 0.0 share one.
  static inline uint64_t order_key(double v) {
    const double w = v + 0.0;
    uint64_t b;
    memcpy(&b, &w, sizeof b);
    return (b >> 63) ? ~b : (b | 0x8000000000000000ull);
  }

  static inline double key_value(uint64_t k) {
    const uint64_t b = (k >> 63) ? (k & 0x7FFFFFFFFFFFFFFFull) : ~k;
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
  }

  // The keep-th largest of keys[0..count) (1 <= keep <= count); keys is reordered. Most
  // significant digit first, keeping only the bucket that holds the keep-th largest.
  static uint64_t kth_largest_key(uint64_t* keys, int64_t count, int64_t keep) {
    for (int shift = 56; shift >= 0 && count > 1; shift -= 8) {
      int64_t hist[256] = {0};
      for (int64_t i = 0; i < count; i++) {
        hist[(keys[i] >> shift) & 255]++;
      }
      int b = 255;
      while (hist[b] < keep) {
        keep -= hist[b];
        b--;
      }
      int64_t m = 0;
      for (int64_t i = 0; i < count; i++) {
        const uint64_t k = keys[i];
        keys[m] = k;
        m += static_cast<int64_t>(((k >> shift) & 255) == static_cast<uint64_t>(b));
      }
      count = m;
    }
    return keys[0];  // every key left is equal (or one is left)
  }

  // Drops the candidates below the keep-th largest; returns the new count and the threshold.
  static int64_t keep_largest(int32_t* idx, double* val, uint64_t* keys, int64_t count,
                              int64_t keep, double* thr) {
    for (int64_t i = 0; i < count; i++) {
      keys[i] = order_key(val[i]);
    }
    const double t = key_value(kth_largest_key(keys, count, keep));
    int64_t m = 0;
    for (int64_t i = 0; i < count; i++) {
      idx[m] = idx[i];
      val[m] = val[i];
      m += static_cast<int64_t>(val[i] >= t);
    }
    *thr = t;
    return m;
  }

  // Appends x[j] if it is not below thr. Returns kNanFound on a NaN, kTooManyTies when the
  // arrays are full (unreachable under collect_top's invariant; a backstop, not a path), else 0.
  template <class X>
  static inline int64_t offer(const X* x, int64_t j, T thr, int32_t* idx, double* val,
                              int64_t* count, int64_t cap) {
    const T v = static_cast<T>(x[j]);
    if (!(v < thr)) {
      if (v != v) {
        return kNanFound;
      }
      if (*count >= cap) {
        return kTooManyTies;
      }
      idx[*count] = static_cast<int32_t>(j);
      val[*count] = static_cast<double>(v);
      *count += 1;
    }
    return 0;
  }

  // Offers the lanes whose bit is set in `bits` (elements base + lane): 0, or offer's status.
  template <class X>
  static inline int64_t offer_bits(const X* x, int64_t base, uint32_t bits, T thr, int32_t* idx,
                                   double* val, int64_t* count, int64_t cap) {
    while (bits != 0) {
      const int lane = __builtin_ctz(bits);
      bits &= bits - 1;
      const int64_t status = offer(x, base + lane, thr, idx, val, count, cap);
      if (status != 0) {
        return status;
      }
    }
    return 0;
  }

  // The elements of x[0..n) >= the row's keep-th largest (ties kept), positions ascending, into
  // idx / val (room for cap each; keys: room for cap). 1 <= keep, 2 * keep + 128 <= cap,
  // n < 2^31 (checked: anything else returns kTooManyTies, the caller's whole-row path).
  // Returns their count, kNanFound when the row holds a NaN, or kTooManyTies.
  // `from`: a starting threshold (-inf: none); the result is then every element >= the larger of
  // `from` and the keep-th largest (the caller knows nothing below `from` matters).
  template <class X>
  static int64_t collect_top(const X* x, int64_t n, int64_t keep, int32_t* idx, double* val,
                             uint64_t* keys, int64_t cap, double from) {
    if (keep < 1 || cap < 2 * keep + 128 || cap < 8 * W || n < 0 || n > INT32_MAX) {
      return kTooManyTies;
    }
    double thr_d = 0;
    T thr = static_cast<T>(from);
    if (static_cast<double>(thr) > from) {
      thr = std::nextafter(thr, neg_inf());  // round down: never skip an element >= from
    }
    R vthr = V::set1(thr);
    int64_t count = 0;
    const int64_t widest = cap - 4 * W;
    // Compact early (2 keep + 4W): the threshold then follows the row's running keep-th largest
    // closely and few lanes pass it; widen to cap - 4W when ties keep more than half.
    int64_t limit = 2 * keep + 4 * W < widest ? 2 * keep + 4 * W : widest;
    int64_t j = 0;
    for (; j + 4 * W <= n; j += 4 * W) {
      // invariant: count <= cap - 4W (see the header)
      const uint32_t b0 = V::not_below_bits(V::load(x + j), vthr);
      const uint32_t b1 = V::not_below_bits(V::load(x + j + W), vthr);
      const uint32_t b2 = V::not_below_bits(V::load(x + j + 2 * W), vthr);
      const uint32_t b3 = V::not_below_bits(V::load(x + j + 3 * W), vthr);
      if ((b0 | b1 | b2 | b3) == 0) {
        continue;
      }
      // offer() re-tests each lane against thr, which only rises: bits from an older thr are a
      // superset of the lanes that now qualify
      int64_t status = offer_bits(x, j, b0, thr, idx, val, &count, cap);
      if (status == 0) status = offer_bits(x, j + W, b1, thr, idx, val, &count, cap);
      if (status == 0) status = offer_bits(x, j + 2 * W, b2, thr, idx, val, &count, cap);
      if (status == 0) status = offer_bits(x, j + 3 * W, b3, thr, idx, val, &count, cap);
      if (status != 0) {
        return status;
      }
      if (count > limit) {
        count = keep_largest(idx, val, keys, count, keep, &thr_d);
        if (count > limit / 2) {
          if (limit == widest) {
            return kTooManyTies;
          }
          limit = widest;
        }
        if (count > widest) {
          return kTooManyTies;  // ties at thr: the next block could overfill (the invariant)
        }
        thr = static_cast<T>(thr_d);  // exact: thr_d is one of the row's values
        vthr = V::set1(thr);
      }
    }
    for (; j < n; j++) {  // fewer than 4W left, count <= cap - 4W: stays <= cap
      const int64_t status = offer(x, j, thr, idx, val, &count, cap);
      if (status != 0) {
        return status;
      }
    }
    if (count > keep) {
      count = keep_largest(idx, val, keys, count, keep, &thr_d);
    }
    return count;
  }

  // The log-prob of x[t] in its row as log-softmax gives it, in double: (x[t] - m) - log(s) with
  // m the row's maximum and s = sum(exp(x - m)), never x[t] - (m + log s), which cancels every
  // digit of log s when |m| is large (issue 23: two tokens at the bfloat16 maximum gave 0, not
  // -ln 2). With t the position of a maximum it is -log(s), from which the caller forms every
  // other log-prob as (v - m) - log(s). NaN when the row holds a NaN or +inf or is all -inf
  // (every log-prob is NaN, as torch.log_softmax gives), or t is not in [0, n).
  template <class X>
  static double row_log_prob(const X* x, int64_t n, int64_t t) {
    if (t < 0 || t >= n) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    const T m = row_max(x, n);  // ignores NaN; the sum below does not
    if (!(m > neg_inf() && m < -neg_inf())) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    const double s = row_sum_exp<kKeepNothing, false>(x, n, T(1), -m, static_cast<T*>(nullptr));
    return (static_cast<double>(static_cast<T>(x[t])) - static_cast<double>(m)) - log(s);
  }
