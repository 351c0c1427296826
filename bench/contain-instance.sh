#!/usr/bin/env bash
# Benchmark: one contain instance against recorded AWS answers with 50 ms latency per call, next to the seven single
# actions a responder would chain by hand. No AWS account or network: everything is replayed in-process.
# Usage: bench/contain-instance.sh [latency-ms]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export AWS_EC2_METADATA_DISABLED=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run -c Release --project "$root/bench/ContainBench" -- "$root" "${1:-50}"
