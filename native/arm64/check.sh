#!/usr/bin/env bash
# Tests the linux-arm64 classifier jar on this x86-64 machine: an arm64 JRE (Debian's
# openjdk-17-jre-headless:arm64 through multiarch) runs under qemu-user, emulating a Neoverse N1
# (Graviton2 / Ampere Altra class: NEON, no SVE, so the JVM's preferred vector is 128 bits like
# on those machines), over the jars `mvn package` built, through JUnit's console launcher.
#
#   native/arm64/check.sh [--ci] [--install]
#
# Suites, one line each (full logs in $OUT or target/arm64-check):
#   primitives   test/primitives_driver.cpp cross-built, every row primitive of neon and scalar
#                against a float64 reference (native/primitives.sh's bounds); and
#                test/half_loads_driver.cpp: NEON's float16/bfloat16 loads, all 65,536 values, exact
#   disassembly  the arm64 library's kernels use NEON FMA (fmla v..)
#   sanitize     test/sanitize_driver.cpp cross-built with ASan + UBSan, neon and scalar (leak
#                detection off: LeakSanitizer does not run under qemu-user)
#   conformance  ConformanceTest (678 PyTorch cases) + VariantTest, native forced: neon; and
#                SamplingConformanceTest (131 PyTorch cases of the selection ops, every backend)
#   agreement    AgreementTest (Java, native scalar, neon vs float64) + ErrorBoundTest (maxima)
#                + HalfTest (16-bit logits on every implementation) + HalfSelectionTest and
#                SamplingPropertyTest (the selection ops: candidate scan, float64 sum pass)
#   errors       ErrorPathTest + TrustBoundaryTest on every implementation; ConcurrencyTest (threads,
#                FPCR left alone) and VariantTableTest
#   fuzz         FuzzTest on every implementation (iterations: LOGITS4J_ARM64_FUZZ, 20000 as
#                in mvn verify)
#   java-vector  pure Java with the Vector API module (128-bit vectors): JavaVectorTest,
#                ConformanceTest through the facade, ErrorBoundTest (its maxima), HalfConversionTest
#                (every 16-bit pattern through the Vector API widening at 128 bits)
#   info         bin/logits4j info's lines on the arm64 JVM (implementation, Java kernels)
# --ci runs primitives, disassembly and conformance only (what fits CI's time); --install
# installs what is missing with apt (root), as .ci/run does. Exit 0 = every suite run passed.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
ci=false
install=false
for a in "$@"; do
  case "$a" in
    --ci) ci=true ;;
    --install) install=true ;;
    *) echo "usage: $0 [--ci] [--install]" >&2; exit 2 ;;
  esac
done
out="${OUT:-$root/target/arm64-check}"
mkdir -p "$out"
jre=/usr/lib/jvm/java-17-openjdk-arm64
cross=/usr/bin/aarch64-linux-gnu-g++
# The CPU qemu emulates. Its default ("max") has 512-bit SVE, which would make the JVM prefer
# 512-bit vectors and leave the 128-bit Java path untested.
export QEMU_CPU="${QEMU_CPU:-neoverse-n1}"

# ---- install steps (Debian 12): the cross compiler, qemu-user, an arm64 JRE via multiarch ----
missing() {
  [ -x "$cross" ] || echo g++-aarch64-linux-gnu
  command -v qemu-aarch64 > /dev/null || echo qemu-user
  [ -x "$jre/bin/java" ] || echo openjdk-17-jre-headless:arm64
}
if [ -n "$(missing)" ]; then
  if ! $install; then
    echo "arm64: missing: $(missing | tr '\n' ' ')(rerun with --install, as root, to apt-get them)"
    exit 2
  fi
  # Multiarch: arm64 packages install next to the amd64 ones (libraries under
  # /usr/lib/aarch64-linux-gnu, the JRE under /usr/lib/jvm/java-17-openjdk-arm64). apt may upgrade
  # amd64 libraries to the arm64 ones' exact version (Multi-Arch: same requires it).
  dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
  apt-get update -q > "$out/apt.txt" 2>&1
  # shellcheck disable=SC2046
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(missing) \
    >> "$out/apt.txt" 2>&1 || { echo "arm64: apt-get install failed (see $out/apt.txt)"; exit 2; }
fi

# ---- the jars (mvn package with the linux-arm64 profile) and the launcher ----
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
main_jar="target/logits4j-$version.jar"
arm_jar="target/logits4j-$version-linux-arm64.jar"
if [ ! -f "$arm_jar" ] || [ ! -d target/test-classes ]; then
  echo "arm64: $arm_jar or target/test-classes missing: run 'mvn -q -B package -DskipTests' first"
  exit 2
