import { useState } from "preact/hooks";
import type { VmConfig } from "../../api/vms";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";
import { putConfig } from "./hardware";

/** Edits name, memory, cores, sockets, description and onboot in one PUT (with the digest). */
export function OptionsDialog({ node, vmid, config, onClose, onSaved }: { node: string; vmid: number; config: VmConfig; onClose: () => void; onSaved: () => void }) {
  const [values, setValues] = useState({
    name: String(config.name ?? ""),
    memory: String(config.memory ?? "512").replace(/^current=/, ""),
    cores: String(config.cores ?? 1),
    sockets: String(config.sockets ?? 1),
    description: String(config.description ?? ""),
    onboot: Boolean(Number(config.onboot ?? 0)),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (value: string) => setValues({ ...values, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (values.name && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(values.name)) found.name = "a DNS name";
    if (!/^\d+$/.test(values.memory) || Number(values.memory) < 16) found.memory = "at least 16 MiB";
    if (!/^\d+$/.test(values.cores) || Number(values.cores) < 1) found.cores = "at least 1";
    if (!/^\d+$/.test(values.sockets) || Number(values.sockets) < 1) found.sockets = "at least 1";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      // An emptied name or description is deleted rather than set to "" (which the API refuses for name).
      const cleared = (["name", "description"] as const).filter((key) => !values[key] && config[key] !== undefined);
      await putConfig(node, vmid, config.digest, {
        name: values.name || undefined,
        description: values.description || undefined,
        memory: values.memory,
        cores: values.cores,
        sockets: values.sockets,
        onboot: values.onboot,
        delete: cleared.length ? cleared.join(",") : undefined,
      });
      onSaved();
      onClose();
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["name", "memory", "cores", "sockets", "description"], setErrors);
    }
  };

  return (
    <Dialog title={`Edit VM ${vmid}`} onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field name="name" label="Name" error={errors.name}>
          <input type="text" {...inputProps("name", values.name, set("name"), errors.name)} />
        </Field>
        <Field name="memory" label="Memory (MiB)" error={errors.memory}>
          <input type="number" min={16} {...inputProps("memory", values.memory, set("memory"), errors.memory)} />
        </Field>
        <div class="form-row">
          <Field name="sockets" label="Sockets" error={errors.sockets}>
            <input type="number" min={1} {...inputProps("sockets", values.sockets, set("sockets"), errors.sockets)} />
          </Field>
          <Field name="cores" label="Cores" error={errors.cores}>
            <input type="number" min={1} {...inputProps("cores", values.cores, set("cores"), errors.cores)} />
          </Field>
        </div>
        <Field name="description" label="Description" error={errors.description}>
          <textarea rows={3} {...inputProps("description", values.description, set("description"), errors.description)} />
        </Field>
        <label class="form-check">
          <input type="checkbox" checked={values.onboot} data-testid="field-onboot" onChange={(e) => setValues({ ...values, onboot: (e.currentTarget as HTMLInputElement).checked })} />
          Start at boot
        </label>
        <DialogButtons okLabel="Save" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
