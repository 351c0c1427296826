using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Ec2;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector.Iam;

/// <summary>The role an instance profile carries, and the answer that named it (whose Date is AWS's clock).</summary>
public sealed record InstanceRole(string InstanceProfileArn, string RoleName, string? RoleArn, JsonObject Profile);

/// <summary>
/// An instance's role sessions: anyone who read the instance's metadata service holds them, and they work from
/// anywhere until they expire. Revoked with <see cref="SessionRevocation"/>'s policy on the role; the instances
/// that legitimately use the role simply fetch fresh credentials. Instances of several open cases can share a role,
/// so the policy holds a statement for each case that revoked (its Sid names the case, its cut-off is the case's)
/// beside any statement of no case (revoke instance role sessions, the IAM console): each owner takes out only its
/// own, and the policy goes with the last.
/// </summary>
public static class InstanceRoleSessions
{
    /// <summary>
    /// The role of the instance's profile; refuses with one sentence when the instance has no profile or its profile no role.
    /// </summary>
    public static async Task<InstanceRole> OfInstanceAsync(AwsSession aws, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await aws.Ec2().DescribeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var profileArn = (string?)instance.Description()?["IamInstanceProfile"]?["Arn"]
            ?? throw new ActionFailedException($"{instanceId} has no instance profile, so it has no role sessions; nothing was changed");
        return await FindAsync(aws.Iam(), profileArn, cancellationToken).ConfigureAwait(false)
            ?? throw new ActionFailedException($"Instance profile {profileArn} of {instanceId} holds no role, so it has no role sessions; nothing was changed");
    }

