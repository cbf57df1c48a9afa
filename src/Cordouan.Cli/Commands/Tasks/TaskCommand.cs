using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Tasks;

/// <summary><c>cord task …</c>: tasks by UPID (the node is read from the UPID).</summary>
public sealed class TaskCommand : Command
{
    public TaskCommand(CliHost host)
        : base("task", "Background tasks (UPIDs)")
    {
        Add(new TaskListCommand(host));
        Add(new TaskStatusCommand(host));
        Add(new TaskLogCommand(host));
        Add(new TaskFollowCommand(host));
    }

    /// <summary>The UPID argument, checked for the <c>UPID:node:…:</c> shape.</summary>
    public static Argument<string> UpidArgument()
    {
        var argument = new Argument<string>("upid") { Description = "Task id, UPID:node:…:" };
        argument.Validators.Add(result =>
        {
            if (!Client.Tasks.UpidText.TryGetNode(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"'{result.GetValueOrDefault<string>()}' is not a task id (UPID:node:PID:PSTART:STARTTIME:type:id:user:).");
            }
        });
        return argument;
    }
}
