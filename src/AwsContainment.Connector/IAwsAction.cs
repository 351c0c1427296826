using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector;

/// <summary>
/// One documented action. A handler reads its validated parameters, calls AWS through the session's service
/// clients and fills the result; validation, sessions, errors and the envelope are done around it.
/// </summary>
public interface IAwsAction
{
    /// <summary>The action's app.json identifier: the one place a handler names what it serves.</summary>
    string Identifier { get; }

    /// <summary>
    /// Refuses (with <see cref="ActionFailedException"/>) what is wrong with a parameter set that only the host's
    /// own files can tell, such as a journal path that cannot be written safely. Runs before the asset's session
    /// opens, so before any AWS call, a role's AssumeRole included.
    /// </summary>
    void CheckLocalFiles(ParameterSet parameters)
    {
    }

    Task RunAsync(ActionContext context, CancellationToken cancellationToken);
}

/// <summary>
/// What a handler works with: the AWS session of the asset (in the region and role the parameter set names, if
/// any), its parameters and its result, and a way to act in another account through a role there.
/// </summary>
public sealed class ActionContext(AwsSession aws, ParameterSet parameters, ActionResult result, Func<string, CancellationToken, Task<AwsSession>> assumeRole)
{
    public AwsSession Aws { get; } = aws;

    /// <summary>A session acting through <paramref name="roleArn"/> (assumed by the asset's identity, in this set's region), shared by every set that needs it.</summary>
    public Task<AwsSession> AssumeRoleAsync(string roleArn, CancellationToken cancellationToken) =>
        assumeRole(roleArn, cancellationToken);

    public ParameterSet Parameters { get; } = parameters;

    public ActionResult Result { get; } = result;
}
