using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Security;

/// <summary>
/// The control plane is sealed: etcd's client port takes only mutual TLS with the cluster CA, the data dir, keys and
/// images are root-only, and a joining node's certificate is signed from its request without the CA key leaving.
/// </summary>
public sealed class SealedControlPlaneTests(SealedNode sealedNode) : IClassFixture<SealedNode>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    private Testing.Daemon.CordouandNode Node => sealedNode.Node;

    private string EtcdUrl => Node.EtcdClientUrl;

    [Fact]
    public async Task EtcdClientPort_PlainHttpOrTlsWithoutClientCertificate_ServesNothing()
    {
        var ct = TestContext.Current.CancellationToken;

        var plain = await PlainHttpRangeAsync(ct);
        var anonymous = await TlsRangeAsync(clientCertificate: null, ct);
        using var nodeCertificate = LoadNodeCertificate();
        var member = await TlsRangeAsync(nodeCertificate, ct);

        Assert.DoesNotContain("\"kvs\"", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("200 OK", plain, StringComparison.Ordinal);
        Assert.True(anonymous is null, $"etcd answered a TLS client without a certificate: {anonymous}");
        // The same request with the node's certificate is served: the refusals above are the certificate's doing.
        Assert.Contains("200 OK", member, StringComparison.Ordinal);
        Assert.Contains("\"kvs\"", member, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Etcd_AsUnprivilegedLocalUser_CannotReadTheStore()
    {
        var ct = TestContext.Current.CancellationToken;
        Requirements.Program("etcdctl", "apt-get install etcd-client");
        Requirements.Program("curl", "apt-get install curl");
        var range = RangeBody();

        var withoutCertificate = await LocalUser.RunAsNobodyAsync(ct, "etcdctl", "--endpoints", EtcdUrl, "--dial-timeout=3s", "--command-timeout=5s", "get", "--prefix", "/cordouan/");
        var withNodeFiles = await LocalUser.RunAsNobodyAsync(ct, ["etcdctl", "--endpoints", EtcdUrl, .. Node.EtcdctlTlsArguments, "--dial-timeout=3s", "--command-timeout=5s", "get", "--prefix", "/cordouan/"]);
        var curlPlain = await LocalUser.RunAsNobodyAsync(ct, "curl", "-s", "--max-time", "5", "-d", range, $"http://127.0.0.1:{Node.EtcdClientPort}/v3/kv/range");
        var curlInsecure = await LocalUser.RunAsNobodyAsync(ct, "curl", "-sk", "--max-time", "5", "-d", range, $"{EtcdUrl}/v3/kv/range");
        var asRoot = await LocalUser.RunAsync(["etcdctl", "--endpoints", EtcdUrl, .. Node.EtcdctlTlsArguments, "get", "--prefix", "--keys-only", "/cordouan/"], ct);

        Assert.NotEqual(0, withoutCertificate.Exit);
        Assert.DoesNotContain("/cordouan/v1/", withoutCertificate.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, withNodeFiles.Exit);
        Assert.DoesNotContain("/cordouan/v1/", withNodeFiles.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kvs\"", curlPlain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kvs\"", curlInsecure.Output, StringComparison.Ordinal);
        // Root with the node's certificate reads it, the ticket key and the CA key among the rest.
        Assert.True(asRoot.Exit == 0, asRoot.Output);
        Assert.Contains("/cordouan/v1/access/ticket-key", asRoot.Output, StringComparison.Ordinal);
        Assert.Contains("/cordouan/v1/priv/ca-key", asRoot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirectory_AsUnprivilegedLocalUser_KeysAndImagesUnreadable()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Node.Data.Path;
        var image = sealedNode.ImagePath;
        string[] keys = [Node.Data.Combine("certs", "node-key.pem"), Node.Data.Combine("certs", "ca-key.pem")];

        // The data dir was 0755 before the first start: cordouand tightened it.
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Node.Data.Combine("certs")));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Node.Data.Combine("etcd")));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Path.GetDirectoryName(image)!));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(image));
        foreach (var key in keys)
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(key));
        }
        foreach (var argv in new[] { new[] { "ls", data }, ["cat", image], ["cat", keys[0]], ["cat", keys[1]] })
        {
            var result = await LocalUser.RunAsNobodyAsync(ct, argv);
            Assert.True(result.Exit != 0, $"nobody ran `{string.Join(' ', argv)}`: {result.Output}");
            Assert.Contains("Permission denied", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AddNode_WithSigningRequest_AnswersSignedCertificateAndNoPrivateKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = sealedNode.Admin;
        if ((await admin.GetAsync("/cluster/config/join", ct)).Status != HttpStatusCode.OK)
        {
            await admin.RunTaskAsync(HttpMethod.Post, "/cluster/config", new() { ["clustername"] = "sealed" }, ct);
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=someone-else", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse("127.0.0.9"));
        request.CertificateExtensions.Add(names.Build());
        var peer = $"https://127.0.0.9:{PortAllocator.Next().ToString(CultureInfo.InvariantCulture)}";
        var form = new Dictionary<string, string> { ["link0"] = peer, ["address"] = "127.0.0.9", ["apiport"] = "8006" };

        var withoutRequest = await admin.PostAsync("/cluster/config/nodes/n9", form, ct);
        var answer = await admin.PostAsync("/cluster/config/nodes/n9", new(form) { ["csr"] = request.CreateSigningRequestPem() }, ct);
        try
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutRequest.Status);
            Assert.NotNull(withoutRequest.Error("csr"));
            answer.EnsureOk();
            Assert.DoesNotContain("PRIVATE KEY", answer.Body!.ToJsonString(), StringComparison.Ordinal);
            Assert.Null(answer.Data!["ca_key"]);
            using var issued = X509Certificate2.CreateFromPem(answer.Data!["certificate"]!.GetValue<string>());
            using var ca = X509Certificate2.CreateFromPem(answer.Data!["ca_cert"]!.GetValue<string>());
            Assert.Equal(await File.ReadAllTextAsync(Node.Data.Combine("certs", "ca.pem"), ct), answer.Data!["ca_cert"]!.GetValue<string>());
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), issued.PublicKey.ExportSubjectPublicKeyInfo());
            Assert.Equal("CN=n9", issued.Subject);
            Assert.False(issued.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.Contains(IPAddress.Parse("127.0.0.9"), issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses());
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            Assert.True(chain.Build(issued));
        }
        finally
        {
            if (answer.Status == HttpStatusCode.OK)
            {
                await admin.DeleteAsync("/cluster/config/nodes/n9", ct, new()
                {
                    ["force"] = "1",
                    ["learner"] = answer.Data!["member_id"]!.GetValue<string>(),
                });
            }
        }
    }

    [Fact]
    public async Task Node_EtcdMemberTakingOnlyMutualTls_ServesTheApi()
    {
        var ct = TestContext.Current.CancellationToken;
        var pid = int.Parse((await File.ReadAllTextAsync(Node.Data.Combine("etcd.pid"), ct)).Split('\n')[0].Trim(), CultureInfo.InvariantCulture);
        var argv = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", ct)).Split('\0');

        var version = await sealedNode.Admin.GetAsync("/version", ct);
        var nodes = await sealedNode.Admin.GetAsync("/nodes", ct);

        Assert.Contains("--client-cert-auth=true", argv);
        Assert.Contains($"--listen-client-urls={EtcdUrl}", argv);
        Assert.Contains($"--trusted-ca-file={Node.Data.Combine("certs", "ca.pem")}", argv);
        Assert.DoesNotContain(argv, a => a.StartsWith("--listen-client-urls=http://", StringComparison.Ordinal));
        version.EnsureOk();
        Assert.Contains(nodes.EnsureOk().Data!.AsArray(), n => n!["node"]!.GetValue<string>() == Node.NodeName);
    }

    private X509Certificate2 LoadNodeCertificate()
    {
        using var pem = X509Certificate2.CreateFromPemFile(Node.Data.Combine("certs", "node.pem"), Node.Data.Combine("certs", "node-key.pem"));
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>etcd's v3 JSON range over every Cordouan key.</summary>
    private static string RangeBody() => new JsonObject
    {
        ["key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("/cordouan/v1/")),
        ["range_end"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("/cordouan/v10")),
    }.ToJsonString();

    private static byte[] RangeRequest()
    {
        var body = RangeBody();
        return Encoding.ASCII.GetBytes(
            $"POST /v3/kv/range HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n{body}");
    }

    private async Task<string> PlainHttpRangeAsync(CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Node.EtcdClientPort, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(RangeRequest(), cancellationToken);
        return await ReadAllAsync(stream, cancellationToken);
    }

    /// <summary>The answer to the range request over TLS, or null when the server refused the connection.</summary>
    private async Task<string?> TlsRangeAsync(X509Certificate2? clientCertificate, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Node.EtcdClientPort, cancellationToken);
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Node.Data.Combine("certs", "ca.pem"), cancellationToken));
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                CertificateChainPolicy = policy,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
            }, cancellationToken);
            await tls.WriteAsync(RangeRequest(), cancellationToken);
            var answer = await ReadAllAsync(tls, cancellationToken);
            return answer.Length == 0 ? null : answer;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return null;
        }
    }

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, deadline.Token);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
