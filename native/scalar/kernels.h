// Portable scalar variant: compiled with the library's default flags (-march=x86-64, or
// -march=armv8-a for AArch64), so it runs on every CPU of the architecture; the variant of last
// resort and the reference for the others.
#pragma once

#include <math.h>
#include <stdint.h>

#include <cmath>
#include <limits>

#include "../generic/slow_paths.h"

#pragma GCC push_options
// Explicit FMAs only: a mul followed by an add must round twice (see arg() in
// generic/lane_helpers.inl), so the compiler may not fuse them on its own.
#pragma GCC optimize("fp-contract=off")
#include "simd.h"

namespace logits4j {
namespace scalar {

#include "../generic/kernels.inl"

}  // namespace scalar
}  // namespace logits4j

#pragma GCC pop_options
