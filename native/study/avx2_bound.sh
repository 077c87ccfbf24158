#!/usr/bin/env bash
# Builds and runs the compute-bound study (avx2_bound.cpp): cycles per 8 elements of each
# in-cache softmax pass against its FMA-port bound. Usage: avx2_bound.sh [avx2|avx512].
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
g++ -std=c++17 -march=x86-64 -O3 -I"$here/.." "$here/avx2_bound.cpp" -o "$out/avx2_bound"
"$out/avx2_bound" "$@"
