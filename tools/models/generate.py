#!/usr/bin/env python3
"""Writes the compact AWS service models the connector reads its answers with.

    python3 tools/models/generate.py          # after a botocore upgrade, or after adding an operation

For every service in operations.json it loads botocore's newest service-2.json and keeps, for the operations
listed there, only what reading an answer needs: the shapes reachable from each operation's output, with their
type, member names, wire names (locationName, the key botocore's parser looks for), flattened lists, list members,
map keys and values. No documentation, no input shapes. One file per service, embedded in the connector:
src/AwsContainment.Connector/Aws/Models/<service>.json (format: docs/aws-models.md).
"""
import json
import os
import sys

import botocore
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "src", "AwsContainment.Connector", "Aws", "Models")

SCALARS = {"string", "character", "boolean", "integer", "long", "float", "double", "timestamp", "blob"}
# botocore's json_decode_policies handler (IAM): strings of this shape are URL-encoded JSON policy documents,
# which boto3 hands back decoded into objects.
POLICY_DOCUMENT = "policyDocumentType"


def wire_name(member_shape, member_name):
    """The element (or JSON key) botocore's parser looks for: BaseXMLResponseParser._member_key_name."""
    if member_shape.type_name == "list" and member_shape.serialization.get("flattened"):
        item = member_shape.member.serialization.get("name")
        if item is not None:
            return item
    return member_shape.serialization.get("name", member_name)


class Compactor:
    def __init__(self, service):
        self.service = service
        self.shapes = {}

    def ref(self, shape):
        """The name a member uses for its shape: a scalar's type, or a structure/list/map written once."""
        if shape.type_name in SCALARS:
            if self.service == "iam" and shape.name == POLICY_DOCUMENT:
                return "policyDocument"
            return "string" if shape.type_name == "character" else shape.type_name
        name = shape.name
        if name in SCALARS or name == "policyDocument":
            sys.exit(f"{self.service}: shape {name} collides with a scalar type name")
        if name not in self.shapes:
            self.shapes[name] = None  # placeholder first: shapes may refer to themselves
            self.shapes[name] = self.describe(shape)
        return name

    def member(self, shape, name):
        entry = {"shape": self.ref(shape)}
        wire = wire_name(shape, name)
        if wire != name:
            entry["wire"] = wire
        if shape.serialization.get("flattened"):
            entry["flattened"] = True
        return entry

    def describe(self, shape):
        if shape.type_name == "structure":
            return {"structure": {name: self.member(member, name) for name, member in shape.members.items()
                                  if member.serialization.get("location") is None}}
        if shape.type_name == "list":
            return {"list": self.ref(shape.member)}
        if shape.type_name == "map":
            return {"map": [self.ref(shape.key), self.ref(shape.value)],
                    "entry": [shape.key.serialization.get("name", "key"), shape.value.serialization.get("name", "value")]}
        sys.exit(f"{self.service}: unsupported shape type {shape.type_name}")


def compact(session, service, operations):
    model = session.get_service_model(service)
    compactor = Compactor(service)
    ops = {}
    for name in sorted(operations):
        output = model.operation_model(name).output_shape
        entry = {}
        if output is not None:
            entry["output"] = compactor.ref(output)
            if "resultWrapper" in output.serialization:
                entry["wrapper"] = output.serialization["resultWrapper"]
        ops[name] = entry
    return {
        "service": service,
        "protocol": model.metadata["protocol"],
        "apiVersion": model.metadata["apiVersion"],
        "source": f"botocore {botocore.__version__}",
        "operations": ops,
        "shapes": dict(sorted(compactor.shapes.items())),
    }


def main():
    with open(os.path.join(HERE, "operations.json"), encoding="utf-8") as f:
        wanted = json.load(f)
    session = botocore.session.get_session()
    os.makedirs(OUT, exist_ok=True)
    for service, operations in sorted(wanted.items()):
        path = os.path.join(OUT, f"{service}.json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(compact(session, service, operations), f, separators=(",", ":"), sort_keys=False)
            f.write("\n")
        print(f"{os.path.relpath(path, ROOT)}: {len(operations)} operations, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
