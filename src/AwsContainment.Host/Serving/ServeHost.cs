using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;
using AwsContainment.Host.Results;

namespace AwsContainment.Host.Serving;

/// <summary>
/// How <c>runner serve</c> runs: requests in flight at once, the options of each request's run, and whether the
/// operator lends the host's own AWS credentials to requests whose asset carries no keys.
/// </summary>
public sealed record ServeOptions(int MaxRequests, RunOptions Run, bool AllowHostCredentials = false);

/// <summary>
/// The long-lived host behind <c>runner serve</c>: reads one JSON request per line
/// (<c>{"id", "action", "parameters", "asset"}</c>), runs requests concurrently through one runner (so the
/// connector's AWS sessions and clients are made once per asset and reused), and writes one result envelope per
/// line carrying the request's <c>id</c>, in the order requests finish. A bad line gets an error line; nothing a
/// request holds can stop the host.
/// </summary>
public sealed class ServeHost(ActionRunner runner, JsonObject? defaultAsset, ServeOptions options, TextWriter output)
{
    /// <summary>The largest request, a stdin line or an HTTP body: an action, its parameter sets and an asset.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The most JSON values (objects, lists, strings, numbers…) a request may hold, counted before the request is
    /// built in memory: a 4 MiB request of empty objects would otherwise become 1.4 million of them.
    /// </summary>
    public const int MaxRequestValues = 100_000;

    /// <summary>Stands for a line over the limit, which is read to its end but never kept.</summary>
    private static readonly string TooLong = new('\n', 1);

    private readonly Lock _writing = new();

