using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using Xunit.Sdk;

namespace AwsContainment.Tests;

/// <summary>What a test needs beyond the .NET SDK.</summary>
public enum Requirement
{
    /// <summary>A C compiler the Native AOT publish links with: clang, or gcc, which it falls back to.</summary>
    NativeAotToolchain,

    /// <summary>python3, which runs the SOAR platforms' code.</summary>
    Python3,

    /// <summary>Linux's /proc, where a process's page faults and memory are read.</summary>
    ProcFileSystem,
}

/// <summary>
/// Whether this machine has what a test needs. Where it does not, the test is reported as skipped with a one-line
/// reason, so <c>dotnet test</c> passes with the .NET SDK alone and says what it left out; .ci/run, which installs
/// everything, fails on any skip.
/// </summary>
internal static class Requirements
{
    private static readonly ConcurrentDictionary<Requirement, string?> Missing = new();

    /// <summary>Why a test needing <paramref name="requirements"/> cannot run here; null when it can.</summary>
    public static string? SkipReason(IEnumerable<Requirement> requirements) =>
        requirements.Select(requirement => Missing.GetOrAdd(requirement, Check)).FirstOrDefault(reason => reason is not null);

    private static string? Check(Requirement requirement) => requirement switch
    {
        Requirement.NativeAotToolchain => Runs("clang") || Runs("gcc")
            ? null
            : "requires clang (or gcc) to link the Native AOT runner (apt-get install -y clang zlib1g-dev)",
        Requirement.Python3 => Runs("python3") ? null : "requires python3 for the SOAR platforms' code (apt-get install -y python3)",
        Requirement.ProcFileSystem => Directory.Exists("/proc/self") ? null : "requires Linux's /proc",
        _ => throw new InvalidEnumArgumentException(nameof(requirement), (int)requirement, typeof(Requirement)),
    };

    /// <summary>Whether <c>PROGRAM --version</c> succeeds: a name on PATH that cannot run does not count.</summary>
    private static bool Runs(string program)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                return false;
            }
            drained.Wait();
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // not on PATH
        }
    }
}

/// <summary>A fact reported as skipped, with the reason, where this machine lacks one of <see cref="Requirement"/>s it needs.</summary>
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(params Requirement[] requirements) => Skip = Requirements.SkipReason(requirements);
}

/// <summary>A theory reported as skipped, every row with the reason, where this machine lacks one of <see cref="Requirement"/>s it needs.</summary>
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(params Requirement[] requirements) => Skip = Requirements.SkipReason(requirements);
}

/// <summary>One row of a theory, like <see cref="InlineDataAttribute"/>, reported as skipped where this machine lacks <paramref name="requirement"/>.</summary>
[DataDiscoverer("Xunit.Sdk.DataDiscoverer", "xunit.core")]
public sealed class RequiresInlineDataAttribute : DataAttribute
{
    private readonly object[] _row;

    public RequiresInlineDataAttribute(Requirement requirement, params object[] row)
    {
        _row = row;
        Skip = Requirements.SkipReason([requirement]);
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [_row];
}
