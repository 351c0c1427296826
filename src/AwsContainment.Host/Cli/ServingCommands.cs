using System.CommandLine;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Connector.Soar;
using AwsContainment.Host.Contract;
using AwsContainment.Host.Serving;

namespace AwsContainment.Host.Cli;

/// <summary>
/// <c>runner serve</c> (a long-lived host fed JSON lines) and <c>runner replay-server</c> (recorded AWS over HTTP
/// for any client), beside the one-action command line.
/// </summary>
internal sealed class ServingCommands(TextWriter stdout, TextWriter stderr, TextReader stdin)
{
    public Command Serve(CancellationToken cancellationToken)
    {
        var asset = new Option<string?>("--asset") { Description = "Asset configuration JSON file used by requests that carry no \"asset\"" };
        var replay = new Option<string?>("--replay") { Description = "Answer AWS calls from this recording (never used up) instead of the network" };
        var maxRequests = new Option<int>("--max-requests") { Description = "How many requests read from stdin run at once (1 to 1024)", DefaultValueFactory = _ => 64 }.Between(1, 1024);
        var maxParallel = new Option<int>("--max-parallel") { Description = "How many parameter sets of one request run at once (1 to 256)", DefaultValueFactory = _ => 8 }.Between(1, 256);
        var timeout = new Option<double?>("--timeout") { Description = "Seconds each parameter set may take before it is failed" }.Seconds();
        var callTimeout = OptionRules.CallTimeout();
        var http = new Option<int?>("--http") { Description = "Serve the same requests as POST / on 127.0.0.1:PORT instead of stdin (0 picks a free port, printed on stdout)" }.Between(0, 65535);
        var tokenFile = new Option<string?>("--token-file") { Description = "With --http: file holding the bearer token every request must carry" };
        var allowHostCredentials = new Option<bool>("--allow-ambient-credentials") { Description = "Sign requests whose asset has no keys with this host's own AWS credentials (environment, profile, instance role); without it they are refused" };
        var (defaultEvidence, defaultJournals) = LocalFiles.DefaultFolders();
        var evidenceDir = new Option<string?>("--evidence-dir") { Description = $"Folder evidence is written to (capture console output's path names a file in it); default {defaultEvidence}" };
        var journalDir = new Option<string?>("--journal-dir") { Description = $"Folder journals are written to and read from (journal_path names a file in it); default {defaultJournals}" };
        var warmHeap = WarmHeap();
        var command = new Command("serve", "Run requests read as JSON lines on stdin ({\"id\", \"action\", \"parameters\", \"asset\"}); write one result envelope per line, with its id, on stdout")
        {
            asset, replay, maxRequests, maxParallel, timeout, callTimeout, http, tokenFile, allowHostCredentials, evidenceDir, journalDir, warmHeap,
        };
        command.SetAction(async (parsed, _) =>
        {
            var defaultAsset = parsed.GetValue(asset) is { } assetPath ? RunnerCli.ReadJsonObject(assetPath) : null;
            var transport = parsed.GetValue(replay) is { } replayPath
                ? AwsTransport.FromReplay(new ReplayBook(RunnerCli.AsUsage(() => Recording.Load(replayPath)).Exchanges) { Reusable = true })
                : AwsTransport.OverNetwork(OptionRules.CallTimeout(parsed, callTimeout));
            using var connector = new AwsConnector(transport, Confined(parsed.GetValue(evidenceDir), parsed.GetValue(journalDir)));
            var runner = new ActionRunner(AppContract.LoadDefault(), connector);
            var run = new RunOptions(parsed.GetValue(maxParallel), parsed.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            var options = new ServeOptions(parsed.GetValue(maxRequests), run, parsed.GetValue(allowHostCredentials));
            var host = new ServeHost(runner, defaultAsset is null ? null : ServeHost.AdmitAsset(runner, defaultAsset, options), options, stdout);
            if (parsed.GetValue(warmHeap))
            {
                HeapWarmUp.TouchFirstBudget();
            }
            if (parsed.GetValue(http) is not { } port)
            {
                await host.RunAsync(stdin, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            var token = parsed.GetValue(tokenFile) is { } tokenPath
                ? RunnerCli.AsUsage(() => InputFiles.Read(tokenPath).Trim())
                : throw new UsageException("--http needs --token-file FILE: the bearer token every request must carry");
            if (token.Length < 16)
            {
                throw new UsageException("the bearer token must be at least 16 characters");
            }
            await using var server = new ServeHttpServer(host, token, options.MaxRequests);
            await server.StartAsync(port, cancellationToken).ConfigureAwait(false);
            await ServeUntilInterruptedAsync(server.Endpoint, () => server.Requests, "serve", "answering POST / for callers with the bearer token", cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public Command ReplayServer(CancellationToken cancellationToken)
    {
        var fixtures = new Option<string[]>("--fixtures") { Description = "Recording files or folders of them (*.json, searched recursively); repeatable", Required = true };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1; 0 picks a free one (printed on stdout)", DefaultValueFactory = _ => 0 }.Between(0, 65535);
        var latency = new Option<double>("--latency-ms") { Description = "Milliseconds to wait before every answer, standing in for the network (0 to 60000)" }.Between(0, 60_000);
        var fault = new Option<string>("--fault") { Description = "What --fault-every injects: drop (cut the connection), 500, or throttle", DefaultValueFactory = _ => "500" };
        var faultEvery = new Option<int>("--fault-every") { Description = "Fail every Nth request (counting from 1) with --fault; 0 never" }.Between(0, int.MaxValue);
        var throttle = new Option<string?>("--throttle") { Description = "Throttle as AWS does: 'aws' (EC2's documented token buckets per access key, region and action; docs/scale.md), then optional ,NAME=SIZE/REFILL for a category, action or service (aws,mutating=10/2)" };
        var warmHeap = WarmHeap();
        var command = new Command("replay-server", "Serve recorded AWS exchanges over HTTP on 127.0.0.1 for any client (--endpoint-url); runs until Ctrl-C")
        {
            fixtures, port, latency, fault, faultEvery, throttle, warmHeap,
        };
        command.SetAction(async (parsed, _) =>
        {
            var sources = parsed.GetValue(fixtures) ?? [];
            var exchanges = Serving.ReplayServer.LoadExchanges(sources);
            var faults = new FaultPlan(parsed.GetValue(faultEvery), FaultPlan.ParseKind(parsed.GetValue(fault) ?? "500"));
            var throttling = parsed.GetValue(throttle) is { } spec ? new AwsThrottling(RunnerCli.AsUsage(() => ThrottleTable.Parse(spec)), TimeProvider.System) : null;
            await using var server = new ReplayServer(exchanges, TimeSpan.FromMilliseconds(parsed.GetValue(latency)), faults, stderr) { Throttling = throttling };
            if (parsed.GetValue(warmHeap))
            {
                HeapWarmUp.TouchFirstBudget();
            }
            server.Start(parsed.GetValue(port));
            await ServeUntilInterruptedAsync(server.Endpoint, () => server.Requests, "replay-server", $"{exchanges.Count} recorded exchanges from {string.Join(", ", sources)}", cancellationToken).ConfigureAwait(false);
            foreach (var line in throttling?.Report() ?? [])
            {
                await stderr.WriteLineAsync(line).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Serve's files confined to the folders named, checked now so that a folder that cannot be trusted stops the
    /// host at start; the defaults stand in for folders not named, made when first needed, so that a host that
    /// never writes a file needs no writable home.
    /// </summary>
    private static LocalFiles Confined(string? evidence, string? journals)
    {
        var (defaultEvidence, defaultJournals) = LocalFiles.DefaultFolders();
        foreach (var (option, folder) in new[] { ("--evidence-dir", evidence), ("--journal-dir", journals) })
        {
            if (folder is not null && LocalFiles.PrepareFolder(folder) is { } refusal)
            {
                throw new UsageException($"{option}: the folder {refusal}");
            }
        }
        return LocalFiles.Confined(evidence ?? defaultEvidence, journals ?? defaultJournals);
    }

    // Off by default: a SOAR adapter starts one serve per action run, and would wait the 150 ms on every run.
    private static Option<bool> WarmHeap() => new("--warm-heap")
    {
        Description = "Allocate through the collector's first budget before taking work: the first answers then meet no fresh memory to page-fault, and the first comes about 150 ms later",
    };

    /// <summary>Prints a started server's address on stdout and serves until Ctrl-C.</summary>
    private async Task ServeUntilInterruptedAsync(Uri endpoint, Func<long> requests, string name, string serving, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync(endpoint.ToString()).ConfigureAwait(false);
        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await stderr.WriteLineAsync($"{name}: {serving} on {endpoint} (Ctrl-C stops)").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"{name}: stopped after {requests()} requests").ConfigureAwait(false);
        }
    }
}
