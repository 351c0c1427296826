#!/usr/bin/python3
"""The boto3 peer of `runner --action "describe instance"`: one DescribeInstances call, its answer printed as JSON."""
import json
import sys

import boto3

endpoint, instance = sys.argv[1], sys.argv[2]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")
print(json.dumps(ec2.describe_instances(InstanceIds=[instance]), default=str))
