using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using AwsContainment.Connector.Aws;

namespace AwsContainment.Connector.Ec2;

/// <summary>
/// Keeps what the instance's console shows as evidence: its serial console output (the newest EC2 has, decoded)
/// and, where EC2 can take one, a screenshot, each with its SHA-256; written to <c>path</c> (and <c>path</c>.jpg)
/// when given. Reading changes nothing on the instance (the screenshot does not wake it).
/// </summary>
public sealed class CaptureConsoleOutputAction : IAwsAction<CaptureConsoleOutputParameters>
{
    /// <summary>What EC2 answers for an instance that cannot give the asked console view (the newest output, a screenshot).</summary>
    private static readonly string[] Unsupported = ["UnsupportedOperation", "IncorrectInstanceState"];

    /// <summary>A path that could never take the evidence (a link, a folder, a FIFO, a missing folder) is refused before reading anything.</summary>
    public void CheckLocalFiles(CaptureConsoleOutputParameters parameters, LocalFiles files, Soar.ValueRules rules)
    {
        if (EvidencePath(parameters, files) is { } path && !parameters.DryRun
            && (SafeFiles.RefusalToWrite(path) ?? SafeFiles.RefusalToWrite(path + ".jpg")) is { } refusal)
        {
            throw new Soar.ActionFailedException($"path {path} cannot take the evidence: it or its .jpg {refusal}; nothing was sent to AWS");
        }
    }

    public async Task RunAsync(ActionContext context, CaptureConsoleOutputParameters parameters, CancellationToken cancellationToken)
    {
        var ec2 = context.Aws.Ec2();
        var instanceId = parameters.Instance;
        var path = EvidencePath(parameters, context.Files);
        var dryRun = parameters.DryRun;
        var output = (await ConsoleOutputAsync(ec2, instanceId, dryRun, cancellationToken).ConfigureAwait(false)).ThrowIfNotPermitted();
        if (dryRun)
        {
            context.Result.AddData(Evidence(instanceId, output.Response));
            context.Result.Summary["output_sha256"] = null;
            context.Result.Summary["screenshot_sha256"] = null;
            context.Result.Finish(true, $"Dry run: reading the console output of {instanceId} would be permitted; nothing was read or written");
            return;
        }
        var text = Convert.FromBase64String((string?)output.Response["Output"] ?? "");
        var (image, noScreenshot) = await ScreenshotAsync(ec2, instanceId, cancellationToken).ConfigureAwait(false);
        var item = Evidence(instanceId, output.Response);
        item["Output"] = Encoding.UTF8.GetString(text);
        item["OutputSha256"] = text.Length == 0 ? null : EvidenceFile.Sha256(text);
        item["ScreenshotImageData"] = image is null ? null : Convert.ToBase64String(image);
        item["ScreenshotSha256"] = image is null ? null : EvidenceFile.Sha256(image);
        item["ScreenshotUnavailable"] = noScreenshot;
        context.Result.AddData(item);
        context.Result.Summary["output_sha256"] = item["OutputSha256"]?.DeepClone();
        context.Result.Summary["screenshot_sha256"] = item["ScreenshotSha256"]?.DeepClone();

        // Written after the evidence is in the result: a path that cannot be written loses nothing.
        var outputCopy = path is null || text.Length == 0 ? null : EvidenceFile.Write(path, text);
        item["OutputPath"] = outputCopy?.Path;
        var imageCopy = path is null || image is null ? null : EvidenceFile.Write(path + ".jpg", image);
        item["ScreenshotPath"] = imageCopy?.Path;

        var captured = text.Length == 0
            ? $"The console of {instanceId} has no output yet"
            : $"Captured {Wording.Count(text.Length, "byte")} of console output of {instanceId} as of {output.Response["Timestamp"]} (SHA-256 {item["OutputSha256"]})";
        var screenshot = image is null ? $"no screenshot: {noScreenshot}" : $"a screenshot (SHA-256 {item["ScreenshotSha256"]})";
        context.Result.Finish(true, $"{captured}; {screenshot}{Saved(outputCopy, imageCopy)}");
    }

    private static string? EvidencePath(CaptureConsoleOutputParameters parameters, LocalFiles files) =>
        parameters.Path is { } path ? files.Evidence("path", path) : null;

    /// <summary>The data item, every evidence field present (null until known): a dry run shows the shape with nothing read.</summary>
    private static JsonObject Evidence(string instanceId, JsonObject response)
    {
        var item = Reporting.Item(new JsonObject { ["InstanceId"] = instanceId, ["Timestamp"] = null, ["Output"] = null }, response);
        foreach (var field in new[] { "OutputSha256", "OutputPath", "ScreenshotImageData", "ScreenshotSha256", "ScreenshotPath", "ScreenshotUnavailable" })
        {
            item[field] = null;
        }
        return item;
    }

    /// <summary>The newest output where EC2 has it (Nitro), else what EC2 last kept.</summary>
    private static async Task<Ec2Change> ConsoleOutputAsync(IEc2Client ec2, string instanceId, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await ec2.GetConsoleOutputAsync(instanceId, latest: true, dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException older) when (Unsupported.Contains(older.ErrorCode))
        {
            return await ec2.GetConsoleOutputAsync(instanceId, latest: false, dryRun, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The screenshot's JPG, or why there is none: it is taken where EC2 can take one, and the output is evidence
    /// without it, so no failure of the screenshot (a server error, a throttle to the end) loses the output.
    /// </summary>
    private static async Task<(byte[]? Image, string? Unavailable)> ScreenshotAsync(IEc2Client ec2, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await ec2.GetConsoleScreenshotAsync(instanceId, dryRun: false, cancellationToken).ConfigureAwait(false);
            return (string?)answer.Response["ImageData"] is { Length: > 0 } data ? (Convert.FromBase64String(data), null) : (null, "EC2 returned no image");
        }
        catch (Exception failed) when (AwsErrors.IsAwsFailure(failed))
        {
            return (null, AwsErrors.Describe(failed));
        }
    }

    private static string Saved(EvidenceCopy? output, EvidenceCopy? image)
    {
        var copies = new[] { output, image }.OfType<EvidenceCopy>().ToList();
        if (copies.Count == 0)
        {
            return "";
        }
        var written = copies.Where(c => c.Written).Select(c => c.Path).ToList();
        var kept = copies.Where(c => !c.Written).Select(c => c.Path).ToList();
        return (written.Count > 0 ? $"; saved to {string.Join(" and ", written)}" : "")
            + (kept.Count > 0 ? $"; {string.Join(" and ", kept)} already held this evidence, kept as it is" : "");
    }
}
