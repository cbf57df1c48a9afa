import type { VmContext } from "./VmContext";

/** Name, node, status (hook `vm-status`), lock and HA state of the VM. */
export function VmHeader({ vmid, node, item, status }: VmContext) {
  const state = status?.status ?? item.status ?? "unknown";
  // A paused or suspended VM is "running" for the API; say which, as Proxmox's UI does.
  const qmp = status?.qmpstatus && status.qmpstatus !== state ? status.qmpstatus : null;
  const lock = status?.lock ?? item.lock;
  const ha = status?.ha?.managed ? status.ha.state ?? "managed" : item.hastate;
  return (
    <div class="vm-header">
      <h2>
        {item.template || status?.template ? "Template" : "VM"} {vmid}
        {(status?.name ?? item.name) ? ` (${status?.name ?? item.name})` : ""}
      </h2>
      <span class="muted">on {node}</span>
      <span class={`badge badge-${state}`} data-testid="vm-status">
        {state}
      </span>
      {qmp && <span class="badge badge-warn" data-testid="vm-qmpstatus">{qmp}</span>}
      {lock && (
        <span class="badge badge-warn" data-testid="vm-lock">
          locked: {lock}
        </span>
      )}
      {ha && (
        <span class="badge" data-testid="vm-ha">
          HA: {ha}
        </span>
      )}
    </div>
  );
}
