// Sampling without top-k (issue 12: T > 0, top-k off): the one pass over a whole row that such a
// row needs, the sum of exp((z - m) / T) over the processed row in float64, with the sum of each
// block of kSumBlock elements kept, so that the draw can find its block from the block sums and
// look at that block only. The processed row z is x except at a few tokens (biased or penalised:
// the sorted `oid`, with their values `oval`), patched into each block as it is widened.
// Float64 throughout (VD lanes, whatever the input type), so the result agrees with the Java
// pipeline's float64 sums to rounding. A fragment of struct Ops in kernels.inl.

  static constexpr int64_t kSumBlock = 256;

  // d[0, len) = x[0, len) as double; float16 / bfloat16 through VF's converting loads.
  static inline void widen(const double* x, int64_t len, double* d) {
    for (int64_t i = 0; i < len; i++) {
      d[i] = x[i];
    }
  }
  static inline void widen(const float* x, int64_t len, double* d) {
    for (int64_t i = 0; i < len; i++) {
      d[i] = static_cast<double>(x[i]);
    }
  }
  template <class H>
  static inline void widen(const H* x, int64_t len, double* d) {
    float f[kSumBlock];
    int64_t i = 0;
    for (; i + VF::W <= len; i += VF::W) {
      VF::store(f + i, VF::load(x + i));
    }
    if (i < len) {
      VF::store_tail(f + i, VF::load_tail(x + i, len - i, 0.0f), len - i);
    }
    for (i = 0; i < len; i++) {
      d[i] = static_cast<double>(f[i]);
    }
  }

  // Sum over j of exp((z_j - m) * inv_t) in float64, z = x with z[oid[o]] = oval[o] (oid sorted
  // ascending; an id outside [0, n) is skipped); block b's sum into block_sums[b].
  template <class X>
  static double sum_exp_blocks(const X* x, int64_t n, double m, double inv_t, const int32_t* oid,
                               const double* oval, int64_t no, double* block_sums) {
    double d[kSumBlock];
    const VD::R vm = VD::set1(m);
    const VD::R vt = VD::set1(inv_t);
    const double ninf = -std::numeric_limits<double>::infinity();
    double total = 0;
    int64_t o = 0;
    for (int64_t j0 = 0, b = 0; j0 < n; j0 += kSumBlock, b++) {
      const int64_t len = n - j0 < kSumBlock ? n - j0 : kSumBlock;
      widen(x + j0, len, d);
      for (; o < no && oid[o] < j0 + len; o++) {
        if (oid[o] >= j0) {
          d[oid[o] - j0] = oval[o];
        }
      }
      VD::R s0 = VD::set1(0), s1 = s0;
      int64_t i = 0;
      for (; i + 2 * VD::W <= len; i += 2 * VD::W) {
        s0 = VD::add(s0, VD::exp_nonpos(VD::mul(VD::sub(VD::load(d + i), vm), vt)));
        s1 = VD::add(s1, VD::exp_nonpos(VD::mul(VD::sub(VD::load(d + i + VD::W), vm), vt)));
      }
      for (; i < len; i += VD::W) {
        const int64_t w = len - i < VD::W ? len - i : VD::W;
        const VD::R v = w == VD::W ? VD::load(d + i) : VD::load_tail(d + i, w, ninf);
        s0 = VD::add(s0, VD::exp_nonpos(VD::mul(VD::sub(v, vm), vt)));
      }
      const double bs = VD::hsum(VD::add(s0, s1));
      block_sums[b] = bs;
      total += bs;
    }
    return total;
  }
