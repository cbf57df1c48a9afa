import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { followTask, vmPath, type VmConfig } from "../../api/vms";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";

/** Grows a disk by some GiB (`PUT …/resize size=+NG`; the API refuses to shrink). */
export function ResizeDiskDialog({ node, vmid, disk, config, onClose, onSaved }: { node: string; vmid: number; disk: string; config: VmConfig; onClose: () => void; onSaved: () => void }) {
  const [grow, setGrow] = useState("1");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const current = /size=([^,]+)/.exec(String(config[disk] ?? ""))?.[1];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!/^\d+(\.\d+)?$/.test(grow) || Number(grow) <= 0) return setErrors({ size: "GiB to add (more than 0)" });
    setBusy(true);
    try {
      const upid = await api<string | null>("PUT", vmPath(node, vmid, "/resize"), { disk, size: `+${grow}G`, digest: config.digest });
      onClose();
      if (upid) await followTask(upid, `Resize ${disk} of VM ${vmid}`);
      onSaved();
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["size", "disk"], setErrors);
    }
  };

  return (
    <Dialog title={`Resize ${disk}`} onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <p>Current size: {current ?? "unknown"}</p>
        <Field name="size" label="Grow by (GiB)" error={errors.size}>
          <input type="number" min={1} step="any" {...inputProps("size", grow, setGrow, errors.size)} />
        </Field>
        <DialogButtons okLabel="Resize" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
