using Cordouan.Cli.Configuration;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Cli.Tests.Configuration;

public sealed class CordConfigStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("cord-config-test");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Save_ThenLoad_RoundTripsEveryField()
    {
        var store = new CordConfigStore(_directory.Combine("nested", "cord.json"));
        var config = new CordConfig
        {
            Server = "https://node1:8006/",
            Fingerprint = "AB:CD",
            Insecure = false,
            Username = "admin@pve",
            Ticket = "PVE:admin@pve:65A1B2C3::sig",
            CsrfPreventionToken = "65A1B2C3:hmac",
            TicketIssuedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

        store.Save(config);

        Assert.Equal(config, store.Load());
    }

    [Fact]
    public void Save_NewAndReplacedFile_IsOwnerReadWriteOnlyAndLeavesNoTemporaryFile()
    {
        var path = _directory.Combine("cord.json");
        var store = new CordConfigStore(path);

        store.Save(new CordConfig { Server = "https://a:8006/" });
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        store.Save(new CordConfig { Server = "https://b:8006/", Ticket = "secret" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("https://b:8006/", store.Load()!.Server);
        Assert.Equal(["cord.json"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_MissingDirectory_CreatesItOwnerOnly()
    {
        var store = new CordConfigStore(_directory.Combine("cordouan", "cord.json"));

        store.Save(new CordConfig { Server = "https://a:8006/" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory.Combine("cordouan")));
    }

    [Fact]
    public void Load_NoFile_ReturnsNull()
    {
        Assert.Null(new CordConfigStore(_directory.Combine("absent.json")).Load());
    }

    [Fact]
    public void Load_CorruptFile_ThrowsWithPath()
    {
        var path = _directory.Combine("cord.json");
        File.WriteAllText(path, "{not json");

        var exception = Assert.Throws<InvalidDataException>(() => new CordConfigStore(path).Load());
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/cord.json", null, "/etc/cord.json")]
    [InlineData(null, "/xdg", "/xdg/cordouan/cord.json")]
    [InlineData(null, null, "/home/u/.config/cordouan/cord.json")]
    public void ResolvePath_Environment_PicksConfigLocation(string? cordConfig, string? xdg, string expected)
    {
        var variables = new Dictionary<string, string?> { ["CORD_CONFIG"] = cordConfig, ["XDG_CONFIG_HOME"] = xdg };

        Assert.Equal(expected, CordConfigStore.ResolvePath(name => variables.GetValueOrDefault(name), "/home/u"));
    }
}
