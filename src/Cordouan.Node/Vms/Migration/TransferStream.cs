using System.Security.Cryptography;

namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// A read-only, async-only view of a volume file while it is sent: counts and hashes (SHA-256) what is read, keeps
/// the average rate under an optional <see cref="BandwidthLimiter"/>, and reports progress at most every
/// <see cref="ProgressInterval"/>.
/// </summary>
public sealed class TransferStream : Stream
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    private readonly Stream _inner;
    private readonly BandwidthLimiter? _limiter;
    private readonly TimeProvider _time;
    private readonly Action<long, TimeSpan>? _progress;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _started;
    private long _lastProgress;
    private long _read;
    private byte[]? _digest;

    /// <param name="progress">Called with bytes read so far and time since the first read.</param>
    public TransferStream(Stream inner, BandwidthLimiter? limiter, TimeProvider time, Action<long, TimeSpan>? progress = null)
    {
        _inner = inner;
        _limiter = limiter;
        _time = time;
        _progress = progress;
    }

    public long BytesRead => _read;

    /// <summary>SHA-256 of everything read, lower-case hex; only once the end of the stream was read.</summary>
    public string Sha256 => Convert.ToHexStringLower(_digest ?? throw new InvalidOperationException("the stream was not read to its end"));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _inner.Length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_started == 0)
        {
            _started = _lastProgress = _time.GetTimestamp();
        }
        var n = await _inner.ReadAsync(buffer, cancellationToken);
        if (n == 0)
        {
            _digest ??= _hash.GetHashAndReset();
            return 0;
        }
        _hash.AppendData(buffer.Span[..n]);
        _read += n;
        var elapsed = _time.GetElapsedTime(_started);
        if (_progress is not null && _time.GetElapsedTime(_lastProgress) >= ProgressInterval)
        {
            _lastProgress = _time.GetTimestamp();
            _progress(_read, elapsed);
        }
        if (_limiter?.DelayFor(_read, elapsed) is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads would have to block to keep the bandwidth limit: the HTTP client only reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("TransferStream is read asynchronously only");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
