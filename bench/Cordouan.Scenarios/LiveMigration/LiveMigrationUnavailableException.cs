namespace Cordouan.Scenarios.LiveMigration;

/// <summary>The daemon refused <c>POST …/migrate online=1</c> with a 400: live migration is not in this build (or refused this VM).</summary>
public sealed class LiveMigrationUnavailableException(string message) : Exception(message);
