using System.Globalization;
using AwsContainment.Connector.Containment;

namespace AwsContainment.Connector.Iam;

/// <summary>
/// Revokes the sessions of the instance's role issued before containment, with this case's own statement in
/// <see cref="SessionRevocation.PolicyName"/> beside any other case's; the undo takes out only this case's
/// statement, and the policy goes with the last owner.
/// </summary>
internal sealed class RoleSessionsStep() : InstanceStep("revoke_role_sessions", "remove_role_session_revocation", [InstanceState.InstanceSection])
{
    /// <summary>The undo reads the role from the journal and the revocation from IAM, not the instance.</summary>
    public override IReadOnlyList<string> UndoSections => [];

    /// <summary>
    /// This case's cut-off when later than the start of its containment (its quarantine time) already covers every
    /// stolen session: a re-run leaves it as it is, so the sessions the role's other instances fetched since keep working.
    /// </summary>
    public override async Task<StepResult> ContainAsync(ContainScope scope)
    {
        if (scope.Before.InstanceProfileArn is not { } profileArn)
        {
            return StepResult.AlreadyDone("skipped: the instance has no instance profile, so it has no role sessions to revoke");
        }
        if (scope.Order.DryRun)
        {
            return NotChecked($"IAM has no dry run: would revoke the sessions of the role of {profileArn} issued before now");
        }
        var iam = scope.Aws.Iam();
        if (await InstanceRoleSessions.FindAsync(iam, profileArn, scope.CancellationToken).ConfigureAwait(false) is not { } role)
        {
            return StepResult.AlreadyDone($"skipped: instance profile {profileArn} holds no role, so there are no role sessions to revoke");
        }
        var caseId = scope.Order.CaseId;
        var revocation = await InstanceRoleSessions.RevokeAsync(iam, role, caseId, ContainmentBegan(scope), scope.CancellationToken).ConfigureAwait(false);
        var others = revocation.AlsoHeldFor is { } held ? $"; it also holds the revocation of {held}" : "";
        return revocation.Written
            ? StepResult.Done($"sessions of role {role.RoleName} issued before {revocation.Result["RevokedBefore"]} revoked for case {caseId} (inline policy {SessionRevocation.PolicyName}){others}", revocation.Result)
            : StepResult.AlreadyDone($"sessions of role {role.RoleName} issued before {SessionRevocation.Text(revocation.Previous!.Value)} were already revoked since containment of case {caseId} began{others}", revocation.Result);
    }

    /// <summary>Another open case whose instance shares the role keeps its own statement, and with it the policy.</summary>
    public override async Task<StepResult> UndoAsync(UndoScope scope)
    {
        if (scope.Recorded.InstanceProfileArn is not { } profileArn)
        {
            return StepResult.AlreadyDone("had no instance profile before containment, so no role sessions were revoked");
        }
        var iam = scope.Aws.Iam();
        if (await InstanceRoleSessions.FindAsync(iam, profileArn, scope.CancellationToken).ConfigureAwait(false) is not { } role)
        {
            return StepResult.AlreadyDone($"instance profile {profileArn} holds no role");
        }
        var caseId = scope.Journal.CaseId;
        var release = await InstanceRoleSessions.ReleaseAsync(iam, role.RoleName, caseId, scope.CancellationToken).ConfigureAwait(false);
        if (release.Removed is null)
        {
            var held = release.StillHeldFor is { } holders ? $"; {SessionRevocation.PolicyName} stays, still held for {holders}" : "";
            return StepResult.AlreadyDone($"role {role.RoleName} holds no session revocation of case {caseId}{held}");
        }
        var cutoff = release.RevokedBefore is { } at ? SessionRevocation.Text(at) : "its cut-off";
        return release.StillHeldFor is { } others
            ? StepResult.Done($"removed the session revocation of case {caseId} (sessions issued before {cutoff}) from role {role.RoleName}; {SessionRevocation.PolicyName} stays, still held for {others}", release.Removed)
            : StepResult.Done($"removed {SessionRevocation.PolicyName} from role {role.RoleName}: its sessions issued before {cutoff} that have not expired work again", release.Removed);
    }

    /// <summary>When this case's containment of the instance began: its quarantine time, or this journal's capture.</summary>
    private static DateTimeOffset ContainmentBegan(ContainScope scope)
    {
        var tagged = scope.Before.TagValue(ContainmentNames.QuarantineTag) == scope.Order.CaseId ? scope.Before.TagValue(ContainmentNames.QuarantineTimeTag) : null;
        return new[] { tagged, scope.Journal.CapturedAt }
            .Select(t => DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MaxValue)
            .Min();
    }
}
