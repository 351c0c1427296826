#!/usr/bin/env python3
"""Keep app.json what Splunk SOAR installs, and the runner's extra rules in app.rules.json beside it.

    python3 soar/splunk/conform_app_json.py          # rewrites app.json and app.rules.json in place
    python3 soar/splunk/conform_app_json.py --check  # exit 1, naming the files, when either is not yet conformed

Write a new action (or parameter) into app.json with every rule the runner can check, as before (pattern,
pattern_description, minimum, maximum, max_length, permissions, undo, json; `list` or `allow_list`), then run this once:
keys the platform does not know move to app.rules.json under the action's identifier, and the keys the platform
expects are filled in (versions, verbose, render, primary, allow_list, example_values, column_name/column_order).
Running it again changes nothing. The keys each place may hold are listed in soar/splunk/app-json-keys.txt.

The parameters every action takes (region, role_arn, external_id) are written once, in app.rules.json's
`common_parameters`; this script repeats them (the keys the platform knows) in every action of app.json, with their
output paths, so the platform offers them on every action.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS_FILE = Path(__file__).with_name("app-json-keys.txt")


def allowed_keys():
    """The `allowed <place>:` lines of app-json-keys.txt, which cites the SDK model each comes from."""
    allowed = {}
    for line in KEYS_FILE.read_text().splitlines():
        match = re.match(r"^allowed (\w+):(.*)$", line)
        if match:
            allowed[match[1]] = match[2].split()
    return allowed


def split(node, allowed, rules):
    """Moves every key of `node` the platform does not know into `rules`."""
    for key in [k for k in node if k not in allowed]:
        rules[key] = node.pop(key)


def words(name):
    """A column title from a parameter name (tag_key) or an AWS field name (CreateDate)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.replace("_", " "))
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in spaced.split()).replace("Arn", "ARN").replace(" Id", " ID")


def conform(app, rules):
    allowed = allowed_keys()
    types = rules.setdefault("contains_types", {})
    types.update(app.pop("contains_types", {}))
    for name, field in app["configuration"].items():
        moved = {}
        split(field, allowed["configuration"], moved)
        if moved:
            rules.setdefault("configuration", {}).setdefault(name, {}).update(moved)
    action_rules = rules.setdefault("actions", {})
    common = rules.get("common_parameters", {})
    for action in app["actions"]:
        add_common(action, common, allowed["parameter"])
        own = action_rules.setdefault(action["identifier"], {})
        moved = {}
        split(action, allowed["action"], moved)
        own.update(moved)
        action.setdefault("verbose", f"Undone by '{own['undo']}'." if "undo" in own else "")
        action.setdefault("versions", "EQ(*)")
        action.setdefault("render", {"type": "table"})
        for name, parameter in action["parameters"].items():
            if "list" in parameter:
                parameter["allow_list"] = parameter.pop("list")
            moved = {}
            split(parameter, allowed["parameter"], moved)
            if moved:
                own.setdefault("parameters", {}).setdefault(name, {}).update(moved)
            if parameter.get("contains"):
                parameter["primary"] = True
        order = 0
        for output in action["output"]:
            unknown = [k for k in output if k not in allowed["output"]]
            if unknown:
                sys.exit(f"{action['identifier']}: output {output['data_path']} has keys the platform does not know: {unknown}")
            path = output["data_path"]
            examples = example_values(output, types)
            if examples and "example_values" not in output:
                output["example_values"] = examples
            column = re.fullmatch(r"action_result\.(?:parameter|data\.\*)\.(\w+)", path)
            if (column or path == "action_result.status") and column_of(path) != "ResponseMetadata":
                output.setdefault("column_name", words(column[1]) if column else "Status")
            if "column_name" in output:
                output["column_order"] = order
                order += 1
        if not own:
            del action_rules[action["identifier"]]


def add_common(action, common, allowed):
    """The parameters every action takes, after the action's own, and their output paths."""
    parameters = action["parameters"]
    own = [name for name in parameters if name not in common]
    for offset, (name, spec) in enumerate(common.items()):
        parameters[name] = {key: value for key, value in spec.items() if key in allowed} | {"order": len(own) + offset}
        path = f"action_result.parameter.{name}"
        if all(output["data_path"] != path for output in action["output"]):
            action["output"].append({"data_path": path, "data_type": spec["data_type"]})


def column_of(path):
    return path.rsplit(".", 1)[-1]


def example_values(output, types):
    if output["data_path"] == "action_result.status":
        return ["success", "failed"]
    if output["data_path"] in ("summary.total_objects", "summary.total_objects_successful"):
        return [1]
    if output["data_type"] == "boolean":
        return [True, False]
    return [types[t]["example"] for t in output.get("contains", []) if "example" in types.get(t, {})][:1]


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        sys.exit("usage: conform_app_json.py [--check]")
    app_path, rules_path = ROOT / "app.json", ROOT / "app.rules.json"
    app = json.loads(app_path.read_text())
    rules = json.loads(rules_path.read_text()) if rules_path.exists() else {}
    conform(app, rules)
    written = {path: json.dumps(document, indent=2, ensure_ascii=False) + "\n" for path, document in ((app_path, app), (rules_path, rules))}
    if check:
        stale = [path.name for path, text in written.items() if not path.exists() or path.read_text() != text]
        if stale:
            sys.exit(f"not conformed: {', '.join(stale)}; run python3 soar/splunk/conform_app_json.py")
        return
    for path, text in written.items():
        path.write_text(text)
    print(f"{app_path.name}: {len(app['actions'])} actions; {rules_path.name}: rules for {len(rules['actions'])}", file=sys.stderr)


if __name__ == "__main__":
    main()
