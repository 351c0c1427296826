using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Containment;
using AwsContainment.Connector.Soar;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Results;

namespace AwsContainment.Host;

/// <summary>
/// How a run treats its parameter sets: how many at once, how long each may take, and whom to tell when each one
/// has finished (with whether it succeeded) and when one's first containing step is done.
/// </summary>
public sealed record RunOptions(int MaxParallel = 8, TimeSpan? PerSetTimeout = null, Action<bool>? SetFinished = null, Action? SetIsolated = null);

/// <summary>
/// Runs one action over its parameter sets: checks the asset and each set against the contract (a bad set fails
/// alone, before any AWS call), runs the valid ones through the connector in parallel (sets acting on the same
/// resource one after the other: <see cref="ResourceLanes"/>), and returns the envelope with results in input order,
/// complete even when cancelled.
/// </summary>
public sealed class ActionRunner(AppContract contract, IConnector connector)
{
    /// <summary>
    /// How long a change a parameter set has in progress when it is told to stop (its <c>--timeout</c>, Ctrl-C,
    /// SIGTERM) may still take to finish, and as long again to be undone should it fail: a stop must not leave a
    /// change half-made, nor hold the envelope back for long. The connector's steps keep to it
    /// (<see cref="Grace"/>, the one value); the host waits that long for them, and a moment more for the set to say
    /// how it ended, before it reports the set without them.
    /// </summary>
    public static readonly TimeSpan GracePeriod = Grace.Period;

    private static readonly TimeSpan StopWait = 2 * GracePeriod + TimeSpan.FromSeconds(1);

    /// <summary>Shorter values are placeholders (LocalStack's <c>test</c>), not secrets AWS issues; hiding them would garble messages.</summary>
    private const int ShortestSecret = 8;

    private readonly ParameterValidator _validator = new(contract);
    private readonly ResourceLanes _lanes = new(contract);
    private readonly ValueRules _rules = new(
        type => contract.ContainsTypes.GetValueOrDefault(type)?.Description,
        (type, value) => ParameterValidator.IsValid(contract.ContainsTypes[type], value));

    public AppContract Contract => contract;

    /// <summary>The asset with its values typed and defaults filled; a bad asset is a usage error.</summary>
    public JsonObject ValidateAsset(JsonNode? asset)
    {
        var (values, checkedProblems) = _validator.Validate(asset, contract.Configuration, "asset field");
        var problems = checkedProblems.Count > 0 ? checkedProblems : connector.AssetProblems(values).ToList();
        if (problems.Count > 0)
        {
            throw new UsageException(Redact("invalid asset configuration: " + string.Join("; ", problems), Secrets(asset as JsonObject)));
        }
        return values;
    }

    /// <summary>Whether runs with this (validated) asset would be signed with the host's own credentials.</summary>
    public bool UsesHostCredentials(JsonObject asset) => connector.UsesHostCredentials(asset);

    /// <summary>
    /// The most parameter sets one run takes: each keeps its result, data included, until the envelope is printed,
    /// so a request of a million empty sets would hold the host's memory. Far above any real batch.
    /// </summary>
    public const int MaxParameterSets = 1000;

    /// <summary>
    /// The most result data (JSON characters) one envelope carries: past it, a set's data is left out and its
    /// message says so, so an endpoint answering every set with megabytes cannot grow an envelope without end.
    /// </summary>
    public const int MaxEnvelopeData = 16 * 1024 * 1024;

    /// <summary>
    /// The parameter sets a request or a parameters file holds: one object or a list of at most
    /// <see cref="MaxParameterSets"/> objects. Anything else is a usage error naming <paramref name="source"/>.
    /// </summary>
    public static List<JsonNode?> ParameterSets(JsonNode? given, string source) => given switch
    {
        JsonObject one => [one.DeepClone()],
        JsonArray { Count: > MaxParameterSets } list => throw new UsageException($"{source} holds {list.Count} parameter sets; a run takes at most {MaxParameterSets} (split it)"),
        JsonArray list => list.Select<JsonNode?, JsonNode?>((set, index) => set is JsonObject one
            ? one.DeepClone()
            : throw new UsageException($"{source}: parameter set {index + 1} must be a JSON object, got {StrictJson.KindOf(set)}")).ToList(),
        _ => throw new UsageException($"{source} must hold a JSON object or a list of objects (parameter sets), got {StrictJson.KindOf(given)}"),
    };

