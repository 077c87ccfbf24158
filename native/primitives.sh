#!/usr/bin/env bash
# Builds test/primitives_driver.cpp with the library's flags (-march=x86-64 -O3: the wide code
# comes from the target regions only) and tests the row primitives of every variant this CPU
# supports one by one against a float64 reference. One line per variant: the lengths tested and
# the largest error per bound; exit 0 = every primitive within its bound at every length.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
g++ -std=c++17 -march=x86-64 -O3 -Wall -Wextra -I"$here" "$here/test/primitives_driver.cpp" \
    -o "$out/driver"
"$out/driver"
