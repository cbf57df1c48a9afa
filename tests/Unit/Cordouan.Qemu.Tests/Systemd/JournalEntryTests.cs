using System.Buffers.Binary;
using System.Text;
using Cordouan.Platform.Systemd;
using Xunit;

namespace Cordouan.Qemu.Tests.Systemd;

public sealed class JournalEntryTests
{
    [Fact]
    public void Encode_OneLineValues_NameEqualsValue()
    {
        var bytes = JournalEntry.Encode([new("MESSAGE", "VM 100 started"), new("PRIORITY", "6"), new("VMID", "100")]);

        Assert.Equal("MESSAGE=VM 100 started\nPRIORITY=6\nVMID=100\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Encode_ValueWithNewline_BinaryFormWithLittleEndianLength()
    {
        var bytes = JournalEntry.Encode([new("EXCEPTION", "line1\nline2é")]);

        var value = Encoding.UTF8.GetBytes("line1\nline2é");
        var expected = Encoding.ASCII.GetBytes("EXCEPTION\n").Concat(LittleEndian(value.Length)).Concat(value).Append((byte)'\n');
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("vmId", "VMID")]
    [InlineData("node-name", "NODE_NAME")]
    [InlineData("_PID", "F_PID")]
    [InlineData("1st", "F1ST")]
    [InlineData("{OriginalFormat}", "F_ORIGINALFORMAT_")]
    public void FieldName_AnyName_ValidJournalFieldName(string name, string expected) => Assert.Equal(expected, JournalEntry.FieldName(name));

    [Fact]
    public void FieldName_LongName_CutAt64() => Assert.Equal(64, JournalEntry.FieldName(new string('a', 100)).Length);

    [Fact]
    public void Encode_InvalidFieldName_Throws() => Assert.Throws<ArgumentException>(() => JournalEntry.Encode([new("_PID", "1")]));

    [Theory]
    [InlineData("8:12345", "socket:[12345]", true)]
    [InlineData("8:12345", "socket:[99]", false)]
    [InlineData("8:12345", "pipe:[12345]", false)]
    [InlineData(null, "socket:[12345]", false)]
    [InlineData("12345", "socket:[12345]", false)]
    [InlineData("8:12345", null, false)]
    public void IsJournalStream_JournalStreamAndFdLink_TrueOnlyForThatSocket(string? variable, string? link, bool expected) =>
        Assert.Equal(expected, JournalEntry.IsJournalStream(variable, link));

    private static byte[] LittleEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value);
        return bytes;
    }
}
