using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Cordouan.Testing;

namespace Cordouan.Cli.Tests.Fakes;

/// <summary>
/// A tiny stand-in for cordouand's PVE API on a loopback <see cref="HttpListener"/>: canned answers per
/// "METHOD /path" (below <c>/api2/json</c>), every request recorded, WebSocket upgrades echoed.
/// </summary>
public sealed class FakePveServer : IAsyncDisposable
{
    private const string ApiPrefix = "/api2/json";
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, FakeResponse>> _routes = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentBag<Task> _webSockets = [];
    private readonly Task _loop;

    public FakePveServer()
    {
        var port = PortAllocator.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Answers "METHOD /path" (path below /api2/json, decoded) with the handler's response.</summary>
    public void Map(string method, string path, Func<RecordedRequest, FakeResponse> handler) => _routes[$"{method} {path}"] = handler;

    /// <summary>Answers "METHOD /path" with <c>{"data": json}</c>.</summary>
    public void MapData(string method, string path, string dataJson) => Map(method, path, _ => FakeResponse.Data(dataJson));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _loop;
        await Task.WhenAll(_webSockets).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            if (context.Request.IsWebSocketRequest)
            {
                _webSockets.Add(EchoWebSocketAsync(context));
                continue;
            }
            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var recorded = await RecordAsync(context.Request);
        var response = _routes.TryGetValue($"{recorded.Method} {recorded.Path}", out var handler)
            ? handler(recorded)
            : FakeResponse.Error(501, $"Method '{recorded.Method} {recorded.Path}' not implemented");
        var bytes = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.Status;
        if (response.Reason is not null)
        {
            context.Response.StatusDescription = response.Reason;
        }
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
        context.Response.Close();
    }

    private async Task<RecordedRequest> RecordAsync(HttpListenerRequest request)
    {
        var raw = request.RawUrl ?? "/";
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(question >= 0 ? raw[..question] : raw);
        if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            path = path[ApiPrefix.Length..];
        }
        var query = question >= 0 ? ParseForm(raw[(question + 1)..]) : [];
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(_stop.Token);
        }
        var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true ? ParseForm(body) : [];
        var recorded = new RecordedRequest(
            request.HttpMethod, path, query, form, request.ContentType,
            request.Headers["Cookie"], request.Headers["CSRFPreventionToken"], request.Headers["Authorization"], request.ProtocolVersion);
        _requests.Enqueue(recorded);
        return recorded;
    }

    private static List<KeyValuePair<string, string>> ParseForm(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : string.Empty))
            .ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private async Task EchoWebSocketAsync(HttpListenerContext context)
    {
        var recorded = await RecordAsync(context.Request);
        if (recorded.Cookie is null && recorded.Authorization is null)
        {
            context.Response.StatusCode = 401;
            context.Response.Close();
            return;
        }
        var socket = (await context.AcceptWebSocketAsync(subProtocol: null)).WebSocket;
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", _stop.Token);
                    return;
                }
                var upper = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(buffer, 0, result.Count).ToUpperInvariant());
                await socket.SendAsync(upper, WebSocketMessageType.Binary, endOfMessage: true, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The test ended or the client vanished; nothing left to echo.
        }
        finally
        {
            socket.Dispose();
        }
    }
}
