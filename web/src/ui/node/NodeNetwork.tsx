import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { can } from "../../api/session";
import { showError } from "../Toasts";
import { ConfirmDialog } from "../widgets/ConfirmDialog";
import { ErrorNote } from "../widgets/ErrorNote";
import { useApi } from "../widgets/useApi";
import { BridgeForm } from "./BridgeForm";
import { NetworkApply } from "./NetworkApply";
import type { NetworkInterface } from "./networkTypes";

/** The node's interfaces; staged (not applied) changes are highlighted; bridges can be created, edited, deleted. */
export function NodeNetwork({ node }: { node: string }) {
  const { data, error, reload } = useApi<NetworkInterface[]>(`/nodes/${encodeURIComponent(node)}/network`, {}, 10_000);
  const [editing, setEditing] = useState<NetworkInterface | "new" | null>(null);
  const [deleting, setDeleting] = useState<NetworkInterface | null>(null);
  const mayModify = can("nodes", "Sys.Modify");
  const interfaces = [...(data ?? [])].sort((a, b) => a.iface.localeCompare(b.iface));
  const pending = interfaces.some((item) => item.pending);

  const remove = async (item: NetworkInterface) => {
    setDeleting(null);
    try {
      await api("DELETE", `/nodes/${encodeURIComponent(node)}/network/${encodeURIComponent(item.iface)}`);
    } catch (failure) {
      showError(failure);
    }
    reload();
  };

  return (
    <div>
      {mayModify && (
        <div class="toolbar">
          <button class="button" data-testid="bridge-create" onClick={() => setEditing("new")}>
            Create bridge
          </button>
          <NetworkApply node={node} pending={pending} onChanged={reload} />
        </div>
      )}
      {pending && <p class="status-warn" data-testid="network-pending">Staged changes are highlighted; they take effect on Apply.</p>}
      <ErrorNote error={error} />
      <table data-testid="network-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Active</th>
            <th>Autostart</th>
            <th>VLAN aware</th>
            <th>Ports</th>
            <th>CIDR</th>
            <th>Gateway</th>
            <th>MTU</th>
            <th>Comment</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {interfaces.map((item) => (
            <tr key={item.iface} class={item.pending ? "pending" : ""} data-testid={`iface-${item.iface}`} data-pending={item.pending ? "1" : "0"}>
              <td>{item.iface}</td>
              <td>{item.type}</td>
              <td>{item.active ? "yes" : "no"}</td>
              <td>{item.autostart ? "yes" : "no"}</td>
              <td>{item.bridge_vlan_aware ? "yes" : ""}</td>
              <td>{item.bridge_ports}</td>
              <td>{item.cidr}</td>
              <td>{item.gateway}</td>
              <td>{item.mtu}</td>
              <td>{item.comments}</td>
              <td>
                {mayModify && item.type === "bridge" && (
                  <>
                    <button class="button" data-testid="iface-edit" onClick={() => setEditing(item)}>
                      Edit
                    </button>{" "}
                    <button class="button danger" data-testid="iface-delete" onClick={() => setDeleting(item)}>
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <BridgeForm
          node={node}
          existing={editing === "new" ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog title="Delete bridge" message={`Delete ${deleting.iface}? VMs attached to it lose their network once applied.`} expected={deleting.iface} onConfirm={() => void remove(deleting)} onCancel={() => setDeleting(null)} />
      )}
    </div>
  );
}
