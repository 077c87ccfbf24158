// The kernel variants, one row each: the only list of them (simdjson's available implementations).
// Everything else derives from it: the Java side reads it through the l4j_variant_* entry points
// (NativeBinding -> VariantTable), the test drivers loop over it, and "best" and "supported" below
// are loops over it. The one other place that names the variants is the dispatch switch in
// logits4j_native.h, which maps each id to its namespace (a switch: the compiler checks it).
//
// Adding a variant (a folder, an id, a row here, the dispatch switch, check-isa.sh):
// docs/ARCHITECTURE.md, "To add an ISA".
//
// Architectures: each build compiles the rows of its own architecture only (x86-64: CPUID/XGETBV
// and immintrin.h; AArch64: HWCAP and arm_neon.h), so a library lists only what it can run. An
// id names one variant on every architecture (scalar is 0 everywhere, neon has its own), so
// Java's ids stay meaningful whichever library is loaded.
//
// SVE would join AArch64 as one more row: {kIsaSve = 4, "sve", ..., kFeatureSve, "aarch64", 30}
// with kFeatureSve read from HWCAP_SVE in cpu_features.h and an sve/ folder whose kernels.h sets
// `#pragma GCC target("+sve")`; being vector-length agnostic, its tails would be predicated loads.
#pragma once

#include "cpu_features.h"

namespace logits4j {

// The ids: the `isa` argument of every l4j_* call. Fixed numbers, since Java passes them.
enum Isa : int { kIsaScalar = 0, kIsaAvx2 = 1, kIsaAvx512 = 2, kIsaNeon = 3 };

struct Variant {
  int id;                   // an Isa
  const char* name;         // what -Dlogits4j.isa takes and what logs print ("native-" + name)
  const char* description;  // one line for people
  int required;             // CpuFeature bits that must all be present
  const char* arch;         // the instruction set architecture the variant is compiled for
  int priority;             // among the supported variants the highest wins: widest vectors first
};

// Widest first. Priorities leave gaps so a variant can join between two without renumbering.
constexpr Variant kVariants[] = {
#if defined(__x86_64__)
    // Its target region also enables AVX2 and FMA (the compiler may use them), so it needs both.
    {kIsaAvx512, "avx512", "AVX-512 F/BW/DQ/VL: 16 float / 8 double lanes, opmask tails",
     kFeatureAvx512 | kFeatureAvx2Fma, "x86-64", 30},
    // F16C: float16 inputs are converted by VCVTPH2PS as they are loaded (issue 13).
    {kIsaAvx2, "avx2", "AVX2 + FMA + F16C: 8 float / 4 double lanes, masked-move tails",
     kFeatureAvx2Fma | kFeatureF16c, "x86-64", 20},
    {kIsaScalar, "scalar", "portable C++, one lane, no FMA: runs on every x86-64 CPU", 0, "x86-64",
     10},
#else
    // Advanced SIMD is mandatory in ARMv8-A, so on Linux this row is always supported: no
    // run-time choice beyond this table (scalar stays for -Dlogits4j.isa=scalar and as reference).
    {kIsaNeon, "neon", "Advanced SIMD (NEON) + FMA: 4 float / 2 double lanes, buffered tails",
     kFeatureAsimd, "aarch64", 20},
    {kIsaScalar, "scalar", "portable C++, one lane, no FMA: runs on every AArch64 CPU", 0,
     "aarch64", 10},
#endif
};

constexpr int kVariantCount = static_cast<int>(sizeof(kVariants) / sizeof(kVariants[0]));

// Row i, or null when i is out of range.
static inline const Variant* variant_at(int i) {
  return i >= 0 && i < kVariantCount ? &kVariants[i] : nullptr;
}

// One mask test, as simdjson: every feature the variant needs is present.
static inline bool variant_supported(const Variant& v, int features) {
  return (features & v.required) == v.required;
}

// The supported variant of highest priority (scalar needs nothing, so there always is one).
static inline const Variant& best_variant(int features) {
  const Variant* best = nullptr;
  for (const Variant& v : kVariants) {
    if (variant_supported(v, features) && (best == nullptr || v.priority > best->priority)) {
      best = &v;
    }
  }
  return *best;
}

}  // namespace logits4j
