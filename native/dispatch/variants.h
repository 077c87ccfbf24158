// The kernel variants, one row each in L4J_VARIANT_TABLE below: the only list of them (simdjson's
// available implementations). Everything else is generated from it or loops over it: the ids
// (enum Isa), the table the Java side reads through the l4j_variant_* entry points (kVariants ->
// NativeBinding -> VariantTable), the dispatch switch (with_variant in logits4j_native.h) and the
// test drivers' cases; "best" and "supported" below are loops over it.
//
// Adding a variant: a folder with simd.h and kernels.h, its kernels.h included in
// logits4j_native.h, a row here, and its namespace in check-isa.sh (native/README.md).
//
// Architectures: a row is X86(...), ARM64(...) or ANY(...). Each build compiles the rows of its
// own architecture only (x86-64: CPUID/XGETBV and immintrin.h; AArch64: HWCAP and arm_neon.h), so
// a library lists only what it can run; the ids of every row exist in every build, so an id names
// one variant on every architecture and is never reused (scalar is 0 everywhere, neon has its own).
//
// SVE would join AArch64 as one more row, ARM64(sve, 4, kFeatureSve, 30, "..."), with kFeatureSve
// read from HWCAP_SVE in cpu_features.h and an sve/ folder whose kernels.h sets
// `#pragma GCC target("+sve")`; being vector-length agnostic, its tails would be predicated loads.
#pragma once

#include "cpu_features.h"

// Widest first (the Java side lists them in this order). Columns:
//   name        the namespace (logits4j::<name>), what -Dlogits4j.isa takes and what logs print
//               ("native-" + name)
//   id          the `isa` argument of every l4j_* call: a fixed number, since Java passes it
//   required    CpuFeature bits that must all be present
//   priority    among the supported variants the highest wins: widest vectors first; gaps so a
//               variant can join between two without renumbering
//   description one line for people
#define L4J_VARIANT_TABLE(X86, ARM64, ANY)                                                        \
  /* Its target region also enables AVX2 and FMA (the compiler may use them), so it needs both. */ \
  X86(avx512, 2, kFeatureAvx512 | kFeatureAvx2Fma, 30,                                            \
      "AVX-512 F/BW/DQ/VL: 16 float / 8 double lanes, opmask tails")                              \
  /* F16C: float16 inputs are converted by VCVTPH2PS as they are loaded (issue 13). */            \
  X86(avx2, 1, kFeatureAvx2Fma | kFeatureF16c, 20,                                                \
      "AVX2 + FMA + F16C: 8 float / 4 double lanes, masked-move tails")                           \
  /* Advanced SIMD is mandatory in ARMv8-A, so on Linux this row is always supported: no */       \
  /* run-time choice beyond this table (scalar stays for -Dlogits4j.isa=scalar and as reference). */ \
  ARM64(neon, 3, kFeatureAsimd, 20,                                                               \
        "Advanced SIMD (NEON) + FMA: 4 float / 2 double lanes, buffered tails")                   \
  ANY(scalar, 0, 0, 10, "portable C++, one lane, no FMA: runs on every " L4J_BUILD_ARCH_TITLE " CPU")

#define L4J_VARIANT_SKIP(...)
// The rows this build compiles, as X(name, id, required, priority, description).
#if defined(__x86_64__)
#define L4J_VARIANTS(X) L4J_VARIANT_TABLE(X, L4J_VARIANT_SKIP, X)
#else
#define L4J_VARIANTS(X) L4J_VARIANT_TABLE(L4J_VARIANT_SKIP, X, X)
#endif

namespace logits4j {

// The ids of every row, whatever this build compiles: kIsa_avx512 = 2, ...
#define L4J_VARIANT_ID(name, id, ...) kIsa_##name = id,
enum Isa : int { L4J_VARIANT_TABLE(L4J_VARIANT_ID, L4J_VARIANT_ID, L4J_VARIANT_ID) };
#undef L4J_VARIANT_ID

struct Variant {
  int id;                   // an Isa
  const char* name;         // what -Dlogits4j.isa takes and what logs print ("native-" + name)
  const char* description;  // one line for people
  int required;             // CpuFeature bits that must all be present
  const char* arch;         // the instruction set architecture the variant is compiled for
  int priority;             // among the supported variants the highest wins
};

#define L4J_VARIANT_ROW(name, id, required, priority, description) \
  {id, #name, description, required, kBuildArch, priority},
constexpr Variant kVariants[] = {L4J_VARIANTS(L4J_VARIANT_ROW)};
#undef L4J_VARIANT_ROW

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
