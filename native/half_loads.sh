#!/usr/bin/env bash
# Builds test/half_loads_driver.cpp with the library's flags (-march=x86-64 -O3: the wide code comes
# from the target regions only) and checks every variant's float16 / bfloat16 loads against the
# exact software conversion for all 65,536 bit patterns and every tail length (issue 13).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
g++ -std=c++17 -march=x86-64 -O3 -Wall -Wextra -I"$here" "$here/test/half_loads_driver.cpp" \
    -o "$out/driver"
"$out/driver"
