#!/usr/bin/env bash
# Prepares .carry/ for a machine without Java (the Sapphire Rapids device): a jlinked JRE, the
# built classes, test classes and runtime jars, JUnit's console launcher and the JMH jar.
# Run after `mvn -B package -DskipTests` (root) and `mvn -B package` (benchmarks/).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
c=.carry
rm -rf "$c"
mkdir -p "$c"
junit_version=1.14.1
junit="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_version/junit-platform-console-standalone-$junit_version.jar"
[ -f "$junit" ] || mvn -q -B dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_version
cp "$junit" "$c/junit.jar"
cp -r target/classes "$c/classes"
cp -r target/test-classes "$c/test-classes"
# The conformance vectors travel with the working tree (src/test/resources): not twice.
rm -rf "$c/test-classes/conformance"
cp -r target/lib "$c/lib"
cp benchmarks/target/benchmarks.jar "$c/benchmarks.jar"
# The modules jdeps names for all of it, plus the Vector API for the Java kernels.
deps() { jdeps --multi-release 17 --print-module-deps --ignore-missing-deps "$@" 2>/dev/null | tail -1; }
modules="$(deps "$c/junit.jar" "$c"/lib/*.jar "$c/classes" "$c/test-classes"),$(deps "$c/benchmarks.jar")"
# java.desktop (named by jdeps for JMH's jar) is not needed to run it: left out to save 12 MiB.
modules="$(echo "$modules,java.logging,jdk.incubator.vector" | tr ',' '\n' | grep -v '^java.desktop$' | sort -u | paste -sd,)"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$c/jre"
du -sh "$c"
