import { useState } from "preact/hooks";
import { runAction, vmPath } from "../../api/vms";
import { CloneDialog } from "./CloneDialog";
import { ConfirmDialog } from "./ConfirmDialog";
import { DeleteVmDialog } from "./DeleteVmDialog";
import { MigrateDialog } from "./MigrateDialog";
import { mayVm } from "./permissions";
import { SnapshotDialog } from "./SnapshotDialog";
import type { VmContext } from "./VmContext";

type Open = null | "delete" | "stop" | "template" | "clone" | "migrate" | "snapshot";

/** The VM's action buttons, enabled by its state and hidden without the privilege (the API still decides). */
export function VmActions(context: VmContext) {
  const { vmid, node, item, status, refresh } = context;
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const state = status?.status ?? item.status;
  const running = state === "running";
  const paused = running && (status?.qmpstatus === "paused" || status?.qmpstatus === "suspended");
  const template = Boolean(item.template || status?.template);

  /** A power action: POST status/<action>, then follow its task (the panel shows it running). */
  const power = async (action: string, label: string, params = {}) => {
    setBusy(action);
    await runAction("POST", vmPath(node, vmid, `/status/${action}`), params, `${label} VM ${vmid}`);
    setBusy(null);
    refresh();
  };
  const button = (testid: string, label: string, enabled: boolean, onClick: () => void, privilege: string, className = "button") =>
    mayVm(privilege) && (
      <button class={className} data-testid={testid} disabled={!enabled || busy !== null} onClick={onClick}>
        {busy === testid.replace("vm-", "") ? `${label}…` : label}
      </button>
    );

  return (
    <div class="vm-actions">
      {button("vm-start", "Start", !running && !template, () => power("start", "Start"), "VM.PowerMgmt", "button primary")}
      {button("vm-shutdown", "Shutdown", running, () => power("shutdown", "Shut down"), "VM.PowerMgmt")}
      {button("vm-stop", "Stop", running, () => setOpen("stop"), "VM.PowerMgmt")}
      {button("vm-reboot", "Reboot", running && !paused, () => power("reboot", "Reboot"), "VM.PowerMgmt")}
      {button("vm-suspend", "Suspend", running && !paused, () => power("suspend", "Suspend"), "VM.PowerMgmt")}
      {button("vm-resume", "Resume", paused, () => power("resume", "Resume"), "VM.PowerMgmt")}
      {button("vm-migrate", "Migrate", true, () => setOpen("migrate"), "VM.Migrate")}
      {button("vm-clone", "Clone", true, () => setOpen("clone"), "VM.Clone")}
      {button("vm-snapshot", "Snapshot", !template, () => setOpen("snapshot"), "VM.Snapshot")}
      {button("vm-template", "Convert to template", !running && !template, () => setOpen("template"), "VM.Allocate")}
      {button("vm-delete", "Delete", !running, () => setOpen("delete"), "VM.Allocate", "button danger")}

      {open === "stop" && (
        <ConfirmDialog title={`Stop VM ${vmid}`} okLabel="Stop" onClose={() => setOpen(null)} onConfirm={() => power("stop", "Stop")}>
          <p>Stopping cuts the power: unsaved data in the guest is lost. Use Shutdown for a clean stop.</p>
        </ConfirmDialog>
      )}
      {open === "template" && (
        <ConfirmDialog title={`Convert VM ${vmid} to a template`} okLabel="Convert" onClose={() => setOpen(null)} onConfirm={async () => {
          await runAction("POST", vmPath(node, vmid, "/template"), {}, `Convert VM ${vmid} to template`);
          refresh();
        }}>
          <p>A template cannot be started or converted back; it can be cloned (linked or full).</p>
        </ConfirmDialog>
      )}
      {open === "delete" && <DeleteVmDialog vmid={vmid} node={node} onClose={() => setOpen(null)} />}
      {open === "clone" && <CloneDialog {...context} template={template} onClose={() => setOpen(null)} />}
      {open === "migrate" && <MigrateDialog {...context} running={running} onClose={() => setOpen(null)} />}
      {open === "snapshot" && <SnapshotDialog {...context} running={running} onClose={() => setOpen(null)} />}
    </div>
  );
}
