#!/usr/bin/env python3
"""Writes the boto3 view of every recorded AWS answer, as botocore itself parses it, for BotocoreGoldenTests.

    python3 tools/models/golden.py          # after adding or changing recordings (needs python3 + botocore)

Every 2xx answer of EC2, Auto Scaling, ELB, ELBv2, IAM and CloudTrail under tests/fixtures, bench/fixtures and
examples/ is first completed: every member the service model defines that the answer lacks is added with a
placeholder of its type (recursively, to a depth of MAX_DEPTH structures, never into a shape already being
filled), so the answer carries every field current AWS may send. botocore's own parser (plus the handlers boto3
runs on these answers: IAM's policy documents) then reads it. tests/golden/<service>.<Operation>.json keeps, per
distinct recorded body, the completed body and botocore's result; the C# test reads the body through the
connector and must get the same. CI needs no Python: the files are committed.
"""
import base64
import datetime
import glob
import hashlib
import json
import os
import xml.etree.ElementTree as ET

import botocore.session
from botocore.handlers import json_decode_policies
from botocore.parsers import create_parser

from generate import wire_name

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "tests", "golden")
SOURCES = ["tests/fixtures/**/*.json", "bench/fixtures/*.json", "examples/*.json"]
SERVICES = {"ec2", "autoscaling", "elb", "elbv2", "iam", "cloudtrail", "kms"}
MAX_DEPTH = 10

# Placeholders chosen to catch a wrong type: a string that looks like a number (and would lose its zeros as
# one), a boolean that is false (truthy as the string "false"), integers and doubles, a blob, and a time.
XML_PLACEHOLDERS = {"string": "0042", "character": "0", "boolean": "false", "integer": "42", "long": "4200000000",
                    "float": "42.5", "double": "42.5", "blob": "AAEC", "timestamp": "2026-11-22T03:12:45.000Z"}
JSON_PLACEHOLDERS = {"string": "0042", "character": "0", "boolean": False, "integer": 42, "long": 4200000000,
                     "float": 42.5, "double": 42.5, "blob": "AAEC", "timestamp": 1795000000.5}


def key_of(service, operation, body):
    """Must equal BotocoreGoldenTests.KeyOf: the recorded body, byte for byte, names the entry."""
    return hashlib.sha256(f"{service}\n{operation}\n{body}".encode("utf-8")).hexdigest()[:16]


def local(tag):
    return tag.split("}", 1)[-1]


class XmlFiller:
    def __init__(self, namespace):
        self.ns = namespace

    def tag(self, name):
        return f"{{{self.ns}}}{name}" if self.ns else name

    def structure(self, node, shape, depth, seen):
        for name, member in shape.members.items():
            if member.serialization.get("location"):
                continue
            wire = wire_name(member, name)
            present = [child for child in node if local(child.tag) == wire]
            flattened = member.serialization.get("flattened")
            if present:
                for child in present if flattened else present[:1]:
                    self.existing(child, member.member if flattened else member, depth, seen)
            elif self.may_enter(member, depth, seen):
                node.append(self.new(member, wire, depth, seen, item=flattened))

    def may_enter(self, shape, depth, seen):
        return shape.type_name not in ("structure", "list", "map") or (depth < MAX_DEPTH and shape.name not in seen)

    def existing(self, node, shape, depth, seen):
        if shape.type_name == "structure":
            self.structure(node, shape, depth + 1, seen | {shape.name})
        elif shape.type_name == "list":
            for child in node:
                self.existing(child, shape.member, depth, seen | {shape.name})

    def new(self, shape, tag, depth, seen, item=False):
        """A new element named tag holding shape; item: tag names a flattened list's single entry."""
        if item:
            return self.new(shape.member, tag, depth, seen | {shape.name})
        node = ET.Element(self.tag(tag))
        if shape.type_name == "structure":
            self.structure(node, shape, depth + 1, seen | {shape.name})
        elif shape.type_name == "list":
            if self.may_enter(shape.member, depth, seen | {shape.name}):
                node.append(self.new(shape.member, shape.member.serialization.get("name", "member"), depth, seen | {shape.name}))
        elif shape.type_name == "map":
            entry = ET.SubElement(node, self.tag("entry"))
            ET.SubElement(entry, self.tag(shape.key.serialization.get("name", "key"))).text = "0042"
            if self.may_enter(shape.value, depth, seen | {shape.name}):
                entry.append(self.new(shape.value, shape.value.serialization.get("name", "value"), depth, seen | {shape.name}))
        else:
            node.text = XML_PLACEHOLDERS[shape.type_name]
        return node


