import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { resources } from "../../state/resources";
import { Field } from "../widgets/Field";
import { Modal } from "../widgets/Modal";
import { submitForm, type FieldErrors } from "../widgets/submit";

/**
 * Asks the HA manager to move a resource: `migrate` (live) or `relocate` (stop, move, start). The request is
 * accepted at once and carried out by the manager: its progress shows in the services' state.
 */
export function HaMoveForm({ sid, kind, onDone }: { sid: string; kind: "migrate" | "relocate"; onDone: () => void }) {
  const nodes = resources.value.filter((item) => item.type === "node" && item.status === "online").map((item) => item.node ?? "");
  const [node, setNode] = useState(nodes[0] ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});

  const send = async () => {
    if (!node) {
      setErrors({ node: "required" });
      return;
    }
    if (await submitForm(() => api("POST", `/cluster/ha/resources/${encodeURIComponent(sid)}/${kind}`, { node }), setErrors, ["node"])) onDone();
  };

  return (
    <Modal title={`${kind === "migrate" ? "Migrate" : "Relocate"} ${sid}`}>
      <Field name="node" label="Target node" error={errors.node}>
        <select data-testid="field-node" value={node} onChange={(event) => setNode((event.currentTarget as HTMLSelectElement).value)}>
          {nodes.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <div class="modal-actions">
        <button class="button" data-testid="form-cancel" onClick={onDone}>
          Cancel
        </button>
        <button class="button primary" data-testid="form-submit" onClick={() => void send()}>
          {kind === "migrate" ? "Migrate" : "Relocate"}
        </button>
      </div>
    </Modal>
  );
}
