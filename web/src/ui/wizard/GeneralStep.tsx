import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, inputProps } from "../common/Field";
import type { StepProps } from "./StepProps";

interface NodeItem {
  node: string;
  status: string;
}

/** Node (from /nodes), VMID (suggested by /cluster/nextid, checked on Next) and name. */
export function GeneralStep({ values, errors, set, suggest }: StepProps) {
  const [nodes, setNodes] = useState<NodeItem[]>([]);
  useEffect(() => {
    api<NodeItem[]>("GET", "/nodes").then((list) => {
      const sorted = [...list].sort((a, b) => a.node.localeCompare(b.node));
      setNodes(sorted);
      const online = sorted.find((n) => n.status === "online") ?? sorted[0];
      if (online) suggest("node", online.node);
    }, () => undefined);
    if (!values.vmid) api<string>("GET", "/cluster/nextid").then((id) => suggest("vmid", String(id)), () => undefined);
    // Runs once when the step opens; the values it reads are only defaults.
  }, []);
  return (
    <>
      <Field name="node" label="Node" error={errors.node}>
        <select {...inputProps("node", values.node, (v) => set("node", v), errors.node)}>
          {!values.node && <option value="">Choose…</option>}
          {nodes.map((n) => (
            <option key={n.node} value={n.node} disabled={n.status !== "online"}>
              {n.node}
              {n.status !== "online" ? ` (${n.status})` : ""}
            </option>
          ))}
        </select>
      </Field>
      <Field name="vmid" label="VM ID" error={errors.vmid} hint="suggested: the lowest free id">
        <input type="number" min={100} {...inputProps("vmid", values.vmid, (v) => set("vmid", v), errors.vmid)} />
      </Field>
      <Field name="name" label="Name" error={errors.name} hint="optional, a DNS name">
        <input type="text" {...inputProps("name", values.name, (v) => set("name", v), errors.name)} />
      </Field>
    </>
  );
}
