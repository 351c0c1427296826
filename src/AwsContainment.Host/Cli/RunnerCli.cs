using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Connector.Soar;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Results;

namespace AwsContainment.Host.Cli;

/// <summary>
/// The <c>runner</c> command line. stdout carries only the result JSON; every diagnostic
/// goes to stderr. Exit 0 when every parameter set succeeded, 1 when any failed, 2 for a usage error.
/// <paramref name="stderrIsTerminal"/>: stderr is a terminal someone watches, so a run shows its progress there.
/// </summary>
public sealed class RunnerCli(TextWriter stdout, TextWriter stderr, TextReader stdin, bool stderrIsTerminal = false)
{
    public const int Usage = 2;

    private readonly Option<string?> _action = new("--action", "-a") { Description = "The action to run, by name (\"add tag\") or identifier (add_tag)" };
    private readonly Option<string?> _params = new("--params", "-p") { Description = "JSON file with one parameter object or a list of them; - reads stdin" };
    private readonly Option<string[]> _param = new("--param") { Description = "One parameter as key=value; repeatable; applies to every parameter set", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> _asset = new("--asset") { Description = "Asset configuration JSON file (region, credentials, forensics_machine, endpoint_url)" };
    private readonly Option<string?> _replay = new("--replay") { Description = "Answer AWS calls from this recording instead of the network; alone, runs the recorded scenario" };
    private readonly Option<string?> _record = new("--record") { Description = "Write this run's AWS exchanges to FILE as a recording (secrets removed)" };
    private readonly Option<int> _maxParallel = new Option<int>("--max-parallel") { Description = "How many parameter sets run at once (1 to 256)", DefaultValueFactory = _ => 8 }.Between(1, 256);
    private readonly Option<double?> _timeout = new Option<double?>("--timeout") { Description = "Seconds each parameter set may take before it is failed" }.Seconds();
    private readonly Option<double?> _callTimeout = OptionRules.CallTimeout();
    private readonly Option<bool> _compact = new("--compact") { Description = "Print the result envelope on one line" };
    private readonly Option<string> _output = new Option<string>("--output", "-o") { Description = "json: the result envelope (default); table: a summary for reading in a terminal", DefaultValueFactory = _ => "json" }.AcceptOnlyFromAmong("json", "table");
    private readonly Argument<string?> _testFile = new Argument<string?>("test-file") { Description = "A Splunk SOAR test file: {action, identifier, config, parameters: [...]}", Arity = ArgumentArity.ZeroOrOne }.NotAnOption(UnknownOption);

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var root = BuildCommands(cancellationToken, out var exitCode);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                await stderr.WriteLineAsync($"runner: {string.Join("; ", parsed.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))} (see runner --help)").ConfigureAwait(false);
                return Usage;
            }
            // The parser's own signal handling stays off: on Ctrl-C or SIGTERM it ends the run with 130 or 143 and no
            // envelope. The caller's token carries the signal instead (Program.cs).
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            var code = await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            return exitCode.Value ?? code;
        }
        catch (UsageException usage)
        {
            await stderr.WriteLineAsync($"runner: {usage.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (Exception bug)
        {
            // A defect still ends in one line and exit 1: never a stack trace, never another exit code.
            await stderr.WriteLineAsync($"runner: internal error ({bug.GetType().Name}: {bug.Message.ReplaceLineEndings(" ")})").ConfigureAwait(false);
            return 1;
        }
    }

    private RootCommand BuildCommands(CancellationToken cancellationToken, out StrongBox<int?> exitCode)
    {
        var box = new StrongBox<int?>();
        exitCode = box;
        var root = new RootCommand("Contain a compromised AWS workload and exposed IAM credentials: runs one connector action and prints its action_result JSON.")
        {
            _action, _params, _param, _asset, _replay, _record, _maxParallel, _timeout, _callTimeout, _compact, _output, _testFile,
        };
        root.SetAction(async (parsed, _) => box.Value = await RunActionAsync(parsed, cancellationToken).ConfigureAwait(false));

        var actions = new Command("actions", "List every action with its parameters, types, required flags and defaults (from app.json)");
        actions.SetAction(_ => { ListActions(AppContract.LoadDefault()); return 0; });
        root.Subcommands.Add(actions);
        var reference = new Argument<FileInfo?>("file") { Description = "a Markdown file whose generated part (docs/actions.md's) is written anew; without it, the reference is printed", Arity = ArgumentArity.ZeroOrOne };
        var docs = new Command("docs", "Write the action reference (parameters, output data paths, permissions) from app.json") { reference };
        docs.SetAction(parsed => { WriteReference(AppContract.LoadDefault(), parsed.GetValue(reference)); return 0; });
        root.Subcommands.Add(docs);
        var serving = new ServingCommands(stdout, stderr, stdin);
        root.Subcommands.Add(serving.Serve(cancellationToken));
        root.Subcommands.Add(serving.ReplayServer(cancellationToken));
        return root;
    }

    private async Task<int> RunActionAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var contract = AppContract.LoadDefault();
        var replayPath = parsed.GetValue(_replay);
        var recording = replayPath is null ? null : AsUsage(() => Recording.Load(replayPath));
        var testFile = parsed.GetValue(_testFile) is { } testPath ? AsUsage(() => SoarTestFile.FromJson(StrictJson.Parse(InputFiles.Read(testPath), testPath), testPath)) : null;

        var actionName = parsed.GetValue(_action) ?? testFile?.Action ?? testFile?.Identifier ?? recording?.Action
            ?? throw new UsageException("no action given: use --action NAME (runner actions lists them)");
        var action = contract.Find(actionName) ?? contract.Find(testFile?.Identifier ?? "")
            ?? throw new UsageException(contract.NoSuchAction(Shown(actionName)));

        var parameterSets = ParameterSets(parsed, testFile, recording);
        var assetNode = parsed.GetValue(_asset) is { } assetPath ? ReadJsonObject(assetPath)
            : testFile?.Config ?? recording?.Asset
            ?? throw new UsageException("no asset given: use --asset FILE (a JSON object with at least region)");

        var recordPath = parsed.GetValue(_record);
        if (recordPath is not null && SafeFiles.RefusalToWrite(recordPath) is { } refusal)
        {
            throw new UsageException($"--record {recordPath} {refusal}; nothing was sent to AWS");
        }
        // A recording can interrupt its own replay (as a signal would) while a chosen call is in flight.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var transport = recording is not null ? AwsTransport.FromReplay(new ReplayBook(recording.Exchanges) { Interrupt = interrupted.Cancel })
            : recordPath is not null ? AwsTransport.Recording(OptionRules.CallTimeout(parsed, _callTimeout))
            : AwsTransport.OverNetwork(OptionRules.CallTimeout(parsed, _callTimeout));
        using var connector = new AwsConnector(transport);
        var runner = new ActionRunner(contract, connector);
        var asset = runner.ValidateAsset(assetNode);
        // Known before the first request, so that no exchange or parameter set is kept with one in it.
        foreach (var secret in runner.Secrets(asset))
        {
            transport.Recorder?.AddSecret(secret);
        }
        RunOutcome outcome;
        string? isolation;
        using (var progress = new RunProgress(stderr, action.Name, parameterSets.Count, stderrIsTerminal))
        {
            var options = new RunOptions(parsed.GetValue(_maxParallel), parsed.GetValue(_timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null, progress.SetFinished, progress.SetIsolated);
            outcome = await runner.RunAsync(action, parameterSets, asset, options, interrupted.Token).ConfigureAwait(false);
            isolation = progress.Outcome();
        }
        var table = parsed.GetValue(_output) == "table";
        await stdout.WriteLineAsync(table
            ? TableView.Render(outcome.Envelope, action) + (isolation is null ? "" : Environment.NewLine + isolation)
            : ResultEnvelope.Print(outcome.Envelope, !parsed.GetValue(_compact))).ConfigureAwait(false);
        if (isolation is not null && !table)
        {
            await stderr.WriteLineAsync(isolation).ConfigureAwait(false);
        }

        var exitCode = outcome.ExitCode;
        if (transport.Replay is { } book)
        {
            foreach (var request in book.Unexpected)
            {
                await stderr.WriteLineAsync($"replay: the recording holds no answer for {request}").ConfigureAwait(false);
                exitCode = Math.Max(exitCode, 1);
            }
            foreach (var unused in book.Unused)
            {
                await stderr.WriteLineAsync($"replay: recorded exchange never requested: {unused.Describe()}").ConfigureAwait(false);
            }
        }
        if (recordPath is not null && transport.Recorder is { } recorder)
        {
            var kept = new Recording
            {
                Action = action.Name,
                Asset = WithoutSecrets(contract, asset),
                Parameters = new JsonArray(parameterSets.Select(p => p?.DeepClone()).ToArray()),
                Exchanges = recorder.Exchanges.ToList(),
                Expected = new JsonObject { ["exit_code"] = exitCode, ["envelope"] = outcome.Envelope.DeepClone() },
            };
            try
            {
                SafeFiles.Write(recordPath, recorder.Redact(ResultEnvelope.Print(kept.ToJson())));
                await stderr.WriteLineAsync($"record: {kept.Exchanges.Count} exchanges written to {recordPath}").ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"record: the recording could not be written ({error.Message}); the action ran and its result is above").ConfigureAwait(false);
                exitCode = Math.Max(exitCode, 1);
            }
        }
        return exitCode;
    }

    private List<JsonNode?> ParameterSets(ParseResult parsed, SoarTestFile? testFile, Recording? recording)
    {
        List<JsonNode?> sets;
        if (parsed.GetValue(_params) is { } paramsPath)
        {
            var source = paramsPath == "-" ? "stdin" : paramsPath;
            sets = ActionRunner.ParameterSets(paramsPath == "-" ? AsUsage(() => StrictJson.Parse(ReadBounded(stdin), source)) : ReadJson(paramsPath), source);
        }
        else if (testFile?.Parameters is { } testSets)
        {
            sets = testSets;
        }
        else if (recording is not null && recording.Parameters.Count > 0)
        {
            sets = recording.Parameters.Select(n => n?.DeepClone()).ToList();
        }
        else
        {
            sets = [new JsonObject()];
        }
        foreach (var (key, value) in Overrides(parsed.GetValue(_param) ?? []))
        {
            foreach (var set in sets.OfType<JsonObject>())
            {
                set[key] = value;
            }
        }
        return sets;
    }

    /// <summary>The <c>--param key=value</c> pairs; a key given twice is refused, never settled by which came last.</summary>
    private static Dictionary<string, string> Overrides(IEnumerable<string> pairs)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
            {
                throw new UsageException($"--param takes key=value, got '{Shown(pair)}'");
            }
            if (pair.Contains('\uFFFD', StringComparison.Ordinal) || StrictJson.HasLoneSurrogate(pair))
            {
                throw new UsageException($"--param {Shown(pair[..separator])}: the value is not valid UTF-8 text");
            }
            var key = pair[..separator].Trim();
            if (!overrides.TryAdd(key, pair[(separator + 1)..]))
            {
                throw new UsageException($"--param {Shown(key)} is given twice: give each parameter once");
            }
        }
        return overrides;
    }

    private static JsonObject WithoutSecrets(AppContract contract, JsonObject asset)
    {
        var copy = (JsonObject)asset.DeepClone();
        foreach (var field in contract.Configuration.Where(f => f.DataType == "password"))
        {
            copy.Remove(field.Name);
        }
        return copy;
    }

    private void WriteReference(AppContract contract, FileInfo? file)
    {
        if (file is null)
        {
            stdout.Write(ActionReference.Write(contract));
            return;
        }
        try
        {
            File.WriteAllText(file.FullName, ActionReference.Update(File.ReadAllText(file.FullName), contract));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot rewrite {file.FullName}: {error.Message}");
        }
    }

    private void ListActions(AppContract contract)
    {
        var text = new StringBuilder();
        foreach (var action in contract.Actions)
        {
            text.AppendLine($"{action.Name} ({action.Identifier}, {action.Type}{(action.ReadOnly ? ", read-only" : "")})");
            text.AppendLine($"  {action.Description}");
            if (action.Parameters.Count == 0)
            {
                text.AppendLine("  no parameters");
            }
            foreach (var p in action.Parameters)
            {
                var flags = p.Required ? "required" : "optional";
                var extras = new List<string>();
                if (p.Default is not null) extras.Add($"default {p.Default.ToJsonString()}");
                if (p.ValueList.Count > 0) extras.Add($"one of {string.Join("|", p.ValueList)}");
                if (p.Contains.Count > 0) extras.Add($"contains {string.Join(", ", p.Contains)}");
                var extra = extras.Count == 0 ? "" : $" [{string.Join("; ", extras)}]";
                text.AppendLine($"  --param {p.Name}=…  {p.DataType}, {flags}: {p.Description}{extra}");
            }
            text.AppendLine();
        }
        stdout.Write(text.ToString());
    }

    /// <summary>An input file as JSON, read strictly (see <see cref="StrictJson"/>, <see cref="InputFiles"/>); any problem is a usage error.</summary>
    internal static JsonNode? ReadJson(string path) => AsUsage(() => StrictJson.Parse(InputFiles.Read(path), path));

    internal static JsonObject ReadJsonObject(string path) =>
        ReadJson(path) as JsonObject ?? throw new UsageException($"{path} must hold a JSON object");

    /// <summary>What an input reader refused, as a usage error.</summary>
    internal static T AsUsage<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException invalid)
        {
            throw new UsageException(invalid.Message);
        }
    }

    // stdin may be /dev/zero or an endless pipe: read no more than a file may hold.
    private static string ReadBounded(TextReader reader)
    {
        var text = new StringBuilder();
        var chunk = new char[81920];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > InputFiles.MaxBytes)
            {
                throw new UsageException($"stdin holds more than the {InputFiles.MaxBytes / (1024 * 1024)} MB an input may hold");
            }
        }
        return text.ToString();
    }

    /// <summary>An unknown option, and how to give it when it names an action's parameter (<c>--dry-run</c>: <c>--param dry_run=…</c>).</summary>
    private static string UnknownOption(string option)
    {
        var name = option.Split('=')[0].TrimStart('-').Replace('-', '_');
        var isParameter = AppContract.LoadDefault().Actions.Any(a => a.Parameters.Any(p => p.Name == name));
        return $"unknown option '{Shown(option)}'" + (isParameter ? $"; an action's parameter is given as --param {name}=VALUE" : "");
    }

    /// <summary>A value as a usage error shows it: cut short and on one line.</summary>
    internal static string Shown(string value) => (value.Length > 60 ? value[..60] + "…" : value).ReplaceLineEndings(" ");
}
