import { Tabs } from "../widgets/Tabs";
import { NodeSummary } from "./NodeSummary";
import { NodeVms } from "./NodeVms";
import { NodeNetwork } from "./NodeNetwork";
import { NodeStorage } from "./NodeStorage";
import { NodeTasks } from "./NodeTasks";
import { NodeMaintenance } from "./NodeMaintenance";
import "../widgets/pages.css";

const tabs: [string, string][] = [
  ["summary", "Summary"],
  ["vms", "VMs"],
  ["network", "Network"],
  ["storage", "Storage"],
  ["tasks", "Tasks"],
  ["maintenance", "Maintenance"],
];

/** `#/node/<node>[/<tab>]`: one node's summary, VMs, network, storages, tasks and maintenance. */
export function NodePage({ node, tab = "summary" }: { node: string; tab?: string }) {
  return (
    <div class="page" data-testid="node-page">
      <h2>Node {node}</h2>
      <Tabs base={`/node/${encodeURIComponent(node)}`} tabs={tabs} current={tab} />
      {tab === "summary" && <NodeSummary node={node} />}
      {tab === "vms" && <NodeVms node={node} />}
      {tab === "network" && <NodeNetwork node={node} />}
      {tab === "storage" && <NodeStorage node={node} />}
      {tab === "tasks" && <NodeTasks node={node} />}
      {tab === "maintenance" && <NodeMaintenance node={node} />}
    </div>
  );
}
