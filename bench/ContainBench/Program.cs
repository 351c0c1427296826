using System.Diagnostics;
using System.Globalization;
using AwsContainment.Connector;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Host;
using AwsContainment.Host.Contract;

// Replays the contain instance example in-process with a fixed latency per AWS call, and the recordings of the
// seven single actions a responder chains by hand for the same isolation, one after another, with the same latency.
var root = args.Length > 0 ? Path.GetFullPath(args[0]) : FindRoot();
var latency = TimeSpan.FromMilliseconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 50);
var contract = AppContract.Load(Path.Combine(root, "app.json"));

string[] singleActions =
[
    "describe_instance/success.json",
    "detach_instance/success.json",
    "deregister_instance/everywhere_two_pages.json",
    "disable_instance_termination/success.json",
    "snapshot_volumes/success.json",
    "add_security_group/two_interfaces.json",
    "add_tag/success.json",
];

Console.WriteLine($"AWS answers replayed in-process from recordings, {latency.TotalMilliseconds:0} ms before each answer.");
Console.WriteLine();
var contain = await MeasureAsync(Path.Combine(root, "examples", "contain-instance.json"));
Console.WriteLine("contain instance, one action (examples/contain-instance.json: 2 interfaces, 3 volumes, Auto Scaling group, classic load balancer, target group):");
Console.WriteLine($"  {contain.Calls} AWS calls, {contain.Wall.TotalMilliseconds:0} ms wall time ({contain.Calls * latency.TotalMilliseconds:0} ms if every call waited for the one before)");
var rerun = await MeasureAsync(Path.Combine(root, "tests", "fixtures", "contain_instance", "already_contained.json"));
Console.WriteLine($"  run again on the contained instance: {rerun.Calls} AWS calls (reads only), {rerun.Wall.TotalMilliseconds:0} ms");
Console.WriteLine();
Console.WriteLine("The seven single actions, one after another (each its own recording under tests/fixtures):");
var total = (Calls: 0, Wall: TimeSpan.Zero, Found: 0);
foreach (var relative in singleActions)
{
    var path = Path.Combine(root, "tests", "fixtures", relative);
    if (!File.Exists(path) || contract.Find(Recording.Load(path).Action ?? "") is null)
    {
        Console.WriteLine($"  {relative,-48} not in this tree");
        continue;
    }
    var single = await MeasureAsync(path);
    Console.WriteLine($"  {relative,-48} {single.Calls,3} AWS calls {single.Wall.TotalMilliseconds,6:0} ms");
    total = (total.Calls + single.Calls, total.Wall + single.Wall, total.Found + 1);
}
Console.WriteLine(total.Found == singleActions.Length
    ? $"  {"sum of the seven",-48} {total.Calls,3} AWS calls {total.Wall.TotalMilliseconds,6:0} ms"
    : $"  {total.Found} of the {singleActions.Length} single actions' recordings are in this tree: no sum");
return 0;

async Task<(int Calls, TimeSpan Wall)> MeasureAsync(string path)
{
    var recording = Recording.Load(path);
    await RunAsync(recording, TimeSpan.Zero); // warm-up: JIT and SDK client set-up are not what is measured
    return await RunAsync(recording, latency);
}

async Task<(int Calls, TimeSpan Wall)> RunAsync(Recording recording, TimeSpan delay)
{
    var book = new ReplayBook(recording.Exchanges) { Latency = delay };
    using var connector = new AwsConnector(AwsTransport.FromReplay(book));
    var runner = new ActionRunner(contract, connector);
    var action = contract.Find(recording.Action!)!;
    var clock = Stopwatch.StartNew();
    var outcome = await runner.RunAsync(action, recording.Parameters.ToList(), runner.ValidateAsset(recording.Asset), new RunOptions(), CancellationToken.None);
    clock.Stop();
    if (book.Unexpected.Count > 0)
    {
        throw new InvalidOperationException($"{recording.Description}: requests the recording does not hold: {string.Join("; ", book.Unexpected)}");
    }
    var expected = (int?)recording.Expected?["exit_code"] ?? 0;
    if (outcome.ExitCode != expected)
    {
        throw new InvalidOperationException($"{recording.Description}: exit code {outcome.ExitCode}, the recording expects {expected}");
    }
    return (recording.Exchanges.Count - book.Unused.Count, clock.Elapsed);
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AwsContainment.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("AwsContainment.sln not found above " + AppContext.BaseDirectory);
}