    /// <summary>The role of the instance profile (its name is the ARN's last segment), or null when the profile holds none.</summary>
    public static async Task<InstanceRole?> FindAsync(IIamClient iam, string instanceProfileArn, CancellationToken cancellationToken)
    {
        var profile = await iam.GetInstanceProfileAsync(instanceProfileArn[(instanceProfileArn.LastIndexOf('/') + 1)..], cancellationToken).ConfigureAwait(false);
        return (profile["Roles"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault() is { } role
            ? new InstanceRole(instanceProfileArn, (string)role["RoleName"]!, (string?)role["Arn"], profile)
            : null;
    }

    /// <summary>The role's revocation policy now in place, or null when it has none.</summary>
    private static async Task<JsonObject?> CurrentAsync(IIamClient iam, string roleName, CancellationToken cancellationToken)
    {
        try
        {
            return await iam.GetRolePolicyAsync(roleName, SessionRevocation.PolicyName, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException none) when (none.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>
    /// Denies every action to the role's sessions issued before now (AWS's clock) for <paramref name="owner"/> (a case
    /// id, or null for a revocation of no case): its statement is written, or moved to now, and every other owner's is
    /// kept as it is. Nothing is written when the owner's cut-off is already at or after <paramref name="unlessSince"/>.
    /// </summary>
    public static Task<RoleRevocation> RevokeAsync(IIamClient iam, InstanceRole role, string? owner, DateTimeOffset? unlessSince, CancellationToken cancellationToken) =>
        OneAtATimeAsync(role.RoleName, async () =>
        {
            var current = await CurrentAsync(iam, role.RoleName, cancellationToken).ConfigureAwait(false);
            var statements = SessionRevocation.Statements(current);
            var others = statements.Where(s => CaseOf(s) != owner).ToList();
            var previous = SessionRevocation.RevokedBefore(statements.Except(others));
            if (current is not null && previous >= unlessSince)
            {
                return new RoleRevocation(current, previous, Written: false, Holders(others));
            }
            var (cutoff, statement) = SessionRevocation.DenyStatement(role.Profile, owner is null ? null : CaseSid + Encode(owner));
            var document = SessionRevocation.Document([.. others, statement]);
            var put = await iam.PutRolePolicyAsync(role.RoleName, SessionRevocation.PolicyName, document.ToJsonString(), cancellationToken).ConfigureAwait(false);
            var revocation = new JsonObject
            {
                ["InstanceProfileArn"] = role.InstanceProfileArn,
                ["RoleName"] = role.RoleName,
                ["RoleArn"] = role.RoleArn,
                ["PolicyName"] = SessionRevocation.PolicyName,
                ["RevokedBefore"] = cutoff,
                ["PolicyDocument"] = document,
                ["ResponseMetadata"] = put.ToJson(),
            };
            return new RoleRevocation(revocation, previous, Written: true, Holders(others));
        });

    /// <summary>
    /// Takes <paramref name="owner"/>'s statements (a case's, or those of no case when null) out of the role's
    /// revocation: the policy is deleted when no other owner's statement is left, and otherwise written again with
    /// theirs alone, so another case's revocation outlives this one. Sessions issued before the removed cut-off that
    /// have not expired, and that no statement left still denies, work again.
    /// </summary>
    public static Task<RoleRelease> ReleaseAsync(IIamClient iam, string roleName, string? owner, CancellationToken cancellationToken) =>
        OneAtATimeAsync(roleName, async () =>
        {
            var current = await CurrentAsync(iam, roleName, cancellationToken).ConfigureAwait(false);
            var statements = SessionRevocation.Statements(current);
            var others = statements.Where(s => CaseOf(s) != owner).ToList();
            if (current is null || others.Count == statements.Count)
            {
                return new RoleRelease(null, null, Holders(others));
            }
            try
            {
                var answer = others.Count == 0
                    ? await iam.DeleteRolePolicyAsync(roleName, SessionRevocation.PolicyName, cancellationToken).ConfigureAwait(false)
                    : await iam.PutRolePolicyAsync(roleName, SessionRevocation.PolicyName, SessionRevocation.Document(others).ToJsonString(), cancellationToken).ConfigureAwait(false);
                current["ResponseMetadata"] = answer.ToJson();
            }
            catch (AmazonServiceException gone) when (gone.ErrorCode == IamErrorCodes.NoSuchEntity && others.Count == 0)
            {
                // Just read, so it is gone: Core retried the delete after a 5xx, or someone removed it meanwhile.
            }
            return new RoleRelease(current, SessionRevocation.RevokedBefore(statements.Except(others)), Holders(others));
        });

    private const string CaseSid = "AwsContainmentCase";

    // Sids are letters and digits only: a case id's other characters, and Z itself, are written Z and two hex digits.
    private static string Encode(string caseId) =>
        string.Concat(caseId.Select(c => char.IsAsciiLetterOrDigit(c) && c != 'Z' ? c.ToString() : $"Z{(int)c:X2}"));

    /// <summary>The case a revocation statement is held for (its Sid names it), or null for a statement of no case.</summary>
    public static string? CaseOf(JsonObject statement)
    {
        if ((string?)statement["Sid"] is not { } sid || !sid.StartsWith(CaseSid, StringComparison.Ordinal))
        {
            return null;
        }
        var caseId = new System.Text.StringBuilder();
        for (var i = CaseSid.Length; i < sid.Length; i++)
        {
            if (sid[i] != 'Z')
            {
                caseId.Append(sid[i]);
            }
            else if (i + 2 < sid.Length && byte.TryParse(sid.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                caseId.Append((char)code);
                i += 2;
            }
            else
            {
                return null;
            }
        }
        return caseId.ToString();
    }

    /// <summary>Who still holds these statements, as a message names them ("case IR-2026-0051"), or null when no one does.</summary>
    private static string? Holders(IReadOnlyList<JsonObject> statements)
    {
        var cases = statements.Select(CaseOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        List<string> holders = cases.Count switch
        {
            0 => [],
            1 => [$"case {cases[0]}"],
            _ => [$"cases {string.Join(", ", cases)}"],
        };
        if (statements.Any(s => CaseOf(s) is null))
        {
            holders.Add("a revocation that belongs to no case (revoke instance role sessions, or the IAM console)");
        }
        return holders.Count == 0 ? null : string.Join(" and ", holders);
    }

    // Sets of one run that share a role change its revocation one after another, or one would drop the other's statement.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    private static async Task<T> OneAtATimeAsync<T>(string roleName, Func<Task<T>> change)
    {
        var writer = Writers.GetOrAdd(roleName, _ => new SemaphoreSlim(1, 1));
        await writer.WaitAsync().ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            writer.Release();
        }
    }
}

/// <summary>
/// A role's revocation after <see cref="InstanceRoleSessions.RevokeAsync"/>: the revocation written (or, when none was
/// needed, the policy as it is), the owner's cut-off before, and who else holds the policy (null: no one).
/// </summary>
public sealed record RoleRevocation(JsonObject Result, DateTimeOffset? Previous, bool Written, string? AlsoHeldFor);

/// <summary>
/// What <see cref="InstanceRoleSessions.ReleaseAsync"/> took away: the policy as it was (null when the owner held no
/// statement in it), the owner's cut-off, and who still holds the policy (null: no one, so it is gone).
/// </summary>
public sealed record RoleRelease(JsonObject? Removed, DateTimeOffset? RevokedBefore, string? StillHeldFor);
