#!/usr/bin/env bash
# Runs the JMH suite and writes results.json and results.md (a Markdown table) here.
#   benchmarks/run.sh                 # the full matrix (long: ~ops x shapes x impls forks)
#   benchmarks/run.sh -p shape=1x10   # any JMH options narrow it
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
(cd "$here/.." && mvn -q -B install -DskipTests)
(cd "$here" && mvn -q -B package)
java -jar "$here/target/benchmarks.jar" OpsBench -rf json -rff "$here/results.json" "$@"
python3 "$here/table.py" "$here/results.json" > "$here/results.md"
cat "$here/results.md"
