#!/usr/bin/env bash
# Builds and runs the long-row study (long_rows.cpp): three-pass vs online normaliser vs
# two-pass softmax on rows of 8K..32M float32 elements, AVX-512, one thread. Needs ~2.3 GiB RAM.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
g++ -std=c++17 -march=x86-64 -O3 -I"$here/.." "$here/long_rows.cpp" -o "$out/long_rows"
"$out/long_rows"
