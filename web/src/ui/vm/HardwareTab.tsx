import { useState } from "preact/hooks";
import { isDiskKey } from "../../api/vms";
import { useLoad } from "../common/useLoad";
import { showError } from "../Toasts";
import { AddDiskDialog } from "./AddDiskDialog";
import { ConfirmDialog } from "./ConfirmDialog";
import { hardwareOrder, loadHardware, nextFreeKey, putConfig } from "./hardware";
import { NicDialog } from "./NicDialog";
import { OptionsDialog } from "./OptionsDialog";
import { mayVm } from "./permissions";
import { ResizeDiskDialog } from "./ResizeDiskDialog";
import type { VmContext } from "./VmContext";

type Open = null | { kind: "options" | "add-disk" | "add-nic" } | { kind: "resize" | "detach" | "edit-nic" | "remove"; key: string };

const hidden = new Set(["digest", "meta", "vmgenid", "smbios1"]);

/**
 * Hardware tab: the config as a table with pending changes (a running VM applies some at its next start),
 * and edits through PUT config with the digest read, so concurrent edits are refused, not lost.
 */
export function HardwareTab({ node, vmid }: VmContext) {
  const { data, error, reload } = useLoad(() => loadHardware(node, vmid), `${node}/${vmid}`);
  const [open, setOpen] = useState<Open>(null);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const { config, pending } = data;
  const rows = pending.filter((item) => !hidden.has(item.key)).sort((a, b) => hardwareOrder(a.key).localeCompare(hardwareOrder(b.key)));
  const taken = pending.map((item) => item.key);
  const editable = mayVm("VM.Config.Options") || mayVm("VM.Config.Memory") || mayVm("VM.Config.Disk") || mayVm("VM.Config.Network");
  const close = () => setOpen(null);
  const nextNic = nextFreeKey("net", taken, 31);

  const remove = async (key: string) => {
    try {
      await putConfig(node, vmid, config.digest, { delete: key });
    } catch (failure) {
      showError(failure);
    }
    reload();
  };

  return (
    <div>
      {editable && (
        <div class="vm-actions">
          <button class="button" onClick={() => setOpen({ kind: "options" })} data-testid="hw-edit">
            Edit CPU, memory, name…
          </button>
          <button class="button" onClick={() => setOpen({ kind: "add-disk" })} data-testid="hw-add-disk">
            Add disk
          </button>
          <button class="button" disabled={!nextNic} onClick={() => setOpen({ kind: "add-nic" })} data-testid="hw-add-nic">
            Add network device
          </button>
        </div>
      )}
      <table class="config-table" data-testid="hardware-table">
        <thead>
          <tr>
            <th>Key</th>
            <th>Value</th>
            <th>Pending</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => {
            const disk = isDiskKey(item.key) && !/media=cdrom/.test(String(item.value ?? item.pending ?? ""));
            return (
              <tr key={item.key} data-testid={`hw-row-${item.key}`}>
                <td>{item.key}</td>
                <td class="value">{item.value ?? ""}</td>
                <td class="value pending">{item.delete ? "to be removed" : item.pending ?? ""}</td>
                <td>
                  {editable && disk && (
                    <>
                      <button class="link" onClick={() => setOpen({ kind: "resize", key: item.key })}>Resize</button>
                      <button class="link" onClick={() => setOpen({ kind: "detach", key: item.key })}>Detach</button>
                    </>
                  )}
                  {editable && /^unused\d+$/.test(item.key) && <button class="link" onClick={() => setOpen({ kind: "remove", key: item.key })}>Delete</button>}
                  {editable && /^net\d+$/.test(item.key) && (
                    <>
                      <button class="link" onClick={() => setOpen({ kind: "edit-nic", key: item.key })}>Edit</button>
                      <button class="link" onClick={() => setOpen({ kind: "remove", key: item.key })}>Remove</button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {open?.kind === "options" && <OptionsDialog node={node} vmid={vmid} config={config} onClose={close} onSaved={reload} />}
      {open?.kind === "add-disk" && <AddDiskDialog node={node} vmid={vmid} config={config} taken={taken} onClose={close} onSaved={reload} />}
      {open?.kind === "add-nic" && nextNic && <NicDialog node={node} vmid={vmid} config={config} nicKey={nextNic} editing={false} onClose={close} onSaved={reload} />}
      {open?.kind === "edit-nic" && <NicDialog node={node} vmid={vmid} config={config} nicKey={open.key} editing onClose={close} onSaved={reload} />}
      {open?.kind === "resize" && <ResizeDiskDialog node={node} vmid={vmid} disk={open.key} config={config} onClose={close} onSaved={reload} />}
      {open?.kind === "detach" && (
        <ConfirmDialog title={`Detach ${open.key}`} okLabel="Detach" onClose={close} onConfirm={() => remove(open.key)}>
          <p>The disk is detached and kept as an unused disk; delete it from there to free its space.</p>
        </ConfirmDialog>
      )}
      {open?.kind === "remove" && (
        <ConfirmDialog title={`Remove ${open.key}`} okLabel="Remove" onClose={close} onConfirm={() => remove(open.key)}>
          <p>{/^unused/.test(open.key) ? "The volume is destroyed: its data is lost." : "The device is removed from the VM."}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
