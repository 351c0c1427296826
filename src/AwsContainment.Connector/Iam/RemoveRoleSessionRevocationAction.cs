namespace AwsContainment.Connector.Iam;

/// <summary>
/// Undoes revoke instance role sessions: takes the revocation of no case out of the instance profile's role, and
/// deletes the policy when no case's revocation is left in it. A case's revocation stays for as long as the case
/// holds it (revert containment takes it out). Sessions issued before the removed cut-off that have not expired work
/// again, so the policy's text is kept in the result.
/// </summary>
public sealed class RemoveRoleSessionRevocationAction : IAwsAction<RemoveRoleSessionRevocationParameters>
{
    public async Task RunAsync(ActionContext context, RemoveRoleSessionRevocationParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var role = await InstanceRoleSessions.OfInstanceAsync(context.Aws, instanceId, cancellationToken).ConfigureAwait(false);
        var release = await InstanceRoleSessions.ReleaseAsync(context.Aws.Iam(), role.RoleName, owner: null, cancellationToken).ConfigureAwait(false);
        context.Result.Summary["role_name"] = role.RoleName;
        var held = release.StillHeldFor is { } holders ? $"{SessionRevocation.PolicyName} stays, still held for {holders}" : null;
        if (release.Removed is not { } removed)
        {
            context.Result.AddData(new System.Text.Json.Nodes.JsonObject { ["InstanceId"] = instanceId, ["RoleName"] = role.RoleName, ["PolicyName"] = SessionRevocation.PolicyName, ["Removed"] = false });
            context.Result.Succeed(held is null
                ? $"Role {role.RoleName} of {instanceId} has no {SessionRevocation.PolicyName} policy; nothing changed"
                : $"Role {role.RoleName} of {instanceId} holds no revocation that belongs to no case, and {held}; nothing changed");
            return;
        }
        removed.Insert(0, "InstanceId", instanceId);
        removed["Removed"] = true;
        context.Result.AddData(removed);
        var cutoff = release.RevokedBefore is { } at ? SessionRevocation.Text(at) : "its cut-off";
        context.Result.Succeed(held is null
            ? $"Removed {SessionRevocation.PolicyName} from role {role.RoleName} of {instanceId}: its sessions issued before {cutoff} that have not expired work again"
            : $"Removed the revocation that belongs to no case (sessions issued before {cutoff}) from role {role.RoleName} of {instanceId}; {held}");
    }
}
