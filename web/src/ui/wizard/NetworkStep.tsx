import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { Field, inputProps } from "../common/Field";
import type { StepProps } from "./StepProps";

/** The first NIC: a bridge of the node (or none), the model and an optional VLAN tag. */
export function NetworkStep({ values, errors, set }: StepProps) {
  const [bridges, setBridges] = useState<string[]>([]);
  useEffect(() => {
    if (!values.node) return;
    api<{ iface: string }[]>("GET", `/nodes/${encodeURIComponent(values.node)}/network`, { type: "any_bridge" }).then(
      (list) => setBridges(list.map((b) => b.iface).sort()),
      () => undefined,
    );
  }, [values.node]);
  return (
    <>
      <Field name="bridge" label="Bridge" error={errors.bridge}>
        <select {...inputProps("bridge", values.bridge, (v) => set("bridge", v), errors.bridge)}>
          <option value="">No network device</option>
          {bridges.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </Field>
      {values.bridge && (
        <>
          <Field name="net-model" label="Model">
            <select {...inputProps("net-model", values["net-model"], (v) => set("net-model", v))}>
              {["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field name="net-tag" label="VLAN tag" error={errors["net-tag"]} hint="optional, 1–4094">
            <input type="number" min={1} max={4094} {...inputProps("net-tag", values["net-tag"], (v) => set("net-tag", v), errors["net-tag"])} />
          </Field>
        </>
      )}
    </>
  );
}
