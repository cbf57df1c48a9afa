import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { runAction, vmPath } from "../../api/vms";
import { useLoad } from "../common/useLoad";
import { dateTime } from "../format";
import { ConfirmDialog } from "./ConfirmDialog";
import { mayVm } from "./permissions";
import { SnapshotDialog } from "./SnapshotDialog";
import type { VmContext } from "./VmContext";

interface Snapshot {
  name: string;
  description?: string;
  snaptime?: number;
  vmstate?: number;
  parent?: string;
}

type Open = null | { kind: "take" } | { kind: "rollback" | "delete"; name: string };

/** Snapshots as a tree (each under its parent; "current", the running state, under the latest one). */
function SnapshotBranch({ all, parent, onAction }: { all: Snapshot[]; parent: string | undefined; onAction: (kind: "rollback" | "delete", name: string) => void }) {
  const children = all.filter((s) => s.parent === parent || (!parent && s.parent && !all.some((o) => o.name === s.parent)));
  if (children.length === 0) return null;
  return (
    <ul class="snapshot-tree">
      {children.map((snapshot) => (
        <li key={snapshot.name} data-testid={`snapshot-${snapshot.name}`}>
          <strong>{snapshot.name === "current" ? "NOW (current state)" : snapshot.name}</strong>{" "}
          {snapshot.snaptime && <span class="muted">{dateTime(snapshot.snaptime)}</span>} {snapshot.vmstate ? <span class="badge">with RAM</span> : null}{" "}
          {snapshot.name !== "current" && snapshot.description && <span class="muted">— {snapshot.description}</span>}
          {snapshot.name !== "current" && mayVm("VM.Snapshot.Rollback") && (
            <button class="link" onClick={() => onAction("rollback", snapshot.name)} data-testid={`snapshot-rollback-${snapshot.name}`}>
              Rollback
            </button>
          )}
          {snapshot.name !== "current" && mayVm("VM.Snapshot") && (
            <button class="link" onClick={() => onAction("delete", snapshot.name)} data-testid={`snapshot-delete-${snapshot.name}`}>
              Delete
            </button>
          )}
          <SnapshotBranch all={all} parent={snapshot.name} onAction={onAction} />
        </li>
      ))}
    </ul>
  );
}

/** Snapshots tab: the tree, take (name/description/RAM), rollback and delete; each follows its task. */
export function SnapshotsTab(context: VmContext) {
  const { node, vmid, status, item, refresh } = context;
  const { data, error, reload } = useLoad(() => api<Snapshot[]>("GET", vmPath(node, vmid, "/snapshot")), `${node}/${vmid}`);
  const [open, setOpen] = useState<Open>(null);
  const running = (status?.status ?? item.status) === "running";
  const close = () => setOpen(null);

  return (
    <div>
      {mayVm("VM.Snapshot") && (
        <div class="vm-actions">
          <button class="button primary" onClick={() => setOpen({ kind: "take" })} data-testid="snapshot-take">
            Take snapshot
          </button>
        </div>
      )}
      {error && <p class="error">{error}</p>}
      {!data && !error && <p class="muted">Loading…</p>}
      {data && (
        <div data-testid="snapshot-list">
          <SnapshotBranch all={data} parent={undefined} onAction={(kind, name) => setOpen({ kind, name })} />
        </div>
      )}
      {open?.kind === "take" && <SnapshotDialog {...context} running={running} onClose={close} onDone={reload} />}
      {open?.kind === "rollback" && (
        <ConfirmDialog title={`Roll back to ${open.name}`} okLabel="Rollback" onClose={close} onConfirm={async () => {
          await runAction("POST", vmPath(node, vmid, `/snapshot/${encodeURIComponent(open.name)}/rollback`), {}, `Rollback of VM ${vmid} to ${open.name}`);
          reload();
          refresh();
        }}>
          <p>The VM's disks (and RAM, if saved) go back to {open.name}: changes since are lost.</p>
        </ConfirmDialog>
      )}
      {open?.kind === "delete" && (
        <ConfirmDialog title={`Delete snapshot ${open.name}`} okLabel="Delete" onClose={close} onConfirm={async () => {
          await runAction("DELETE", vmPath(node, vmid, `/snapshot/${encodeURIComponent(open.name)}`), {}, `Delete snapshot ${open.name} of VM ${vmid}`);
          reload();
        }}>
          <p>The snapshot {open.name} is removed; the VM's current state is kept.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
