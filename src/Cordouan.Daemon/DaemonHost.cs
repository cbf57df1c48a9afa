using System.Security.Authentication;
using Cordouan.Access;
using Cordouan.Api;
using Cordouan.Api.Web;
using Cordouan.Ceph;
using Cordouan.Cluster.Etcd;
using Cordouan.Core.Errors;
using Cordouan.Daemon.Certificates;
using Cordouan.Daemon.Configuration;
using Cordouan.Daemon.Membership;
using Cordouan.Node.Cluster.Membership;
using Cordouan.Daemon.Startup;
using Cordouan.Node;
using Cordouan.Node.Hosting;
using Cordouan.Network;
using Cordouan.Qemu;
using Cordouan.Storage.Dir;
using Cordouan.Storage.Rbd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon;

/// <summary>The composition root: the only place that knows every implementation.</summary>
public static class DaemonHost
{
    public static async Task<WebApplication> BuildAsync(DaemonOptions options, HostTransitions transitions, CancellationToken cancellationToken)
    {
        // The data dir holds the cluster's keys, etcd's data and the disk images: root only, tightened if it was looser.
        SecretFiles.EnsurePrivateDirectory(options.DataDirectory);
        var addresses = CertificateAddresses(options);
        var certificate = await NodeCertificates.LoadOrCreateAsync(options.DataDirectory, options.NodeName, addresses, cancellationToken);
        var etcdIdentity = await NodeCertificates.EtcdIdentityAsync(options.DataDirectory, options.NodeName, addresses, cancellationToken);
        var identity = new NodeIdentity(options.NodeName, options.DataDirectory, options.ClusterName)
        {
            SslFingerprint = NodeCertificates.Fingerprint(certificate),
        };

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        Logging.DaemonLogging.Configure(builder.Logging);

        var (host, port) = options.ListenEndpoint;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(System.Net.IPAddress.Parse(host), port, listen =>
            {
                // Proxmox speaks HTTP/1.1 only; clients show the reason phrase, which HTTP/2 does not have.
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    Api.Proxy.ClusterTlsKestrelExtensions.AllowClusterClientCertificates(https, kestrel.ApplicationServices.GetRequiredService<Api.Proxy.ClusterTls>());
                });
            });
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(identity);
        services.AddSingleton(new NodeOptions { Accelerator = options.Accelerator, Witness = options.Witness });
        services.AddSingleton(transitions);
        var membership = MembershipState.Load(options.DataDirectory);
        services.AddSingleton(new NodeMembership(membership?.NodeId ?? 1));
        var etcdEndpoints = options.EtcdEndpoints.Count > 0 ? options.EtcdEndpoints : [options.EtcdClientUrl];
        if (options.EtcdEndpoints.Count == 0)
        {
            services.AddEtcdMember(new EtcdMemberOptions
            {
                Name = options.NodeName,
                DataDirectory = Path.Combine(options.DataDirectory, "etcd"),
                ClientUrl = options.EtcdClientUrl,
                PeerUrl = options.EtcdPeerUrl,
                // A joined member starts from the cluster's member list; etcd reads it only while its data dir is empty.
                InitialCluster = membership?.InitialCluster,
                InitialClusterState = membership is null ? "new" : "existing",
                PeerTls = options.EtcdPeerUrl.StartsWith("https://", StringComparison.Ordinal) ? etcdIdentity : null,
                ClientTls = options.EtcdClientUrl.StartsWith("https://", StringComparison.Ordinal) ? etcdIdentity : null,
                EtcdBinary = options.EtcdBinary,
                LogFile = Path.Combine(options.DataDirectory, "etcd.log"),
            });
        }
        // First after the etcd member: finishes (or reports) a join or leave before anything reads the store.
        services.AddHostedService<TransitionContinuation>();
        services.AddEtcdClusterStore(new EtcdClientOptions
        {
            Endpoints = etcdEndpoints,
            Tls = etcdEndpoints.Any(e => e.StartsWith("https://", StringComparison.Ordinal))
                ? new EtcdTlsFiles(options.EtcdCertFile ?? etcdIdentity.CertificateFile, options.EtcdKeyFile ?? etcdIdentity.KeyFile, options.EtcdCaFile ?? etcdIdentity.TrustedCaFile)
                : null,
        });
        services.AddHostNetwork(options.DataDirectory);
        services.AddQemuDriver(new QemuOptions
        {
            RunDirectory = Path.Combine(options.EffectiveRunDirectory, "qemu"),
            QemuBinary = options.QemuBinary,
            Accelerator = options.Accelerator,
        });
        services.AddDirStorage();
        services.AddRbdStorage(new RbdStorageOptions { ConfigDirectory = Path.Combine(options.DataDirectory, "storage", "rbd") });
        services.AddCeph(new CephOptions
        {
            NodeName = options.NodeName,
            DataDirectory = Path.Combine(options.DataDirectory, "ceph"),
            RunDirectory = Path.Combine(options.EffectiveRunDirectory, "ceph"),
            ServiceManager = CephServiceManagers.Resolve(options.CephServiceManager),
        });
        services.AddCordouanNode();
        services.AddCordouanAccess(new AccessOptions { SyslogSocket = options.SyslogSocket, ShadowPath = options.PamShadowFile });
        services.AddSingleton<LearnerPromoter>();
        services.AddHostedService(provider => provider.GetRequiredService<LearnerPromoter>());
        services.AddSingleton<IClusterMembership, ClusterMembershipService>();
        services.AddHostedService<ClusterBootstrap>();
        // After ClusterBootstrap (the store answers), before HA starts VMs: a rebooted host gets its bridges back first.
        services.AddHostedService<Cordouan.Node.Network.NetworkStartupService>();
        services.AddHostedService<AdminBootstrapService>();
        // After the networks are back: the first start since the host booted starts the VMs marked onboot, in order.
        services.AddSingleton(new Cordouan.Node.Guests.BootMarker(options.OnBootMarker));
        services.AddHostedService<Cordouan.Node.Guests.OnBootStartService>();
        services.AddHostedService<NodeLivenessService>();
        services.AddHostedService<Cordouan.Node.Vms.Live.LiveStatusPublisher>();
        // After ClusterBootstrap re-attached the VMs: settles migrations a restart interrupted, then watches incoming ones.
        services.AddHostedService(provider => provider.GetRequiredService<Cordouan.Node.Vms.Migration.Live.MigrationSupervisor>());
        // After the liveness lease service, so that they stop before it revokes the lease (the LRM marks a restart first).
        services.AddSingleton(new Cordouan.Node.Ha.Guard.FenceGuardOptions(
            Path.Combine(options.EffectiveRunDirectory, "ha-guard.sock"),
            Path.Combine(options.DataDirectory, "ha-guard.log"),
            Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell the path of this program, needed to start the HA fence guard"),
            options.HaWatchdog));
        services.AddSingleton<Cordouan.Node.Ha.Guard.FenceGuardClient>();
        services.AddHostedService<Cordouan.Node.Ha.HaLocalManager>();
        services.AddHostedService<Cordouan.Node.Ha.HaClusterManager>();
        services.AddSingleton(new Api.Metrics.MetricsOptions { AllowedSources = options.MetricsAllow });
        services.AddCordouanApi();
        services.AddCordouanWebUi(new Api.Web.WebUiOptions(options.WebRoot));
        services.AddSingleton(provider => Api.Proxy.ClusterTls.Load(certificate, Path.Combine(options.DataDirectory, "certs", "ca.pem"), provider.GetRequiredService<TimeProvider>()));

        var app = builder.Build();
        app.MapCordouanApi();
        return app;
    }

    /// <summary>Every address this node is reached on: the API's, the advertised one, etcd's client and peer ones.</summary>
    public static IReadOnlyList<string> CertificateAddresses(DaemonOptions options) =>
    [
        options.ListenEndpoint.Host, options.EffectiveAddress,
        .. options.EtcdClientUrl.Split(',').Select(u => new Uri(u.Trim()).Host),
        new Uri(options.EtcdPeerUrl).Host,
    ];
}
