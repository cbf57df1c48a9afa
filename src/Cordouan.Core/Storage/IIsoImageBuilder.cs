namespace Cordouan.Core.Storage;

/// <summary>Builds an ISO 9660 image (Rock Ridge names) holding <paramref name="files"/> at its root, e.g. a NoCloud seed labelled <c>cidata</c>.</summary>
public interface IIsoImageBuilder
{
    Task BuildAsync(string isoPath, string label, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken);
}