    public async Task<RunOutcome> RunAsync(ActionSpec action, IReadOnlyList<JsonNode?> parameterSets, JsonObject asset, RunOptions options, CancellationToken cancellationToken)
    {
        if (!connector.ActionIdentifiers.Contains(action.Identifier))
        {
            throw new UsageException($"action '{action.Name}' is in app.json but this build has no handler for it");
        }
        var results = new ActionResult[parameterSets.Count];
        var lanes = _lanes.Of(action, parameterSets);
        var dataLeft = (long)MaxEnvelopeData;
        // A set holds one of MaxParallel places until it ends or its first containing step is done: then the next
        // set starts while its evidence steps follow, so in an outbreak isolation reaches every instance early (the
        // rate governor gives its calls the tokens first). Every set gets a result, even once the run is cancelled
        // (it then says it did not start), so waiting for a place is never cancelled.
        using var places = new SemaphoreSlim(Math.Max(1, options.MaxParallel));
        await Task.WhenAll(lanes.Select(async lane =>
        {
            foreach (var index in lane)
            {
                await places.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                var held = 1;
                void Leave()
                {
                    if (Interlocked.Exchange(ref held, 0) == 1)
                    {
                        places.Release();
                    }
                }
                var result = await RunOneAsync(action, parameterSets[index], asset, options, () =>
                {
                    Leave();
                    options.SetIsolated?.Invoke();
                }, cancellationToken).ConfigureAwait(false);
                Leave();
                if (result.Data.Count > 0 && Interlocked.Add(ref dataLeft, -result.Data.ToJsonString().Length) < 0)
                {
                    result.Data.Clear();
                    result.Reword(message => $"{message} (its data is left out: this run's results passed the {MaxEnvelopeData / (1024 * 1024)} MiB an envelope carries)");
                }
                results[index] = result;
                options.SetFinished?.Invoke(result.Succeeded);
            }
        })).ConfigureAwait(false);
        var envelope = Redacted(ResultEnvelope.Build(action, results), Secrets(asset)) as JsonObject ?? [];
        return new RunOutcome(envelope, results.All(r => r.Succeeded) && results.Length > 0 ? 0 : 1);
    }

    /// <summary>
    /// The values no surface may show (envelope, table, recording, usage error): every value of a secret-typed
    /// (<c>password</c>) asset field long enough to be one (see <see cref="ShortestSecret"/>).
    /// </summary>
    public IReadOnlyList<string> Secrets(JsonObject? asset) =>
        contract.Configuration.Where(f => f.DataType == "password")
            .Select(f => asset?[f.Name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>().Trim() : "")
            .Where(secret => secret.Length >= ShortestSecret).ToList();

    /// <summary>
    /// The one place output loses the asset's secrets: a secret, wherever it appears (a message, a parameter's
    /// value or name such as a secret key given as <c>--param</c>, data), becomes <c>[secret]</c>.
    /// </summary>
    private static string Redact(string text, IReadOnlyList<string> secrets) =>
        secrets.Aggregate(text, (hidden, secret) => hidden.Replace(secret, "[secret]", StringComparison.Ordinal));

    // Every name and string of the tree; each node is detached from its parent as it moves into the copy.
    private static JsonNode? Redacted(JsonNode? node, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0)
        {
            return node;
        }
        switch (node)
        {
            case JsonObject fields:
                var copy = new JsonObject();
                foreach (var (name, value) in fields.ToList())
                {
                    fields.Remove(name);
                    copy[Redact(name, secrets)] = Redacted(value, secrets);
                }
                return copy;
            case JsonArray items:
                var list = items.ToList();
                items.Clear();
                return new JsonArray(list.Select(item => Redacted(item, secrets)).ToArray());
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = value.GetValue<string>();
                var hidden = Redact(text, secrets);
                return hidden == text ? value : JsonValue.Create(hidden);
            default:
                return node;
        }
    }

    private async Task<ActionResult> RunOneAsync(ActionSpec action, JsonNode? given, JsonObject asset, RunOptions options, Action isolated, CancellationToken cancellationToken)
    {
        var (values, problems) = _validator.Validate(given, action.Parameters);
        if (problems.Count > 0)
        {
            var echo = given as JsonObject is { } raw ? (JsonObject)raw.DeepClone() : [];
            var rejected = new ActionResult(echo);
            rejected.Fail("Invalid parameters, nothing was sent to AWS: " + string.Join("; ", problems));
            return rejected;
        }
        var result = new ActionResult((JsonObject)values.DeepClone()) { Isolated = isolated };
        if (cancellationToken.IsCancellationRequested)
        {
            result.Fail("Cancelled before it started; nothing was sent to AWS");
            return result;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.PerSetTimeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }
        var run = connector.RunAsync(action.Identifier, asset, new ParameterSet(values, _rules), result, deadline.Token);
        if (!await EndsAfterStopAsync(run, deadline.Token).ConfigureAwait(false))
        {
            // The connector may still write to its result: the envelope gets one of its own.
            result = new ActionResult((JsonObject)values.DeepClone());
            result.Fail($"Cancelled, and the change in progress had not ended {StopWait.TotalSeconds:0} s later; AWS may have applied part of the action");
        }
        if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !result.Succeeded)
        {
            // The seconds as given (0.08, not a rounded 0.1): the responder compares them with what they typed.
            result.Fail($"Timed out after {options.PerSetTimeout!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s; AWS may have applied part of the action");
        }
        return result;
    }

    /// <summary>Whether <paramref name="run"/> ended: before its stop, or within the grace it then has.</summary>
    private static async Task<bool> EndsAfterStopAsync(Task run, CancellationToken stop)
    {
        try
        {
            await run.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            try
            {
                await run.WaitAsync(StopWait, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>The envelope of a run and the exit code it earns (0 all succeeded, 1 any failed).</summary>
public sealed record RunOutcome(JsonObject Envelope, int ExitCode);
