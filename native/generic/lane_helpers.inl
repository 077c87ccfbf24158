// Vector plumbing every kernel shares: prefetching the next row, masked loads and stores of a
// partial vector, the exponent argument x * (1/T) - m rounded exactly as the max was, and the
// checks that send a row with a non-finite or overflowing max to the slow paths.
// A fragment of struct Ops in kernels.inl (included inside its body; no include guard).

  // Requests [p + j, p + j + count) ahead of use, one request per 64-byte line, for reading or
  // (kWrite) writing; p may be null (nothing to fetch). A prefetch never faults, and is only ever
  // given memory of the call. (Fetching the next row's y for writing as well was measured
  // slower: 0.40 vs 0.31 ns/element.)
  template <bool kWrite = false, class X>
  static inline void prefetch(const X* p, int64_t j, int64_t count) {
    if (p) {
      const char* b = reinterpret_cast<const char*>(p + j);
      for (int64_t k = 0; k < count * static_cast<int64_t>(sizeof(X)); k += 64) {
        __builtin_prefetch(b + k, kWrite ? 1 : 0, 3);
      }
    }
  }
  template <class X>
  static inline const X* next_row(const X* x, int64_t o, int64_t outer, int64_t n) {
    return o + 1 < outer && n >= kPrefetchRow ? x + (o + 1) * n : nullptr;
  }

  static inline T neg_inf() { return -std::numeric_limits<T>::infinity(); }
  static inline bool finite(T v) { return v > neg_inf() && v < -neg_inf(); }

  // The exponent argument d = z - m with z = x * (1/T) rounded first, exactly as the max was
  // scaled, so the max element gets d = 0 exactly (an FMA would leave it the rounding residual of
  // z, which is huge in absolute terms when |z| is). With T = 1 it is one subtraction.
  template <bool kScaled>
  static inline R arg(R x, R vt, R vnegm) {
    return V::add(kScaled ? V::mul(x, vt) : x, vnegm);
  }

  // X: T, or f16 / bf16 (converted exactly as loaded: V::load's overloads).
  template <class X>
  static inline R load_n(const X* p, int64_t w, T fill) {
    return w == W ? V::load(p) : V::load_tail(p, w, fill);
  }
  static inline void store_n(T* p, R v, int64_t w) {
    if (w == W) {
      V::store(p, v);
    } else {
      V::store_tail(p, v, w);
    }
  }

  static inline R load_n_ones(int64_t k) { return k == W ? V::set1(1) : V::ones_tail(k); }

  static inline bool fits(double v) {
    return v >= -static_cast<double>(std::numeric_limits<T>::max()) &&
           v <= static_cast<double>(std::numeric_limits<T>::max());
  }

  // The max scaled by 1/T, or false when it is not finite in T (then the slow path runs).
  static inline bool scaled_max(T mx, T invT, T* m) {
    if (!finite(mx)) {
      return false;
    }
    const double md = static_cast<double>(mx) * static_cast<double>(invT);
    if (!fits(md)) {
      return false;
    }
    *m = static_cast<T>(md);
    return true;
  }
