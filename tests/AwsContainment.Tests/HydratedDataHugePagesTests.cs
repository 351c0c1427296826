using System.Globalization;

namespace AwsContainment.Tests;

/// <summary>
/// The published runner asks for the runtime's start-up data (the <c>.hydrated</c> section) in 2 MB pages before
/// the runtime writes it (src/AwsContainment.Host/Native/hydrated_huge_pages.c): the section starts on a 2 MB
/// boundary in the running process, the 2 MB pieces the data fills whole may use huge pages, and its part-filled
/// last piece may not, so peak memory does not grow.
/// </summary>
public sealed class HydratedDataHugePagesTests
{
    private const long HugePage = 2L << 20;

    [Fact]
    public async Task The_runtime_data_the_runner_writes_at_start_may_use_huge_pages_and_nothing_past_it_may()
    {
        var runner = await PublishedRunner.PathAsync();
        var (sectionAddress, sectionSize) = new ElfFile(runner).Section(".hydrated");
        using var serve = await PublishedRunner.StartServeAsync();
        try
        {
            await PublishedRunner.DescribeInstanceAsync(serve, 1);

            var start = LoadAddress(serve.Id, runner) + sectionAddress;
            Assert.Equal(0, start % HugePage);
            // The anchor that aligns the section is its last byte, on the first 2 MB boundary past the runtime's data.
            var wholePiecesEnd = (start + sectionSize - 1) / HugePage * HugePage - HugePage;
            Assert.True(wholePiecesEnd - start >= HugePage, $"the runtime's data fills {(wholePiecesEnd - start) / HugePage} whole 2 MB pieces");

            if (!HugePagesOnlyWhereAsked())
            {
                return; // huge pages everywhere or nowhere: the kernel decides, whatever the runner asks
            }
            var mappings = Mappings(serve.Id);
            for (var piece = start; piece < start + sectionSize; piece += HugePage)
            {
                var mapping = Assert.Single(mappings, mapping => mapping.Start <= piece && piece < mapping.End);
                Assert.True(mapping.HugePageEligible == piece < wholePiecesEnd,
                    $"the 2 MB piece at offset {(piece - start) / HugePage * 2} MB of .hydrated is {(mapping.HugePageEligible ? "" : "not ")}eligible for huge pages");
            }
            Assert.DoesNotContain(mappings, mapping => mapping.HugePageEligible && (mapping.Start < start || mapping.End > wholePiecesEnd));
        }
        finally
        {
            serve.StandardInput.Close();
            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Where the executable is loaded: its mapping of file offset 0 (its first segment's address is 0).</summary>
    private static long LoadAddress(int pid, string executable) =>
        File.ReadLines($"/proc/{pid}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5] == executable && fields[2] == "00000000")
            .Select(fields => long.Parse(fields[0].Split('-')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .First();

    private sealed record Mapping(long Start, long End, bool HugePageEligible);

    private static List<Mapping> Mappings(int pid)
    {
        var mappings = new List<Mapping>();
        long start = 0, end = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }
            if (fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                var range = fields[0].Split('-');
                start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (fields[0] == "THPeligible:")
            {
                mappings.Add(new Mapping(start, end, fields[1] == "1"));
            }
        }
        return mappings;
    }

    private static bool HugePagesOnlyWhereAsked() =>
        File.Exists("/sys/kernel/mm/transparent_hugepage/enabled") && File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal);
}
