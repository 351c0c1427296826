namespace AwsContainment.Host.Serving;

/// <summary>
/// A long-lived host (<c>serve</c>, <c>replay-server</c>) started with <c>--warm-heap</c> touches its first
/// allocation budget before it takes work.
/// Until the collector's first gen-0 collection, every allocation lands on memory the process has never touched,
/// and each new page is a page fault: about 45 per <c>describe instance</c> (12 µs each on a virtual machine),
/// 0.7 ms on each of a serve host's first 200 answers. After that collection the same pages are reused, so
/// allocating garbage up to it at start moves that cost out of the answers.
/// </summary>
internal static class HeapWarmUp
{
    /// <summary>Stops a budget the collector never reaches (a misconfigured <c>DOTNET_GCgen0size</c>) from running on.</summary>
    private const long MaxBytes = 256L * 1024 * 1024;

    // Below a page, so every page the allocations cover starts an object and is written.
    private const int ChunkBytes = 4000;

    /// <summary>Allocates short-lived garbage until the first gen-0 collection (or <see cref="MaxBytes"/>).</summary>
    public static void TouchFirstBudget()
    {
        var collections = GC.CollectionCount(0);
        var live = new byte[16][]; // stored, so the compiler cannot put the chunks on the stack
        for (long allocated = 0; allocated < MaxBytes && GC.CollectionCount(0) == collections; allocated += ChunkBytes)
        {
            live[allocated / ChunkBytes % live.Length] = new byte[ChunkBytes];
        }
    }
}
