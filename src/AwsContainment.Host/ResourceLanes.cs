using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainment.Host.Contract;

namespace AwsContainment.Host;

/// <summary>
/// Which parameter sets of one run act on the same resource, as app.json names resources: a parameter it gives a
/// SOAR data type (<c>contains</c>, always primary: an instance id, a user name, an access key id, a bucket name), or
/// one of the same name that another action types so (create user's <c>user_name</c>). Sets that share such a value,
/// directly or through another set, form one lane and run one after the other in input order, so two sets never race
/// on one resource (two containments of one instance each taking its snapshots); lanes run side by side. A read-only
/// action has one lane per set: reads do not race.
/// </summary>
internal sealed class ResourceLanes(AppContract contract)
{
    private readonly Dictionary<string, string> _typedNames = contract.Actions
        .SelectMany(a => a.Parameters)
        .Where(p => p.Primary && p.Contains.Count > 0)
        .GroupBy(p => p.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Contains[0], StringComparer.Ordinal);

    /// <summary>The sets' indexes by lane: each lane in input order, the lanes in the order of their first set.</summary>
    public List<List<int>> Of(ActionSpec action, IReadOnlyList<JsonNode?> sets)
    {
        var lane = Enumerable.Range(0, sets.Count).ToArray();
        if (!action.ReadOnly && sets.Count > 1)
        {
            var resources = action.Parameters
                .Select(p => (Parameter: p, Type: p.Primary && p.Contains.Count > 0 ? p.Contains[0] : _typedNames.GetValueOrDefault(p.Name)))
                .Where(r => r.Type is not null)
                .ToList();
            // IAM and S3 names are unique whatever their case: one resource however a set spells it.
            var firstSet = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var index = 0; index < sets.Count; index++)
            {
                foreach (var (parameter, type) in resources)
                {
                    foreach (var value in Values(sets[index]?[parameter.Name], parameter.IsList))
                    {
                        if (!firstSet.TryAdd($"{type}\n{value}", index))
                        {
                            Join(lane, index, firstSet[$"{type}\n{value}"]);
                        }
                    }
                }
            }
        }
        return Enumerable.Range(0, sets.Count).GroupBy(index => Root(lane, index)).Select(g => g.ToList()).ToList();
    }

    private static IEnumerable<string> Values(JsonNode? given, bool isList) => given switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String && isList =>
            value.GetValue<string>().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>().Trim()],
        JsonValue value => [value.ToJsonString()],
        _ => [],
    };

    // Each lane is known by its earliest set, so the lanes keep the order of the sets that start them.
    private static void Join(int[] lane, int one, int other)
    {
        var (a, b) = (Root(lane, one), Root(lane, other));
        lane[Math.Max(a, b)] = Math.Min(a, b);
    }

    private static int Root(int[] lane, int index)
    {
        while (lane[index] != index)
        {
            index = lane[index];
        }
        return index;
    }
}
