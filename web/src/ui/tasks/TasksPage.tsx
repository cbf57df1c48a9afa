import { useMemo } from "preact/hooks";
import { resources } from "../../state/resources";
import { useStore } from "../../state/store";
import { TaskHistory } from "./TaskHistory";
import "../widgets/pages.css";

/** `#/tasks`: the task history of every online node, merged, with filters and paging. */
export function TasksPage() {
  const items = useStore(resources);
  const nodesKey = items
    .filter((item) => item.type === "node" && item.status === "online")
    .map((item) => item.node ?? "")
    .sort()
    .join(",");
  // The resource list is a new array every 3 s: keep the same node list while the online nodes do not change.
  const nodes = useMemo(() => (nodesKey ? nodesKey.split(",") : []), [nodesKey]);
  return (
    <div class="page" data-testid="tasks-page">
      <h2>Tasks</h2>
      {nodes.length === 0 ? <p class="muted">No node online.</p> : <TaskHistory nodes={nodes} />}
    </div>
  );
}
