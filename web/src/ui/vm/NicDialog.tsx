import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { parseProperties, type VmConfig } from "../../api/vms";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";
import { putConfig } from "./hardware";

const models = ["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"];

/** Adds a NIC (`key` is the free netN) or edits one: model, bridge, VLAN tag, firewall; the MAC is kept. */
export function NicDialog({ node, vmid, config, nicKey, editing, onClose, onSaved }: { node: string; vmid: number; config: VmConfig; nicKey: string; editing: boolean; onClose: () => void; onSaved: () => void }) {
  const current = editing ? parseProperties(String(config[nicKey] ?? "")) : {};
  // The head of a NIC string is "<model>=<MAC>" (canonical form) or "model=<model>".
  const model0 = models.find((m) => current[m] !== undefined) ?? current.model ?? "virtio";
  const mac = current[model0] ?? current.macaddr;
  const [model, setModel] = useState(model0);
  const [bridge, setBridge] = useState(current.bridge ?? "");
  const [tag, setTag] = useState(current.tag ?? "");
  const [firewall, setFirewall] = useState(current.firewall === "1");
  const [bridges, setBridges] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ iface: string }[]>("GET", `/nodes/${encodeURIComponent(node)}/network`, { type: "any_bridge" }).then((list) => {
      setBridges(list.map((b) => b.iface).sort());
      if (!bridge && list[0]) setBridge(list[0].iface);
    }, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [node]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!bridge) found.bridge = "choose a bridge";
    if (tag && (!/^\d+$/.test(tag) || Number(tag) < 1 || Number(tag) > 4094)) found.tag = "a VLAN from 1 to 4094";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    // Keep the options this dialog does not show (rate, mtu, queues…) so editing does not drop them.
    const kept = Object.entries(current).filter(([k]) => !["model", "macaddr", "bridge", "tag", "firewall", ...models].includes(k));
    const value = [`${model}${mac ? `=${mac}` : ""}`, `bridge=${bridge}`, firewall ? "firewall=1" : "", tag ? `tag=${tag}` : "", ...kept.map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(",");
    setBusy(true);
    try {
      await putConfig(node, vmid, config.digest, { [nicKey]: value });
      onSaved();
      onClose();
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["bridge", "tag"], (errs) => setErrors(errs[nicKey] ? { ...errs, bridge: errs[nicKey] } : errs));
    }
  };

  return (
    <Dialog title={editing ? `Edit ${nicKey}` : `Add a network device (${nicKey})`} onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field name="model" label="Model">
          <select {...inputProps("model", model, setModel)}>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <Field name="bridge" label="Bridge" error={errors.bridge}>
          <select {...inputProps("bridge", bridge, setBridge, errors.bridge)}>
            {!bridges.includes(bridge) && bridge && <option value={bridge}>{bridge}</option>}
            {bridges.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </Field>
        <Field name="tag" label="VLAN tag" error={errors.tag} hint="optional">
          <input type="number" min={1} max={4094} {...inputProps("tag", tag, setTag, errors.tag)} />
        </Field>
        <label class="form-check">
          <input type="checkbox" checked={firewall} onChange={(e) => setFirewall((e.currentTarget as HTMLInputElement).checked)} />
          Firewall
        </label>
        {mac && <p class="muted">MAC address {mac} (kept)</p>}
        <DialogButtons okLabel={editing ? "Save" : "Add"} onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
