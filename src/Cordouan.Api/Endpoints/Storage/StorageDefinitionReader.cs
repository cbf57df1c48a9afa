using System.Text.RegularExpressions;
using Cordouan.Api.Http;
using Cordouan.Core.Storage;

namespace Cordouan.Api.Endpoints.Storage;

/// <summary>Reads the options of <c>POST /storage</c> per type (spec §6) into a definition, collecting every error on the reader.</summary>
public static partial class StorageDefinitionReader
{
    private static readonly string[] DirContentTypes = ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import", "none"];
    private static readonly string[] RbdContentTypes = ["images", "rootdir"];

    /// <summary>Proxmox's storage ID format.</summary>
    public static bool IsValidStorageId(string id) => StorageIdPattern().IsMatch(id);

    public static StorageDefinition Dir(ParamReader reader, string id)
    {
        var path = reader.RequiredString("path");
        var content = Content(reader, "images,rootdir", DirContentTypes);
        var shared = reader.Boolean("shared") ?? false;
        var disabled = reader.Boolean("disable") ?? false;
        var format = reader.Enum("format", ["raw", "qcow2", "vmdk", "subvol"]);
        var nodes = ListSplit(reader.String("nodes") ?? "");
        reader.Boolean("mkdir");
        reader.Boolean("create-base-path");
        reader.Boolean("create-subdirs");
        reader.Boolean("is_mountpoint");
        reader.String("prune-backups");
        reader.String("preallocation");
        if (!Path.IsPathRooted(path))
        {
            reader.AddError("path", "invalid format - path must be absolute");
        }
        return new StorageDefinition
        {
            Id = id,
            Type = "dir",
            Path = path,
            Content = content,
            Shared = shared,
            Disabled = disabled,
            Format = format ?? "qcow2",
            Nodes = nodes,
        };
    }

    /// <summary>
    /// An rbd storage on the Ceph cluster Cordouan deployed (no <c>monhost</c>: this node's ceph.conf and admin keyring)
    /// or on an external one (<c>monhost</c> and the client's <c>keyring</c> contents, which is stored but never shown).
    /// </summary>
    public static StorageDefinition Rbd(ParamReader reader, string id)
    {
        var pool = reader.String("pool") ?? "rbd";
        var monHost = reader.String("monhost");
        var username = reader.String("username");
        var keyring = reader.String("keyring");
        var krbd = reader.Boolean("krbd") ?? false;
        var content = Content(reader, "images", RbdContentTypes);
        var disabled = reader.Boolean("disable") ?? false;
        var nodes = ListSplit(reader.String("nodes") ?? "");
        foreach (var unsupported in new[] { "data-pool", "namespace", "bwlimit" })
        {
            if (reader.String(unsupported) is not null)
            {
                reader.AddError(unsupported, "not supported yet");
            }
        }
        if (!PoolPattern().IsMatch(pool))
        {
            reader.AddError("pool", $"invalid format - pool name '{pool}' may hold only letters, digits, '_', '.', '-'");
        }
        if (monHost is not null && !ExternalMonHost(monHost))
        {
            reader.AddError("monhost", "invalid format - expected monitor addresses (host, IPv4 or [IPv6], optional :port) separated by spaces, commas or semicolons");
        }
        if (username is not null && !UserPattern().IsMatch(username))
        {
            reader.AddError("username", $"invalid format - user name '{username}' may hold only letters, digits, '_', '.', '-'");
        }
        if (krbd)
        {
            reader.AddError("krbd", "kernel RBD (krbd=1) is not supported yet: QEMU opens the images with librbd (krbd=0)");
        }
        if (monHost is null && keyring is not null)
        {
            reader.AddError("keyring", "only used with monhost (an external cluster): the cluster Cordouan deployed uses this node's admin keyring");
        }
        if (monHost is null && username is not null && username != "admin")
        {
            reader.AddError("username", "only 'admin' on the cluster Cordouan deployed; other users need monhost and keyring");
        }
        if (monHost is not null && string.IsNullOrWhiteSpace(keyring))
        {
            reader.AddError("keyring", "an external cluster (monhost) needs the client's keyring contents");
        }
        return new StorageDefinition
        {
            Id = id,
            Type = "rbd",
            Pool = pool,
            MonHost = monHost,
            Username = username,
            Keyring = keyring,
            Content = content,
            Disabled = disabled,
            Nodes = nodes,
        };
    }

    public static List<string> ListSplit(string text) =>
        text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<string> Content(ParamReader reader, string fallback, IReadOnlyList<string> allowed)
    {
        var content = ListSplit(reader.String("content") ?? fallback);
        foreach (var c in content.Where(c => !allowed.Contains(c)))
        {
            reader.AddError("content", $"invalid format - value '{c}' does not have a value in the enumeration '{string.Join(", ", allowed)}'");
        }
        return content;
    }

    private static bool ExternalMonHost(string monHost) =>
        monHost.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } hosts && hosts.All(h => MonAddressPattern().IsMatch(h));

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]$")]
    private static partial Regex StorageIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex PoolPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^(v[12]:)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$")]
    private static partial Regex MonAddressPattern();
}