    /// <summary>Serves until <paramref name="input"/> ends or <paramref name="cancellationToken"/> fires; every request read gets its line.</summary>
    public async Task RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, options.MaxRequests));
        var running = new List<Task>();
        var lineNumber = 0;
        while (await ReadLineAsync(input, cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (ReferenceEquals(line, TooLong))
            {
                Write(ResultEnvelope.Print(Error(2, $"line {lineNumber} holds more than the {MaxRequestBytes / (1024 * 1024)} MiB a request may hold; it was skipped unread"), indented: false));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var source = $"line {lineNumber}";
            // Read into a request at once: a running request keeps its parsed form, never its text (up to 8 MB).
            var request = Read(line, source);
            line = null;
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await AnswerAsync(request, source, cancelled: true, CancellationToken.None).ConfigureAwait(false);
                break;
            }
            running.RemoveAll(task => task.IsCompleted);
            // The request starts on the thread that read its line, up to its first AWS call; the next line is read
            // after that. Handing it to another thread first cost a thread's wake-up (about 50 µs) before its first byte left.
            running.Add(AnswerInSlotAsync(request, source, slots, cancellationToken)); // every request read is answered, cancelled or not
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task AnswerInSlotAsync(ReadRequest request, string source, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await AnswerAsync(request, source, cancelled: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    // A console read cannot be interrupted, so it waits on its own thread and Ctrl-C stops the waiting instead.
    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => ReadBoundedLine(input), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    // A line that never ends (stdin from /dev/zero) must not fill the memory: past the limit it is only skipped.
    private static string? ReadBoundedLine(TextReader input)
    {
        var line = new StringBuilder();
        var tooLong = false;
        int next;
        while ((next = input.Read()) >= 0 && next != '\n')
        {
            tooLong |= line.Length >= MaxRequestBytes;
            if (!tooLong)
            {
                line.Append((char)next);
            }
        }
        return tooLong ? TooLong
            : next < 0 && line.Length == 0 ? null
            : line.ToString().TrimEnd('\r');
    }

    private async Task AnswerAsync(ReadRequest request, string source, bool cancelled, CancellationToken cancellationToken)
    {
        var reply = await ReplyAsync(request, source, cancelled, progress => Write(ResultEnvelope.Print(progress, indented: false)), cancellationToken).ConfigureAwait(false);
        Write(ResultEnvelope.Print(reply, indented: false));
    }

    /// <summary>
    /// The answer to one request: its result envelope with <c>id</c> and <c>exit_code</c>, or an error naming
    /// <paramref name="source"/> (<c>line 3</c>) when the request cannot run. Never throws. The text is read into
    /// a request before this returns, and not kept while the request runs.
    /// </summary>
    public Task<JsonObject> ReplyAsync(string requestText, string source, CancellationToken cancellationToken) =>
        ReplyAsync(Read(requestText, source), source, cancelled: false, progress: null, cancellationToken);

    /// <summary>The same for a request as UTF-8 bytes (an HTTP body), which may be reused once this returns.</summary>
    public Task<JsonObject> ReplyAsync(ReadOnlyMemory<byte> requestUtf8, string source, CancellationToken cancellationToken) =>
        ReplyAsync(Read(() => StrictJson.Parse(requestUtf8, source, MaxRequestValues), source), source, cancelled: false, progress: null, cancellationToken);

    /// <summary>A request as read from its text, or the answer refusing it; its id is echoed either way.</summary>
    private sealed record ReadRequest(JsonNode? Id, ServeRequest? Request, JsonObject? Refusal);

    private static ReadRequest Read(string requestText, string source) =>
        Read(() => StrictJson.Parse(requestText, source, MaxRequestValues), source);

    private static ReadRequest Read(Func<JsonNode?> parse, string source)
    {
        JsonNode? id = null;
        try
        {
            var node = parse();
            id = (node as JsonObject)?["id"] as JsonValue; // echoed even when the rest of the request is refused
            return new ReadRequest(id, ServeRequest.FromJson(node, source), null);
        }
        catch (Exception refused)
        {
            return new ReadRequest(id, null, Refusal(refused, source));
        }
    }

    /// <summary>A request that asks for <c>"progress"</c> has its progress lines given to <paramref name="progress"/> (stdin only: HTTP has one answer).</summary>
    private async Task<JsonObject> ReplyAsync(ReadRequest read, string source, bool cancelled, Action<JsonObject>? progress, CancellationToken cancellationToken)
    {
        JsonObject reply;
        try
        {
            if (cancelled && read.Refusal is null)
            {
                throw new UsageException("the host was interrupted before this request started; nothing was sent to AWS");
            }
            reply = read.Refusal ?? await RunAsync(read.Request!, read.Request!.Progress ? progress : null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception refused)
        {
            reply = Refusal(refused, source);
        }
        reply.Insert(0, "id", read.Id?.DeepClone());
        return reply;
    }

    private static JsonObject Refusal(Exception refused, string source) => refused switch
    {
        InvalidDataException invalid => Error(2, invalid.Message),
        UsageException usage => Error(2, $"{source}: {usage.Message}"),
        _ => Error(1, $"{source}: internal error ({refused.GetType().Name}: {refused.Message})"),
    };

    private async Task<JsonObject> RunAsync(ServeRequest request, Action<JsonObject>? progress, CancellationToken cancellationToken)
    {
        var name = request.Action ?? throw new UsageException("no action given: add \"action\": NAME (runner actions lists them)");
        var action = runner.Contract.Find(name) ?? throw new UsageException(runner.Contract.NoSuchAction(name));
        var sets = request.Parameters is null ? [new JsonObject()] : ActionRunner.ParameterSets(request.Parameters, "\"parameters\"");
        // The default asset was admitted when the host started; only a request's own asset is checked here.
        var asset = request.Asset is { } own ? AdmitAsset(runner, own, options)
            : defaultAsset ?? throw new UsageException("no asset: add \"asset\": {\"region\": ...} or start serve with --asset FILE");
        var outcome = await runner.RunAsync(action, sets, asset, progress is null ? options.Run : Reporting(options.Run, request.Id, sets.Count, progress), cancellationToken).ConfigureAwait(false);
        outcome.Envelope.Insert(0, "exit_code", outcome.ExitCode);
        return outcome.Envelope;
    }

    /// <summary>
    /// The run's options with a progress line (<c>{"id", "progress": {total, isolated, contained, failed}}</c>) given to
    /// <paramref name="write"/> whenever a set is isolated or ends, so a SOAR shows an outbreak's progress as it runs.
    /// </summary>
    private static RunOptions Reporting(RunOptions run, JsonNode id, int total, Action<JsonObject> write)
    {
        var counts = new int[3];
        var gate = new Lock();
        void Count(int which)
        {
            JsonObject line;
            lock (gate)
            {
                counts[which]++;
                line = new JsonObject
                {
                    ["id"] = id.DeepClone(),
                    ["progress"] = new JsonObject { ["total"] = total, ["isolated"] = counts[0], ["contained"] = counts[1], ["failed"] = counts[2] },
                };
            }
            write(line);
        }
        return run with { SetIsolated = () => Count(0), SetFinished = succeeded => Count(succeeded ? 1 : 2) };
    }

    /// <summary>
    /// The asset validated, refused when it would sign with the host's own credentials and the operator did not
    /// allow that: whoever can reach the host must not borrow its identity.
    /// </summary>
    public static JsonObject AdmitAsset(ActionRunner runner, JsonNode asset, ServeOptions options)
    {
        var valid = runner.ValidateAsset(asset);
        if (!options.AllowHostCredentials && runner.UsesHostCredentials(valid))
        {
            throw new UsageException("the asset has no aws_access_key_id and aws_secret_access_key, and this host lends its own AWS credentials only when started with --allow-ambient-credentials; nothing was sent to AWS");
        }
        return valid;
    }

    internal static JsonObject Error(int exitCode, string message) => new()
    {
        ["exit_code"] = exitCode,
        ["status"] = "failed",
        ["message"] = message,
    };

    // One whole line at a time, flushed at once: a SOAR reading the pipe sees each answer as soon as it exists.
    private void Write(string line)
    {
        lock (_writing)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}

/// <summary>One request to <c>runner serve</c> (a stdin line or an HTTP body), read strictly: unknown fields are refused.</summary>
public sealed record ServeRequest(JsonNode Id, string? Action, JsonNode? Parameters, JsonObject? Asset, bool Progress = false)
{
    private static readonly string[] Fields = ["id", "action", "parameters", "asset", "progress"];

    /// <summary>The request in <paramref name="node"/>; a refusal names <paramref name="source"/> and the field.</summary>
    public static ServeRequest FromJson(JsonNode? node, string source)
    {
        var request = node as JsonObject ?? throw new InvalidDataException($"{source}: a request must be a JSON object {{\"id\", \"action\", \"parameters\", \"asset\"}}, got {StrictJson.KindOf(node)}");
        StrictJson.RefuseUnknownKeys(request, source, Fields);
        // The id is what the caller matches the answer to: a string or a number, never missing.
        var id = request["id"] is JsonValue scalar && scalar.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? scalar
            : throw new InvalidDataException($"{source}: \"id\" must be a string or a number the answer carries back, got {(request.ContainsKey("id") ? StrictJson.KindOf(request["id"]) : "none")}");
        var action = StrictJson.OptionalString(request, "action", source, "the action's name");
        var asset = StrictJson.OptionalObject(request, "asset", source, "the asset configuration");
        var progress = request["progress"] switch
        {
            null => false,
            JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => flag.GetValue<bool>(),
            var other => throw new InvalidDataException($"{source}: \"progress\" must be true or false (progress lines before the answer), got {StrictJson.KindOf(other)}"),
        };
        return new ServeRequest(id, action, request["parameters"], asset, progress);
    }
}
