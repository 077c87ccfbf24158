#!/usr/bin/env bash
# The whole device check in one run, on a machine without Java (see bundle.sh): CPU, the test
# suites per implementation (auto with the Vector API module; native-avx512 and native-avx2
# forced; pure Java with and without the Vector API), `bin/logits4j bench --json`, a JMH subset
# (in and out of cache, parallel) and PyTorch single-thread timings on the same shapes.
# Prints a compact report; full logs go to $OUT (or /tmp). --tests-only stops after the suites.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
c="$root/.carry"
out="${OUT:-/tmp}"
export JAVA_HOME="$c/jre"
export PATH="$c/jre/bin:$PATH"
cache="$(mktemp -d)"
cp="$c/classes:$c/test-classes:$root/src/test/resources:$(ls "$c"/lib/*.jar | tr '\n' ':')"
export LOGITS4J_CLASSPATH="$cp"
export LOGITS4J_JAVA_OPTS="-Dorg.bytedeco.javacpp.cachedir=$cache"
echo "== $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cpus; $(grep -o -w 'avx512f\|avx512bw\|avx512dq\|avx512vl\|avx2\|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
java -version 2>&1 | head -1

suite() {  # name, jvm options..., then -- and the launcher's selection
  local name="$1"
  shift
  local jvm=()
  while [ "$1" != "--" ]; do jvm+=("$1"); shift; done
  shift
  timeout 240 java --enable-native-access=ALL-UNNAMED -Dorg.bytedeco.javacpp.cachedir="$cache" "${jvm[@]}" \
    -cp "$c/junit.jar:$cp" org.junit.platform.console.ConsoleLauncher execute --disable-banner \
    --details=summary --class-path "$cp" "$@" > "$out/tests-$name.txt" 2>&1
  local rc=$?
  local found succeeded failed
  found=$(grep -E '^\[ *[0-9]+ tests found' "$out/tests-$name.txt" | grep -oE '[0-9]+' | head -1)
  succeeded=$(grep -E 'tests successful' "$out/tests-$name.txt" | grep -oE '[0-9]+' | head -1)
  failed=$(grep -E 'tests failed' "$out/tests-$name.txt" | grep -oE '[0-9]+' | head -1)
  echo "tests $name: rc=$rc found=${found:-?} successful=${succeeded:-?} failed=${failed:-?}"
  grep -m3 -E 'max error|MethodSource|=> ' "$out/tests-$name.txt" | cut -c1-220
}
parity=()
for t in ConformanceTest PropertyTest CrossEntropyTest MemoryKindsTest ErrorBoundTest ErrorPathTest VariantTest FuzzTest AgreementTest; do
  parity+=(--select-class "dev.logits4j.$t")
done
suite auto --add-modules jdk.incubator.vector -Dlogits4j.test.expectNative=true -- --scan-class-path "$c/test-classes" --exclude-classname '.*IT$'
suite native-avx512 -Dlogits4j.backend=native -Dlogits4j.isa=avx512 -- "${parity[@]}"
suite native-avx2 -Dlogits4j.backend=native -Dlogits4j.isa=avx2 -- "${parity[@]}"
suite java-vector --add-modules jdk.incubator.vector -Dlogits4j.backend=java -Dlogits4j.test.expectJavaVector=true -- "${parity[@]}" --select-class dev.logits4j.JavaVectorTest
suite java-scalar -Dlogits4j.backend=java -- "${parity[@]}"

if [ "${1:-}" = "--tests-only" ]; then
  exit 0
fi

echo "== bin/logits4j info / bench"
bin/logits4j info 2>&1 | sed 's/^/  /'
# The four ops torch_bench.py compares: bench's default table also has argmax, topk and sample
# (about twice as long), which the 150 s limit does not cover.
timeout 150 bin/logits4j bench --json --ops softmax,log-softmax,logsumexp,cross-entropy --shapes 1x10,1024x1000,8x32000,65536x10,1x128256 > "$out/bench.jsonl" 2> "$out/bench.err"
echo "bench rc=$? lines=$(wc -l < "$out/bench.jsonl")"
python3 - "$out/bench.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
t = {}
for r in rows:
    t.setdefault((r["op"], "x".join(map(str, r["shape"]))), {})[r["impl"]] = r["ns_per_element"]
impls = sorted({r["impl"] for r in rows})
print("bench ns/element: op shape " + " ".join(impls))
for (op, shape), v in t.items():
    print(f"  {op} {shape} " + " ".join(f"{v.get(i, float('nan')):.3f}" for i in impls))
PY

echo "== PyTorch, one thread, float32, ns/element (median of 7 timed runs)"
timeout 120 python3 benchmarks/device/torch_bench.py 2>&1 | tail -30

echo "== long rows: three-pass vs online vs two-pass (native/study)"
timeout 90 bash native/study/long_rows.sh 2>&1 | tail -7

echo "== JMH subset"
timeout 200 java -jar "$c/benchmarks.jar" OpsBench -p op=softmax,logsumexp \
  -p shape=1024x1000,65536x10,2048x32000,64x1000x64/axis1 -p impl=auto,java,vector-api,floor \
  -wi 2 -w 400ms -i 3 -r 400ms -f 1 -rf json -rff "$out/jmh.json" > "$out/jmh.txt" 2>&1
echo "jmh rc=$?"
python3 benchmarks/table.py "$out/jmh.json" 2>&1 | head -20
timeout 60 java -jar "$c/benchmarks.jar" ParallelBench -wi 2 -w 500ms -i 3 -r 500ms -f 1 > "$out/parallel.txt" 2>&1
echo "parallel rc=$?"; grep -E '^ParallelBench' "$out/parallel.txt"
