using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// The few bits of the cpio "newc" format (the initramfs format) the bench needs: read one file out of a gzipped
/// archive, and write a gzipped archive of one file. The kernel unpacks concatenated archives in order, a later
/// file replacing an earlier one, so appending such an archive to an initrd replaces that file.
/// </summary>
public static class NewcArchive
{
    private const string Magic = "070701";
    private const int HeaderLength = 110;
    private const string Trailer = "TRAILER!!!";

    /// <summary>The content of <paramref name="name"/> (e.g. <c>init</c>) in the gzipped archive <paramref name="gzipped"/>.</summary>
    public static byte[] ReadFile(byte[] gzipped, string name)
    {
        using var input = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var archive = buffer.ToArray();
        var offset = 0;
        while (offset + HeaderLength <= archive.Length)
        {
            var header = Encoding.ASCII.GetString(archive, offset, HeaderLength);
            if (!header.StartsWith(Magic, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"not a newc cpio header at offset {offset}");
            }
            var size = Field(header, 6);
            var nameSize = Field(header, 11);
            var entry = Encoding.ASCII.GetString(archive, offset + HeaderLength, nameSize - 1);
            var data = Align(offset + HeaderLength + nameSize);
            if (entry == name)
            {
                return archive[data..(data + size)];
            }
            if (entry == Trailer)
            {
                break;
            }
            offset = Align(data + size);
        }
        throw new InvalidDataException($"'{name}' is not in the archive");
    }

    /// <summary>A gzipped archive holding one regular file <paramref name="name"/> with mode <paramref name="mode"/>.</summary>
    public static byte[] WriteFile(string name, byte[] content, int mode)
    {
        using var buffer = new MemoryStream();
        using (var output = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            WriteEntry(output, 1, 0x8000 | mode, name, content);
            WriteEntry(output, 0, 0, Trailer, []);
        }
        return buffer.ToArray();
    }

    private static void WriteEntry(Stream output, int inode, int mode, string name, byte[] content)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        int[] fields = [inode, mode, 0, 0, 1, 0, content.Length, 0, 0, 0, 0, nameBytes.Length, 0];
        var header = Magic + string.Concat(fields.Select(f => f.ToString("X8", CultureInfo.InvariantCulture)));
        var written = 0;
        Write(output, Encoding.ASCII.GetBytes(header), ref written);
        Write(output, nameBytes, ref written);
        Write(output, new byte[Align(written) - written], ref written);
        Write(output, content, ref written);
        Write(output, new byte[Align(written) - written], ref written);
    }

    private static void Write(Stream output, byte[] bytes, ref int written)
    {
        output.Write(bytes);
        written += bytes.Length;
    }

    private static int Field(string header, int index) =>
        int.Parse(header.AsSpan(6 + (index * 8), 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static int Align(int offset) => (offset + 3) & ~3;
}
