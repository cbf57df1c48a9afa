import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, bind } from "../widgets/Field";
import { Modal } from "../widgets/Modal";
import { check, collectErrors, submitForm, type FieldErrors } from "../widgets/submit";
import type { NetworkInterface } from "./networkTypes";

interface BridgeValues {
  iface: string;
  bridge_ports: string;
  cidr: string;
  gateway: string;
  comments: string;
  bridge_vlan_aware: boolean;
  autostart: boolean;
}

function validate(values: BridgeValues, creating: boolean): FieldErrors {
  return collectErrors({
    iface: creating ? (check.required(values.iface) ?? (/^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/.test(values.iface) ? null : "up to 15 letters, digits, '-', '_' or '.', e.g. vmbr1")) : null,
    bridge_ports: values.bridge_ports.trim() && !/^[a-zA-Z0-9_.-]+( +[a-zA-Z0-9_.-]+)*$/.test(values.bridge_ports.trim()) ? "interface names separated by spaces" : null,
    cidr: values.cidr.trim() ? check.cidr(values.cidr) : null,
    gateway: values.gateway.trim() ? (check.ipv4(values.gateway) ?? (values.cidr.trim() ? null : "needs an address (CIDR)")) : null,
  });
}

/** Creates or edits a Linux bridge (a staged change until Apply). */
export function BridgeForm({ node, existing, onDone }: { node: string; existing: NetworkInterface | null; onDone: (saved: boolean) => void }) {
  const creating = existing === null;
  const [values, setValues] = useState<BridgeValues>({
    iface: existing?.iface ?? "",
    bridge_ports: existing?.bridge_ports ?? "",
    cidr: existing?.cidr ?? "",
    gateway: existing?.gateway ?? "",
    comments: existing?.comments ?? "",
    bridge_vlan_aware: !!existing?.bridge_vlan_aware,
    autostart: existing ? !!existing.autostart : true,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const change = (name: string, value: string) => setValues({ ...values, [name]: value });

  const save = async () => {
    const found = validate(values, creating);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const texts = { bridge_ports: values.bridge_ports.trim(), cidr: values.cidr.trim(), gateway: values.gateway.trim(), comments: values.comments.trim() };
    const settings = { ...texts, bridge_vlan_aware: values.bridge_vlan_aware, autostart: values.autostart };
    // On edit, a field emptied by the user must be deleted explicitly (an empty value is not sent).
    const cleared = Object.entries(texts).filter(([, value]) => value === "").map(([name]) => name).filter((name) => existing?.[name as keyof NetworkInterface] !== undefined);
    setBusy(true);
    const saved = await submitForm(
      () =>
        creating
          ? api("POST", `/nodes/${encodeURIComponent(node)}/network`, { iface: values.iface.trim(), type: "bridge", ...settings })
          : api("PUT", `/nodes/${encodeURIComponent(node)}/network/${encodeURIComponent(existing.iface)}`, { type: "bridge", ...settings, delete: cleared.join(",") }),
      setErrors,
      ["iface", "bridge_ports", "cidr", "gateway", "comments", "type"],
    );
    setBusy(false);
    if (saved) onDone(true);
  };

  return (
    <Modal title={creating ? "Create Linux bridge" : `Edit ${existing.iface}`}>
      <form
        data-testid="bridge-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div class="form-grid">
          <Field name="iface" label="Name" error={errors.iface}>
            <input {...bind("iface", values.iface, change, errors.iface)} disabled={!creating} placeholder="vmbr1" />
          </Field>
          <Field name="bridge_ports" label="Bridge ports" error={errors.bridge_ports}>
            <input {...bind("bridge_ports", values.bridge_ports, change, errors.bridge_ports)} placeholder="eth1" />
          </Field>
          <Field name="cidr" label="IPv4/CIDR" error={errors.cidr}>
            <input {...bind("cidr", values.cidr, change, errors.cidr)} placeholder="192.0.2.10/24" />
          </Field>
          <Field name="gateway" label="Gateway" error={errors.gateway}>
            <input {...bind("gateway", values.gateway, change, errors.gateway)} placeholder="192.0.2.1" />
          </Field>
        </div>
        <Field name="comments" label="Comment" error={errors.comments}>
          <input {...bind("comments", values.comments, change, errors.comments)} />
        </Field>
        <label class="form-field inline">
          <input type="checkbox" data-testid="field-bridge_vlan_aware" checked={values.bridge_vlan_aware} onChange={(event) => setValues({ ...values, bridge_vlan_aware: (event.currentTarget as HTMLInputElement).checked })} />
          VLAN aware
        </label>
        <label class="form-field inline">
          <input type="checkbox" data-testid="field-autostart" checked={values.autostart} onChange={(event) => setValues({ ...values, autostart: (event.currentTarget as HTMLInputElement).checked })} />
          Autostart
        </label>
        {errors.type && <p class="field-error" data-testid="field-error-type">{errors.type}</p>}
        <div class="modal-actions">
          <button type="button" class="button" data-testid="form-cancel" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="form-submit" disabled={busy}>
            {creating ? "Create" : "Save"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
