using Cordouan.Contracts.Tasks;

namespace Cordouan.Client.Tasks;

/// <summary>One poll of a task: its latest status and the log lines that appeared since the previous poll.</summary>
public sealed record TaskProgress(TaskStatusInfo Status, IReadOnlyList<TaskLogLine> NewLines);
