import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, bind } from "../widgets/Field";
import { Modal } from "../widgets/Modal";
import { check, collectErrors, submitForm, type FieldErrors } from "../widgets/submit";
import { haStates, type HaGroup, type HaResource } from "./haTypes";

/** Adds a VM to HA (`vmid` → sid `vm:<vmid>`) or edits an HA resource's settings. */
export function HaResourceForm({ existing, groups, onDone }: { existing: HaResource | null; groups: HaGroup[]; onDone: (saved: boolean) => void }) {
  const creating = existing === null;
  const [values, setValues] = useState({
    vmid: existing?.sid.replace(/^vm:/, "") ?? "",
    state: existing?.state ?? "started",
    group: existing?.group ?? "",
    max_restart: String(existing?.max_restart ?? 1),
    max_relocate: String(existing?.max_relocate ?? 1),
    comment: existing?.comment ?? "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = (name: string, value: string) => setValues({ ...values, [name]: value });

  const save = async () => {
    const found = collectErrors({
      vmid: creating ? check.integer(values.vmid, 100, 999_999_999) : null,
      max_restart: check.integer(values.max_restart, 0, 10),
      max_relocate: check.integer(values.max_relocate, 0, 10),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const settings = { state: values.state, group: values.group, max_restart: values.max_restart, max_relocate: values.max_relocate, comment: values.comment.trim() };
    const cleared = [!values.group && existing?.group ? "group" : "", !settings.comment && existing?.comment ? "comment" : ""].filter(Boolean).join(",");
    const saved = await submitForm(
      () => (creating ? api("POST", "/cluster/ha/resources", { sid: `vm:${values.vmid.trim()}`, ...settings }) : api("PUT", `/cluster/ha/resources/${encodeURIComponent(existing.sid)}`, { ...settings, delete: cleared })),
      (apiErrors) => setErrors(apiErrors.sid && !apiErrors.vmid ? { ...apiErrors, vmid: apiErrors.sid } : apiErrors),
      ["sid", "vmid", "state", "group", "max_restart", "max_relocate", "comment"],
    );
    if (saved) onDone(true);
  };

  return (
    <Modal title={creating ? "Add a VM to HA" : `Edit ${existing.sid}`}>
      <form
        data-testid="ha-resource-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div class="form-grid">
          <Field name="vmid" label="VMID" error={errors.vmid}>
            <input {...bind("vmid", values.vmid, change, errors.vmid)} disabled={!creating} inputMode="numeric" />
          </Field>
          <Field name="state" label="Requested state" error={errors.state}>
            <select {...bind("state", values.state, change, errors.state)}>
              {haStates.map((state) => (
                <option key={state} value={state}>
                  {state}
                </option>
              ))}
            </select>
          </Field>
          <Field name="group" label="Group" error={errors.group}>
            <select {...bind("group", values.group, change, errors.group)}>
              <option value="">none</option>
              {groups.map((group) => (
                <option key={group.group} value={group.group}>
                  {group.group}
                </option>
              ))}
            </select>
          </Field>
          <Field name="max_restart" label="Max. restarts" error={errors.max_restart}>
            <input {...bind("max_restart", values.max_restart, change, errors.max_restart)} inputMode="numeric" />
          </Field>
          <Field name="max_relocate" label="Max. relocations" error={errors.max_relocate}>
            <input {...bind("max_relocate", values.max_relocate, change, errors.max_relocate)} inputMode="numeric" />
          </Field>
          <Field name="comment" label="Comment" error={errors.comment}>
            <input {...bind("comment", values.comment, change, errors.comment)} />
          </Field>
        </div>
        <div class="modal-actions">
          <button type="button" class="button" data-testid="form-cancel" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="form-submit">
            {creating ? "Add" : "Save"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
