using System.Text.Json;
using Cordouan.Qemu.Qmp.Commands;
using Xunit;

namespace Cordouan.Qemu.Tests.Qmp;

public sealed class QmpBlockStatsTests
{
    [Fact]
    public void Sum_QueryBlockstatsReply_AddsEveryBackend()
    {
        // A -blockdev reply: backends named by qdev, an empty CD-ROM with zero counters, one entry without stats.
        const string reply = """
            [
              {"device": "", "qdev": "/machine/peripheral/scsi0/virtio-backend", "node-name": "drive-scsi0",
               "stats": {"rd_bytes": 1048576, "wr_bytes": 4096, "rd_operations": 10, "wr_operations": 1, "flush_operations": 0}},
              {"device": "", "qdev": "/machine/peripheral/virtio1/virtio-backend",
               "stats": {"rd_bytes": 512, "wr_bytes": 8192000}},
              {"device": "drive-ide2", "qdev": "ide2", "stats": {"rd_bytes": 0, "wr_bytes": 0}},
              {"device": "odd"}
            ]
            """;
        var entries = JsonSerializer.Deserialize(reply, QmpJsonContext.Default.IReadOnlyListQmpBlockStats)!;

        var (read, written) = QmpBlockStats.Sum(entries);

        Assert.Equal(1048576 + 512, read);
        Assert.Equal(4096 + 8192000, written);
    }
}
