// Top-p without top-k over a whole vocabulary (issue 23): when the kept set is most of the row,
// the boundary of top-p is found by a few passes that bin each token's weight exp((z - m) * inv_t)
// by a digit of its order-preserving key (a histogram of probability mass), and the draw by one
// pass that sums the kept tokens' weights per block. Java (internal/select/TopPMass) picks the
// buckets and certifies that rounding cannot change its answer against the whole-row pipeline's;
// these sums need only be accurate (each a float64 sum of float64 exps), not in any order.
// Every write is inside the sizes passed: a bad size writes nothing and returns NaN.
// A fragment of struct Ops in kernels.inl, after select.inl (order_key) and dense.inl (widen,
// kSumBlock).

  // Keys: select.inl's order_key, RadixSelect.key with its sign bit flipped (for every non-NaN
  // value; a NaN weighs NaN here, and the caller declines on a NaN total).

  // One block of the processed row: d[0, len) = z (x widened, the sorted overrides patched in,
  // o advanced past them) and k[0, len) = their keys. Plain loops: the compiler vectorizes them.
  template <class X>
  static inline void key_block(const X* x, int64_t j0, int64_t len, const int32_t* oid,
                               const double* oval, int64_t no, int64_t& o, double* d,
                               uint64_t* k) {
    widen(x + j0, len, d);
    for (; o < no && oid[o] < j0 + len; o++) {
      if (oid[o] >= j0) {
        d[oid[o] - j0] = oval[o];
      }
    }
    for (int64_t i = 0; i < len; i++) {
      k[i] = order_key(d[i]);
    }
  }

  // w[0, len) = exp((d - m) * inv_t) with the lanes' exp.
  static inline void weigh(const double* d, int64_t len, double m, double inv_t, double* w) {
    const VD::R vm = VD::set1(m);
    const VD::R vt = VD::set1(inv_t);
    const double ninf = -std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < len; i += VD::W) {
      const int64_t c = len - i < VD::W ? len - i : VD::W;
      const VD::R v = c == VD::W ? VD::load(d + i) : VD::load_tail(d + i, c, ninf);
      const VD::R e = VD::exp_nonpos(VD::mul(VD::sub(v, vm), vt));
      if (c == VD::W) {
        VD::store(w + i, e);
      } else {
        VD::store_tail(w + i, e, c);
      }
    }
  }

  // Where bucket b of a mass histogram copy lives: one spare slot every 64 buckets, so that
  // buckets 512 apart (8 values that differ in the top bits of a digit, as sharedBits rows) do
  // not sit 4096 bytes apart, where each load waits on the other buckets' stores (4K aliasing:
  // 1.5 ms for one pass before); a copy is mass_slots(dbits) long, its last slot the sink.
  static inline int64_t mass_slot(int64_t b) { return b + (b >> 6); }
  static inline int64_t mass_slots(int32_t dbits) {
    return mass_slot((int64_t{1} << dbits) - 1) + 2;
  }

  // The mass histogram of one digit: over the tokens whose key's top pbits bits equal those of
  // prefix, hist[b] = the sum of the weights of those whose next dbits bits are b (b < 2^dbits).
  // hist is scratch of hist_len >= 8 mass_slots(dbits) doubles (8 copies of the buckets at
  // mass_slot(b), the last slot of each a sink for the tokens that do not match), cleared here and folded into
  // hist[0, 2^dbits) at the end: eight copies so that a run of tokens in one bucket is eight
  // chains of adds through memory, not one (flat rows put half the row in one bucket); no branch on the match (half the tokens of a pass
  // may match, at random). A block with no match is not weighed. stats[0, 3) = the smallest
  // and largest matching key (unsigned, as order_key) and how many matched. Returns the
  // matching tokens' total weight; NaN (nothing written) when pbits, dbits or a size is out of
  // range.
  template <class X>
  static double mass_digit(const X* x, int64_t n, double m, double inv_t, const int32_t* oid,
                           const double* oval, int64_t no, uint64_t prefix, int32_t pbits,
                           int32_t dbits, double* hist, int64_t hist_len, uint64_t* stats,
                           int64_t stats_len) {
    if (n < 0 || n > INT32_MAX || pbits < 0 || dbits < 0 || dbits > 12 || pbits + dbits > 64 ||
        hist_len < 8 * mass_slots(dbits) || stats_len < 3 || no < 0) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    const int64_t buckets = int64_t{1} << dbits;
    const int64_t stride = mass_slots(dbits);
    const int64_t sink = stride - 1;
    for (int64_t b = 0; b < 8 * stride; b++) {
      hist[b] = 0;
    }
    const uint64_t pmask = pbits == 0 ? 0 : ~uint64_t{0} << (64 - pbits);
    const uint64_t want = prefix & pmask;
    const int dshift = dbits == 0 ? 0 : 64 - pbits - dbits;   // in [0, 63]
    const uint64_t dmask = static_cast<uint64_t>(buckets - 1);
    double d[kSumBlock], w[kSumBlock];
    uint64_t k[kSumBlock];
    uint64_t lo = ~uint64_t{0}, hi = 0;
    int64_t matched = 0;
    int64_t o = 0;
    for (int64_t j0 = 0; j0 < n; j0 += kSumBlock) {
      const int64_t len = n - j0 < kSumBlock ? n - j0 : kSumBlock;
      key_block(x, j0, len, oid, oval, no, o, d, k);
      int64_t hits = 0;
      for (int64_t i = 0; i < len; i++) {
        hits += (k[i] & pmask) == want;
      }
      if (hits == 0) {
        continue;
      }
      matched += hits;
      weigh(d, len, m, inv_t, w);
      for (int64_t i = 0; i < len; i++) {
        const uint64_t ki = k[i];
        const bool hit = (ki & pmask) == want;
        const int64_t b = hit ? mass_slot(static_cast<int64_t>((ki >> dshift) & dmask)) : sink;
        hist[(i & 7) * stride + b] += w[i];
        lo = hit && ki < lo ? ki : lo;
        hi = hit && ki > hi ? ki : hi;
      }
    }
    double total = 0;
    for (int64_t b = 0; b < buckets; b++) {
      // in place: slot(b) >= b, and no later bucket's slot is below it
      const int64_t t = mass_slot(b);
      hist[b] = ((hist[t] + hist[stride + t]) + (hist[2 * stride + t] + hist[3 * stride + t])) +
                ((hist[4 * stride + t] + hist[5 * stride + t]) +
                 (hist[6 * stride + t] + hist[7 * stride + t]));
      total += hist[b];
    }
    stats[0] = lo;
    stats[1] = hi;
    stats[2] = static_cast<uint64_t>(matched);
    return total;
  }

  // The kept set's weight per block, for the draw: a token is kept when its key is above
  // boundary, or equal to it and among the first ties_kept such tokens in index order. Block
  // b's sum into block_sums[b] (room for block_len >= ceil(n / kSumBlock)); last_tie[0] = the
  // index of the last kept token at the boundary (-1: none). Returns the total; NaN (nothing
  // written) when a size is out of range. The ties are walked one by one only in a block that
  // holds one.
  template <class X>
  static double kept_block_sums(const X* x, int64_t n, double m, double inv_t, const int32_t* oid,
                                const double* oval, int64_t no, uint64_t boundary,
                                int64_t ties_kept, double* block_sums, int64_t block_len,
                                int64_t* last_tie) {
    if (n < 0 || n > INT32_MAX || no < 0 || ties_kept < 0 ||
        block_len < (n + kSumBlock - 1) / kSumBlock) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    double d[kSumBlock], w[kSumBlock];
    uint64_t k[kSumBlock];
    double total = 0;
    int64_t ties = 0;
    int64_t last = -1;
    int64_t o = 0;
    for (int64_t j0 = 0, b = 0; j0 < n; j0 += kSumBlock, b++) {
      const int64_t len = n - j0 < kSumBlock ? n - j0 : kSumBlock;
      key_block(x, j0, len, oid, oval, no, o, d, k);
      weigh(d, len, m, inv_t, w);
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int64_t at = 0;
      int64_t i = 0;
      for (; i + 4 <= len; i += 4) {
        // a product, not a select: no branch on keys that fall either side at random
        s0 += w[i] * static_cast<double>(k[i] > boundary);
        s1 += w[i + 1] * static_cast<double>(k[i + 1] > boundary);
        s2 += w[i + 2] * static_cast<double>(k[i + 2] > boundary);
        s3 += w[i + 3] * static_cast<double>(k[i + 3] > boundary);
        at += (k[i] == boundary) + (k[i + 1] == boundary) + (k[i + 2] == boundary) +
              (k[i + 3] == boundary);
      }
      for (; i < len; i++) {
        s0 += w[i] * static_cast<double>(k[i] > boundary);
        at += k[i] == boundary;
      }
      double s = (s0 + s1) + (s2 + s3);
      if (at > 0 && ties < ties_kept) {
        for (i = 0; i < len; i++) {
          const bool tie = k[i] == boundary && ties < ties_kept;
          s += w[i] * static_cast<double>(tie);
          ties += tie;
          last = tie ? j0 + i : last;
        }
      }
      block_sums[b] = s;
      total += s;
    }
    last_tie[0] = last;
    return total;
  }
