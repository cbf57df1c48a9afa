import { href } from "../../state/router";
import { useStore } from "../../state/store";
import { resourcesLoaded } from "../../state/resources";
import { ConsoleTab } from "./ConsoleTab";
import { CloudInitTab } from "./CloudInitTab";
import { HardwareTab } from "./HardwareTab";
import { SnapshotsTab } from "./SnapshotsTab";
import { VmTasksTab } from "./VmTasksTab";
import { VmActions } from "./VmActions";
import { VmHeader } from "./VmHeader";
import { VmSummary } from "./VmSummary";
import { useVmStatus } from "./useVmStatus";
import "../vm.css";

const tabs = [
  ["summary", "Summary"],
  ["console", "Console"],
  ["hardware", "Hardware"],
  ["snapshots", "Snapshots"],
  ["cloudinit", "Cloud-init"],
  ["tasks", "Tasks"],
] as const;

/** `#/vm/<vmid>[/tab]`: the VM's header, its actions, and one tab. The node comes from /cluster/resources. */
export function VmPage({ vmid, tab }: { vmid: number; tab: string }) {
  const loaded = useStore(resourcesLoaded);
  const { item, status, refresh } = useVmStatus(vmid);
  if (!item || !item.node) {
    return (
      <div class="page">
        <h2>VM {vmid}</h2>
        <p class="muted">{loaded ? "This VM does not exist (or you may not see it)." : "Loading…"}</p>
      </div>
    );
  }
  const node = item.node;
  const context = { vmid, node, item, status, refresh };
  return (
    <div class="page">
      <VmHeader {...context} />
      <VmActions {...context} />
      <nav class="tabs">
        {tabs.map(([id, label]) => (
          <a key={id} href={href(`/vm/${vmid}/${id}`)} class={tab === id ? "active" : ""} data-testid={`tab-${id}`}>
            {label}
          </a>
        ))}
      </nav>
      {tab === "summary" && <VmSummary {...context} />}
      {tab === "console" && <ConsoleTab {...context} />}
      {tab === "hardware" && <HardwareTab {...context} />}
      {tab === "snapshots" && <SnapshotsTab {...context} />}
      {tab === "cloudinit" && <CloudInitTab node={node} vmid={vmid} />}
      {tab === "tasks" && <VmTasksTab node={node} vmid={vmid} />}
    </div>
  );
}
