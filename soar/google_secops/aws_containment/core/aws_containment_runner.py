"""Runs one action of the integration in the AWS Containment runner and maps its result onto the platform's.

The runner (`runner/runner` in the integration's folder, or the path in AWS_CONTAINMENT_RUNNER; a `.dll` path runs
with `dotnet`) checks the parameters, calls AWS and words every message as the integration's document does. The
request, asset credentials included, goes to `runner serve` over stdin: secrets never touch a file or a command line.
"""
import csv
import io
import json
import os
import subprocess
from dataclasses import dataclass, field

from soar_sdk.ScriptResult import EXECUTION_STATE_COMPLETED, EXECUTION_STATE_FAILED
from soar_sdk.SiemplifyAction import SiemplifyAction
from soar_sdk.SiemplifyDataModel import EntityTypes

INTEGRATION_IDENTIFIER = "AWSContainment"
RUNNER_VARIABLE = "AWS_CONTAINMENT_RUNNER"
# The runner's own limits (its --timeout per parameter set) end an action well before this.
RUNNER_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Table:
    """A CSV table for the case wall: its title and its columns (column title -> field of a JSON result item)."""

    title: str
    columns: dict


@dataclass(frozen=True)
class Action:
    """One action: the runner's action, its parameters (display name -> (runner name, default)), its outputs."""

    runner_action: str
    parameters: dict = field(default_factory=dict)
    single_json_result: bool = False
    table: Table = None
    user_entities: str = None


ACTIONS = {
    "Ping": Action("test connectivity"),
    "Create a User": Action("create user", {"User Name": ("user_name", None)}),
    "Add a User to a Group": Action("add user to group", {"Group Name": ("group_name", None), "User Name": ("user_name", None)}),
    "Remove a User from a Group": Action("remove user from group", {"Group Name": ("group_name", None), "User Name": ("user_name", None)}),
    "List Users": Action(
        "list users",
        {"Max Users to Return": ("max_users", "50")},
        table=Table("IAM Users", {"Username": "UserName", "User ID": "UserId", "ARN": "Arn", "Creation Date": "CreateDate"}),
    ),
    "List Groups": Action(
        "list groups",
        {"Max Groups to Return": ("max_groups", "50")},
        table=Table("IAM Groups", {"Group name": "GroupName", "Group ID": "GroupId", "ARN": "Arn", "Creation Date": "CreateDate"}),
    ),
    "Create a Policy": Action(
        "create policy",
        {"Policy Name": ("policy_name", None), "Policy Document": ("policy_document", None), "Description": ("description", None)},
        single_json_result=True,
    ),
    "Create a Group": Action("create group", {"Group Name": ("group_name", None)}),
    "List Policies": Action(
        "list policies",
        {"Only Attached": ("only_attached", "false"), "Scope": ("scope", "All"), "Max Policies to Return": ("max_policies", "100")},
        table=Table("IAM Policies", {"Policy Name": "PolicyName", "Policy ID": "PolicyId", "Create Date": "CreateDate", "Update Date": "UpdateDate"}),
    ),
    "Attach a Policy": Action(
        "attach policy",
        {"Identity Type": ("identity_type", "Group"), "Identity Name": ("identity_name", None), "Policy Name": ("policy_name", None)},
    ),
    "Disable User Access": Action("disable user access", user_entities="user_name"),
}


class RunnerUnavailable(Exception):
    """The runner could not be started, or gave no answer."""


def main(name):
    """The whole of an action script: read the platform's inputs, run the action, report its result."""
    siemplify = SiemplifyAction()
    siemplify.script_name = f"{INTEGRATION_IDENTIFIER} - {name}"
    action = ACTIONS[name]
    parameters = {runner_name: siemplify.extract_action_param(display, default_value=default) for display, (runner_name, default) in action.parameters.items()}
    parameters = {key: value for key, value in parameters.items() if value not in (None, "")}
    if action.user_entities:
        users = [entity.identifier for entity in siemplify.target_entities if entity.entity_type == EntityTypes.USER]
        if not users:
            siemplify.end(f'Error executing action "{name}". Reason: the alert has no User entity.', "false", EXECUTION_STATE_FAILED)
            return
        parameters[action.user_entities] = ",".join(users)
    try:
        envelope = run(action.runner_action, parameters, asset(siemplify))
    except RunnerUnavailable as error:
        siemplify.end(f"Error executing action '{name}'. Reason: {error}", "false", EXECUTION_STATE_FAILED)
        return
    report(siemplify, name, action, envelope)


def asset(siemplify):
    def configuration(name, default=None):
        return siemplify.extract_configuration_param(INTEGRATION_IDENTIFIER, name, default_value=default)

    fields = {
        "region": configuration("AWS Region", "us-east-1"),
        "aws_access_key_id": configuration("AWS Access Key ID"),
        "aws_secret_access_key": configuration("AWS Secret Key"),
        "endpoint_url": configuration("Endpoint URL"),
    }
    return {key: value for key, value in fields.items() if value}


def run(runner_action, parameters, asset_fields):
    """The runner's result envelope for one parameter set, from one request to `runner serve`."""
    request = {"id": 1, "action": runner_action, "parameters": [parameters], "asset": asset_fields}
    try:
        # A private host fed only the integration's configured asset: no keys there means the platform host's own
        # credentials, as its administrator chose.
        done = subprocess.run(runner_command() + ["serve", "--allow-ambient-credentials"], input=json.dumps(request) + "\n", capture_output=True, text=True, encoding="utf-8", timeout=RUNNER_TIMEOUT_SECONDS)
    except OSError as error:
        raise RunnerUnavailable(f"could not start the AWS Containment runner: {error.strerror}") from None
    except subprocess.TimeoutExpired:
        raise RunnerUnavailable(f"the AWS Containment runner gave no answer in {RUNNER_TIMEOUT_SECONDS} s") from None
    for line in done.stdout.splitlines():
        answer = json.loads(line)
        if answer.get("id") == 1:
            return answer
    raise RunnerUnavailable(f"the AWS Containment runner stopped without an answer (exit code {done.returncode})")


def runner_command():
    path = os.environ.get(RUNNER_VARIABLE) or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "runner", "runner")
    return ["dotnet", path] if path.endswith(".dll") else [path]


def report(siemplify, name, action, envelope):
    results = envelope.get("action_results") or []
    result = results[0] if results else {"status": "failed", "message": envelope.get("message", "the runner refused the request")}
    succeeded = result.get("status") == "success"
    items = [{key: value for key, value in item.items() if key != "ResponseMetadata"} for item in result.get("data") or []]
    if items:
        siemplify.result.add_result_json(items[0] if action.single_json_result else items)
    if action.table and items:
        siemplify.result.add_data_table(action.table.title, csv_lines(items, action.table.columns))
    siemplify.end(message(name, succeeded, result.get("message", "")), "true" if succeeded else "false", EXECUTION_STATE_COMPLETED if succeeded else EXECUTION_STATE_FAILED)


def message(name, succeeded, runner_message):
    """The runner words every IAM action's message as the document does; Ping's are the document's own."""
    if name != "Ping":
        return runner_message
    if succeeded:
        return "Successfully connected to the AWS IAM server with the provided connection parameters!"
    return f"Failed to connect to the AWS IAM server! Error is {runner_message}"


def csv_lines(items, columns):
    """The rows as the platform's data tables take them: a list of CSV lines, the header first."""
    lines = []
    for row in [list(columns)] + [[str(item.get(source, "")) for source in columns.values()] for item in items]:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(row)
        lines.append(buffer.getvalue())
    return lines
