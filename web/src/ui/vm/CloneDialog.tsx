import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { followTask, vmPath } from "../../api/vms";
import { resources } from "../../state/resources";
import { navigate } from "../../state/router";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";
import type { VmContext } from "./VmContext";

/** Clone: new VMID (from nextid), name, target node, linked (templates only) or full with a target storage. */
export function CloneDialog({ vmid, node, template, onClose }: VmContext & { template: boolean; onClose: () => void }) {
  const nodes = resources.value.filter((r) => r.type === "node" && r.status === "online").map((r) => r.node ?? "");
  const [newid, setNewid] = useState("");
  const [name, setName] = useState("");
  const [target, setTarget] = useState(node);
  const [full, setFull] = useState(!template);
  const [storage, setStorage] = useState("");
  const [storages, setStorages] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => void api<string>("GET", "/cluster/nextid").then((id) => setNewid(String(id)), () => undefined), []);
  useEffect(() => {
    api<{ storage: string }[]>("GET", `/nodes/${encodeURIComponent(target)}/storage`, { content: "images" }).then((list) => setStorages(list.map((s) => s.storage)), () => setStorages([]));
  }, [target]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^\d+$/.test(newid) || Number(newid) < 100) found.newid = "a VMID from 100";
    if (name && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name)) found.name = "a DNS name";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const upid = await api<string>("POST", vmPath(node, vmid, "/clone"), {
        newid: Number(newid),
        name,
        target: target !== node ? target : undefined,
        full: template ? full : undefined,
        storage: full && storage ? storage : undefined,
      });
      onClose();
      if (await followTask(upid, `Clone VM ${vmid} to ${newid}`)) navigate(`/vm/${newid}`);
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["newid", "name", "target", "storage", "full"], setErrors);
    }
  };

  return (
    <Dialog title={`Clone ${template ? "template" : "VM"} ${vmid}`} onClose={onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field name="newid" label="New VM ID" error={errors.newid}>
          <input type="number" min={100} {...inputProps("newid", newid, setNewid, errors.newid)} />
        </Field>
        <Field name="name" label="Name" error={errors.name}>
          <input type="text" {...inputProps("name", name, setName, errors.name)} />
        </Field>
        <Field name="target" label="Target node" error={errors.target} hint="another node needs shared storage">
          <select {...inputProps("target", target, setTarget, errors.target)}>
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field name="full" label="Mode" error={errors.full}>
          <select {...inputProps("full", full ? "1" : "0", (v) => setFull(v === "1"))} disabled={!template}>
            {template && <option value="0">Linked clone</option>}
            <option value="1">Full clone</option>
          </select>
        </Field>
        {full && (
          <Field name="storage" label="Target storage" error={errors.storage}>
            <select {...inputProps("storage", storage, setStorage, errors.storage)}>
              <option value="">Same as source</option>
              {storages.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        )}
        <DialogButtons okLabel="Clone" onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
