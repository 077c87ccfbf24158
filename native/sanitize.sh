#!/usr/bin/env bash
# Builds the kernels with AddressSanitizer + UndefinedBehaviorSanitizer around a C++ driver
# (test/sanitize_driver.cpp) and runs every variant this CPU supports over lengths 0..300 and
# large rows with exact-size allocations. Prints the sanitizers' reports, if any; exit 0 = clean.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
g++ -std=c++17 -march=x86-64 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
    -fno-sanitize-recover=all -I"$here" "$here/test/sanitize_driver.cpp" -o "$out/driver"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 "$out/driver"
echo "sanitize: no AddressSanitizer or UndefinedBehaviorSanitizer report"
