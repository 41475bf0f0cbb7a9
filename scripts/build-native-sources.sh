#!/usr/bin/env bash
# Runs Quarkus' native build as far as the image builder: everything up to the `native-image` call, which needs
# GraalVM/Mandrel (not on the project's machines). It writes target/native-sources/: native-image.args, the
# runner jar with its reflection/resource configuration, lib/ and graalvm.version (the builder version Quarkus
# asks for). NativeSourcesTest checks them, so a change that breaks a native build step fails scripts/test.sh.
# About 25 s on 2 cores. Extra arguments go to Maven.
#
# It must not replace what the JVM build wrote: in native mode Quarkus still packages the application (the
# bundle generator asks for the jar), by default as a fast-jar in target/quarkus-app. Here the package goes to
# target/native-build/ instead (quarkus.package.output-directory; with it the chart, bundle and manifests go
# there too), as an uber-jar, because a fast-jar would empty that folder while the native-image source jar is
# being written into it. target/native-sources/ stays where it always is. The exec-maven-plugin steps
# (CsvDescriptors, CsvContainerSecurity) post-process target/bundle, which this build does not write: skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# a stale copy must not pass for this build's output
rm -rf target/native-sources target/native-build
mvn -B -ntp -q package -DskipTests -Dexec.skip=true \
  -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true \
  -Dquarkus.package.output-directory=native-build -Dquarkus.package.jar.type=uber-jar "$@"
for f in native-image.args graalvm.version; do
  [ -s "target/native-sources/$f" ] || { echo "build-native-sources: target/native-sources/$f missing" >&2; exit 1; }
done
echo "build-native-sources: target/native-sources (GraalVM/Mandrel $(cat target/native-sources/graalvm.version))"