fi
javacpp_jar="$(ls target/lib/javacpp-*.jar | head -1)"
junit_version="1.14.1"  # JUnit Platform of junit-jupiter 5.14.1 (pom.xml)
launcher="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_version/junit-platform-console-standalone-$junit_version.jar"
if [ ! -f "$launcher" ]; then
  mvn -q -B dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_version" \
    > "$out/launcher.txt" 2>&1 || { echo "arm64: could not fetch JUnit's console launcher (see $out/launcher.txt)"; exit 2; }
fi
# test-classes (the suites and the conformance vectors), the main jar and the arm64 jar: the
# x86 jar is deliberately absent, so only the arm64 library can load.
cp="target/test-classes:$main_jar:$arm_jar:$javacpp_jar"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
failed=0

suite() {  # name, timeout (s), jvm options..., then -- and the launcher's selection
  local name="$1" limit="$2"
  shift 2
  local jvm=()
  while [ "$1" != "--" ]; do jvm+=("$1"); shift; done
  shift
  local start=$SECONDS
  timeout "$limit" qemu-aarch64 "$jre/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
    -Dorg.bytedeco.javacpp.cachedir="$cache" "${jvm[@]}" -cp "$launcher:$cp" \
    org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=tree \
    --disable-ansi-colors --class-path "$cp" "$@" > "$out/$name.txt" 2>&1
  local rc=$?
  local found ok bad
  found=$(grep -E 'tests found' "$out/$name.txt" | grep -oE '[0-9]+' | head -1)
  ok=$(grep -E 'tests successful' "$out/$name.txt" | grep -oE '[0-9]+' | head -1)
  bad=$(grep -E 'tests failed' "$out/$name.txt" | grep -oE '[0-9]+' | head -1)
  local verdict=ok
  if [ "$rc" -ne 0 ] || [ "${found:-0}" -eq 0 ]; then
    verdict=FAILED
    failed=$((failed + 1))
  fi
  [ "$rc" -eq 124 ] && verdict="FAILED (timed out after ${limit}s)"
  echo "arm64 $name: $verdict: ${found:-?} tests, ${ok:-?} successful, ${bad:-?} failed ($((SECONDS - start)) s; $out/$name.txt)"
}

native_only=(-Dlogits4j.test.expectNative=true)

# primitives: the driver cross-built with the library's flags, run under qemu
start=$SECONDS
if $cross -std=c++17 -march=armv8-a -O3 -ffp-contract=off -Wall -Wextra -Inative \
    native/test/primitives_driver.cpp -o "$out/primitives-driver" > "$out/primitives.txt" 2>&1 &&
   qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/primitives-driver" >> "$out/primitives.txt" 2>&1 &&
   grep -q "^primitives: neon: " "$out/primitives.txt" &&
   $cross -std=c++17 -march=armv8-a -O3 -ffp-contract=off -Wall -Wextra -Inative \
     native/test/half_loads_driver.cpp -o "$out/half-loads-driver" >> "$out/primitives.txt" 2>&1 &&
   qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/half-loads-driver" >> "$out/primitives.txt" 2>&1 &&
   grep -q "^half-loads: neon bfloat16: .*exact" "$out/primitives.txt"; then
  echo "arm64 primitives: ok: $(grep '^primitives: neon: ' "$out/primitives.txt" | sed 's/^primitives: neon: //; s/, 13 primitives.*max error/; max error/'); neon float16/bfloat16 loads exact for all 65,536 values ($((SECONDS - start)) s)"
else
  echo "arm64 primitives: FAILED ($out/primitives.txt)"
  failed=$((failed + 1))
fi

# disassembly: NEON FMA in the kernels (the library is stripped, so rebuild the JNI source
# unstripped, as check-isa.sh does for x86, to name the functions)
gen=target/native-linux-arm64/dev/logits4j/internal/nativeimpl/linux-arm64
jhome="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
if $cross -Inative -I"$jhome/include" -I"$jhome/include/linux" "$gen/jniNativeBinding.cpp" \
     "$gen/jnijavacpp.cpp" -march=armv8-a -O3 -ffp-contract=off -std=c++17 -w -fPIC -pthread \
     -shared -o "$out/lib-unstripped.so" > "$out/disassembly.txt" 2>&1; then
  aarch64-linux-gnu-objdump -d --no-show-raw-insn -C "$out/lib-unstripped.so" > "$out/lib.dis"
  counts="$(awk '
    /^[0-9a-f]+ <.*>:$/ { fn = $0; next }
    /\tfmla\tv[0-9]+\.(4s|2d)/ { if (fn ~ /logits4j::neon::/) neon++; else other++ }
    END { printf "%d %d", neon, other }' "$out/lib.dis")"
  neon_fmla="${counts% *}"
  if [ "$neon_fmla" -gt 0 ]; then
    echo "arm64 disassembly: ok: $neon_fmla vector fmla (v.4s/v.2d) in logits4j::neon functions, ${counts#* } elsewhere"
  else
    echo "arm64 disassembly: FAILED: no fmla v.4s/v.2d in logits4j::neon"
    failed=$((failed + 1))
  fi
