#!/usr/bin/env python3
"""Bounded stress of `runner serve` as an attacker who can reach it would try it (issue 26, docs/serving.md).

Each memory case starts its own serve, sends what once grew it by gigabytes, checks every request got an answer, and
reads the process's peak resident size (VmHWM): each must stay under --bound-mib (256, the bound docs/serving.md
states). The trickle case holds many connections sending header bytes one at a time while authenticated requests are
sent, and counts how many succeed. Everything is on 127.0.0.1; no AWS account is used. Exit 1 when a bound is passed
or a request goes unanswered.
"""
import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "stress-bearer-token-0123456789"
KEYS = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "not-a-real-secret-for-stress"}


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024


class Serve:
    """One `runner serve` (stdin or --http), stopped when the case ends."""

    def __init__(self, runner, work, replay=None, http=False):
        self.work = work
        args = runner + ["serve", "--evidence-dir", os.path.join(work, "evidence"), "--journal-dir", os.path.join(work, "journals")]
        if replay:
            args += ["--replay", replay]
        if http:
            token = os.path.join(work, "serve.token")
            with open(token, "w") as f:
                f.write(TOKEN)
            args += ["--http", "0", "--token-file", token]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.port = int(self.process.stdout.readline().decode().strip().rsplit(":", 1)[1].strip("/")) if http else None

    def lines(self, requests):
        """Writes the lines, waits for an answer to each (or 10 minutes), reads the peak size, then ends the input."""
        answers = []
        reader = threading.Thread(target=lambda: answers.extend(line for line in self.process.stdout), daemon=True)
        reader.start()
        for line in requests:
            self.process.stdin.write(line + b"\n")
            self.process.stdin.flush()
        deadline = time.monotonic() + 600
        while len(answers) < len(requests) and time.monotonic() < deadline and self.process.poll() is None:
            time.sleep(0.05)
        peak = peak_rss_mib(self.process.pid)[0] if self.process.poll() is None else float("inf")
        self.process.stdin.close()
        self.process.wait(timeout=120)
        reader.join(timeout=60)
        return [a.decode() for a in answers], peak

    def post(self, body, timeout=120):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        connection.request("POST", "/", body=body, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        answer = connection.getresponse()
        status, text = answer.status, answer.read()
        connection.close()
        return status, text

    def stop(self):
        peak = peak_rss_mib(self.process.pid)
        self.process.terminate()
        self.process.wait(timeout=60)
        return peak


class HostileEndpoint(ThreadingHTTPServer):
    """An endpoint_url an attacker runs: an endless body, or a 20 MB error message."""

    def __init__(self, kind):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    if kind == "endless":
                        self.send_response(200)
                        self.send_header("Content-Type", "text/xml")
                        self.end_headers()
                        self.wfile.write(b"<DescribeInstancesResponse><reservationSet>")
                        chunk = b" " * 65536
                        for _ in range(16 * 1024):  # 1 GiB at most: bounded even against a runner that reads it all
                            self.wfile.write(chunk)
                    else:
                        body = b"<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>" + b"A" * (20 * 1000 * 1000) + b"</Message></Error></Errors><RequestID>stress</RequestID></Response>"
                        self.send_response(400)
                        self.send_header("Content-Type", "text/xml")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


def request(number, action, parameters, asset):
    return json.dumps({"id": number, "action": action, "parameters": parameters, "asset": asset}).encode()


def empty_sets(action, size):
    head = b'{"id": 1, "action": "' + action.encode() + b'", "asset": {"region": "us-east-1"}, "parameters": ['
    count = (size - len(head) - 2) // 3
    return head + b",".join([b"{}"] * count) + b"]}"


def memory_cases(runner, replay, work):
    cases = []

    # HTTP: 4 MiB bodies of empty sets, as many at once as serve runs requests (64), for both actions that grew it
    # to 5 and 10 GB.
    for action in ["add tag", "unlock instance metadata"]:
        serve = Serve(runner, work, replay, http=True)
        body = empty_sets(action, 4 * 1024 * 1024 - 16)
        statuses = []
        threads = [threading.Thread(target=lambda: statuses.append(serve.post(body)[0])) for _ in range(64)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        peak, now = serve.stop()
        cases.append((f"HTTP: 64 x 4 MiB body of {{}} sets at once ({action})", peak, len(statuses) == 64, f"{len(statuses)}/64 answered, statuses {sorted(set(statuses))}, RSS after {now:.0f} MiB"))

    # stdin: a line at the cap, a 5 MB and a 15 MB one, then an ordinary request after each.
    serve = Serve(runner, work, replay)
    ordinary = request("after", "test connectivity", [{}], {"region": "us-east-1"})
    lines = [empty_sets("add tag", 4 * 1024 * 1024 - 16), ordinary, b"{" + b" " * (5 * 1000 * 1000) + b"}", ordinary, b"[" + b"{}," * (15 * 1000 * 1000 // 3) + b"{}]", ordinary]
    answers, peak = serve.lines(lines)
    cases.append(("stdin: 4 MiB, 5 MB and 15 MB lines, each followed by a request", peak, len(answers) == len(lines), f"{len(answers)}/{len(lines)} lines answered"))

    # The cap itself: 1,000 sets that each call AWS (the replay has no answer for them).
    serve = Serve(runner, work, replay)
    sets = [{"instance": "i-0abc1234def567890"} for _ in range(1000)]
    answers, peak = serve.lines([request(n, "unlock instance metadata", sets, {"region": "us-east-1"}) for n in range(8)])
    cases.append(("stdin: 8 requests of 1,000 sets each calling AWS", peak, len(answers) == 8, f"{len(answers)}/8 answered"))

    # Hostile endpoints: an endless body and a 20 MB error message, eight requests of each.
    for kind in ["endless", "error"]:
        endpoint = HostileEndpoint(kind)
        serve = Serve(runner, work)
        asset = {"region": "us-east-1", "endpoint_url": endpoint.url, **KEYS}
        answers, peak = serve.lines([request(n, "describe instance", [{"instance": "i-0abc1234def567890"}], asset) for n in range(8)])
        endpoint.shutdown()
        longest = max((len(json.loads(a)["action_results"][0]["message"]) for a in answers if "action_results" in a), default=0)
        cases.append((f"endpoint: {'endless body' if kind == 'endless' else '20 MB error message'}, 8 requests", peak, len(answers) == 8, f"{len(answers)}/8 answered, longest message {longest} characters"))

    # 3,000 distinct assets: the session cache keeps 256.
    serve = Serve(runner, work, replay)
    answers, peak = serve.lines([request(n, "test connectivity", [{}], {"region": "us-east-1", "forensics_machine": f"i-{n:017x}"}) for n in range(3000)])
    cases.append(("stdin: 3,000 requests, each with its own asset", peak, len(answers) == 3000, f"{len(answers)}/3000 answered"))
    return cases


def trickle_case(runner, replay, work, tricklers, requests):
    serve = Serve(runner, work, replay, http=True)
    stop = threading.Event()
    held = [0]

    def trickle():
        while not stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", serve.port)) as connection:
                    connection.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    held[0] += 1
                    while not stop.is_set():
                        connection.sendall(b"X")  # a header byte at a time
                        time.sleep(0.5)
            except OSError:
                pass  # closed by the host: connect again

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(tricklers)]
    [t.start() for t in threads]
    time.sleep(3)
    succeeded = 0
    body = request(1, "test connectivity", [{}], {"region": "us-east-1"})
    for _ in range(requests):
        try:
            status, _ = serve.post(body, timeout=30)
            succeeded += status == 200
        except OSError:
            pass
    stop.set()
    peak, _ = serve.stop()
    return succeeded, held[0], peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runner", default="", help="the runner to start, such as the published bench/out/runner/runner (default: the Release build's runner.dll through dotnet)")
    parser.add_argument("--bound-mib", type=float, default=256)
    parser.add_argument("--tricklers", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    runner = [args.runner] if args.runner else ["dotnet", os.path.join(root, "src/AwsContainment.Host/bin/Release/net10.0/runner.dll")]
    replay = os.path.join(root, "tests/fixtures/test_connectivity/success.json")
    all_ok = True
    with tempfile.TemporaryDirectory(prefix="serve-stress-") as work:
        print(f"runner: {' '.join(runner)}; bound {args.bound_mib:.0f} MiB peak RSS (VmHWM)")
        for name, peak, answered, detail in memory_cases(runner, replay, work):
            ok = answered and peak < args.bound_mib
            all_ok &= ok
            print(f"{'ok  ' if ok else 'FAIL'} {peak:6.0f} MiB  {name}: {detail}")
        succeeded, held, peak = trickle_case(runner, replay, work, args.tricklers, args.requests)
        ok = succeeded == args.requests and peak < args.bound_mib
        all_ok &= ok
        print(f"{'ok  ' if ok else 'FAIL'} {peak:6.0f} MiB  HTTP: {args.tricklers} connections trickling headers ({held} opened): {succeeded}/{args.requests} authenticated requests succeeded")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
