// AVX2 + FMA variant. The target pragma applies to this region only: the rest of the library
// keeps the default flags, so nothing outside this region and the AVX-512 one uses YMM/ZMM.
#pragma once

#include <math.h>
#include <stdint.h>

#include <cmath>
#include <limits>

#include "../generic/slow_paths.h"

// Intrinsics headers first, outside the target region, as GCC recommends.
#include <immintrin.h>

#pragma GCC push_options
// GCC's intrinsics headers use the self-initialisation idiom (__Y = __Y) that -Wall reports.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// f16c: VCVTPH2PS for float16 inputs (issue 13); the variant requires it (dispatch/variants.h).
#pragma GCC target("avx2,fma,f16c")
// Explicit FMAs only: a mul followed by an add must round twice (see arg() in
// generic/lane_helpers.inl), so the compiler may not fuse them on its own.
#pragma GCC optimize("fp-contract=off")
#include "simd.h"

namespace logits4j {
namespace avx2 {

#include "../generic/kernels.inl"

}  // namespace avx2
}  // namespace logits4j

#pragma GCC diagnostic pop
#pragma GCC pop_options
