#!/usr/bin/env bash
# The project's test command (README, CI): prepares the machine, then runs every test through Maven Surefire.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=PostgresServerTest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup-test-env.sh
# -B/-ntp keep CI logs to the build and test output; Surefire's "Results:" summary closes the run, and
# Maven exits non-zero when any test fails or errors.
exec mvn -B -ntp verify "$@"
