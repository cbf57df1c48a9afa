namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>
/// Proxmox VE 9's resolutions (pmxcfs <c>rrd_def_*_pve9_0</c>: a 60 s step and AVERAGE/MAX archives of 1 min × 1440,
/// 30 min × 1440, 6 h × 1440 and 1 week × 570) and the window <c>rrddata</c> returns per timeframe
/// (PVE::RRD <c>create_rrd_data</c>: resolution and number of points).
/// </summary>
public static class RrdLayout
{
    public const int StepSeconds = 60;

    public static IReadOnlyList<RrdArchive> Archives { get; } =
    [
        new(60, 1440),
        new(1800, 1440),
        new(21600, 1440),
        new(604800, 570),
    ];

    /// <summary>The timeframes <c>rrddata</c> accepts, in Proxmox's order.</summary>
    public static IReadOnlyList<string> Timeframes { get; } = ["hour", "day", "week", "month", "year", "decade"];

    /// <summary>The archive, resolution and number of points of <paramref name="timeframe"/>; false for an unknown name.</summary>
    public static bool TryGetWindow(string timeframe, out RrdWindow window)
    {
        window = timeframe switch
        {
            "hour" => new RrdWindow(0, 60, 60),
            "day" => new RrdWindow(0, 60, 1440),
            "week" => new RrdWindow(1, 1800, 336),
            "month" => new RrdWindow(1, 1800, 1440),
            "year" => new RrdWindow(2, 21600, 1440),
            "decade" => new RrdWindow(3, 604800, 570),
            _ => default,
        };
        return window.Points > 0;
    }
}
