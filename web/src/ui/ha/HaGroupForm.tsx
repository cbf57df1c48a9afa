import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, bind } from "../widgets/Field";
import { Modal } from "../widgets/Modal";
import { check, collectErrors, submitForm, type FieldErrors } from "../widgets/submit";
import type { HaGroup } from "./haTypes";

/** `n1:2,n2` (node with optional priority): checked before sending, as the API would. */
function checkNodes(value: string): string | null {
  if (!value.trim()) return "required";
  return value.split(",").every((part) => /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(:\d+)?$/.test(part.trim())) ? null : "node names with an optional priority, e.g. n1:2,n2";
}

/** Creates or edits an HA group (nodes with priorities, restricted, nofailback). */
export function HaGroupForm({ existing, onDone }: { existing: HaGroup | null; onDone: (saved: boolean) => void }) {
  const creating = existing === null;
  const [values, setValues] = useState({ group: existing?.group ?? "", nodes: existing?.nodes ?? "", comment: existing?.comment ?? "" });
  const [restricted, setRestricted] = useState(!!existing?.restricted);
  const [nofailback, setNofailback] = useState(!!existing?.nofailback);
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = (name: string, value: string) => setValues({ ...values, [name]: value });

  const save = async () => {
    const found = collectErrors({ group: creating ? (check.required(values.group) ?? check.name(values.group)) : null, nodes: checkNodes(values.nodes) });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const settings = { nodes: values.nodes.replace(/\s+/g, ""), restricted, nofailback, comment: values.comment.trim() };
    const saved = await submitForm(
      () =>
        creating
          ? api("POST", "/cluster/ha/groups", { group: values.group.trim(), ...settings })
          : api("PUT", `/cluster/ha/groups/${encodeURIComponent(existing.group)}`, { ...settings, delete: !settings.comment && existing.comment ? "comment" : "" }),
      setErrors,
      ["group", "nodes", "comment"],
    );
    if (saved) onDone(true);
  };

  return (
    <Modal title={creating ? "Create HA group" : `Edit group ${existing.group}`}>
      <form
        data-testid="ha-group-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field name="group" label="Name" error={errors.group}>
          <input {...bind("group", values.group, change, errors.group)} disabled={!creating} />
        </Field>
        <Field name="nodes" label="Nodes (node[:priority], comma-separated)" error={errors.nodes}>
          <input {...bind("nodes", values.nodes, change, errors.nodes)} placeholder="n1:2,n2" />
        </Field>
        <Field name="comment" label="Comment" error={errors.comment}>
          <input {...bind("comment", values.comment, change, errors.comment)} />
        </Field>
        <label class="form-field inline">
          <input type="checkbox" data-testid="field-restricted" checked={restricted} onChange={(event) => setRestricted((event.currentTarget as HTMLInputElement).checked)} />
          Restricted (only run on these nodes)
        </label>
        <label class="form-field inline">
          <input type="checkbox" data-testid="field-nofailback" checked={nofailback} onChange={(event) => setNofailback((event.currentTarget as HTMLInputElement).checked)} />
          No failback
        </label>
        <div class="modal-actions">
          <button type="button" class="button" data-testid="form-cancel" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="form-submit">
            {creating ? "Create" : "Save"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
