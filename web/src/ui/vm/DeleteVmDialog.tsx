import { useState } from "preact/hooks";
import { runAction, vmPath } from "../../api/vms";
import { navigate } from "../../state/router";
import { ConfirmDialog } from "./ConfirmDialog";

/** Deletes the VM after its VMID is typed; purge and destroy-unreferenced-disks are opt-in. Then goes to #/. */
export function DeleteVmDialog({ vmid, node, onClose }: { vmid: number; node: string; onClose: () => void }) {
  const [purge, setPurge] = useState(true);
  const [unreferenced, setUnreferenced] = useState(false);
  return (
    <ConfirmDialog
      title={`Delete VM ${vmid}`}
      okLabel="Delete"
      typeToConfirm={String(vmid)}
      onClose={onClose}
      onConfirm={async () => {
        const ok = await runAction("DELETE", vmPath(node, vmid), { purge, "destroy-unreferenced-disks": unreferenced }, `Delete VM ${vmid}`);
        if (ok) navigate("/");
      }}
    >
      <p>The VM and its disks are destroyed. This cannot be undone.</p>
      <label class="form-check">
        <input type="checkbox" checked={purge} data-testid="field-purge" onChange={(e) => setPurge((e.currentTarget as HTMLInputElement).checked)} />
        Purge from HA, backup and replication configuration
      </label>
      <label class="form-check">
        <input type="checkbox" checked={unreferenced} data-testid="field-destroy-unreferenced-disks" onChange={(e) => setUnreferenced((e.currentTarget as HTMLInputElement).checked)} />
        Also destroy unreferenced disks owned by this VMID
      </label>
    </ConfirmDialog>
  );
}
