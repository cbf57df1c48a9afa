using Cordouan.Testing.Daemon;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Fixtures;

/// <summary>One cordouand shared by the tests of the "node" collection (they run one after the other), plus the test guest image.</summary>
public sealed class SharedNode : IAsyncLifetime
{
    private static readonly TestGuest Guest = new(Environment.GetEnvironmentVariable("CORDOUAN_TEST_GUEST_DIR"));

    public CordouandNode Node { get; } = new();

    public string GuestImage { get; private set; } = "";

    public PveHttp Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Requirements.Qemu();
        GuestImage = await Guest.GetImageAsync(timeout.Token);
        await Node.StartAsync(timeout.Token);
        Admin = await Node.AdminAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        await Node.DisposeAsync();
    }

    public static Task<string> GuestImageAsync(CancellationToken cancellationToken) => Guest.GetImageAsync(cancellationToken);
}

[CollectionDefinition("node")]
public sealed class SharedNodeCollection : ICollectionFixture<SharedNode>;
