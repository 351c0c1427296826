using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Playbooks;

/// <summary>
/// Confirms who the asset's credentials are (STS GetCallerIdentity, in the asset's own region and endpoint), then
/// makes one cheap read-only call to every service the connector uses, in parallel, and reports for each whether
/// AWS answered and whether it permitted the call. An unreachable service fails the test; a denied one is named.
/// </summary>
public sealed class TestConnectivityAction : IAwsAction<TestConnectivityParameters>
{
    private static readonly (string Service, Func<AwsSession, CancellationToken, Task> Probe)[] Probes =
    [
        ("ec2", (aws, ct) => Query(aws, AwsService.Ec2, "DescribeInstances", p => p.Add("MaxResults", 5), ct)),
        ("autoscaling", (aws, ct) => Query(aws, AwsService.AutoScaling, "DescribeAutoScalingGroups", p => p.Add("MaxRecords", 1), ct)),
        ("elb", (aws, ct) => Query(aws, AwsService.Elb, "DescribeLoadBalancers", p => p.Add("PageSize", 1), ct)),
        ("elbv2", (aws, ct) => Query(aws, AwsService.ElbV2, "DescribeLoadBalancers", p => p.Add("PageSize", 1), ct)),
        ("iam", (aws, ct) => Query(aws, AwsService.Iam, "ListUsers", p => p.Add("MaxItems", 1), ct)),
        ("cloudtrail", (aws, ct) => aws.Caller(AwsService.CloudTrail).CallJsonAsync("LookupEvents", new JsonObject { ["MaxResults"] = 1 }, ct)),
        ("kms", (aws, ct) => aws.Caller(AwsService.Kms).CallJsonAsync("ListAliases", new JsonObject { ["Limit"] = 1 }, ct)),
        ("s3", (aws, ct) => aws.S3.ListBucketsAsync(new ListBucketsRequest { MaxBuckets = 1 }, ct)),
    ];

    public async Task RunAsync(ActionContext context, TestConnectivityParameters parameters, CancellationToken cancellationToken)
    {
        GetCallerIdentityResponse identity;
        try
        {
            identity = await context.Aws.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error))
        {
            throw new ActionFailedException($"Test connectivity failed: could not confirm the credentials' identity. {AwsErrors.Describe(error)}");
        }
        var checks = await Task.WhenAll(Probes.Select(p => CheckAsync(p.Service, p.Probe(context.Aws, cancellationToken)))).ConfigureAwait(false);

        var result = context.Result;
        result.AddData(new JsonObject
        {
            ["Account"] = identity.Account,
            ["Arn"] = identity.Arn,
            ["UserId"] = identity.UserId,
            ["Region"] = context.Aws.Asset.Region,
            ["Services"] = new JsonArray(checks.Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["ResponseMetadata"] = AwsResponseMetadata.Of(identity).ToJson(),
        });
        result.Summary["account"] = identity.Account;
        result.Summary["arn"] = identity.Arn;
        result.Summary["services_permitted"] = checks.Count(c => c.Verdict == Verdict.Permitted);
        result.Summary["services_checked"] = checks.Length;

        var connected = $"Connected to AWS account {identity.Account} as {identity.Arn} in {context.Aws.Asset.Region}";
        var tally = $"{checks.Count(c => c.Verdict == Verdict.Permitted)} of {checks.Length} services permitted";
        var findings = new[]
            {
                Finding("not permitted", checks, Verdict.Denied, c => c.ErrorCode),
                Finding("failing", checks, Verdict.Failing, c => c.Message),
                Finding("unreachable", checks, Verdict.Unreachable, c => c.Message),
            }
            .OfType<string>()
            .Prepend(tally);
        var message = $"{connected}; {string.Join("; ", findings)}";
        if (checks.Any(c => c.Verdict is Verdict.Failing or Verdict.Unreachable))
        {
            result.Fail("Test connectivity failed. " + message);
        }
        else
        {
            result.Succeed("Test connectivity passed. " + message);
        }
    }

    private static string? Finding(string label, ServiceCheck[] checks, Verdict verdict, Func<ServiceCheck, string?> detail)
    {
        var matching = checks.Where(c => c.Verdict == verdict).Select(c => $"{c.Service} ({detail(c)})").ToList();
        return matching.Count == 0 ? null : $"{label}: {string.Join(", ", matching)}";
    }

    private static Task Query(AwsSession aws, AwsService service, string action, Action<QueryParameters> fill, CancellationToken cancellationToken)
    {
        var caller = aws.Caller(service);
        var parameters = caller.NewParameters();
        fill(parameters);
        return caller.CallAsync(action, parameters, cancellationToken);
    }

    /// <summary>Runs one probe: permitted, denied (AWS answered 401/403), failing (any other error, or an unreadable answer), unreachable.</summary>
    private static async Task<ServiceCheck> CheckAsync(string service, Task probe)
    {
        try
        {
            await probe.ConfigureAwait(false);
            return new ServiceCheck(service, Verdict.Permitted, null, "answered");
        }
        catch (AmazonServiceException error) when (error is not AmazonUnmarshallingException && (int)error.StatusCode is 401 or 403)
        {
            return new ServiceCheck(service, Verdict.Denied, error.ErrorCode, AwsErrors.Describe(error));
        }
        catch (AmazonServiceException error) when (error.StatusCode != 0)
        {
            return new ServiceCheck(service, Verdict.Failing, error.ErrorCode, AwsErrors.Describe(error));
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error))
        {
            return new ServiceCheck(service, Verdict.Unreachable, AwsErrors.Code(error), AwsErrors.Describe(error));
        }
    }

    private enum Verdict
    {
        Permitted,
        Denied,
        Failing,
        Unreachable,
    }

    private sealed record ServiceCheck(string Service, Verdict Verdict, string? ErrorCode, string Message)
    {
        public JsonObject ToJson() => new()
        {
            ["service"] = Service,
            ["reachable"] = Verdict != Verdict.Unreachable,
            ["permitted"] = Verdict == Verdict.Permitted,
            ["error_code"] = ErrorCode,
            ["message"] = Message,
        };
    }
}
