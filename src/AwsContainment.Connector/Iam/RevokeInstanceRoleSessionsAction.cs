
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Kills the role credentials taken from a compromised instance's metadata service: the instance profile's role
/// denies every action to its sessions issued before now. Each run moves the cut-off to now, as the IAM console
/// does: a run that kept an older cut-off would leave sessions stolen since then alive. The cut-off it replaced is
/// reported. Its statement belongs to no case: the statements of the cases that revoked the role's sessions are kept.
/// </summary>
public sealed class RevokeInstanceRoleSessionsAction : IAwsAction<RevokeInstanceRoleSessionsParameters>
{
    public async Task RunAsync(ActionContext context, RevokeInstanceRoleSessionsParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var role = await InstanceRoleSessions.OfInstanceAsync(context.Aws, instanceId, cancellationToken).ConfigureAwait(false);
        var written = await InstanceRoleSessions.RevokeAsync(context.Aws.Iam(), role, owner: null, unlessSince: null, cancellationToken).ConfigureAwait(false);
        var revocation = written.Result;
        var previous = written.Previous is { } at ? SessionRevocation.Text(at) : null;
        revocation.Insert(0, "InstanceId", instanceId);
        revocation["PreviousRevokedBefore"] = previous;
        context.Result.AddData(revocation);
        context.Result.Summary["role_name"] = role.RoleName;
        context.Result.Summary["revoked_before"] = revocation["RevokedBefore"]!.DeepClone();
        var replaced = previous is null ? "" : $" (the cut-off was {previous})";
        var kept = written.AlsoHeldFor is { } held ? $"; the policy still holds the revocation of {held}" : "";
        context.Result.Succeed($"Sessions of role {role.RoleName} (instance profile of {instanceId}) issued before {revocation["RevokedBefore"]} are revoked{replaced}: inline policy {SessionRevocation.PolicyName} denies them every action{kept}");
    }
}
