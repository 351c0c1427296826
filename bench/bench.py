#!/usr/bin/python3
"""The runner against /usr/bin/aws and a boto3 script, side by side, on the same recorded AWS (the replay server).

Run through bench/run.sh, which publishes the runner first. Prints, in one run:
  1. cold `describe instance`: wall time and peak memory (RSS) of one process each, runner vs aws vs boto3;
  2. `runner serve`: per-action overhead (median, p99) over 1,000 actions, beyond the replay server's own time;
  3. 50 parameter sets with 100 ms injected latency at --max-parallel 1, 8 and 32;
  4. `contain instance` at 50 ms per AWS call beside the seven single actions (bench/ContainBench);
and the ratios against the targets.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSTANCE = "i-0abc1234def567890"
FIXTURES = [os.path.join(ROOT, "bench", "fixtures"), os.path.join(ROOT, "tests", "fixtures", "test_connectivity", "success.json")]
KEY_ID, SECRET = "AKIAIOSFODNN7EXAMPLE", "bench-secret-not-a-real-key"
API_VERSIONS = {"sts": "2011-06-15", "ec2": "2016-11-15", "autoscaling": "2011-01-01", "elb": "2012-06-01",
                "elbv2": "2015-12-01", "iam": "2010-05-08"}
SIGNING_NAMES = {"elb": "elasticloadbalancing", "elbv2": "elasticloadbalancing"}


def environment():
    """The same clean environment for every client: dummy keys, no profile files, no instance-metadata probe."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=KEY_ID, AWS_SECRET_ACCESS_KEY=SECRET, AWS_DEFAULT_REGION="us-east-1",
               AWS_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    return env


def measured(command, env):
    """Runs one process to the end; returns (wall seconds, peak RSS in MiB, exit code, stdout)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, process.returncode, out.read().decode()


class ReplayServer:
    """`runner replay-server` on a free port of 127.0.0.1, stopped when the benchmark ends."""

    def __init__(self, runner, env, latency_ms=0):
        command = [runner, "replay-server", "--port", "0", "--latency-ms", str(latency_ms)]
        for source in FIXTURES:
            command += ["--fixtures", source]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        self.endpoint = self.process.stdout.readline().strip()
        if not self.endpoint.startswith("http://127.0.0.1:"):
            raise SystemExit(f"bench: the replay server did not start (printed {self.endpoint!r})")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def replays_every_recording(runner, env):
    """The published (trimmed) runner must behave as the tested one: every recording replays with its exit code."""
    root = os.path.join(ROOT, "tests", "fixtures")
    files = sorted(os.path.join(d, f) for d, _, names in os.walk(root) for f in names if f.endswith(".json"))
    wrong = []
    for path in files:
        with open(path, encoding="utf-8") as recording:
            scenario = json.load(recording)
        expected = scenario.get("expected", {}).get("exit_code", 0)
        _, _, code, _ = measured([runner, "--replay", path, "--compact", *scenario.get("args", [])], env)
        if code != expected:
            wrong.append(f"{os.path.relpath(path, ROOT)}: exit {code}, expected {expected}")
    if wrong:
        raise SystemExit("bench: the published runner does not replay as the tests expect:\n  " + "\n  ".join(wrong))
    return len(files)


def choose_action(runner_dir):
    """`describe instance` once app.json has it; `test connectivity` until then. With it, the rounds of requests the
    action sends: each round's requests go out at once (describe instance asks for the instance and its volumes together)."""
    with open(os.path.join(runner_dir, "app.json"), encoding="utf-8") as contract:
        actions = {a["action"]: a for a in json.load(contract)["actions"]}
    describe = actions.get("describe instance")
    if describe is None:
        return "test connectivity", {}, 2, [("sts", {"Action": "GetCallerIdentity"})]
    required = [name for name, spec in describe["parameters"].items() if spec.get("required")]
    name = next((n for n in required if "instance" in n), required[0])
    return "describe instance", {name: INSTANCE}, 1, [
        ("ec2", {"Action": "DescribeInstances", "InstanceId.1": INSTANCE}),
        ("ec2", {"Action": "DescribeVolumes", "Filter.1.Name": "attachment.instance-id", "Filter.1.Value.1": INSTANCE}),
    ]


