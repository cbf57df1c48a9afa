import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, bind } from "../widgets/Field";
import { check, collectErrors, submitForm, type FieldErrors } from "../widgets/submit";

/** Initialises Ceph on a node (`POST /nodes/{node}/ceph/init`): the public network is required. */
export function CephInitForm({ node, onDone }: { node: string; onDone: () => void }) {
  const [values, setValues] = useState({ network: "", "cluster-network": "", size: "3", min_size: "2" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const change = (name: string, value: string) => setValues({ ...values, [name]: value });

  const save = async () => {
    const found = collectErrors({
      network: check.required(values.network) ?? check.cidr(values.network),
      "cluster-network": values["cluster-network"].trim() ? check.cidr(values["cluster-network"]) : null,
      size: check.integer(values.size, 1, 7),
      min_size: check.integer(values.min_size, 1, 7) ?? (Number(values.min_size) > Number(values.size) ? "at most the size" : null),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const done = await submitForm(() => api("POST", `/nodes/${encodeURIComponent(node)}/ceph/init`, values), setErrors, ["network", "cluster-network", "size", "min_size"]);
    setBusy(false);
    if (done) onDone();
  };

  return (
    <form
      class="section card"
      data-testid="ceph-init-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>Initialise Ceph on {node}</h3>
      <div class="form-grid">
        <Field name="network" label="Public network (CIDR)" error={errors.network}>
          <input {...bind("network", values.network, change, errors.network)} placeholder="192.0.2.0/24" />
        </Field>
        <Field name="cluster-network" label="Cluster network (optional)" error={errors["cluster-network"]}>
          <input {...bind("cluster-network", values["cluster-network"], change, errors["cluster-network"])} />
        </Field>
        <Field name="size" label="Default pool size" error={errors.size}>
          <input {...bind("size", values.size, change, errors.size)} inputMode="numeric" />
        </Field>
        <Field name="min_size" label="Default min. size" error={errors.min_size}>
          <input {...bind("min_size", values.min_size, change, errors.min_size)} inputMode="numeric" />
        </Field>
      </div>
      <button type="submit" class="button primary" data-testid="ceph-init-submit" disabled={busy}>
        Initialise Ceph
      </button>
    </form>
  );
}
