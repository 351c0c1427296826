using System.Text.Json.Nodes;
using AwsContainment.Connector.Soar;
using AwsContainment.Host;
using AwsContainment.Host.Contract;

namespace AwsContainment.Tests.Serving;

/// <summary>
/// A connector whose one action ("probe") does what the test scripts for each parameter set, keyed by the set's
/// <c>name</c>; it counts how many sets run at once, and fails a set the way AwsConnector does when cancelled.
/// </summary>
internal sealed class ScriptedConnector(Func<string, CancellationToken, Task> script) : IConnector
{
    public static readonly AppContract Contract = AppContract.Parse("""
        {"configuration": {"region": {"data_type": "string", "required": true}},
         "actions": [{"action": "probe", "identifier": "probe", "type": "investigate", "read_only": true,
                      "parameters": {"name": {"data_type": "string", "required": true}}, "output": []}]}
        """);

    private readonly Lock _gate = new();
    private int _running;

    public static ActionSpec Probe => Contract.Find("probe")!;

    public static JsonObject Asset => new() { ["region"] = "us-east-1" };

    public int PeakParallel { get; private set; }

    public IReadOnlyCollection<string> ActionIdentifiers => ["probe"];

    public ActionRunner Runner() => new(Contract, this);

    public static List<JsonNode?> Sets(params string[] names) => names.Select(n => (JsonNode?)new JsonObject { ["name"] = n }).ToList();

    public IEnumerable<string> AssetProblems(JsonObject asset) => [];

    public bool UsesHostCredentials(JsonObject asset) => false;

    public async Task RunAsync(string identifier, JsonObject asset, ParameterSet parameters, ActionResult result, CancellationToken cancellationToken)
    {
        var name = parameters.String("name");
        lock (_gate) PeakParallel = Math.Max(PeakParallel, ++_running);
        try
        {
            await script(name, cancellationToken);
            result.Succeed($"{name} done");
        }
        catch (OperationCanceledException)
        {
            result.Fail($"{name} cancelled");
        }
        finally
        {
            lock (_gate) _running--;
        }
    }
}
