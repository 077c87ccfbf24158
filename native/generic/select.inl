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
// (kth_largest: quickselect on order-preserving keys, O(count)) and the smaller ones are
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
// threshold: 2 keep + 8W entries can survive the first cut) stops the scan (kFlood) before the
// next block; finish_by_blocks compacts such a count again or gives up before it scans on. The
// tail (< 4W elements) starts under the same invariant. offer() also refuses to write
// at cap (kTooManyTies), so a broken invariant would cost a whole-row select, never memory; the
// sanitizer driver checks every W, every keep around each capacity boundary and tie counts that
// overfill a block exactly, with guard pages after the arrays.
//
// Cost (issue 23, finding 6: ascending rows, runs of ties, late floods and shared top bits made
// the old scan 100-700x slower than a random row): random rows take the scalar path a few
// hundred times after the first cap elements. A row that makes the scan append more than its
// budget (cap + 2 keep log2(n / keep) elements; random rows append about a third) or floods it
// with ties is finished by finish_by_blocks, whose cost is fixed: one vector pass over the rest of the row
// for block maxima, a select over at most 2048 of them, and the ordinary scan over fewer than
// keep blocks. Compactions select by quickselect (kth_largest), O(count) with a radix fallback.
// What still gives up (kTooManyTies, the caller's whole-row select): an answer that is itself a
// flood of ties larger than half the capacity (unless first_ties: then only keep are returned),
// and ties at an intermediate threshold that fill half the capacity inside the blocks above L.

