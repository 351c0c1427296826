#!/usr/bin/env bash
# Builds the Splunk SOAR app package: app.json, the connector module, both logos and the runner published for
# linux-x64 (the README's publish command), in one folder, as the tarball the platform installs.
#
#   bash soar/splunk/build_app.sh                 # -> soar/out/awscontainment.tgz
#
# OUT=DIR writes the tarball elsewhere; PUBLISH_PROFILE=NAME publishes with another profile; RUNNER_DIR=DIR packs an
# already published runner folder instead of publishing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-$root/soar/out}
profile=${PUBLISH_PROFILE:-linux-x64}

runner_dir=${RUNNER_DIR:-}
if [ -z "$runner_dir" ]; then
  dotnet publish "$root/src/AwsContainment.Host" -p:PublishProfile="$profile" >&2
  # The profile decides where the runner lands; ask it rather than assume.
  runner_dir=$(dotnet msbuild "$root/src/AwsContainment.Host" -p:PublishProfile="$profile" -getProperty:PublishDir)
fi
if [ ! -x "$runner_dir/runner" ]; then
  echo "build_app: no runner executable in $runner_dir" >&2
  exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
app=$stage/awscontainment
mkdir -p "$app/runner"
cp "$root/app.json" "$root/soar/splunk/awscontainment_connector.py" "$root"/soar/splunk/logo_awscontainment*.svg "$app/"
cp -R "$runner_dir/." "$app/runner/"
# Debug symbols are not needed to run; the runner reads app.json and app.rules.json beside itself.
find "$app/runner" \( -name '*.pdb' -o -name '*.dbg' \) -delete
cp "$root/app.json" "$root/app.rules.json" "$app/runner/"

mkdir -p "$out"
tar -czf "$out/awscontainment.tgz" -C "$stage" awscontainment
echo "$out/awscontainment.tgz"
