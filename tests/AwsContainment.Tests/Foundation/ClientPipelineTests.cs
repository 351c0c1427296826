using System.Reflection;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Tests.Foundation;

/// <summary>
/// Every AWS client built here, the official STS and S3 clients and the query client alike, runs the same fitted
/// pipeline: the response-metadata capture in, the SDK's metrics handler out (it leaves a timing event per call to
/// the finalizer, which kept each call's metrics alive through a collection of runner serve).
/// </summary>
public class ClientPipelineTests
{
    private static readonly BasicAWSCredentials Keys = new("AKIAIOSFODNN7EXAMPLE", "not-a-secret-never-sent");

    public static TheoryData<string> Clients => ["query", "sts", "s3"];

    [Theory]
    [MemberData(nameof(Clients))]
    public void The_client_captures_response_metadata_and_leaves_out_the_sdk_metrics_handler(string kind)
    {
        using var client = Client(kind);

        var handlers = Handlers(client);

        Assert.Contains(handlers, h => h is AwsResponseMetadata.CaptureHandler);
        Assert.DoesNotContain(handlers, h => h is MetricsHandler);
    }

    [Fact]
    public void The_sdk_pipeline_has_a_metrics_handler_to_leave_out()
    {
        using var plain = new AmazonSecurityTokenServiceClient(Keys, new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.USEast1 });

        Assert.Contains(Handlers(plain), h => h is MetricsHandler);
    }

    private static AmazonServiceClient Client(string kind) => kind switch
    {
        "query" => new QueryServiceClient(AwsService.Ec2, Keys, new QueryClientConfig(AwsService.Ec2, "us-east-1", new Uri("http://127.0.0.1:9")), null),
        "sts" => new StsClient(Keys, new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.USEast1 }, null),
        _ => new S3Client(Keys, new AmazonS3Config { RegionEndpoint = RegionEndpoint.USEast1 }, null),
    };

    // The pipeline is the SDK's protected member; what it holds is public.
    private static List<IPipelineHandler> Handlers(AmazonServiceClient client) =>
        ((RuntimePipeline)typeof(AmazonServiceClient).GetProperty("RuntimePipeline", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!).Handlers;
}
