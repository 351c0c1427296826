using System.Text.Json.Nodes;
using AwsContainment.Connector.Aws.Transport;
using AwsContainment.Tests.Faults;

namespace AwsContainment.Tests.Containment;

/// <summary>
/// Every mutating action and playbook, cut short while each of its AWS calls is in flight (the recording's
/// <c>interrupt</c> fault cancels the run as a timeout or SIGTERM would): an envelope is still printed, and every
/// resource the recording shows is afterwards either as it was before the run or as the whole run leaves it, never
/// in between (an interface left in the open transit group, say). A request that reached the replay counts as
/// applied, as it may have been.
/// </summary>
public sealed class InterruptionSuiteTests
{
    /// <summary>The fault suite's recordings: each mutating action's success recording(s).</summary>
    public static TheoryData<string> Recordings()
    {
        var recordings = new TheoryData<string>();
        foreach (var identifier in FaultSuiteTests.MutatingActions().Cast<object[]>().Select(row => (string)row[0]))
        {
            foreach (var name in FaultSuiteTests.Recordings(identifier))
            {
                recordings.Add($"{identifier}/{name}");
            }
        }
        return recordings;
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Cut_short_at_any_call_nothing_is_left_in_between(string recordingName)
    {
        var path = Path.Combine(TestEnvironment.FixturesDirectory, recordingName);
        var recording = ContainmentFixtures.Load(path);
        var before = RecordedState.ReadBy(recording);
        var contained = before.Apply(recording);
        var exchanges = recording["exchanges"]!.AsArray();
        for (var cut = 0; cut < exchanges.Count; cut++)
        {
            var interrupted = (JsonObject)recording.DeepClone();
            interrupted["exchanges"]![cut]!["fault"] = "interrupt";
            var output = await ContainmentFixtures.ReplayChangedAsync(interrupted);
            var at = $"{recordingName} cut during call {cut + 1} ({Recording.Load(path).Exchanges[cut].Describe()})";
            Assert.True(output.ExitCode is 0 or 1, $"{at}: exit {output.ExitCode}\n{output.Stderr}");
            Assert.NotNull(output.Result()["status"]);

            var after = before.Apply(Sent(recording, output));
            foreach (var resource in before.Concat(contained).Concat(after).Select(RecordedState.ResourceOf).Distinct())
            {
                var now = About(after, resource);
                Assert.True(now.SetEquals(About(before, resource)) || now.SetEquals(About(contained, resource)),
                    $"{at}: {resource} is left as [{string.Join(", ", now)}], neither as before the run [{string.Join(", ", About(before, resource))}] nor as the run leaves it [{string.Join(", ", About(contained, resource))}]");
            }
        }
    }

    /// <summary>The recording with only the exchanges the run requested (the replay names each one it did not).</summary>
    private static JsonObject Sent(JsonObject recording, RunnerOutput output)
    {
        var unused = output.Stderr.Split('\n')
            .Where(l => l.StartsWith("replay: recorded exchange never requested: ", StringComparison.Ordinal))
            .Select(l => l["replay: recorded exchange never requested: ".Length..].TrimEnd('\r'))
            .ToList();
        var sent = (JsonObject)recording.DeepClone();
        var exchanges = sent["exchanges"]!.AsArray();
        foreach (var exchange in exchanges.ToList())
        {
            var described = Exchange.FromJson(exchange!.AsObject(), "exchange").Describe();
            if (unused.Remove(described))
            {
                exchanges.Remove(exchange);
            }
        }
        return sent;
    }

    private static HashSet<string> About(IEnumerable<string> state, string resource) =>
        state.Where(f => RecordedState.ResourceOf(f) == resource).ToHashSet(StringComparer.Ordinal);
}
