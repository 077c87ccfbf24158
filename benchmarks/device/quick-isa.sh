#!/usr/bin/env bash
# A quick look at the native variants side by side on the device (after bundle.sh): bench for
# softmax and logsumexp with -Dlogits4j.isa=avx512, avx2 and scalar, and the CPU clock/load.
c=$PWD/.carry; export JAVA_HOME=$c/jre PATH=$c/jre/bin:$PATH
cache=$(mktemp -d)
export LOGITS4J_CLASSPATH="$c/classes:$(ls $c/lib/*.jar | tr '\n' ':')"
grep -m1 'model name' /proc/cpuinfo; grep MHz /proc/cpuinfo | head -3; nproc; cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null; uptime
for isa in avx512 avx2 scalar; do
  echo "== isa $isa"
  LOGITS4J_JAVA_OPTS="-Dorg.bytedeco.javacpp.cachedir=$cache -Dlogits4j.isa=$isa" timeout 60 bin/logits4j bench --ops softmax,logsumexp --shapes 1024x1000,65536x10,8x32000 2>/dev/null | grep -v textbook
done
uptime
