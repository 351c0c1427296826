#!/usr/bin/env bash
# One command for the whole benchmark (README, "Speed and serving"): publishes the runner (Native AOT), starts the
# replay server on 127.0.0.1 and measures the runner against /usr/bin/aws and a boto3 script, side by side.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/aws ] || missing+=(awscli)
/usr/bin/python3 -c 'import boto3' 2>/dev/null || missing+=(python3-boto3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing the peers from Debian: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p bench/out
echo "bench: publishing the runner (Native AOT) to bench/out/runner" >&2
dotnet publish src/AwsContainment.Host -p:PublishProfile=linux-x64 -nologo -v quiet >&2

/usr/bin/python3 bench/bench.py --runner bench/out/runner/runner --work bench/out "$@"
