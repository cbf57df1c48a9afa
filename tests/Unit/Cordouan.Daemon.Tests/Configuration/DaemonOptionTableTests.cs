using Cordouan.Daemon.Configuration;
using Xunit;

namespace Cordouan.Daemon.Tests.Configuration;

public sealed class DaemonOptionTableTests
{
    [Fact]
    public void Bind_EveryKeyRead_IsInTheHelp()
    {
        var configuration = new RecordingConfiguration();

        ConfigurationLoader.Bind(configuration);

        var help = ConfigurationLoader.Usage;
        var missing = configuration.Read.Where(key => !help.Contains($"--{key} ", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(configuration.Read.Count > 20, $"only {configuration.Read.Count} keys read: the recording does not see the binder");
        Assert.True(missing.Count == 0, $"bound but not in cordouand --help: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Table_EveryOption_IsBoundOrTheConfigFile()
    {
        var configuration = new RecordingConfiguration();

        ConfigurationLoader.Bind(configuration);

        var unbound = DaemonOptionTable.All.Select(o => o.Key).Where(k => k != "config" && !configuration.Read.Contains(k)).ToList();
        Assert.True(unbound.Count == 0, $"listed in the help but never bound: {string.Join(", ", unbound)}");
    }

    [Fact]
    public void Usage_EachOption_ShowsItsDefault()
    {
        var defaults = new DaemonOptions();

        var lines = ConfigurationLoader.Usage.Split('\n');

        Assert.Contains(lines, l => l.Contains("--data-dir DIR", StringComparison.Ordinal) && l.Contains($"(default: {defaults.DataDirectory})", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("--listen", StringComparison.Ordinal) && l.Contains("(default: 0.0.0.0:8006)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("--onboot-marker FILE", StringComparison.Ordinal) && l.Contains("(default: /run/cordouan/onboot-started)", StringComparison.Ordinal));
        foreach (var option in DaemonOptionTable.All)
        {
            Assert.Contains(lines, l => l.TrimStart().StartsWith(option.Switch + " ", StringComparison.Ordinal) && l.Contains("(default: ", StringComparison.Ordinal) && l.Length > option.Switch.Length + 20);
        }
    }

    [Fact]
    public void Load_EverySwitchOfTheTable_IsAccepted()
    {
        foreach (var option in DaemonOptionTable.All.Where(o => o.Key != "config"))
        {
            var value = option.IsFlag ? "false" : "x";
            var configuration = ConfigurationLoader.Load([option.Switch, value]);
            Assert.Equal(value, configuration[option.Key]);
        }
    }

    [Fact]
    public void Load_UnknownSwitch_IsRefusedWithTheHelp()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfigurationLoader.Load(["--data-dri", "/tmp/x"]));

        Assert.Contains("unknown option '--data-dri'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir DIR", e.Message, StringComparison.Ordinal);
    }
}
