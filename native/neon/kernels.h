// AArch64 Advanced SIMD (NEON) variant. NEON and FMA are in the AArch64 base ISA, so the
// architecture's default flags already allow them: no target pragma is needed (and the scalar
// variant in the same library may use NEON registers for scalar floating point, as every
// AArch64 program does; there is nothing to keep apart, unlike YMM/ZMM on x86).
#pragma once

#include <math.h>
#include <stdint.h>

#include <cmath>
#include <limits>

#include "../generic/slow_paths.h"

#pragma GCC push_options
// Explicit FMAs only: a mul followed by an add must round twice (see arg() in
// generic/lane_helpers.inl), so the compiler may not fuse them on its own. (GCC's default for
// AArch64 is fp-contract=fast, which would fuse them.)
#pragma GCC optimize("fp-contract=off")
#include "simd.h"

namespace logits4j {
namespace neon {

#include "../generic/kernels.inl"

}  // namespace neon
}  // namespace logits4j

#pragma GCC pop_options
