using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm snapshot create|list|rollback|delete</c>.</summary>
public sealed class VmSnapshotCommand : Command
{
    public VmSnapshotCommand(CliHost host)
        : base("snapshot", "VM snapshots")
    {
        Add(new VmSnapshotCreateCommand(host));
        Add(new VmSnapshotListCommand(host));
        Add(new VmSnapshotRollbackCommand(host));
        Add(new VmSnapshotDeleteCommand(host));
    }

    /// <summary>The snapshot-name argument (PVE config id, at most 40 characters).</summary>
    public static Argument<string> NameArgument()
    {
        var argument = new Argument<string>("name") { Description = "Snapshot name" };
        argument.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (string.IsNullOrEmpty(name) || name.Length > 40 || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                result.AddError($"'{name}' is not a snapshot name (a letter, then letters, digits, '-' or '_'; at most 40).");
            }
        });
        return argument;
    }
}
