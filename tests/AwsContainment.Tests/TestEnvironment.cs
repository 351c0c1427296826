using System.Runtime.CompilerServices;

namespace AwsContainment.Tests;

/// <summary>
/// Keeps every test off the network: no IMDS probe, no profile files, dummy credentials and a region, set before
/// any SDK type loads, and retries that do not wait. Recordings are answered in-process or by servers on 127.0.0.1 only.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7TESTENV");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "test-environment-secret-not-used-by-replays");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/dev/null");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        // Replayed throttles and 5xx are retried at once: the SDK's real backoff would make the suite wait seconds.
        Connector.Aws.RetryBackoff.Limit = TimeSpan.FromMilliseconds(5);
        // Likewise throttled calls: a governor paced to AWS's buckets would wait up to a refill interval after each
        // replayed throttle, and keep retrying one for minutes. The outbreak tests give their governor AWS's own table.
        Connector.Aws.RateGovernor.DefaultTable = Connector.Aws.ThrottleTable.Uniform(new(1000, 1000));
        Connector.Aws.RateGovernor.DefaultThrottleBudget = TimeSpan.FromMilliseconds(100);
    }

    /// <summary>The repository root (where AwsContainment.sln is), found from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixturesDirectory => Path.Combine(RepositoryRoot, "tests", "fixtures");

    private static string FindRoot()
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
}
