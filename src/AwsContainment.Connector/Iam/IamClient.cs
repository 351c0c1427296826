using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// IAM (query protocol, API 2010-05-08, global: signs for the partition's first region) behind one interface, so
/// the official AWSSDK.IdentityManagement package could replace it here alone. The interface and class are partial:
/// the IAM response actions and the credential-exposure actions each add their calls in their own file.
/// </summary>
public partial interface IIamClient
{
}

public sealed partial class IamClient(IAwsCaller caller) : IIamClient
{
    private readonly IAwsCaller _caller = caller;
}

public static class IamSession
{
    /// <summary>The session's IAM client.</summary>
    public static IIamClient Iam(this AwsSession session) => new IamClient(session.Caller(AwsService.Iam));
}
