using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Kms;

/// <summary>KMS (JSON protocol 1.1) behind one interface, so an official package could replace it here alone.</summary>
public interface IKmsClient
{
    /// <summary>DescribeKey: the key's <c>KeyMetadata</c> (<c>KeyManager</c> is <c>AWS</c> for an AWS managed key such as alias/aws/ebs).</summary>
    Task<JsonObject> DescribeKeyAsync(string keyId, CancellationToken cancellationToken);
}

public sealed class KmsClient(IAwsCaller caller) : IKmsClient
{
    public async Task<JsonObject> DescribeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var reply = await caller.CallJsonAsync("DescribeKey", new JsonObject { ["KeyId"] = keyId }, cancellationToken).ConfigureAwait(false);
        return reply.Body["KeyMetadata"]?.DeepClone() as JsonObject ?? [];
    }
}

public static class KmsSession
{
    /// <summary>The session's KMS client, in the asset's region.</summary>
    public static IKmsClient Kms(this AwsSession session) => new KmsClient(session.Caller(AwsService.Kms));
}
