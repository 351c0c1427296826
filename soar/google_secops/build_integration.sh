#!/usr/bin/env bash
# Builds the Google SecOps integration package: the integration in content-hub's layout (definition.yaml, one
# action definition and script per action, core/, resources/) with the runner published for linux-x64 in runner/,
# zipped.
#
#   bash soar/google_secops/build_integration.sh  # -> soar/out/AWSContainment.zip
#
# OUT=DIR writes the zip elsewhere; RUNNER_DIR and PUBLISH_PROFILE as in soar/pack_runner.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${OUT:-$root/soar/out}" && cd "${OUT:-$root/soar/out}" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$root/soar/google_secops/aws_containment" "$stage/aws_containment"
find "$stage" -name '__pycache__' -prune -exec rm -rf {} +
bash "$root/soar/pack_runner.sh" "$stage/aws_containment"
rm -f "$out/AWSContainment.zip"
(cd "$stage" && python3 -m zipfile -c "$out/AWSContainment.zip" aws_containment)
echo "$out/AWSContainment.zip"