else
  echo "arm64 disassembly: FAILED: unstripped rebuild failed ($out/disassembly.txt)"
  failed=$((failed + 1))
fi

if ! $ci; then
  start=$SECONDS
  if $cross -std=c++17 -march=armv8-a -O1 -g -fno-omit-frame-pointer -ffp-contract=off \
      -fsanitize=address,undefined -fno-sanitize-recover=all -Inative native/test/sanitize_driver.cpp \
      -o "$out/sanitize-driver" > "$out/sanitize.txt" 2>&1 &&
     ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
       qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/sanitize-driver" >> "$out/sanitize.txt" 2>&1 &&
     grep -q "^sanitize: neon: " "$out/sanitize.txt"; then
    echo "arm64 sanitize: ok: $(grep -E '^sanitize: (neon|scalar): ' "$out/sanitize.txt" | sed 's/^sanitize: //' | paste -sd ';'), no ASan/UBSan report ($((SECONDS - start)) s)"
  else
    echo "arm64 sanitize: FAILED ($out/sanitize.txt)"
    failed=$((failed + 1))
  fi
fi

suite conformance 1500 "${native_only[@]}" -Dlogits4j.backend=native -Dlogits4j.isa=neon -- \
  --select-class dev.logits4j.ConformanceTest --select-class dev.logits4j.VariantTest \
  --select-class dev.logits4j.SamplingConformanceTest

if ! $ci; then
  suite agreement 1800 "${native_only[@]}" -- \
    --select-class dev.logits4j.AgreementTest --select-class dev.logits4j.ErrorBoundTest \
    --select-class dev.logits4j.HalfTest --select-class dev.logits4j.HalfSelectionTest \
    --select-class dev.logits4j.SamplingPropertyTest
  grep -h 'max error (' "$out/agreement.txt" | sed 's/^/  /'
  suite errors 900 "${native_only[@]}" -- \
    --select-class dev.logits4j.ErrorPathTest --select-class dev.logits4j.TrustBoundaryTest \
    --select-class dev.logits4j.ConcurrencyTest --select-class dev.logits4j.VariantTableTest
  suite fuzz 1800 "${native_only[@]}" -Dlogits4j.fuzz.iterations="${LOGITS4J_ARM64_FUZZ:-20000}" -- \
    --select-class dev.logits4j.FuzzTest
  suite java-vector 1800 --add-modules jdk.incubator.vector -Dlogits4j.backend=java \
    -Dlogits4j.test.expectJavaVector=true -- --select-class dev.logits4j.JavaVectorTest \
    --select-class dev.logits4j.ConformanceTest --select-class dev.logits4j.ErrorBoundTest \
    --select-class dev.logits4j.HalfConversionTest
  grep -h 'max error (java)' "$out/java-vector.txt" | sed 's/(java)/(java, Vector API)/; s/^/  /'
fi

# What a user sees: info() on the arm64 JVM with both jars and the Vector API module.
qemu-aarch64 "$jre/bin/java" --add-modules jdk.incubator.vector -Dorg.bytedeco.javacpp.cachedir="$cache" \
  -cp "$main_jar:$arm_jar:$javacpp_jar" dev.logits4j.cli.Main info > "$out/info.txt" 2>&1
if grep -q '^implementation: native-neon' "$out/info.txt"; then
  echo "arm64 info: ok: $(grep -E '^(implementation|java kernels):' "$out/info.txt" | sed 's/  */ /g' | paste -sd ';')"
else
  echo "arm64 info: FAILED: not native-neon ($out/info.txt)"
  failed=$((failed + 1))
fi

if [ "$failed" -eq 0 ]; then
  echo "arm64: ok (qemu-aarch64 -cpu $QEMU_CPU, $(qemu-aarch64 "$jre/bin/java" -version 2>&1 | head -1))"
else
  echo "arm64: $failed suite(s) FAILED"
fi
[ "$failed" -eq 0 ]
