using System.Text.Encodings.Web;
using System.Text.Json;
using Cordouan.Scenarios;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing.Daemon;

// Performance scenarios: each figure beside a baseline measured in the same run. See bench/README.md.
if (BenchOptions.Parse(args) is not { } options)
{
    return 2;
}
try
{
    foreach (var program in new[] { Programs.Qemu, Programs.QemuImg, Programs.Etcd })
    {
        Programs.Require(program);
    }
    if (!File.Exists(RepoPaths.Cordouand))
    {
        throw new InvalidOperationException($"{RepoPaths.Cordouand} is missing: run `make build` first");
    }
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource(options.Deadline);
Console.CancelKeyPress += (_, e) =>
{
    // Cancel instead of dying, so cordouand, etcd and every QEMU are still cleaned up.
    e.Cancel = true;
    cancellation.Cancel();
};

BenchReport report;
try
{
    report = await new BenchRunner(options).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine($"bench cancelled (deadline {options.Deadline.TotalMinutes:0} min or Ctrl+C); processes cleaned up");
    return 1;
}

Console.WriteLine(ResultTable.Render(report.Results));
foreach (var failure in report.Failures)
{
    Console.WriteLine($"FAILED {failure}");
}
var output = options.OutputPath ?? Path.Combine(RepoPaths.Root, "artifacts", "bench", "latest.json");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
// Relaxed escaping keeps "≤" and "+" readable in the file; it is never embedded in HTML.
var json = new BenchJsonContext(new JsonSerializerOptions(BenchJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, json.BenchReport));
Console.WriteLine($"total {report.TotalSeconds:0} s; JSON: {output}");
return report.Failures.Count == 0 ? 0 : 1;
