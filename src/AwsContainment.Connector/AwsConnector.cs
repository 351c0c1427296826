using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Connector.Soar;

namespace AwsContainment.Connector;

/// <summary>
/// Dispatches actions to their handlers with an AWS session per asset, and turns every failure (AWS's error,
/// a handler's own refusal, an unusable asset) into a failed result with one clear sentence.
/// </summary>
public sealed class AwsConnector : IConnector, IDisposable
{
    private readonly Dictionary<string, CatalogAction> _actions;
    private readonly AwsTransport _transport;
    private readonly RateGovernor _governor;
    private readonly LocalFiles _files;
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    /// <summary>How many sessions (asset, region, role) a connector keeps: each holds its clients, about 18 KB.</summary>
    public const int MaxSessions = 256;

    private readonly SessionCache<AwsSession> _sessions = new(MaxSessions, (session, now) => session.ExpiresWithin(TimeSpan.Zero, now));

    /// <param name="files">Where actions write files: paths as given (the one-shot runner), or confined (<c>runner serve</c>).</param>
    public AwsConnector(AwsTransport transport, LocalFiles? files = null)
        : this(transport, ActionCatalog.All, files: files)
    {
    }

    /// <summary>A connector whose calls <paramref name="governor"/> paces, with every action.</summary>
    public AwsConnector(AwsTransport transport, RateGovernor governor)
        : this(transport, ActionCatalog.All, governor)
    {
    }

    public AwsConnector(AwsTransport transport, IEnumerable<CatalogAction> actions, RateGovernor? governor = null, LocalFiles? files = null)
    {
        _transport = transport;
        _files = files ?? LocalFiles.AsGiven;
        _actions = actions.ToDictionary(a => a.Identifier, StringComparer.Ordinal);
        _governor = governor ?? (transport.Replay is null ? new RateGovernor() : new RateGovernor(RateGovernor.DefaultTable, new ReplayClock()));
    }

    public IReadOnlyCollection<string> ActionIdentifiers => _actions.Keys;

    /// <summary>How many sessions the connector keeps now (at most <see cref="MaxSessions"/>).</summary>
    internal int SessionCount => _sessions.Count;

    public IEnumerable<string> AssetProblems(JsonObject asset) =>
        asset["endpoint_url"] is JsonValue endpoint && AwsAsset.EndpointRefusal(endpoint.ToString()) is { } refusal
            ? [$"asset field 'endpoint_url': \"{endpoint}\" {refusal}"]
            : [];

    // A replay signs with a stand-in key and never consults the credential chain.
    public bool UsesHostCredentials(JsonObject asset) => !AwsAsset.FromJson(asset).HasKeys && _transport.Replay is null;

