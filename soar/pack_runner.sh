#!/usr/bin/env bash
# Puts the runner published for linux-x64 (the README's publish command) into DEST/runner, with the contract it
# reads beside itself and without debug symbols. The SOAR packages' build scripts call it.
#
#   bash soar/pack_runner.sh DEST
#
# RUNNER_DIR=DIR packs a runner published before instead of publishing; PUBLISH_PROFILE=NAME publishes with another
# profile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=$1
profile=${PUBLISH_PROFILE:-linux-x64}
runner_dir=${RUNNER_DIR:-}
if [ -z "$runner_dir" ]; then
  dotnet publish "$root/src/AwsContainment.Host" -p:PublishProfile="$profile" >&2
  # The profile decides where the runner lands; ask it rather than assume.
  runner_dir=$(dotnet msbuild "$root/src/AwsContainment.Host" -p:PublishProfile="$profile" -getProperty:PublishDir)
fi
if [ ! -x "$runner_dir/runner" ]; then
  echo "pack_runner: no runner executable in $runner_dir" >&2
  exit 1
fi
mkdir -p "$dest/runner"
cp -R "$runner_dir/." "$dest/runner/"
find "$dest/runner" \( -name '*.pdb' -o -name '*.dbg' \) -delete
cp "$root/app.json" "$root/app.rules.json" "$dest/runner/"
