#!/usr/bin/env bash
# The project's test command (README, CI): prepares the machine, then runs every test through Maven Surefire.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=PostgresServerTest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup-test-env.sh
# Prometheus' and Grafana's own query parsers (npm), for the dashboard and alert-rule tests.
scripts/setup-node-tools.sh

# Quarkus' native build as far as the image builder, into target/native-sources/ (NativeSourcesTest checks it):
# a change that breaks a native build step fails here. Its own package output (see the script), so the build
# inside `mvn verify` below still writes target/quarkus-app for the packaged-operator tests.
native_rc=0
scripts/build-native-sources.sh || native_rc=$?

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# required here: NativeSourcesTest fails, rather than skips, when target/native-sources is missing
DISCOURSE_OPERATOR_REQUIRE_NATIVE_SOURCES=1 mvn -B -ntp verify "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# Surefire's and Failsafe's totals come before the packaging steps' output; add them up and repeat them last,
# where readers of the log (people and CI) look, as a plain "N passed, N failed" line.
totals=$(grep -E '^\[[A-Z]+\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+ *$' "$log" \
  | sed -E 's/^\[[A-Z]+\] //; s/ *$//') || true
echo
if [ -n "$totals" ]; then
  run=0 failures=0 errors=0 skipped=0
  while read -r r f e s; do
    run=$((run + r)) failures=$((failures + f)) errors=$((errors + e)) skipped=$((skipped + s))
  done < <(sed -E 's/[^0-9]+/ /g' <<<"$totals")
  echo "Surefire and Failsafe: Tests run: $run, Failures: $failures, Errors: $errors, Skipped: $skipped"
  echo "tests: $((run - failures - errors - skipped)) passed, $((failures + errors)) failed, $skipped skipped"
else
  echo "Surefire: no test totals in the output (tests not reached, or run with -q)"
fi
[ "$rc" -eq 0 ] && echo "mvn verify: OK" || echo "mvn verify: FAILED (exit $rc)"
if [ "$native_rc" -ne 0 ]; then
  echo "native build steps (scripts/build-native-sources.sh): FAILED (exit $native_rc)"
  [ "$rc" -ne 0 ] || rc=$native_rc
fi
exit "$rc"
