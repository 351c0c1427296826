using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector;

/// <summary>
/// One documented action: the class named after its app.json identifier (<c>add_acl</c>: <c>AddAclAction</c>),
/// taking the action's parameter record that ActionCatalog.g.cs generates from app.json (<c>AddAclParameters</c>).
/// A handler calls AWS through the session's service clients and fills the result; validation, sessions, errors
/// and the envelope are done around it.
/// </summary>
public interface IAwsAction<in TParameters>
{
    /// <summary>
    /// Refuses (with <see cref="ActionFailedException"/>) what is wrong with a parameter set that only the host's
    /// own files can tell, such as a journal path that cannot be written safely, or a file <paramref name="files"/>
    /// does not allow. Runs before the asset's session opens, so before any AWS call, a role's AssumeRole included.
    /// </summary>
    void CheckLocalFiles(TParameters parameters, LocalFiles files, ValueRules rules)
    {
    }

    /// <summary>
    /// Where the set acts when the action's own input says so, or null where its region, role_arn and external_id
    /// parameters say: revert containment acts in the region and through the role its journal's containment did.
    /// Runs after <see cref="CheckLocalFiles"/>, before the session opens; refuses with <see cref="ActionFailedException"/>.
    /// </summary>
    CommonParameters? ReachOf(TParameters parameters, LocalFiles files, ValueRules rules) => null;

    Task RunAsync(ActionContext context, TParameters parameters, CancellationToken cancellationToken);
}

/// <summary>
/// What a handler works with besides its parameters: the AWS session of the asset (in the region and role the
/// parameter set names, if any), the contract's value types for values inside a parameter, its result, and a way
/// to act in another account through a role there.
/// </summary>
public sealed class ActionContext(AwsSession aws, ValueRules rules, LocalFiles files, ActionResult result, Func<string, CancellationToken, Task<AwsSession>> assumeRole)
{
    public AwsSession Aws { get; } = aws;

    /// <summary>A session acting through <paramref name="roleArn"/> (assumed by the asset's identity, in this set's region), shared by every set that needs it.</summary>
    public Task<AwsSession> AssumeRoleAsync(string roleArn, CancellationToken cancellationToken) =>
        assumeRole(roleArn, cancellationToken);

    /// <summary>The contract's value types: values found inside a parameter (a journal's ids) meet the same rules as parameters.</summary>
    public ValueRules Rules { get; } = rules;

    /// <summary>Where the files the action writes go: paths as given, or names in the operator's folders (<c>runner serve</c>).</summary>
    public LocalFiles Files { get; } = files;

    public ActionResult Result { get; } = result;
}

/// <summary>
/// An action of <see cref="ActionCatalog"/>: its app.json identifier and its handler, which takes the action's
/// parameters as the record generated from app.json.
/// </summary>
public abstract class CatalogAction
{
    private CatalogAction(string identifier) => Identifier = identifier;

    public string Identifier { get; }

    public static CatalogAction Of<TParameters>(string identifier, IAwsAction<TParameters> handler, Func<ParameterSet, TParameters> read)
        where TParameters : IActionParameters => new Typed<TParameters>(identifier, handler, read);

    /// <summary>
    /// Reads the set into the action's record (refusing JSON that is not JSON), lets the handler check its local
    /// files, then runs it in the context <paramref name="open"/> makes for where the set acts.
    /// </summary>
    internal abstract Task RunAsync(ParameterSet parameters, LocalFiles files, Func<CommonParameters, Task<ActionContext>> open, CancellationToken cancellationToken);

    private sealed class Typed<TParameters>(string identifier, IAwsAction<TParameters> handler, Func<ParameterSet, TParameters> read) : CatalogAction(identifier)
        where TParameters : IActionParameters
    {
        internal override async Task RunAsync(ParameterSet parameters, LocalFiles files, Func<CommonParameters, Task<ActionContext>> open, CancellationToken cancellationToken)
        {
            var typed = read(parameters);
            handler.CheckLocalFiles(typed, files, parameters.Rules);
            var context = await open(handler.ReachOf(typed, files, parameters.Rules) ?? typed.Common).ConfigureAwait(false);
            await handler.RunAsync(context, typed, cancellationToken).ConfigureAwait(false);
        }
    }
}
