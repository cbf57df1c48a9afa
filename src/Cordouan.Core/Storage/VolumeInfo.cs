using Cordouan.Core.Ids;

namespace Cordouan.Core.Storage;

/// <summary>A volume as listed in storage content. <see cref="Parent"/> is the base volume of a linked clone.</summary>
public sealed record VolumeInfo(
    VolumeId Id,
    string Content,
    string Format,
    long SizeBytes,
    long UsedBytes,
    VmId? Owner,
    DateTimeOffset Created,
    VolumeId? Parent);
