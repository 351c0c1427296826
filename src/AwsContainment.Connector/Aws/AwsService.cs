
namespace AwsContainment.Connector.Aws;

/// <summary>The wire protocol a service speaks; decides how requests are written and errors are read.</summary>
public enum AwsProtocol
{
    /// <summary>EC2's dialect of the query protocol: errors carry <c>RequestID</c>, lists are <c>item</c>.</summary>
    Ec2,
    /// <summary>The AWS query protocol (IAM, Auto Scaling, ELB): lists are <c>member</c>.</summary>
    Query,
    /// <summary>The AWS JSON 1.1 protocol (CloudTrail).</summary>
    Json,
}

/// <summary>
/// Everything needed to reach one AWS service without its SDK package: how to sign for it, which API version it
/// speaks and where its endpoint is. Global services (IAM) sign for us-east-1 whatever the asset's region.
/// </summary>
public sealed record AwsService(
    string Name,
    string EndpointPrefix,
    string SigningName,
    string ApiVersion,
    AwsProtocol Protocol,
    bool IsGlobal = false,
    string? JsonTargetPrefix = null)
{
    public static readonly AwsService Ec2 = new("ec2", "ec2", "ec2", "2016-11-15", AwsProtocol.Ec2);
    public static readonly AwsService AutoScaling = new("autoscaling", "autoscaling", "autoscaling", "2011-01-01", AwsProtocol.Query);
    public static readonly AwsService Elb = new("elb", "elasticloadbalancing", "elasticloadbalancing", "2012-06-01", AwsProtocol.Query);
    public static readonly AwsService ElbV2 = new("elbv2", "elasticloadbalancing", "elasticloadbalancing", "2015-12-01", AwsProtocol.Query);
    public static readonly AwsService Iam = new("iam", "iam", "iam", "2010-05-08", AwsProtocol.Query, IsGlobal: true);
    public static readonly AwsService CloudTrail = new("cloudtrail", "cloudtrail", "cloudtrail", "2013-11-01", AwsProtocol.Json,
        JsonTargetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    public static readonly AwsService Kms = new("kms", "kms", "kms", "2014-11-01", AwsProtocol.Json, JsonTargetPrefix: "TrentService");

    /// <summary>The region requests are signed for: IAM's single endpoint lives in the partition's first region.</summary>
    public string SigningRegion(string region) => IsGlobal ? Partition.Of(region).GlobalRegion : region;

    /// <summary>The service's public endpoint in that region, used when the asset names no <c>endpoint_url</c>.</summary>
    public Uri DefaultEndpoint(string region)
    {
        var partition = Partition.Of(region);
        var host = IsGlobal
            ? (partition.Name == "aws" ? $"{EndpointPrefix}.{partition.DnsSuffix}" : $"{EndpointPrefix}.{partition.GlobalRegion}.{partition.DnsSuffix}")
            : $"{EndpointPrefix}.{region}.{partition.DnsSuffix}";
        return new Uri($"https://{host}/");
    }
}

/// <summary>An AWS partition: where its endpoints live and which region hosts its global services.</summary>
public sealed record Partition(string Name, string DnsSuffix, string GlobalRegion)
{
    private static readonly Partition Aws = new("aws", "amazonaws.com", "us-east-1");
    private static readonly Partition China = new("aws-cn", "amazonaws.com.cn", "cn-north-1");
    private static readonly Partition GovCloud = new("aws-us-gov", "amazonaws.com", "us-gov-west-1");

    public static Partition Of(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? China
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? GovCloud
        : Aws;
}
