// CPU feature detection for run-time dispatch, one section per architecture the library builds
// for. x86-64: CPUID for what the processor implements and XGETBV for what the operating system
// saves on a context switch; a variant is usable only when both agree (an AVX-512 CPU under an OS
// that does not save ZMM state must not run AVX-512 code). AArch64: the kernel's HWCAP word,
// which already means "the CPU has it and the OS enabled it".
#pragma once

#include <stdint.h>

#include <string>

#if defined(__x86_64__)
#include <cpuid.h>
#elif defined(__aarch64__)
#include <sys/auxv.h>
#else
#error "logits4j's native library builds for x86-64 and AArch64 only"
#endif

namespace logits4j {

// Bits of the mask returned by l4j_cpu_features(). The Java side never decodes them: it tests them
// against the variants' required masks (variants.h) and asks for their names (l4j_feature_names).
// One bit space for every architecture, so a bit never changes meaning between builds.
enum CpuFeature : int {
  kFeatureAvx2Fma = 1,      // x86-64: AVX2 + FMA, YMM state enabled by the OS
  kFeatureAvx512 = 2,       // x86-64: AVX-512 F/BW/DQ/VL, ZMM and opmask state enabled by the OS
  kFeatureF16c = 4,         // x86-64: F16C (VCVTPH2PS: float16 -> float32), with YMM state
  kFeatureAsimd = 8,        // AArch64: Advanced SIMD (NEON) with FMA and FCVTL, HWCAP_ASIMD
};

// Each bit's meaning in the CPU vendors' names, for people reading logs and error messages.
struct FeatureName {
  int bit;
  const char* names;
};

#if defined(__x86_64__)
// The architecture this library is built for: the first word of every feature description, the
// `arch` of every variant row, and its name for people (in the scalar row's description).
#define L4J_BUILD_ARCH "x86-64"
#define L4J_BUILD_ARCH_TITLE "x86-64"
constexpr const char* kBuildArch = L4J_BUILD_ARCH;
constexpr FeatureName kFeatureNames[] = {
    {kFeatureAvx2Fma, "avx2 fma"},
    {kFeatureAvx512, "avx512f avx512bw avx512dq avx512vl"},
    {kFeatureF16c, "f16c"},
};
#else
#define L4J_BUILD_ARCH "aarch64"
#define L4J_BUILD_ARCH_TITLE "AArch64"
constexpr const char* kBuildArch = L4J_BUILD_ARCH;
constexpr FeatureName kFeatureNames[] = {
    {kFeatureAsimd, "asimd"},
};
#endif

// "x86-64 avx2 fma avx512f avx512bw avx512dq avx512vl": the build's architecture, then the names
// of each bit set in features, in table order (unknown bits are not named).
static inline std::string describe_features(int features) {
  std::string s = kBuildArch;
  for (const FeatureName& f : kFeatureNames) {
    if (features & f.bit) {
      s += ' ';
      s += f.names;
    }
  }
  return s;
}

#if defined(__x86_64__)
// XGETBV is encoded by hand so this file needs no -mxsave; it only runs after CPUID said
// OSXSAVE is set, so it cannot fault.
static inline uint64_t l4j_xgetbv0() {
  uint32_t eax, edx;
  __asm__ volatile(".byte 0x0f, 0x01, 0xd0" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<uint64_t>(edx) << 32) | eax;
}

static inline int detect_cpu_features() {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
    return 0;
  }
  const bool osxsave = (ecx & (1u << 27)) != 0;
  const bool avx = (ecx & (1u << 28)) != 0;
  const bool fma = (ecx & (1u << 12)) != 0;
  const bool f16c = (ecx & (1u << 29)) != 0;
  if (!osxsave || !avx) {
    return 0;
  }
  const uint64_t xcr0 = l4j_xgetbv0();
  const bool ymm_saved = (xcr0 & 0x6) == 0x6;            // SSE and AVX state
  const bool zmm_saved = (xcr0 & 0xe6) == 0xe6;          // plus opmask, ZMM_Hi256, Hi16_ZMM
  if (__get_cpuid_max(0, nullptr) < 7) {
    return 0;
  }
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  const bool avx2 = (ebx & (1u << 5)) != 0;
  const bool avx512f = (ebx & (1u << 16)) != 0;
  const bool avx512dq = (ebx & (1u << 17)) != 0;
  const bool avx512bw = (ebx & (1u << 30)) != 0;
  const bool avx512vl = (ebx & (1u << 31)) != 0;
  int features = 0;
  if (ymm_saved && f16c) {
    features |= kFeatureF16c;
  }
  if (ymm_saved && avx2 && fma) {
    features |= kFeatureAvx2Fma;
  }
  if (zmm_saved && avx2 && fma && avx512f && avx512dq && avx512bw && avx512vl) {
    features |= kFeatureAvx512;
  }
  return features;
}

#else
// Advanced SIMD is architecturally mandatory on AArch64 Linux, so HWCAP_ASIMD is always set in
// practice; it is still read rather than assumed, so that the variant row's "required" field
// means the same thing on both architectures (and a future SVE row tests HWCAP_SVE the same way).
static inline int detect_cpu_features() {
#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)  // <asm/hwcap.h>; older libcs do not re-export it
#endif
  const unsigned long hwcap = getauxval(AT_HWCAP);
  return (hwcap & HWCAP_ASIMD) ? kFeatureAsimd : 0;
}
#endif

}  // namespace logits4j
