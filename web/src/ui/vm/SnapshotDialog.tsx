import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { followTask, vmPath } from "../../api/vms";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";
import type { VmContext } from "./VmContext";

export const snapshotNamePattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Take a snapshot: name (checked as the API does), description, and the RAM state when running. */
export function SnapshotDialog({ vmid, node, running, onClose, onDone }: VmContext & { running: boolean; onClose: () => void; onDone?: () => void }) {
  const [snapname, setSnapname] = useState("");
  const [description, setDescription] = useState("");
  const [vmstate, setVmstate] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!snapshotNamePattern.test(snapname) || snapname.length > 40) return setErrors({ snapname: "a letter, then letters, digits, '_' or '-' (at most 40)" });
    if (snapname === "current") return setErrors({ snapname: "'current' is reserved" });
    setBusy(true);
    try {
      const upid = await api<string>("POST", vmPath(node, vmid, "/snapshot"), { snapname, description, vmstate: running && vmstate ? 1 : undefined });
      onClose();
      await followTask(upid, `Snapshot ${snapname} of VM ${vmid}`);
      onDone?.();
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["snapname", "description", "vmstate"], setErrors);
    }
  };

  return (
    <Dialog title={`Take a snapshot of VM ${vmid}`} onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field name="snapname" label="Name" error={errors.snapname}>
          <input type="text" autoFocus {...inputProps("snapname", snapname, setSnapname, errors.snapname)} />
        </Field>
        <Field name="description" label="Description" error={errors.description}>
          <textarea rows={2} {...inputProps("description", description, setDescription, errors.description)} />
        </Field>
        {running && (
          <label class="form-check">
            <input type="checkbox" checked={vmstate} data-testid="field-vmstate" onChange={(e) => setVmstate((e.currentTarget as HTMLInputElement).checked)} />
            Include RAM (vmstate)
          </label>
        )}
        <DialogButtons okLabel="Take snapshot" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
