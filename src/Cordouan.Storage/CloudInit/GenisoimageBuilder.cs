using System.Text;
using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Platform.Processes;

namespace Cordouan.Storage.CloudInit;

/// <summary>
/// <see cref="IIsoImageBuilder"/> over <c>genisoimage</c> with Proxmox's arguments (<c>-quiet -iso-level 3 -R -V label</c>):
/// the files are written to a private scratch directory beside the ISO, which is removed afterwards.
/// </summary>
public sealed class GenisoimageBuilder(ProcessRunner runner) : IIsoImageBuilder
{
    public const string Program = "genisoimage";

    public async Task BuildAsync(string isoPath, string label, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        var scratch = isoPath + ".d";
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (var (name, content) in files)
            {
                if (name.Contains('/', StringComparison.Ordinal) || name is "" or "." or "..")
                {
                    throw new ArgumentException($"bad file name in an ISO image: '{name}'", nameof(files));
                }
                await File.WriteAllTextAsync(Path.Combine(scratch, name), content, new UTF8Encoding(false), cancellationToken);
            }
            try
            {
                await runner.RunCheckedAsync([Program, "-quiet", "-iso-level", "3", "-R", "-V", label, "-o", isoPath, scratch], cancellationToken);
            }
            catch (ExternalCommandException e)
            {
                throw new CordouanException($"Failed to generate the ISO image '{isoPath}': {e.Message}", e);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
