#!/usr/bin/python3
"""The boto3 peer of `runner --action "describe instance"`: the same two calls (the instance, and the volumes attached
to it, at the same time as the runner does), their answers printed as JSON."""
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3

endpoint, instance = sys.argv[1], sys.argv[2]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
with ThreadPoolExecutor(2) as pool:
    volumes = pool.submit(ec2.describe_volumes, Filters=[{"Name": "attachment.instance-id", "Values": [instance]}])
    reservations = ec2.describe_instances(InstanceIds=[instance])
    print(json.dumps({"Reservations": reservations["Reservations"], "Volumes": volumes.result()["Volumes"]}, default=str))