    public async Task RunAsync(string identifier, JsonObject asset, ParameterSet parameters, ActionResult result, CancellationToken cancellationToken)
    {
        if (!_actions.TryGetValue(identifier, out var action))
        {
            result.Fail($"This connector has no handler for '{identifier}'");
            return;
        }
        var ignoredDryRuns = IgnoredDryRuns.Watch();
        AwsSession? session = null;
        try
        {
            await action.RunAsync(parameters, _files, async common =>
            {
                var reach = Reach.Of(common, asset);
                session = await SessionAsync(asset, reach, cancellationToken).ConfigureAwait(false);
                var crossAccountExternalId = session.Asset.CrossAccountExternalId;
                return new ActionContext(session, parameters.Rules, _files, result, (roleArn, token) => SessionAsync(asset, reach with { RoleArn = roleArn, ExternalId = crossAccountExternalId }, token));
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ActionFailedException refusal)
        {
            result.Fail(refusal.Message + WhereLooked(session, refusal.Code));
        }
        catch (ActionConfigurationException misconfigured)
        {
            result.Fail($"The asset configuration cannot be used: {misconfigured.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result.Fail("Cancelled before the action finished; AWS may have applied part of it");
        }
        catch (Exception local) when (AwsErrors.IsLocalFileError(local))
        {
            result.Fail($"A local file could not be used: {local.Message.TrimEnd('.')}; AWS may have applied part of the action");
        }
        catch (Exception error) when (AwsErrors.IsAwsFailure(error) || error is OperationCanceledException)
        {
            result.Fail(AwsErrors.Describe(error) + WhereLooked(session, AwsErrors.Code(error)));
        }
        catch (Exception bug)
        {
            // A defect in a handler fails its own parameter set with a readable line, never the whole run.
            result.Fail($"Internal error in '{identifier}' ({bug.GetType().Name}: {bug.Message}); AWS may have applied part of the action");
        }
        if (ignoredDryRuns.Calls is { Count: > 0 } applied)
        {
            result.Summary["dry_run_applied"] = applied.Count;
            result.Reword(message => $"WARNING: AWS applied {Wording.Count(applied.Count, "change")} although asked for a dry run ({string.Join(", ", applied)}): the endpoint ignores DryRun, so they were made. {message}");
        }
    }

    /// <summary>
    /// Where a thing that was not found was looked for: a wrong region or account is the usual reason at 3 a.m. IAM
    /// is one per account, so its names were looked for in the account only.
    /// </summary>
    private static string WhereLooked(AwsSession? session, string? code)
    {
        if (session is null || !AwsErrors.IsNotFound(code))
        {
            return "";
        }
        var asset = session.Asset;
        var account = asset.RoleAccount is { Length: > 0 } id ? $"account {id} (through {asset.RoleArn})" : "the account of the asset's credentials";
        return code == "NoSuchEntity" ? $"; looked in {account}" : $"; looked in region {asset.Region} of {account}";
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Opened)
        {
            session.Dispose();
        }
    }

    /// <summary>
    /// The session of one (asset, region, role): opened once and shared by every parameter set that reaches there,
    /// a role assumed by the asset's own identity (the asset's session in that region).
    /// </summary>
    private async Task<AwsSession> SessionAsync(JsonObject asset, Reach reach, CancellationToken cancellationToken)
    {
        var key = $"{asset.ToJsonString()}\n{reach.Region}\n{reach.RoleArn}\n{reach.ExternalId}";
        Lazy<Task<AwsSession>> Open() => new(() => reach.RoleArn is null
            ? AwsSession.OpenAsync(AwsAsset.FromJson(asset).In(reach.Region), _transport, _governor, cancellationToken)
            : AssumeAsync(asset, reach, cancellationToken));
        var session = _sessions.GetOrAdd(key, Open);
        if (session.IsValueCreated && session.Value.IsCompletedSuccessfully && session.Value.Result.ExpiresWithin(RenewalMargin, DateTimeOffset.UtcNow))
        {
            // A long-lived host outlives an assumed role's hour: assume it again; sets already running keep theirs.
            session = _sessions.Replace(key, session, Open());
        }
        try
        {
            return await session.Value.ConfigureAwait(false);
        }
        catch
        {
            _sessions.Remove(key, session); // let the next parameter set try again (a throttled AssumeRole, say)
            throw;
        }
    }

    private async Task<AwsSession> AssumeAsync(JsonObject asset, Reach reach, CancellationToken cancellationToken)
    {
        var own = await SessionAsync(asset, reach with { RoleArn = null, ExternalId = null }, cancellationToken).ConfigureAwait(false);
        return await own.AssumeRoleAsync(reach.RoleArn!, reach.ExternalId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where one parameter set acts: the asset's region and identity, unless the set names another region or a role to assume.</summary>
    private sealed record Reach(string? Region, string? RoleArn, string? ExternalId)
    {
        public static Reach Of(CommonParameters parameters, JsonObject asset)
        {
            // The asset's own region named again is the asset's session, not a second one.
            var region = parameters.Region is { } named && named != (string?)asset["region"] ? named : null;
            var reach = new Reach(region, parameters.RoleArn, parameters.ExternalId);
            return reach is { RoleArn: null, ExternalId: not null }
                ? throw ActionFailedException.InvalidParameters("parameter 'external_id' is only used with role_arn, which this set does not give")
                : reach;
        }
    }
}
