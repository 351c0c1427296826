
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Kills the role credentials taken from a compromised instance's metadata service: the instance profile's role
/// denies every action to its sessions issued before now. Each run moves the cut-off to now, as the IAM console
/// does: a run that kept an older cut-off would leave sessions stolen since then alive. The cut-off it replaced is reported.
/// </summary>
public sealed class RevokeInstanceRoleSessionsAction : IAwsAction<RevokeInstanceRoleSessionsParameters>
{
    public async Task RunAsync(ActionContext context, RevokeInstanceRoleSessionsParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var iam = context.Aws.Iam();
        var role = await InstanceRoleSessions.OfInstanceAsync(context.Aws, instanceId, cancellationToken).ConfigureAwait(false);
        var earlier = await InstanceRoleSessions.CurrentAsync(iam, role.RoleName, cancellationToken).ConfigureAwait(false);
        var revocation = await InstanceRoleSessions.RevokeAsync(iam, role, cancellationToken).ConfigureAwait(false);
        var previous = earlier is null ? null : SessionRevocation.RevokedBefore(earlier) is { } at ? SessionRevocation.Text(at) : null;
        revocation.Insert(0, "InstanceId", instanceId);
        revocation["PreviousRevokedBefore"] = previous;
        context.Result.AddData(revocation);
        context.Result.Summary["role_name"] = role.RoleName;
        context.Result.Summary["revoked_before"] = revocation["RevokedBefore"]!.DeepClone();
        var replaced = previous is null ? "" : $" (the cut-off was {previous})";
        context.Result.Succeed($"Sessions of role {role.RoleName} (instance profile of {instanceId}) issued before {revocation["RevokedBefore"]} are revoked{replaced}: inline policy {SessionRevocation.PolicyName} denies them every action");
    }
}
