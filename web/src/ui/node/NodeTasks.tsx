import { TaskHistory } from "../tasks/TaskHistory";

/** The node's own task archive, with filters and paging. */
export function NodeTasks({ node }: { node: string }) {
  return <TaskHistory nodes={[node]} />;
}
