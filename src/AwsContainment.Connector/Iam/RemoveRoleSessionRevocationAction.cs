
namespace AwsContainment.Connector.Iam;

/// <summary>
/// Undoes revoke instance role sessions: deletes the revocation policy from the instance profile's role. Sessions
/// issued before its cut-off that have not expired work again, so the policy's text is kept in the result.
/// </summary>
public sealed class RemoveRoleSessionRevocationAction : IAwsAction<RemoveRoleSessionRevocationParameters>
{
    public async Task RunAsync(ActionContext context, RemoveRoleSessionRevocationParameters parameters, CancellationToken cancellationToken)
    {
        var instanceId = parameters.Instance;
        var role = await InstanceRoleSessions.OfInstanceAsync(context.Aws, instanceId, cancellationToken).ConfigureAwait(false);
        var removed = await InstanceRoleSessions.RemoveAsync(context.Aws.Iam(), role.RoleName, cancellationToken).ConfigureAwait(false);
        context.Result.Summary["role_name"] = role.RoleName;
        if (removed is null)
        {
            context.Result.AddData(new System.Text.Json.Nodes.JsonObject { ["InstanceId"] = instanceId, ["RoleName"] = role.RoleName, ["PolicyName"] = SessionRevocation.PolicyName, ["Removed"] = false });
            context.Result.Succeed($"Role {role.RoleName} of {instanceId} has no {SessionRevocation.PolicyName} policy; nothing changed");
            return;
        }
        removed.Insert(0, "InstanceId", instanceId);
        removed["Removed"] = true;
        context.Result.AddData(removed);
        context.Result.Succeed($"Removed {SessionRevocation.PolicyName} from role {role.RoleName} of {instanceId}: its sessions issued before {(SessionRevocation.RevokedBefore(removed) is { } at ? SessionRevocation.Text(at) : "its cut-off")} that have not expired work again");
    }
}
