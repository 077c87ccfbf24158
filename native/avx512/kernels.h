// AVX-512 (F/BW/DQ/VL) variant. The target pragma applies to this region only.
#pragma once

#include <math.h>
#include <stdint.h>

#include <cmath>
#include <limits>

#include "../generic/slow_paths.h"

// Intrinsics headers first, outside the target region, as GCC recommends.
#include <immintrin.h>

#pragma GCC push_options
// GCC 12 reports a false "may be used uninitialized" inside its own _mm512_reduce_* intrinsics.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")
// Explicit FMAs only: a mul followed by an add must round twice (see arg() in
// generic/lane_helpers.inl), so the compiler may not fuse them on its own.
#pragma GCC optimize("fp-contract=off")
#include "simd.h"

namespace logits4j {
namespace avx512 {

#include "../generic/kernels.inl"

}  // namespace avx512
}  // namespace logits4j

#pragma GCC diagnostic pop
#pragma GCC pop_options
