#!/usr/bin/python3
"""An outbreak at AWS's speed limit: `contain instance` on N instances at once against a replay server that throttles
as EC2 does (`runner replay-server --throttle aws`: AWS's documented token buckets per account, region and action).

For 50 and 200 instances in one account and region, and 200 spread over 4 regions, prints: sets failed by throttling
(target 0), wall time and the time until the last instance was isolated, each beside the least time the buckets
allow (target: within 1.25x). The least time is (calls beyond a bucket's size) / (its refill rate), for the bucket
that needs longest, from the server's own count of the calls each bucket took; for isolation, the calls of the steps
up to isolation only. `--before RUNNER` runs an older build the same way, for the before/after table.

Usage: bench/outbreak.py --runner bench/out/runner/runner [--before OLD_RUNNER] [--sizes 50,200] [--max-parallel 32]
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from bench import ROOT, environment

TEMPLATE = os.path.join(ROOT, "tests", "fixtures", "contain_instance", "no_auto_scaling_group_or_load_balancer.json")
TEMPLATE_INSTANCE = "i-0b2c3d4e5f6071829"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
THROTTLING = ("RequestLimitExceeded", "Throttling", "ThrottlingException", "SlowDown")
ISOLATED = re.compile(r"isolated, the last ([0-9.]+) s after the start")
BUCKET = re.compile(r"^throttle: \S+ (\S+) ec2 (\S+) \((.*)\): size ([0-9.]+)/([0-9.]+),")


def instance(index):
    return f"i-0{index:016x}"


def journal_digest(journal):
    """The digest contain instance tags an instance with: SHA-256 of its journal as canonical JSON (sorted keys)."""
    return hashlib.sha256(json.dumps(journal, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def outbreak_recording(path, regions, runner, env):
    """
    The template's exchanges once per instance (one per entry of `regions`, its region): every instance answers as
    the template's does. Its quarantine tags name its own journal's digest, so the template's journal (from a replay
    of it) is rewritten for each instance and region.
    """
    with open(TEMPLATE, encoding="utf-8") as template:
        recording = json.load(template)
    replayed = subprocess.run([runner, "--replay", TEMPLATE, "--compact"], capture_output=True, text=True, env=env, check=True)
    journal = json.dumps(json.loads(replayed.stdout)["action_results"][0]["data"][0]["Journal"])
    digest = journal_digest(json.loads(journal))
    text = json.dumps(recording["exchanges"])
    if digest not in text:
        raise SystemExit("bench: the template's quarantine_journal tag is not its journal's digest")
    recording["exchanges"] = []
    for i, region in enumerate(regions):
        own = journal_digest(dict(json.loads(journal.replace(TEMPLATE_INSTANCE, instance(i))), region=region))
        recording["exchanges"] += json.loads(text.replace(TEMPLATE_INSTANCE, instance(i)).replace(digest, own))
    recording["parameters"] = []
    with open(path, "w", encoding="utf-8") as out:
        json.dump(recording, out)


def calls_per_instance(until_isolated):
    """Per EC2 action, the calls one instance's containment makes (the template's), or those up to its isolation."""
    with open(TEMPLATE, encoding="utf-8") as template:
        actions = [e["request"].get("form", {}).get("Action") for e in json.load(template)["exchanges"] if e["service"] == "ec2"]
    if until_isolated:
        actions = actions[:max(i for i, a in enumerate(actions) if a == "ModifyNetworkInterfaceAttribute") + 1]
    counts = {}
    for action in actions:
        counts[action] = counts.get(action, 0) + 1
    return counts


def least_time(buckets, per_instance, instances_per_region):
    """The least seconds the buckets allow: over every bucket, the calls beyond its size at its refill rate."""
    worst = 0.0
    for (_, action, _), (size, refill) in buckets.items():
        worst = max(worst, (per_instance.get(action, 0) * instances_per_region - size) / refill)
    return worst


def run_outbreak(runner, server_runner, count, regions, max_parallel, work, env):
    recording = os.path.join(work, f"outbreak-{count}.json")
    outbreak_recording(recording, [regions[i % len(regions)] for i in range(count)], server_runner, env)
    server = subprocess.Popen([server_runner, "replay-server", "--port", "0", "--throttle", "aws", "--fixtures", recording],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    endpoint = server.stdout.readline().strip()
    if not endpoint.startswith("http://127.0.0.1:"):
        raise SystemExit(f"bench: the replay server did not start (printed {endpoint!r})")
    asset = os.path.join(work, "asset.json")
    with open(asset, "w", encoding="utf-8") as out:
        json.dump({"region": "us-east-1", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                   "aws_secret_access_key": "bench-secret-not-a-real-key", "endpoint_url": endpoint}, out)
    sets = [{"instance": instance(i), "case_id": "IR-2026-0042", "region": regions[i % len(regions)]} for i in range(count)]
    params = os.path.join(work, "sets.json")
    with open(params, "w", encoding="utf-8") as out:
        json.dump(sets, out)
    start = time.perf_counter()
    run = subprocess.run([runner, "--action", "contain instance", "--params", params, "--asset", asset,
                          "--max-parallel", str(max_parallel), "--compact"], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    server.terminate()
    _, server_log = server.communicate(timeout=60)
    envelope = json.loads(run.stdout)
    failed = [r for r in envelope["action_results"] if r["status"] != "success"]
    throttled = [r for r in failed if any(code in json.dumps(r) for code in THROTTLING)]
    isolated = ISOLATED.search(run.stderr)
    buckets = {}
    for line in server_log.splitlines():
        if match := BUCKET.match(line):
            region, action, category, size, refill = match.groups()
            buckets[(region, action, category)] = (float(size), float(refill))
    per_region = count // len(regions)
    return {
        "failed": len(failed), "throttled": len(throttled), "wall": wall,
        "isolated": float(isolated.group(1)) if isolated else None,
        "least_wall": least_time(buckets, calls_per_instance(until_isolated=False), per_region),
        "least_isolated": least_time(buckets, calls_per_instance(until_isolated=True), per_region),
    }


def ratio(measured, least):
    if measured is None:
        return "not reported"
    return f"{measured:.1f} s ({measured / least:.2f}x)" if least > 0.05 else f"{measured:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--before", help="an older runner to measure the same way (the replay server is always --runner's)")
    parser.add_argument("--sizes", default="50,200")
    parser.add_argument("--max-parallel", type=int, default=32)
    args = parser.parse_args()
    env = environment()
    scenarios = [(int(n), [REGIONS[0]]) for n in args.sizes.split(",")] + [(int(args.sizes.split(",")[-1]), REGIONS)]
    builds = [("before", args.before)] if args.before else []
    builds.append(("after", args.runner))
    print(f"outbreak: contain instance against `replay-server --throttle aws`, --max-parallel {args.max_parallel}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| build | instances | sets failed (by throttling) | wall (x least) | last isolated (x least) | least wall / isolation |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as work:
        for count, regions in scenarios:
            for name, runner in builds:
                figures = run_outbreak(runner, args.runner, count, regions, args.max_parallel, work, env)
                where = "1 region" if len(regions) == 1 else f"{len(regions)} regions"
                print(f"| {name} | {count}, {where} | {figures['failed']} ({figures['throttled']}) | "
                      f"{ratio(figures['wall'], figures['least_wall'])} | {ratio(figures['isolated'], figures['least_isolated'])} | "
                      f"{figures['least_wall']:.1f} / {figures['least_isolated']:.1f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
