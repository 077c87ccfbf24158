// 16-bit logits (issue 13): float16 (IEEE binary16) and bfloat16 as distinct element types, so a
// kernel instantiated for `const f16*` or `const bf16*` input picks the right vector load by
// overload (each ISA's simd.h: VF::load / VF::load_tail) and its scalar reads convert through
// operator float. Both types are subsets of float32: every conversion here is exact, so the
// float32 kernels compute op(x.float()). Compiled with the library's default flags (no wide
// registers outside the target regions); this is the scalar variant's conversion.
#pragma once

#include <stdint.h>
#include <string.h>

namespace logits4j {

static inline float bits_to_float(uint32_t b) {
  float f;
  memcpy(&f, &b, sizeof f);
  return f;
}

// Exact binary16 -> binary32: normal numbers rebias the exponent (15 -> 127), subnormals are
// m * 2^-24 (exact in float32), infinities stay infinities and a NaN keeps its payload in the
// upper mantissa bits and comes out quiet (as vcvtph2ps and PyTorch's Tensor.float() do).
static inline float f16_bits_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1Fu;
  const uint32_t mantissa = h & 0x3FFu;
  if (exponent == 0x1F) {
    return bits_to_float(sign | 0x7F800000u | (mantissa ? 0x400000u : 0u) | (mantissa << 13));
  }
  if (exponent != 0) {
    return bits_to_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
  const float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
  return sign ? -magnitude : magnitude;
}

struct f16 {
  uint16_t bits;
  inline operator float() const { return f16_bits_to_float(bits); }
};

// bfloat16 is the upper half of a float32: a 16-bit shift.
struct bf16 {
  uint16_t bits;
  inline operator float() const { return bits_to_float(static_cast<uint32_t>(bits) << 16); }
};

static_assert(sizeof(f16) == 2 && sizeof(bf16) == 2, "16-bit element types");

}  // namespace logits4j
