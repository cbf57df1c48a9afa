import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { can } from "../../api/session";
import { href } from "../../state/router";
import { useStore } from "../../state/store";
import { recentTasks, taskStatus } from "../../state/tasks";
import { showError } from "../Toasts";
import { ConfirmDialog } from "../widgets/ConfirmDialog";
import { ErrorNote } from "../widgets/ErrorNote";
import { followTask } from "../widgets/runTask";
import { useApi } from "../widgets/useApi";

interface MaintenanceStatus {
  maintenance: number;
  /** The VMs still on the node: while evacuating, this list shrinks as they migrate away. */
  vms: { vmid: number; name?: string; status: string; lock?: string }[];
}

/**
 * Maintenance (extension `/nodes/{node}/maintenance`): entering evacuates the node's VMs (a `nodemaint` task)
 * and keeps new ones away; the list of VMs still there, refreshed every 2 s, shows the evacuation's progress.
 */
export function NodeMaintenance({ node }: { node: string }) {
  const path = `/nodes/${encodeURIComponent(node)}/maintenance`;
  const { data, error, reload } = useApi<MaintenanceStatus>(path, {}, 2_000);
  const tasks = useStore(recentTasks);
  const [confirming, setConfirming] = useState<"enter" | "leave" | null>(null);
  const [evacuate, setEvacuate] = useState(true);
  const mayModify = can("nodes", "Sys.Modify");
  const evacuation = tasks.find((task) => task.type === "nodemaint" && task.node === node);

  const enter = async () => {
    setConfirming(null);
    try {
      const upid = await api<string>("POST", path, { evacuate });
      reload();
      await followTask(upid, `Maintenance of ${node}`);
    } catch (failure) {
      showError(failure);
    }
    reload();
  };

  const leave = async () => {
    setConfirming(null);
    try {
      await api("DELETE", path);
    } catch (failure) {
      showError(failure);
    }
    reload();
  };

  const inMaintenance = !!data?.maintenance;
  return (
    <div data-testid="node-maintenance">
      <ErrorNote error={error} />
      {data && (
        <p data-testid="maintenance-state" data-maintenance={inMaintenance ? "1" : "0"}>
          {inMaintenance ? <strong class="status-warn">In maintenance: the node takes no new VMs.</strong> : <span class="status-ok">In service.</span>}
        </p>
      )}
      {mayModify && data && (
        <div class="toolbar">
          {!inMaintenance ? (
            <>
              <label class="form-field inline">
                <input type="checkbox" data-testid="field-evacuate" checked={evacuate} onChange={(event) => setEvacuate((event.currentTarget as HTMLInputElement).checked)} />
                Evacuate the VMs (migrate them to other nodes)
              </label>
              <button class="button danger" data-testid="maintenance-enter" onClick={() => setConfirming("enter")}>
                Enter maintenance
              </button>
            </>
          ) : (
            <button class="button primary" data-testid="maintenance-leave" onClick={() => setConfirming("leave")}>
              Leave maintenance
            </button>
          )}
        </div>
      )}
      {evacuation && (
        <p data-testid="maintenance-task">
          Last maintenance task: <a href={href(`/tasks/${encodeURIComponent(evacuation.upid)}`)}>{taskStatus(evacuation)}</a>
        </p>
      )}
      {data && (
        <div class="section">
          <h3>VMs still on {node}</h3>
          {data.vms.length === 0 ? (
            <p class="muted" data-testid="maintenance-empty">
              None.
            </p>
          ) : (
            <table data-testid="maintenance-vms">
              <thead>
                <tr>
                  <th>VMID</th>
                  <th>Name</th>
                  <th>Status</th>
                  <th>Lock</th>
                </tr>
              </thead>
              <tbody>
                {data.vms.map((vm) => (
                  <tr key={vm.vmid}>
                    <td>
                      <a href={href(`/vm/${vm.vmid}`)}>{vm.vmid}</a>
                    </td>
                    <td>{vm.name}</td>
                    <td>{vm.status}</td>
                    <td>{vm.lock}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {confirming === "enter" && (
        <ConfirmDialog
          title="Enter maintenance"
          message={`Put ${node} in maintenance${evacuate ? " and migrate its VMs away" : ""}? Type the node's name to confirm.`}
          expected={node}
          onConfirm={() => void enter()}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === "leave" && <ConfirmDialog title="Leave maintenance" message={`Put ${node} back in service?`} onConfirm={() => void leave()} onCancel={() => setConfirming(null)} />}
    </div>
  );
}
