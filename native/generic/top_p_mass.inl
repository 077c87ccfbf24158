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
  // o advanced past them), w[0, len) = exp((z - m) * inv_t) with the lanes' exp.
  template <class X>
  static inline void weigh_block(const X* x, int64_t j0, int64_t len, double m, double inv_t,
                                 const int32_t* oid, const double* oval, int64_t no, int64_t& o,
                                 double* d, double* w) {
    widen(x + j0, len, d);
    for (; o < no && oid[o] < j0 + len; o++) {
      if (oid[o] >= j0) {
        d[oid[o] - j0] = oval[o];
      }
    }
    const VD::R vm = VD::set1(m);
    const VD::R vt = VD::set1(inv_t);
    const double ninf = -std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < len; i += VD::W) {
      const int64_t k = len - i < VD::W ? len - i : VD::W;
      const VD::R v = k == VD::W ? VD::load(d + i) : VD::load_tail(d + i, k, ninf);
      const VD::R e = VD::exp_nonpos(VD::mul(VD::sub(v, vm), vt));
      if (k == VD::W) {
        VD::store(w + i, e);
      } else {
        VD::store_tail(w + i, e, k);
      }
    }
  }

  // The mass histogram of one digit: over the tokens whose key's top pbits bits equal those of
  // prefix, hist[b] = the sum of the weights of those whose next dbits bits are b (b < 2^dbits).
  // hist is scratch of hist_len >= 4 << dbits doubles, cleared here: four interleaved copies,
  // folded into the first at the end, so that a run of tokens in one bucket is not one chain
  // of dependent adds through memory. stats[0, 3) = the smallest and largest matching key
  // (unsigned, as order_key) and how many matched. Returns the matching tokens' total weight;
  // NaN (nothing written) when pbits, dbits or a size is out of range.
  template <class X>
  static double mass_digit(const X* x, int64_t n, double m, double inv_t, const int32_t* oid,
                           const double* oval, int64_t no, uint64_t prefix, int32_t pbits,
                           int32_t dbits, double* hist, int64_t hist_len, uint64_t* stats,
                           int64_t stats_len) {
    if (n < 0 || n > INT32_MAX || pbits < 0 || dbits < 0 || dbits > 12 || pbits + dbits > 64 ||
        hist_len < (int64_t{4} << dbits) || stats_len < 3 || no < 0) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    const int64_t buckets = int64_t{1} << dbits;
    for (int64_t b = 0; b < 4 * buckets; b++) {
      hist[b] = 0;
    }
    const uint64_t pmask = pbits == 0 ? 0 : ~uint64_t{0} << (64 - pbits);
    const uint64_t want = prefix & pmask;
    const int dshift = 64 - pbits - dbits;                 // in [0, 64]; unused when dbits == 0
    const uint64_t dmask = static_cast<uint64_t>(buckets - 1);
    double d[kSumBlock], w[kSumBlock];
    uint64_t lo = ~uint64_t{0}, hi = 0;
    int64_t matched = 0;
    int64_t o = 0;
    for (int64_t j0 = 0; j0 < n; j0 += kSumBlock) {
      const int64_t len = n - j0 < kSumBlock ? n - j0 : kSumBlock;
      weigh_block(x, j0, len, m, inv_t, oid, oval, no, o, d, w);
      for (int64_t i = 0; i < len; i++) {
        const uint64_t k = order_key(d[i]);
        if ((k & pmask) == want) {
          const int64_t b = dbits == 0 ? 0 : static_cast<int64_t>((k >> dshift) & dmask);
          hist[(i & 3) * buckets + b] += w[i];
          lo = k < lo ? k : lo;
          hi = k > hi ? k : hi;
          matched++;
        }
      }
    }
    double total = 0;
    for (int64_t b = 0; b < buckets; b++) {
      hist[b] = (hist[b] + hist[buckets + b]) + (hist[2 * buckets + b] + hist[3 * buckets + b]);
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
  // written) when a size is out of range.
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
    double total = 0;
    int64_t ties = 0;
    int64_t last = -1;
    int64_t o = 0;
    for (int64_t j0 = 0, b = 0; j0 < n; j0 += kSumBlock, b++) {
      const int64_t len = n - j0 < kSumBlock ? n - j0 : kSumBlock;
      weigh_block(x, j0, len, m, inv_t, oid, oval, no, o, d, w);
      double s[4] = {0, 0, 0, 0};
      for (int64_t i = 0; i < len; i++) {
        const uint64_t k = order_key(d[i]);
        const bool tie = k == boundary && ties < ties_kept;
        ties += tie;
        last = tie ? j0 + i : last;
        s[i & 3] += (k > boundary || tie) ? w[i] : 0.0;
      }
      block_sums[b] = (s[0] + s[1]) + (s[2] + s[3]);
      total += block_sums[b];
    }
    last_tie[0] = last;
    return total;
  }
