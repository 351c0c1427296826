#!/usr/bin/env bash
# Bounded stress of runner serve (docs/serving.md, "Security model"): builds the runner and runs bench/serve_stress.py,
# which prints each attack's peak resident size against the documented bound and the authenticated requests that
# succeeded during a header-trickle attack. Takes a few minutes; everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/AwsContainment.Host -c Release -nologo -v quiet >&2
exec python3 bench/serve_stress.py "$@"
