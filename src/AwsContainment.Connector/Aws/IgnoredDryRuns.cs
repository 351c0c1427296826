namespace AwsContainment.Connector.Aws;

/// <summary>
/// The changes of one parameter set that AWS applied although they were asked as a dry run: an endpoint that
/// ignores <c>DryRun</c> (an emulator, a proxy) answers them with success. They were made, so the report says so.
/// </summary>
public sealed class IgnoredDryRuns
{
    private static readonly AsyncLocal<IgnoredDryRuns?> Current = new();
    private readonly List<string> _calls = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Calls
    {
        get { lock (_gate) return _calls.ToList(); }
    }

    /// <summary>Starts keeping them for the parameter set this async flow runs.</summary>
    public static IgnoredDryRuns Watch()
    {
        var watch = new IgnoredDryRuns();
        Current.Value = watch;
        return watch;
    }

    /// <summary>Whether the set this flow runs has had a dry run applied: nothing more should be asked of that endpoint.</summary>
    public static bool AnyInThisRun => Current.Value is { } watch && watch.Calls.Count > 0;

    public static void Note(string call)
    {
        if (Current.Value is { } watch)
        {
            lock (watch._gate) watch._calls.Add(call);
        }
    }
}
