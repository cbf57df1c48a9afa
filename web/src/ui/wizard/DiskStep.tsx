import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { bytes } from "../format";
import { Field, inputProps } from "../common/Field";
import type { StepProps } from "./StepProps";

interface StorageItem {
  storage: string;
  type: string;
  avail?: number;
  active?: number;
}

/** The first disk: storage holding images on the chosen node, size in GiB, bus; or an image to import. */
export function DiskStep({ values, errors, set }: StepProps) {
  const [storages, setStorages] = useState<StorageItem[]>([]);
  useEffect(() => {
    if (!values.node) return;
    api<StorageItem[]>("GET", `/nodes/${encodeURIComponent(values.node)}/storage`, { content: "images" }).then((list) => {
      setStorages(list);
      if (!list.some((s) => s.storage === values["disk-storage"]) && list[0]) set("disk-storage", list[0].storage);
    }, () => undefined);
    // Reload when the node changes only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.node]);
  const importing = values["import-from"].trim() !== "";
  return (
    <>
      <Field name="disk-storage" label="Storage" error={errors["disk-storage"]}>
        <select {...inputProps("disk-storage", values["disk-storage"], (v) => set("disk-storage", v), errors["disk-storage"])}>
          {!values["disk-storage"] && <option value="">Choose…</option>}
          {storages.map((s) => (
            <option key={s.storage} value={s.storage}>
              {s.storage} ({s.type}
              {s.avail !== undefined ? `, ${bytes(s.avail)} free` : ""})
            </option>
          ))}
        </select>
      </Field>
      <Field name="disk-size" label="Size (GiB)" error={errors["disk-size"]} hint={importing ? "the imported image's size is used" : undefined}>
        <input type="number" min={1} step="any" disabled={importing} {...inputProps("disk-size", values["disk-size"], (v) => set("disk-size", v), errors["disk-size"])} />
      </Field>
      <Field name="disk-bus" label="Bus" error={errors["disk-bus"]}>
        <select {...inputProps("disk-bus", values["disk-bus"], (v) => set("disk-bus", v))}>
          <option value="scsi">SCSI (virtio-scsi)</option>
          <option value="virtio">VirtIO block</option>
          <option value="sata">SATA</option>
          <option value="ide">IDE</option>
        </select>
      </Field>
      <Field name="import-from" label="Import from (optional)" error={errors["import-from"]} hint="an image path on the node or a volume id; empty for a blank disk">
        <input type="text" placeholder="/var/lib/images/debian.qcow2" {...inputProps("import-from", values["import-from"], (v) => set("import-from", v), errors["import-from"])} />
      </Field>
    </>
  );
}
