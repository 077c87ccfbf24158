#!/usr/bin/env bash
# Confirms the run-time dispatch is safe: rebuilds the JNI library exactly as JavaCPP does (same
# sources, same flags) but unstripped, disassembles it, and fails if any function outside the
# logits4j::avx2 and logits4j::avx512 namespaces uses YMM/ZMM/opmask registers, or if the
# AVX-512 code is missing. Run after `mvn process-classes` (it needs the generated JNI source).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gen="$root/target/classes/dev/logits4j/internal/nativeimpl/jniNativeBinding.cpp"
[ -f "$gen" ] || { echo "check-isa: $gen missing: run 'mvn -B process-classes' first" >&2; exit 2; }
jhome="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
g++ -I"$root/native" -I"$jhome/include" -I"$jhome/include/linux" "$gen" \
    "$root/target/classes/jnijavacpp.cpp" -march=x86-64 -m64 -O3 -std=c++17 -w -fPIC -pthread \
    -shared -o "$tmp/lib.so"
objdump -d --no-show-raw-insn -C "$tmp/lib.so" > "$tmp/dis.txt"
awk '
  /^[0-9a-f]+ <.*>:$/ { fn = $0; sub(/^[0-9a-f]+ </, "", fn); sub(/>:$/, "", fn); next }
  /%[yz]mm[0-9]|%k[0-7]/ {
    if (fn ~ /logits4j::avx512::/) { z++ ; zf[fn] = 1 }
    else if (fn ~ /logits4j::avx2::/) { y++ ; yf[fn] = 1 }
    else { bad[fn]++ }
  }
  END {
    nz = 0; for (f in zf) nz++; ny = 0; for (f in yf) ny++; nb = 0; for (f in bad) nb++
    printf "check-isa: AVX-512 region: %d wide instructions in %d functions; AVX2 region: %d in %d functions\n", z, nz, y, ny
    for (f in bad) printf "check-isa: OUTSIDE the AVX regions: %s (%d wide instructions)\n", f, bad[f]
    if (nb > 0) exit 1
    if (z == 0 || y == 0) { print "check-isa: AVX-512 or AVX2 code is missing"; exit 1 }
    print "check-isa: ok: only the avx2/avx512 functions use wide registers"
  }' "$tmp/dis.txt"
