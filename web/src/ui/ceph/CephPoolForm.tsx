import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, bind } from "../widgets/Field";
import { Modal } from "../widgets/Modal";
import { followTask } from "../widgets/runTask";
import { check, collectErrors, submitForm, type FieldErrors } from "../widgets/submit";

/** Creates a pool (a `cephcreatepool` task), optionally with a matching RBD storage (`add_storages`). */
export function CephPoolForm({ node, onDone }: { node: string; onDone: () => void }) {
  const [values, setValues] = useState({ name: "", size: "3", min_size: "2", pg_num: "128", application: "rbd" });
  const [addStorages, setAddStorages] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = (name: string, value: string) => setValues({ ...values, [name]: value });

  const save = async () => {
    const found = collectErrors({
      name: check.required(values.name) ?? check.name(values.name),
      size: check.integer(values.size, 1, 7),
      min_size: check.integer(values.min_size, 1, 7) ?? (Number(values.min_size) > Number(values.size) ? "at most the size" : null),
      pg_num: check.integer(values.pg_num, 1, 32768),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    let upid: string | null = null;
    const sent = await submitForm(async () => {
      upid = await api<string | null>("POST", `/nodes/${encodeURIComponent(node)}/ceph/pool`, { ...values, name: values.name.trim(), add_storages: addStorages });
    }, setErrors, ["name", "application", "size", "min_size", "pg_num"]);
    if (!sent) return;
    onDone();
    await followTask(upid, `Create pool ${values.name}`);
  };

  return (
    <Modal title="Create Ceph pool">
      <form
        data-testid="ceph-pool-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div class="form-grid">
          <Field name="name" label="Name" error={errors.name}>
            <input {...bind("name", values.name, change, errors.name)} />
          </Field>
          <Field name="application" label="Application" error={errors.application}>
            <select {...bind("application", values.application, change, errors.application)}>
              <option value="rbd">rbd</option>
              <option value="cephfs">cephfs</option>
              <option value="rgw">rgw</option>
            </select>
          </Field>
          <Field name="size" label="Size (replicas)" error={errors.size}>
            <input {...bind("size", values.size, change, errors.size)} inputMode="numeric" />
          </Field>
          <Field name="min_size" label="Min. size" error={errors.min_size}>
            <input {...bind("min_size", values.min_size, change, errors.min_size)} inputMode="numeric" />
          </Field>
          <Field name="pg_num" label="Placement groups" error={errors.pg_num}>
            <input {...bind("pg_num", values.pg_num, change, errors.pg_num)} inputMode="numeric" />
          </Field>
        </div>
        <label class="form-field inline">
          <input type="checkbox" data-testid="field-add_storages" checked={addStorages} onChange={(event) => setAddStorages((event.currentTarget as HTMLInputElement).checked)} />
          Add as RBD storage
        </label>
        <div class="modal-actions">
          <button type="button" class="button" data-testid="form-cancel" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="form-submit">
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}
