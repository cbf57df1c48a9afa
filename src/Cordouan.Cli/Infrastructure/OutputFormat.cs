namespace Cordouan.Cli.Infrastructure;

/// <summary>How results are printed: tables for people, the raw API <c>data</c> JSON for scripts.</summary>
public enum OutputFormat
{
    Text,
    Json,
}
