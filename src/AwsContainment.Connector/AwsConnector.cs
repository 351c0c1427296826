using System.Collections.Concurrent;
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
    private readonly Dictionary<string, IAwsAction> _actions;
    private readonly AwsTransport _transport;
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<AwsSession>>> _sessions = new(StringComparer.Ordinal);

    public AwsConnector(AwsTransport transport)
        : this(transport, ActionCatalog.All)
    {
    }

    public AwsConnector(AwsTransport transport, IEnumerable<IAwsAction> actions)
    {
        _transport = transport;
        _actions = actions.ToDictionary(a => a.Identifier, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> ActionIdentifiers => _actions.Keys;

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
        try
        {
            action.CheckLocalFiles(parameters);
            var session = await SessionAsync(asset, cancellationToken).ConfigureAwait(false);
            await action.RunAsync(new ActionContext(session, parameters, result), cancellationToken).ConfigureAwait(false);
        }
        catch (ActionFailedException refusal)
        {
            result.Fail(refusal.Message);
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
            result.Fail(AwsErrors.Describe(error));
        }
        catch (Exception bug)
        {
            // A defect in a handler fails its own parameter set with a readable line, never the whole run.
            result.Fail($"Internal error in '{identifier}' ({bug.GetType().Name}: {bug.Message}); AWS may have applied part of the action");
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            session.Value.Result.Dispose();
        }
    }

    private async Task<AwsSession> SessionAsync(JsonObject asset, CancellationToken cancellationToken)
    {
        var key = asset.ToJsonString();
        Lazy<Task<AwsSession>> Open() => new(() => AwsSession.OpenAsync(AwsAsset.FromJson(asset), _transport, cancellationToken));
        var session = _sessions.GetOrAdd(key, _ => Open());
        if (session.IsValueCreated && session.Value.IsCompletedSuccessfully && session.Value.Result.ExpiresWithin(RenewalMargin, DateTimeOffset.UtcNow))
        {
            // A long-lived host outlives an assumed role's hour: assume it again; sets already running keep theirs.
            var renewed = Open();
            session = _sessions.TryUpdate(key, renewed, session) ? renewed : _sessions.GetOrAdd(key, _ => renewed);
        }
        try
        {
            return await session.Value.ConfigureAwait(false);
        }
        catch
        {
            _sessions.TryRemove(key, out _); // let the next parameter set try again (a throttled AssumeRole, say)
            throw;
        }
    }
}
