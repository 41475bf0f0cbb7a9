#!/usr/bin/env bash
# Checks each plugin pin in image/discourse/plugins.txt against GitHub, by Discourse's own compatibility rule
# (dev.operator.discourse.image.PluginPinCheck). Needs network access to github.com, so it is run by hand when a
# pin or the Discourse release changes, never by the test suite, which checks only the pins' form.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q test-compile
exec java -cp target/test-classes dev.operator.discourse.image.PluginPinCheck image/discourse