class DirectRound:
    """
    The replay server's own time for one round of the action's requests, asked directly: every request of the round
    sent at once, each on its own kept-alive connection as the runner sends them, until the last answer is read.
    """

    def __init__(self, endpoint, requests):
        parsed = urllib.parse.urlparse(endpoint)
        self.connections = [http.client.HTTPConnection(parsed.hostname, parsed.port) for _ in requests]
        self.requests = []
        for service, form in requests:
            scope = SIGNING_NAMES.get(service, service)
            self.requests.append((form, urllib.parse.urlencode({**form, "Version": API_VERSIONS[service]}), {
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Authorization": f"AWS4-HMAC-SHA256 Credential={KEY_ID}/20261122/us-east-1/{scope}/aws4_request, SignedHeaders=host, Signature=0"}))

    def time_ms(self):
        start = time.perf_counter()
        for connection, (_, body, headers) in zip(self.connections, self.requests):
            connection.request("POST", "/", body=body, headers=headers)
        for connection, (form, _, _) in zip(self.connections, self.requests):
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"bench: the replay server answered {response.status} to {form}")
        return (time.perf_counter() - start) * 1000

    def close(self):
        for connection in self.connections:
            connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def cold_start(args, env, endpoint, action, params, asset_path):
    runner_cmd = [args.runner, "--action", action, "--asset", asset_path, "--compact"]
    for key, value in params.items():
        runner_cmd += ["--param", f"{key}={value}"]
    peers = {
        "runner": runner_cmd,
        "aws": ["/usr/bin/aws", "--endpoint-url", endpoint, "--output", "json", "ec2", "describe-instances", "--instance-ids", INSTANCE],
        "boto3": ["/usr/bin/python3", os.path.join(ROOT, "bench", "describe_instance.py"), endpoint, INSTANCE],
    }
    samples = {name: [] for name in peers}
    for round_number in range(args.cold_runs + 1):
        for name, command in peers.items():  # interleaved, so a busy moment of the machine hits all three alike
            wall, rss, code, out = measured(command, env)
            answered = '"status":"success"' in out if name == "runner" else INSTANCE in out
            if code != 0 or not answered:
                raise SystemExit(f"bench: {name} failed (exit {code}): {out[:400]}")
            if round_number > 0:  # the first round only warms the page cache
                samples[name].append((wall, rss))
    return {name: (statistics.median(w for w, _ in s), statistics.median(r for _, r in s)) for name, s in samples.items()}


def serve_overhead(args, env, action, params, asset_path, endpoint, requests):
    """
    Sequential actions through one `runner serve`, each followed by the same round of requests asked of the replay
    server directly, so both are timed under the same conditions of the machine. Returns both lists of times (ms).
    """
    host = subprocess.Popen([args.runner, "serve", "--asset", asset_path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)
    direct = DirectRound(endpoint, requests)
    served, asked = [], []
    for number in range(args.serve_actions + 50):
        line = json.dumps({"id": number, "action": action, "parameters": params})
        start = time.perf_counter()
        host.stdin.write(line + "\n")
        host.stdin.flush()
        reply = json.loads(host.stdout.readline())
        elapsed = (time.perf_counter() - start) * 1000
        if reply.get("id") != number or reply.get("status") != "success":
            raise SystemExit(f"bench: serve answered {json.dumps(reply)[:400]}")
        own = direct.time_ms()
        if number >= 50:  # the first 50 warm the host up (a long-lived host pays its start-up once)
            served.append(elapsed)
            asked.append(own)
    direct.close()
    host.stdin.close()
    host.wait(timeout=60)
    return served, asked


def parallel_sets(args, env, action, params, asset_path):
    sets_path = os.path.join(args.work, "sets.json")
    with open(sets_path, "w", encoding="utf-8") as sets:
        json.dump([params] * 50, sets)
    results = {}
    for parallel in (1, 8, 32):
        walls = []
        for _ in range(args.parallel_runs):
            wall, _, code, out = measured([args.runner, "--action", action, "--params", sets_path, "--asset", asset_path,
                                           "--max-parallel", str(parallel), "--compact"], env)
            if code != 0 or "50 of 50 parameter sets succeeded" not in out:
                raise SystemExit(f"bench: 50 sets at --max-parallel {parallel} failed (exit {code}): {out[:400]}")
            walls.append(wall)
        results[parallel] = statistics.median(walls)
    return results


def serve_fifty(args, env, action, params, asset_path):
    """The same 50 sets as one request to a warm `runner serve`: the run without the process start."""
    host = subprocess.Popen([args.runner, "serve", "--asset", asset_path, "--max-parallel", "8"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)
    walls = []
    for number in range(args.parallel_runs + 1):
        start = time.perf_counter()
        host.stdin.write(json.dumps({"id": number, "action": action, "parameters": [params] * 50}) + "\n")
        host.stdin.flush()
        reply = json.loads(host.stdout.readline())
        if reply.get("message") != "50 of 50 parameter sets succeeded":
            raise SystemExit(f"bench: serve answered {json.dumps(reply)[:400]}")
        if number > 0:
            walls.append(time.perf_counter() - start)
    host.stdin.close()
    host.wait(timeout=60)
    return statistics.median(walls)


def write_asset(work, endpoint, name):
    """The asset pointing at one replay server, under a fixed name: each run overwrites the last one's."""
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as asset:
        json.dump({"region": "us-east-1", "aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET, "endpoint_url": endpoint}, asset)
    return path


def verdict(ok):
    return "met" if ok else "NOT met"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runner", required=True, help="the published runner executable")
    parser.add_argument("--work", required=True, help="a folder for the benchmark's own files")
    parser.add_argument("--cold-runs", type=int, default=15)
    parser.add_argument("--serve-actions", type=int, default=1000)
    parser.add_argument("--parallel-runs", type=int, default=3)
    args = parser.parse_args()
    env = environment()
    print(f"bench: the published runner replays all {replays_every_recording(args.runner, env)} recordings under tests/fixtures with their expected exit codes")
    action, params, rounds, requests = choose_action(os.path.dirname(args.runner))
    print(f"bench: runner action '{action}'" + ("" if action == "describe instance" else
          " (describe instance is not in app.json yet: the runner side makes test connectivity's 8 calls, the peers 1)"))

    server = ReplayServer(args.runner, env)
    slow = ReplayServer(args.runner, env, latency_ms=100)
    try:
        asset = write_asset(args.work, server.endpoint, "asset.json")
        cold = cold_start(args, env, server.endpoint, action, params, asset)
        serve, direct = serve_overhead(args, env, action, params, asset, server.endpoint, requests)
        slow_asset = write_asset(args.work, slow.endpoint, "asset-100ms.json")
        fifty = parallel_sets(args, env, action, params, slow_asset)
        fifty_served = serve_fifty(args, env, action, params, slow_asset)
    finally:
        server.stop()
        slow.stop()

    print(f"\n1. cold '{action}' (runner) vs ec2 describe-instances (peers): median of {args.cold_runs} runs each")
    print(f"   {'client':<8} {'wall s':>8} {'peak RSS MiB':>13}")
    for name in ("runner", "aws", "boto3"):
        print(f"   {name:<8} {cold[name][0]:>8.3f} {cold[name][1]:>13.1f}")
    ratio = cold["runner"][0] / cold["boto3"][0]
    print(f"   runner/boto3 wall {ratio:.2f} (target <= 0.10: {verdict(ratio <= 0.10)}); runner/aws wall {cold['runner'][0] / cold['aws'][0]:.2f}")
    print(f"   runner peak memory {cold['runner'][1]:.1f} MiB (target <= 25 MiB: {verdict(cold['runner'][1] <= 25)}) vs aws {cold['aws'][1]:.1f}, boto3 {cold['boto3'][1]:.1f}")

    median, p99 = statistics.median(serve), percentile(serve, 0.99)
    own = statistics.median(direct) * rounds
    print(f"\n2. runner serve, {len(serve)} sequential '{action}' actions: round trip median {median:.2f} ms, p99 {p99:.2f} ms")
    print(f"   replay server's own time for the action's {rounds} round(s) of requests ({', '.join(form['Action'] for _, form in requests)} at once), asked directly after each action: median {own:.2f} ms, p99 {percentile(direct, 0.99) * rounds:.2f} ms (how steady the machine was)")
    print(f"   per-action overhead: median {median - own:.2f} ms (target <= 0.5 ms: {verdict(median - own <= 0.5)}), "
          f"p99 {p99 - own:.2f} ms (target <= 2 ms: {verdict(p99 - own <= 2)})")

    print(f"\n3. 50 parameter sets, 100 ms injected latency per AWS call, one runner process each (median of {args.parallel_runs})")
    for parallel, wall in fifty.items():
        print(f"   --max-parallel {parallel:<3} {wall:>6.3f} s")
    print(f"   speed-up 8 vs 1: {fifty[1] / fifty[8]:.1f}x, 32 vs 1: {fifty[1] / fifty[32]:.1f}x; "
          f"at --max-parallel 8: {fifty[8]:.3f} s (target <= 0.8 s: {verdict(fifty[8] <= 0.8)})")
    print(f"   the same 50 sets as one request to a warm runner serve (--max-parallel 8): {fifty_served:.3f} s")

    print("\n4. contain instance, 50 ms per AWS call, beside the seven single actions a responder chains by hand")
    sys.stdout.flush()
    subprocess.run(["dotnet", "run", "-c", "Release", "--project", os.path.join(ROOT, "bench", "ContainBench"), "--", ROOT, "50"], check=True, env=env)


if __name__ == "__main__":
    sys.exit(main())
