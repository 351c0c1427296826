#!/usr/bin/env bash
# Builds the Splunk SOAR app package: app.json, the connector module, both logos and the runner published for
# linux-x64, in one folder, as the tarball the platform installs.
#
#   bash soar/splunk/build_app.sh                 # -> soar/out/awscontainment.tgz
#
# OUT=DIR writes the tarball elsewhere; RUNNER_DIR and PUBLISH_PROFILE as in soar/pack_runner.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${OUT:-$root/soar/out}" && cd "${OUT:-$root/soar/out}" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
app=$stage/awscontainment
mkdir -p "$app"
cp "$root/app.json" "$root/soar/splunk/awscontainment_connector.py" "$root"/soar/splunk/logo_awscontainment*.svg "$app/"
bash "$root/soar/pack_runner.sh" "$app"
tar -czf "$out/awscontainment.tgz" -C "$stage" awscontainment
echo "$out/awscontainment.tgz"