// Skip mask (issue 23, the penalty step): the caller may name positions the scan must not look
// at (bit j of skip[j / 32]), e.g. the tokens whose value bias or penalties change, which the
// caller merges in itself: the result is then exactly the answer over the other positions, so
// one scan with the caller's own keep serves however many tokens are changed (before, each
// changed token among the top took a place and a row could need 2-6 wider scans). A skipped
// position is never a candidate, never a block maximum and never a NaN found. The mask is the
// library's own memory, never the caller's: positions past 32 * skip_words are not skipped.

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

  // The keep-th largest of keys[0..count) (1 <= keep <= count); keys is reordered. Quickselect
  // with a three-way partition (ties settle in one step) and a median-of-three pivot; after
  // 2 log2(count) rounds the radix select above finishes the range, so the work stays O(count)
  // whatever the keys. Written here rather than std::nth_element: a standard template
  // instantiated in an ISA's namespace can be merged by the linker with another ISA's copy.
  static uint64_t kth_largest(uint64_t* keys, int64_t count, int64_t keep) {
    int64_t lo = 0;
    int64_t hi = count - 1;
    const int64_t k = keep - 1;  // position in descending order
    int rounds = 2 * (64 - __builtin_clzll(static_cast<uint64_t>(count) | 1));
    while (hi > lo) {
      if (rounds-- == 0) {
        return kth_largest_key(keys + lo, hi - lo + 1, k - lo + 1);
      }
      const uint64_t a = keys[lo], b = keys[lo + (hi - lo) / 2], c = keys[hi];
      const uint64_t lo2 = a < b ? a : b, hi2 = a < b ? b : a;
      const uint64_t p = lo2 > c ? lo2 : (hi2 < c ? hi2 : c);  // the median of a, b, c
      // [lo, lt) > p, [lt, i) == p, (gt, hi] < p
      int64_t lt = lo, i = lo, gt = hi;
      while (i <= gt) {
        const uint64_t v = keys[i];
        if (v > p) {
          keys[i++] = keys[lt];
          keys[lt++] = v;
        } else if (v < p) {
          keys[i] = keys[gt];
          keys[gt--] = v;
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return p;
      }
    }
    return keys[lo];
  }

  // Drops the candidates below the keep-th largest; returns the new count and the threshold.
  static int64_t keep_largest(int32_t* idx, double* val, uint64_t* keys, int64_t count,
                              int64_t keep, double* thr) {
    for (int64_t i = 0; i < count; i++) {
      keys[i] = order_key(val[i]);
    }
    const double t = key_value(kth_largest(keys, count, keep));
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

  // internal: the scan stopped at a block boundary (Scan::pos) to change strategy, its state valid
  static constexpr int64_t kOverBudget = -3;  // more appended than the budget
  static constexpr int64_t kFlood = -4;       // ties at thr fill half the capacity
  static constexpr int64_t kMaxBlocks = 2048;   // block maxima of the fallback (on the stack)

  // The running state of one scan: the candidates so far (every element looked at that is
  // >= thr, ascending) and the rules that bound them.
  struct Scan {
    int32_t* idx;
    double* val;
    uint64_t* keys;
    int64_t cap;
    int64_t keep;
    int64_t count;
    int64_t limit;     // compact when count passes it; <= cap - 4W
    int64_t appended;  // elements appended so far (the budget counts these)
    int64_t budget;    // kOverBudget once appended passes it
    int64_t pos;       // with kOverBudget / kFlood: where the scan stopped (a block boundary)
    T thr;
    const uint32_t* skip;  // bit j set: x[j] is not looked at (nullptr: none); the caller's own
    int64_t skip_n;        // positions the mask covers: 32 * its words; later ones are never skipped
  };

  // Bits of the skip mask for positions [pos, pos + lanes) (lanes <= 32), bit i for pos + i.
  static inline uint32_t skip_bits(const Scan& st, int64_t pos, int lanes) {
    if (st.skip == nullptr || pos >= st.skip_n) {
      return 0;
    }
    const int64_t w = pos >> 5;
    uint64_t bits = st.skip[w];
    if ((w + 1) * 32 < st.skip_n) {
      bits |= static_cast<uint64_t>(st.skip[w + 1]) << 32;
    }
    bits >>= pos & 31;
    return static_cast<uint32_t>(lanes >= 32 ? bits : bits & ((uint64_t{1} << lanes) - 1));
  }

  static inline bool skipped(const Scan& st, int64_t j) {
    return st.skip != nullptr && j < st.skip_n && ((st.skip[j >> 5] >> (j & 31)) & 1u) != 0;
  }

  // Whether any position of [s, e) may be skipped (whole words: a false yes only costs time).
  static inline bool skips_in(const Scan& st, int64_t s, int64_t e) {
    if (st.skip == nullptr) {
      return false;
    }
    uint32_t any = 0;
    for (int64_t w = s >> 5; w <= ((e - 1) >> 5) && w * 32 < st.skip_n; w++) {
      any |= st.skip[w];
    }
    return any != 0;
  }

  // Scans x[s, e) into st: full blocks of 4W, then single elements. Returns 0, kNanFound,
  // kTooManyTies (offer's backstop: never under the invariant), or kFlood / kOverBudget with
  // st.pos set and st valid (every element of x[0, pos) >= thr is a candidate).
  // THE INVARIANT (see the header): count <= cap - 4W at the top of every block.
  template <class X>
  static int64_t scan_range(const X* x, int64_t s, int64_t e, Scan& st) {
    const int64_t widest = st.cap - 4 * W;
    R vthr = V::set1(st.thr);
    int64_t j = s;
    for (; j + 4 * W <= e; j += 4 * W) {
      uint32_t b0 = V::not_below_bits(V::load(x + j), vthr);
      uint32_t b1 = V::not_below_bits(V::load(x + j + W), vthr);
      uint32_t b2 = V::not_below_bits(V::load(x + j + 2 * W), vthr);
      uint32_t b3 = V::not_below_bits(V::load(x + j + 3 * W), vthr);
      if ((b0 | b1 | b2 | b3) == 0) {
        continue;
      }
      if (st.skip != nullptr) {  // skipped lanes are never candidates (nor their NaNs)
        b0 &= ~skip_bits(st, j, W);
        b1 &= ~skip_bits(st, j + W, W);
        b2 &= ~skip_bits(st, j + 2 * W, W);
        b3 &= ~skip_bits(st, j + 3 * W, W);
      }
      // offer() re-tests each lane against thr, which only rises: bits from an older thr are a
      // superset of the lanes that now qualify
      const int64_t before = st.count;
      int64_t status = offer_bits(x, j, b0, st.thr, st.idx, st.val, &st.count, st.cap);
      if (status == 0) status = offer_bits(x, j + W, b1, st.thr, st.idx, st.val, &st.count, st.cap);
      if (status == 0) status = offer_bits(x, j + 2 * W, b2, st.thr, st.idx, st.val, &st.count, st.cap);
      if (status == 0) status = offer_bits(x, j + 3 * W, b3, st.thr, st.idx, st.val, &st.count, st.cap);
      if (status != 0) {
        return status;
      }
      st.appended += st.count - before;
      if (st.count > st.limit) {
        double thr_d;
        st.count = keep_largest(st.idx, st.val, st.keys, st.count, st.keep, &thr_d);
        st.thr = static_cast<T>(thr_d);  // exact: thr_d is one of the row's values
        vthr = V::set1(st.thr);
        st.pos = j + 4 * W;
        if (st.count > st.limit / 2) {
          if (st.limit == widest) {
            return kFlood;
          }
          st.limit = widest;
        }
        if (st.count > widest) {
          return kFlood;  // ties at thr: the next block could overfill (the invariant)
        }
        if (st.appended > st.budget) {
          return kOverBudget;
        }
      }
    }
    for (; j < e; j++) {  // fewer than 4W left, count <= cap - 4W: stays <= cap
      if (skipped(st, j)) {
        continue;
      }
      const int64_t status = offer(x, j, st.thr, st.idx, st.val, &st.count, st.cap);
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
  // `first_ties`: the caller needs only the first keep in (value descending, index ascending)
  // order (top-k, argmax): of the ties at the answer's threshold only the first ones up to keep
  // entries in all are returned, and a flood of ties then costs no whole-row select.
  //
  // Worst case (issue 23, finding 6): a row that makes the scan append more than its budget
  // (cap + 2 keep log2(n / keep) elements: random rows append far fewer) or flood it with
  // ties goes on by finish_by_blocks, whose cost is fixed: one vector pass over the rest, a
  // select over at most 2048 block maxima and a scan of fewer than keep blocks.
  template <class X>
  static int64_t collect_top(const X* x, int64_t n, int64_t keep, int32_t* idx, double* val,
                             uint64_t* keys, int64_t cap, double from, bool first_ties,
                             const uint32_t* skip, int64_t skip_words) {
    if (keep < 1 || cap < 2 * keep + 128 || cap < 8 * W || n < 0 || n > INT32_MAX ||
        skip_words < 0 || skip_words > (INT64_MAX >> 6)) {
      return kTooManyTies;
    }
    Scan st;
    st.skip = skip_words > 0 ? skip : nullptr;
    st.skip_n = st.skip != nullptr ? skip_words * 32 : 0;
    st.idx = idx;
    st.val = val;
    st.keys = keys;
    st.cap = cap;
    st.keep = keep;
    st.count = 0;
    st.appended = 0;
    st.thr = static_cast<T>(from);
    if (static_cast<double>(st.thr) > from) {
      st.thr = std::nextafter(st.thr, neg_inf());  // round down: never skip an element >= from
    }
    const int64_t widest = cap - 4 * W;
    // Compact early (2 keep + 4W): the threshold then follows the row's running keep-th largest
    // closely and few lanes pass it; widen to cap - 4W when ties keep more than half.
    st.limit = 2 * keep + 4 * W < widest ? 2 * keep + 4 * W : widest;
    const int64_t lg = 64 - __builtin_clzll(static_cast<uint64_t>(n / keep) | 1);
    // random rows append about 0.7 keep log2(n / keep) (measured on N(0, 1) rows of 128256 for
    // keep 1..1000): twice that plus the first cap is a budget they never meet
    st.budget = cap + 2 * keep * lg;
    const int64_t scanned = n / (4 * W) * (4 * W);
    int64_t status = scan_range(x, 0, scanned, st);
    if (status == kOverBudget || status == kFlood) {
      return finish_by_blocks(x, n, st.pos, first_ties, st);  // the rest by its block maxima
    }
    if (status == 0) {
      status = scan_range(x, scanned, n, st);
    }
    if (status != 0) {
      return status;
    }
    return finish(st, first_ties);
  }

  // The last step of every path: the keep largest of the candidates (ties kept, or only the first
  // ones with first_ties). Returns their count.
  static int64_t finish(Scan& st, bool first_ties) {
    if (st.count > st.keep) {
      double t;
      st.count = keep_largest(st.idx, st.val, st.keys, st.count, st.keep, &t);
      if (first_ties && st.count > st.keep) {
        int64_t above = 0;
        for (int64_t i = 0; i < st.count; i++) above += st.val[i] > t;
        int64_t ties = st.keep - above;  // the first ones, in index order
        int64_t m = 0;
        for (int64_t i = 0; i < st.count; i++) {
          const bool tie = !(st.val[i] > t);
          if (tie && ties == 0) continue;
          ties -= tie;
          st.idx[m] = st.idx[i];
          st.val[m] = st.val[i];
          m++;
        }
        st.count = m;
      }
    }
    return st.count;
  }

  // The fallback for rows that defeat the scan. On entry st holds the candidates of x[0, j0)
  // (every element there >= st.thr). The rest is cut into at most kMaxBlocks blocks whose
  // maxima one vector pass finds; a block holding a +inf or a NaN is looked at element by element
  // in that pass, so a NaN anywhere in the rest is found there (found by an outside review: a NaN
  // in a block of +inf ties was once skipped with first_ties). L, the keep-th largest of those maxima, is a lower bound
  // of the row's keep-th largest t* (the maxima are keep distinct elements of the row), and
  // fewer than keep blocks have a maximum above L. Then either
  //   at least keep elements are > L: t* > L, so every answer lies in the candidates or in those
  //     blocks: the ordinary scan over them alone, from a threshold just above L (at most
  //     keep blocks of elements appended); or
  //   fewer are: t* = L, and the answer is every element >= L (with first_ties, only as many of
  //     the ties as keep needs), collected from the blocks whose maximum is >= L.
  template <class X>
  static int64_t finish_by_blocks(const X* x, int64_t n, int64_t j0, bool first_ties, Scan& st) {
    const int64_t rest = n - j0;
    int64_t most = st.cap < kMaxBlocks ? st.cap : kMaxBlocks;
    int64_t bsize = 4 * W;
    while ((rest + bsize - 1) / bsize > most) bsize *= 2;
    const int64_t m = (rest + bsize - 1) / bsize;
    T bmax[kMaxBlocks];
    const R vinf = V::set1(-neg_inf());
    for (int64_t b = 0; b < m; b++) {
      const int64_t s = j0 + b * bsize;
      const int64_t e = s + bsize < n ? s + bsize : n;
      T mx = neg_inf();
      int64_t j = s;
      if (skips_in(st, s, e)) {  // skipped elements are not the row's: neither maxima nor NaNs
        for (; j < e; j++) {
          if (skipped(st, j)) continue;
          const T v = static_cast<T>(x[j]);
          if (v != v) {
            return kNanFound;
          }
          mx = v > mx ? v : mx;
        }
        bmax[b] = mx;
        continue;
      }
      R acc = V::set1(neg_inf());
      uint32_t odd = 0;
      for (; j + W <= e; j += W) {
        const R v = V::load(x + j);
        acc = V::max_keep(v, acc);
        odd |= V::not_below_bits(v, vinf);  // +inf or NaN
      }
      mx = V::hmax(acc);
      for (; j < e; j++) {
        const T v = static_cast<T>(x[j]);
        odd |= !(v < -neg_inf());
        mx = v > mx ? v : mx;
      }
      if (odd) {  // a +inf or a NaN: a NaN is the row's answer (found here, never skipped later)
        for (j = s; j < e; j++) {
          const T v = static_cast<T>(x[j]);
          if (v != v) {
            return kNanFound;
          }
        }
        mx = -neg_inf();
      }
      bmax[b] = mx;
    }
    // L: the keep-th largest block maximum, or the scan's threshold if that is larger
    T lower = st.thr;
    if (m >= st.keep) {
      for (int64_t b = 0; b < m; b++) st.keys[b] = order_key(static_cast<double>(bmax[b]));
      const T l = static_cast<T>(key_value(kth_largest(st.keys, m, st.keep)));
      lower = l > lower ? l : lower;
    }
    // how many elements are > L: the candidates, and the blocks whose maximum is above L
    int64_t above = 0;
    for (int64_t i = 0; i < st.count; i++) above += st.val[i] > static_cast<double>(lower);
    const R vl_up = V::set1(std::nextafter(lower, -neg_inf()));
    for (int64_t b = 0; b < m && above < st.keep; b++) {
      if (!(bmax[b] > lower)) continue;
      const int64_t s = j0 + b * bsize;
      const int64_t e = s + bsize < n ? s + bsize : n;
      int64_t j = s;
      for (; j + W <= e; j += W) {
        above += __builtin_popcount(V::not_below_bits(V::load(x + j), vl_up) & ~skip_bits(st, j, W));
      }
      for (; j < e; j++) {
        const T v = static_cast<T>(x[j]);
        above += !(v <= lower) && !skipped(st, j);  // NaN counts: the scan below finds it
      }
    }
    Scan& sc = st;
    if (above >= st.keep) {
      // t* > L: drop the candidates at L, then the ordinary scan over the blocks above L
      int64_t k = 0;
      for (int64_t i = 0; i < sc.count; i++) {
        sc.idx[k] = sc.idx[i];
        sc.val[k] = sc.val[i];
        k += sc.val[i] > static_cast<double>(lower);
      }
      sc.count = k;
      const T up = std::nextafter(lower, -neg_inf());
      sc.thr = up > sc.thr ? up : sc.thr;
      sc.budget = INT64_MAX;  // bounded: fewer than keep blocks
      sc.limit = sc.cap - 4 * W;
      if (sc.count > sc.limit) {  // a flood's ties left more than the invariant allows
        double t;
        sc.count = keep_largest(sc.idx, sc.val, sc.keys, sc.count, sc.keep, &t);
        sc.thr = static_cast<T>(t);
        if (sc.count > sc.limit) {
          return kTooManyTies;
        }
      }
      for (int64_t b = 0; b < m; b++) {
        if (!(bmax[b] >= sc.thr)) continue;
        const int64_t s = j0 + b * bsize;
        const int64_t e = s + bsize < n ? s + bsize : n;
        const int64_t status = scan_range(x, s, e, sc);
        if (status != 0) {
          return status == kNanFound ? kNanFound : kTooManyTies;
        }
      }
      return finish(sc, first_ties);
    }
    // t* = L: every element >= L (the candidates below L leave), ties limited with first_ties
    int64_t ties = st.keep - above;
    int64_t k = 0;
    for (int64_t i = 0; i < sc.count; i++) {
      const bool keep_it = sc.val[i] > static_cast<double>(lower) ||
                           (sc.val[i] == static_cast<double>(lower) && (!first_ties || ties > 0));
      ties -= keep_it && sc.val[i] == static_cast<double>(lower);
      sc.idx[k] = sc.idx[i];
      sc.val[k] = sc.val[i];
      k += keep_it;
    }
    sc.count = k;
    for (int64_t b = 0; b < m; b++) {
      // blocks at L hold only ties: once first_ties has all it needs, only blocks above L matter
      if (!(bmax[b] > lower) && !(bmax[b] == lower && (!first_ties || ties > 0))) continue;
      const int64_t s = j0 + b * bsize;
      const int64_t e = s + bsize < n ? s + bsize : n;
      for (int64_t j = s; j < e; j++) {
        if (skipped(sc, j)) continue;
        const T v = static_cast<T>(x[j]);
        if (v != v) {
          return kNanFound;
        }
        if (v < lower || (v == lower && first_ties && ties <= 0)) {
          continue;
        }
        if (sc.count >= sc.cap) {
          return kTooManyTies;  // the answer itself is larger than the capacity
        }
        ties -= v == lower;
        sc.idx[sc.count] = static_cast<int32_t>(j);
        sc.val[sc.count] = static_cast<double>(v);
        sc.count++;
      }
    }
    return sc.count;
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

  // Equality masks of one value (issue 23, tie floods under top-k): bit j % 32 of out[j / 32]
  // is set when x[j] == v as values (-0.0 == 0.0; a NaN equals nothing), for j < n; the last
  // word's bits past n are 0. Returns how many are set. The sampling pipeline then represents a
  // flood of tens of thousands of tokens tied at the k-th value as (value, count) and counts and
  // locates its members in these words (bitCount / bit select) instead of expanding it.
  // Bounds by construction: nothing is written unless out has room for ceil(n / 32) words
  // (out_words), else kTooManyTies (the caller's whole-row path).
  template <class X>
  static int64_t equal_bits(const X* x, int64_t n, double v, uint32_t* out, int64_t out_words) {
    if (n < 0 || n > INT32_MAX || out_words < (n + 31) / 32) {
      return kTooManyTies;
    }
    const int64_t words = (n + 31) / 32;
    const T t = static_cast<T>(v);
    if (!(static_cast<double>(t) == v) || !(t < -neg_inf())) {
      // not a value of this dtype (or NaN): nothing equals it; +inf: the scalar loop below
      for (int64_t w = 0; w < words; w++) out[w] = 0;
      if (!(static_cast<double>(t) == v)) return 0;
    }
    // x == t iff x >= t and not x >= (the next value above t); both compares say 1 for a NaN
    const R lo = V::set1(t);
    const R hi = V::set1(std::nextafter(t, -neg_inf()));
    const bool vector = t < -neg_inf();
    int64_t total = 0;
    for (int64_t w = 0; w < words; w++) {
      const int64_t j0 = w * 32;
      uint32_t bits = 0;
      if (vector && j0 + 32 <= n) {
        for (int k = 0; k < 32; k += W) {
          const R xv = V::load(x + j0 + k);
          bits |= (V::not_below_bits(xv, lo) & ~V::not_below_bits(xv, hi)) << k;
        }
      } else {
        const int64_t e = j0 + 32 < n ? j0 + 32 : n;
        for (int64_t j = j0; j < e; j++) {
          bits |= static_cast<uint32_t>(static_cast<T>(x[j]) == t) << (j - j0);
        }
      }
      out[w] = bits;
      total += __builtin_popcount(bits);
    }
    return total;
  }
