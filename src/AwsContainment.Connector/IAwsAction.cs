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

/// <summary>What a handler works with: the AWS session of the asset, its parameters and its result.</summary>
public sealed class ActionContext(AwsSession aws, ParameterSet parameters, ActionResult result)
{
    public AwsSession Aws { get; } = aws;

    public ParameterSet Parameters { get; } = parameters;

    public ActionResult Result { get; } = result;
}
