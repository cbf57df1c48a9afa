using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>
/// The file of one series: a header written once (to a temporary file renamed into place), then one ring of fixed-size
/// rows per archive, each row written in place at <c>(slot / step) mod rows</c>. A row carries its own slot and a
/// CRC-32C: a ring position left from an older lap, never written, or torn by a crash reads as unknown, so no write ever
/// needs more than the row it changes. The file's size never changes after creation.
/// </summary>
internal sealed class RrdFile : IDisposable
{
    private const int HeaderBytes = 4096;
    private static readonly byte[] Magic = "CORDRRD1"u8.ToArray();
    private readonly SafeFileHandle _handle;
    private readonly long[] _archiveOffsets;
    private readonly int _columns;
    private readonly int _rowBytes;

    private RrdFile(SafeFileHandle handle, int columns, IReadOnlyList<RrdArchive> archives)
    {
        _handle = handle;
        _columns = columns;
        Archives = archives;
        _rowBytes = RowBytes(columns);
        _archiveOffsets = new long[archives.Count];
        var offset = (long)HeaderBytes;
        for (var i = 0; i < archives.Count; i++)
        {
            _archiveOffsets[i] = offset;
            offset += (long)archives[i].Rows * _rowBytes;
        }
    }

    public IReadOnlyList<RrdArchive> Archives { get; }

    /// <summary>Opens the series at <paramref name="path"/>, creating it, or recreating it when its layout is not this one.</summary>
    public static RrdFile Open(string path, IReadOnlyList<RrdColumn> columns, IReadOnlyList<RrdArchive> archives)
    {
        var header = Header(columns, archives);
        if (!HasHeader(path, header))
        {
            Create(path, header, HeaderBytes + archives.Sum(a => (long)a.Rows * RowBytes(columns.Count)));
        }
        return new RrdFile(File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite), columns.Count, archives);
    }

    /// <summary>The row stored for <paramref name="slot"/> in archive <paramref name="archive"/>, or null when none is (or it is damaged).</summary>
    public RrdRow? Read(int archive, long slot)
    {
        Span<byte> buffer = stackalloc byte[_rowBytes];
        if (RandomAccess.Read(_handle, buffer, Offset(archive, slot)) != _rowBytes)
        {
            return null;
        }
        var crcAt = 8 + (16 * _columns);
        if (BinaryPrimitives.ReadInt64LittleEndian(buffer) != slot || BinaryPrimitives.ReadUInt32LittleEndian(buffer[crcAt..]) != Checksum(buffer[..crcAt]))
        {
            return null;
        }
        var average = new double[_columns];
        var max = new double[_columns];
        for (var i = 0; i < _columns; i++)
        {
            average[i] = BinaryPrimitives.ReadDoubleLittleEndian(buffer[(8 + (8 * i))..]);
            max[i] = BinaryPrimitives.ReadDoubleLittleEndian(buffer[(8 + (8 * (_columns + i)))..]);
        }
        return new RrdRow(slot, average, max);
    }

    public void Write(int archive, RrdRow row)
    {
        Span<byte> buffer = stackalloc byte[_rowBytes];
        buffer.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(buffer, row.Slot);
        for (var i = 0; i < _columns; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer[(8 + (8 * i))..], row.Average[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(buffer[(8 + (8 * (_columns + i)))..], row.Max[i]);
        }
        var crcAt = 8 + (16 * _columns);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[crcAt..], Checksum(buffer[..crcAt]));
        RandomAccess.Write(_handle, buffer, Offset(archive, row.Slot));
    }

    public void Dispose() => _handle.Dispose();

    private long Offset(int archive, long slot)
    {
        var (step, rows) = Archives[archive];
        return _archiveOffsets[archive] + (((slot / step) % rows) * _rowBytes);
    }

    private static int RowBytes(int columns) => (8 + (16 * columns) + 4 + 7) / 8 * 8;

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }
        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }
        return ~crc;
    }

    private static byte[] Header(IReadOnlyList<RrdColumn> columns, IReadOnlyList<RrdArchive> archives)
    {
        var text = $"{string.Join(',', columns.Select(c => $"{c.Name}:{c.Kind}"))};{string.Join(',', archives.Select(a => $"{a.StepSeconds}x{a.Rows}"))}";
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        var written = Encoding.UTF8.GetBytes(text, header.AsSpan(Magic.Length + 4));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length), written);
        return header;
    }

    private static bool HasHeader(string path, byte[] expected)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var actual = new byte[HeaderBytes];
            return RandomAccess.Read(handle, actual, 0) == HeaderBytes && actual.AsSpan().SequenceEqual(expected);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static void Create(string path, byte[] header, long length)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            // Rows past the header stay holes (zeros), which read as unknown: the file takes space as it fills.
            stream.SetLength(length);
            stream.Write(header);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
