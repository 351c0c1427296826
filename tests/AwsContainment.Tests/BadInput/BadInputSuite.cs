namespace AwsContainment.Tests.BadInput;

/// <summary>
/// The bad-input suite: every case in <see cref="BadInputCases"/> gets its exit code (1 or 2, never a
/// crash), one message naming the field at fault, no request to AWS, and no secret of the asset in anything printed.
/// </summary>
public sealed class BadInputSuite(BadInputHosts hosts) : IClassFixture<BadInputHosts>
{
    public static TheoryData<string> Cases() => [.. BadInputCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_clear_error_and_no_AWS_call(string id)
    {
        var bad = BadInputCases.All[id];
        var before = hosts.AwsRequests;

        var answer = await bad.Run(hosts);

        Assert.True(bad.ExitCode == answer.ExitCode, $"exit {answer.ExitCode}, expected {bad.ExitCode}: {answer.Message}\n{answer.Everything}");
        Assert.Contains(bad.Names, answer.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", answer.Message.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", answer.Everything, StringComparison.Ordinal);
        Assert.Equal(before, hosts.AwsRequests);
        Assert.DoesNotContain(BadInputHosts.Secret, answer.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain(BadInputHosts.SessionToken, answer.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Covers_every_surface_and_every_action_with_at_least_300_cases()
    {
        var cases = BadInputCases.All.Values.ToList();
        Assert.True(cases.Count >= 300, $"{cases.Count} cases");
        Assert.Equal(Enum.GetValues<Surface>().Order(), cases.Select(c => c.Surface).Distinct().Order());
        var actions = Host.Contract.AppContract.LoadDefault().Actions.Where(a => a.Parameters.Count > 0).Select(a => a.Identifier);
        Assert.All(actions, identifier => Assert.Contains(cases, c => c.Id.Contains($": {identifier}.", StringComparison.Ordinal)));
    }
}