def fill_xml(body, operation_model):
    root = ET.fromstring(body)
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    ET.register_namespace("", namespace)
    output = operation_model.output_shape
    filler = XmlFiller(namespace)
    if output is not None:
        start = root
        wrapper = output.serialization.get("resultWrapper")
        if wrapper:
            start = next((c for c in root if local(c.tag) == wrapper), None)
            if start is None:
                start = ET.Element(filler.tag(wrapper))
                root.insert(0, start)
        filler.structure(start, output, 0, {output.name})
    return ET.tostring(root, encoding="unicode")


def fill_json(value, shape, depth, seen):
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            wire = member.serialization.get("name", name)
            if value.get(wire) is not None:
                fill_json(value[wire], member, depth + 1, seen | {shape.name})
            elif member.type_name not in ("structure", "list", "map") or (depth < MAX_DEPTH and member.name not in seen):
                value[wire] = new_json(member, depth + 1, seen | {shape.name})
    elif shape.type_name == "list" and isinstance(value, list):
        for item in value:
            fill_json(item, shape.member, depth, seen | {shape.name})
    return value


def new_json(shape, depth, seen):
    if shape.type_name == "structure":
        return fill_json({}, shape, depth, seen)
    if shape.type_name == "list":
        return [new_json(shape.member, depth, seen | {shape.name})] if shape.member.name not in seen else []
    if shape.type_name == "map":
        return {"0042": new_json(shape.value, depth, seen | {shape.name})}
    return JSON_PLACEHOLDERS[shape.type_name]


def plain(value):
    """botocore's Python values as JSON: times in ISO 8601, blobs in base64 (as the recording carried them)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def boto3_view(model, operation, body):
    operation_model = model.operation_model(operation)
    protocol = model.metadata["protocol"]
    if protocol == "json":
        completed = json.dumps(fill_json(json.loads(body or "{}"), operation_model.output_shape, 0, set()))
        headers = {"content-type": "application/x-amz-json-1.1"}
    else:
        completed = fill_xml(body, operation_model)
        headers = {"content-type": "text/xml"}
    parsed = create_parser(protocol).parse(
        {"body": completed.encode("utf-8"), "headers": headers, "status_code": 200}, operation_model.output_shape)
    if model.service_name == "iam":
        json_decode_policies(parsed, operation_model)
    parsed.pop("ResponseMetadata", None)
    return completed, plain(parsed)


def main():
    session = botocore.session.get_session()
    models = {}
    golden = {}
    for pattern in SOURCES:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True)):
            with open(path, encoding="utf-8") as f:
                recording = json.load(f)
            for exchange in recording.get("exchanges", []) if isinstance(recording, dict) else []:
                service, request, response = exchange.get("service"), exchange.get("request", {}), exchange.get("response")
                if service not in SERVICES or exchange.get("fault") or not response or not 200 <= response.get("status", 200) < 300:
                    continue
                operation = (request.get("form") or {}).get("Action") or (request.get("target") or "").rsplit(".", 1)[-1]
                body = response.get("body", "")
                model = models.setdefault(service, session.get_service_model(service))
                entries = golden.setdefault((service, operation), {})
                key = key_of(service, operation, body)
                if key not in entries:
                    try:
                        completed, view = boto3_view(model, operation, body)
                        entries[key] = {"sources": [], "body": completed, "boto3": view}
                    except (ET.ParseError, json.JSONDecodeError):
                        # A recorded cut-off answer: botocore cannot read it, and the connector must refuse it too.
                        entries[key] = {"sources": [], "malformed": True}
                source = os.path.relpath(path, ROOT)
                if source not in entries[key]["sources"]:
                    entries[key]["sources"].append(source)
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*.json")):
        os.remove(old)
    for (service, operation), entries in sorted(golden.items()):
        path = os.path.join(OUT, f"{service}.{operation}.json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(entries.items())) + "\n}\n")
    total = sum(len(e) for e in golden.values())
    print(f"tests/golden: {total} distinct answers of {len(golden)} operations, botocore {botocore.__version__}")


if __name__ == "__main__":
    main()
