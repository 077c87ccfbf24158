#!/usr/bin/env bash
# Builds and runs the short-row study (short_rows.cpp): ns per element of every float32 op on
# 65536 x n rows, n = 2..16, for one variant. Usage: short_rows.sh [avx2|avx512|scalar] [rows].
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
g++ -std=c++17 -march=x86-64 -O3 -ffp-contract=off -I"$here/.." "$here/short_rows.cpp" -o "$out/short_rows"
"$out/short_rows" "$@"
