#!/usr/bin/env bash
# Prints the classpath to run test-scope code (testsupport, the benchmark) outside Maven:
# target/test-classes, target/classes and every test-scope dependency. Compiles the tests first.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp test-compile >&2
cp_file=target/test-classpath.txt
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
printf '%s\n' "target/test-classes:target/classes:$(cat "$cp_file")"
