// Tests the 16-bit loads of every variant (issue 13) one by one: every float16 and every bfloat16
// bit pattern (65,536 each), through whole vectors and through the masked tail loads at every
// tail length, against the exact software conversion of generic/half_types.h, bit for bit (NaNs
// included: VCVTPH2PS and the software conversion both keep the payload and make it quiet).
// The loads are reached through row_log with 1/T = 1 and no shift (y = (x + 0) - 0 = x, exact;
// only -0 comes out +0, and a signalling NaN, which only bfloat16 can load, comes out quiet), so
// no vector type crosses into this file's default-target code.
// Exit 0 = all equal. Built by half_loads.sh.
#include <stdio.h>
#include <string.h>

#include <vector>

#include "../logits4j_native.h"

using logits4j::bf16;
using logits4j::f16;

template <class Ops, class H>
static long check(const char* variant, const char* type) {
  const int64_t W = Ops::W;
  std::vector<H> in(65536);
  for (uint32_t b = 0; b < 65536; b++) {
    in[b].bits = static_cast<uint16_t>(b);
  }
  std::vector<float> y(65536);
  long bad = 0;
  auto compare = [&](int64_t start, int64_t n) {
    for (int64_t l = 0; l < n; l++) {
      const float want = static_cast<float>(in[start + l]);
      const float got = y[l];
      uint32_t a, b;
      memcpy(&a, &want, 4);
      memcpy(&b, &got, 4);
      if (want != want) {
        a |= 0x400000u;  // the probe's add quiets a signalling NaN (a bfloat16 sNaN loads as one)
      }
      if (a != b && !(want == 0 && got == 0) && bad++ < 5) {
        printf("half-loads: %s %s: bits %04x (row of %ld): want %08x got %08x\n", variant, type,
               in[start + l].bits, static_cast<long>(n), a, b);
      }
    }
  };
  Ops::template row_log<false>(in.data(), y.data(), 65536, 1.0f, 0.0f, 0.0f);  // whole vectors
  compare(0, 65536);
  for (int64_t t = 1; t < W; t++) {  // every tail length, every value in a tail
    for (int64_t start = 0; start + t <= 65536; start += t) {
      Ops::template row_log<false>(in.data() + start, y.data(), t, 1.0f, 0.0f, 0.0f);
      compare(start, t);
    }
  }
  printf("half-loads: %s %s: 65536 values, whole vectors and tails of 1..%ld: %s\n", variant, type,
         static_cast<long>(W - 1), bad ? "MISMATCH" : "exact");
  return bad;
}

int main() {
  const int f = logits4j::detect_cpu_features();
  long bad = 0;
  for (const logits4j::Variant& v : logits4j::kVariants) {
    if (!logits4j::variant_supported(v, f)) {
      printf("half-loads: %s: not supported by this CPU, skipped\n", v.name);
      continue;
    }
    bad += logits4j::with_variant(v.id, [&](auto kernels) {
      typedef typename decltype(kernels)::type K;
      return check<typename K::F32, f16>(v.name, "float16") +
             check<typename K::F32, bf16>(v.name, "bfloat16");
    });
  }
  printf("half-loads: %s\n", bad ? "FAILED" : "ok");
  return bad ? 1 : 0;
}
