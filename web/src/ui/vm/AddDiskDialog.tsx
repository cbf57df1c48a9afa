import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { VmConfig } from "../../api/vms";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";
import { busLimits, nextFreeKey, putConfig } from "./hardware";

/** Adds a blank disk (storage + size in GiB) on the first free slot of the chosen bus. */
export function AddDiskDialog({ node, vmid, config, taken, onClose, onSaved }: { node: string; vmid: number; config: VmConfig; taken: string[]; onClose: () => void; onSaved: () => void }) {
  const [bus, setBus] = useState("scsi");
  const [storage, setStorage] = useState("");
  const [storages, setStorages] = useState<string[]>([]);
  const [size, setSize] = useState("8");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const key = nextFreeKey(bus, taken, busLimits[bus] ?? 0);

  useEffect(() => {
    api<{ storage: string }[]>("GET", `/nodes/${encodeURIComponent(node)}/storage`, { content: "images" }).then((list) => {
      setStorages(list.map((s) => s.storage));
      if (list[0]) setStorage(list[0].storage);
    }, () => undefined);
  }, [node]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!storage) found.storage = "choose a storage";
    if (!/^\d+(\.\d+)?$/.test(size) || Number(size) <= 0) found.size = "a size in GiB";
    if (!key) found.bus = `no free ${bus} slot`;
    setErrors(found);
    if (Object.keys(found).length > 0 || !key) return;
    setBusy(true);
    try {
      await putConfig(node, vmid, config.digest, { [key]: `${storage}:${size}` });
      onSaved();
      onClose();
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["storage", "size"], (errs) => setErrors(errs[key] ? { ...errs, storage: errs[key] } : errs));
    }
  };

  return (
    <Dialog title="Add a disk" onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field name="bus" label={`Bus (next slot: ${key ?? "none"})`} error={errors.bus}>
          <select {...inputProps("bus", bus, setBus)}>
            {Object.keys(busLimits).map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </Field>
        <Field name="storage" label="Storage" error={errors.storage}>
          <select {...inputProps("storage", storage, setStorage, errors.storage)}>
            {storages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field name="size" label="Size (GiB)" error={errors.size}>
          <input type="number" min={1} step="any" {...inputProps("size", size, setSize, errors.size)} />
        </Field>
        <DialogButtons okLabel="Add" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
