namespace AwsContainment.Connector.Containment;

/// <summary>
/// Once a change that passes through a less contained state has been sent (an interface moved into the transit
/// group, which lets every flow in), it is finished or rolled back even when the run is cancelled: a half-made
/// change is worse than a late answer. The period bounds it, so a hung endpoint cannot hold the run.
/// </summary>
public static class Grace
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    /// <summary>A token that cancellation of the run does not cut; only the grace period ends it.</summary>
    public static CancellationTokenSource Begin() => new(Period);
}
