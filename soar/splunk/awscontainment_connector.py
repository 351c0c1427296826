#!/usr/bin/env python3
"""Splunk SOAR connector for AWS Containment: every action runs in the AWS Containment runner.

The connector starts the runner's long-lived host (`runner serve`) once per connector process and sends it each
parameter set as one JSON line on its stdin, asset credentials included: secrets never touch a file or a command
line. The runner checks the parameters, calls AWS and answers with its result envelope, which becomes the
platform's ActionResult (data, summary, status and message).

The runner is `runner/runner` beside this module (the app package), or the path in AWS_CONTAINMENT_RUNNER (a
`.dll` path runs with `dotnet`, for a development build).
"""
import argparse
import atexit
import itertools
import json
import os
import subprocess
import sys

import phantom.app as phantom
from phantom.action_result import ActionResult
from phantom.base_connector import BaseConnector

RUNNER_VARIABLE = "AWS_CONTAINMENT_RUNNER"
# The platform's proxy settings (Administration > Environment Settings) as the runner's HTTP stack reads them.
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY")


class RunnerUnavailable(Exception):
    """The runner could not be started, or stopped before it answered."""


class RunnerHost:
    """One `runner serve` process: a request is a JSON line on its stdin, its answer a JSON line on its stdout."""

    def __init__(self, command, environment):
        try:
            self._process = subprocess.Popen(
                # The host is this connector's own, fed only the platform's configured asset: an asset left without
                # keys by its administrator means the platform host's own credentials (instance role).
                command + ["serve", "--allow-ambient-credentials"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=environment,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as error:
            raise RunnerUnavailable(f"Could not start the AWS Containment runner {command[-1]}: {error.strerror}") from None
        self._ids = itertools.count(1)

    def run(self, action, parameters, asset, progress):
        """The runner's result envelope for one parameter set of `action`; its progress lines go to `progress`."""
        request_id = next(self._ids)
        request = {"id": request_id, "action": action, "parameters": [parameters], "asset": asset, "progress": True}
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            for line in self._process.stdout:
                answer = json.loads(line)
                if answer.get("id") == request_id and "progress" in answer:
                    progress(answer["progress"])
                elif answer.get("id") == request_id:
                    return answer
        except (OSError, ValueError):
            pass
        raise RunnerUnavailable(f"The AWS Containment runner stopped before it answered (exit code {self._process.poll()})")

    def close(self):
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()


def runner_command():
    path = os.environ.get(RUNNER_VARIABLE) or os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner", "runner")
    return ["dotnet", path] if path.endswith(".dll") else [path]


class AwsContainmentConnector(BaseConnector):
    # One runner per connector process, shared by every action run in it.
    _host = None

    def __init__(self):
        super().__init__()
        self._proxy_environment = {}

    def _handle_action(self, in_json, handle):
        # The action JSON carries the platform's environment settings (proxy included) as
        # {"HTTPS_PROXY": {"type": "string", "value": "..."}}; the runner gets them in its environment.
        variables = json.loads(in_json).get("environment_variables") or {}
        self._proxy_environment = {
            name.upper(): spec["value"]
            for name, spec in variables.items()
            if name.upper() in PROXY_VARIABLES and isinstance(spec, dict) and isinstance(spec.get("value"), str)
        }
        return super()._handle_action(in_json, handle)

    def handle_action(self, param):
        action_result = self.add_action_result(ActionResult(dict(param)))
        action = self.get_action_identifier()
        parameters = {name: value for name, value in param.items() if name != "context"}
        self.save_progress(f"Running '{action}' in the AWS Containment runner")
        try:
            envelope = self._runner().run(action, parameters, self._asset(), self._progress)
        except RunnerUnavailable as error:
            return action_result.set_status(phantom.APP_ERROR, str(error))
        return self._report(envelope, action_result)

    def _progress(self, counts):
        """A progress line of the runner: the containment's first step (isolation) done, or the set ended."""
        if counts.get("isolated"):
            self.save_progress(f"{counts['isolated']} of {counts['total']} isolated, {counts['contained']} contained, {counts['failed']} failed")

    def _report(self, envelope, action_result):
        results = envelope.get("action_results") or []
        if not results:
            # The whole request was refused (a usage error): the envelope's message says why.
            return action_result.set_status(phantom.APP_ERROR, envelope.get("message", "The runner refused the request"))
        result = results[0]
        for item in result.get("data") or []:
            action_result.add_data(item)
        action_result.update_summary(result.get("summary") or {})
        succeeded = result.get("status") == "success"
        self.save_progress(f"{'Succeeded' if succeeded else 'Failed'}: {result.get('message', '')}")
        return action_result.set_status(phantom.APP_SUCCESS if succeeded else phantom.APP_ERROR, result.get("message", ""))

    def _asset(self):
        """The asset fields app.json declares; the platform's own keys in the config (directory, ingest, ...) stay out."""
        declared = self.get_app_json().get("configuration", {})
        return {name: value for name, value in self.get_config().items() if name in declared and value not in (None, "")}

    def _runner(self):
        cls = type(self)
        if cls._host is None:
            environment = dict(os.environ)
            for name, value in self._proxy_environment.items():
                environment[name] = environment[name.lower()] = value
            cls._host = RunnerHost(runner_command(), environment)
            atexit.register(cls._host.close)
        return cls._host


def main():
    parser = argparse.ArgumentParser(description="Run a Splunk SOAR test JSON through the AWS Containment connector")
    parser.add_argument("input_test_json", help="the platform's action JSON: action, identifier, config, parameters")
    args = parser.parse_args()
    with open(args.input_test_json, encoding="utf-8") as test_json:
        in_json = test_json.read()
    connector = AwsContainmentConnector()
    connector.print_progress_message = True
    # The input JSON is not echoed as the template's main does: its config holds the asset's secrets.
    ret_val = connector._handle_action(in_json, None)
    print(json.dumps(json.loads(ret_val), indent=4))
    sys.exit(0)


if __name__ == "__main__":
    main()
