using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Storage;

/// <summary><c>cord storage …</c>.</summary>
public sealed class StorageCommand : Command
{
    public StorageCommand(CliHost host)
        : base("storage", "Storages and their content")
    {
        Add(new StorageListCommand(host));
        Add(new StorageContentCommand(host));
    }
}
