import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { describeError } from "../../api/errors";
import { followTask, vmPath } from "../../api/vms";
import { resources } from "../../state/resources";
import { reportFormError } from "../common/apiErrors";
import { Dialog, DialogButtons } from "../common/Dialog";
import { Field, inputProps } from "../common/Field";
import { bytes } from "../format";
import type { VmContext } from "./VmContext";

interface Precheck {
  running: number;
  allowed_nodes?: string[];
  not_allowed_nodes?: Record<string, { unavailable_storages?: string[]; [reason: string]: unknown }>;
  local_disks?: { volid: string; size?: number; cdrom?: number; is_unused?: number }[];
  local_resources?: string[];
}

/** Migrate: target node, with the API's precheck (allowed nodes, why others are not, local disks) shown. */
export function MigrateDialog({ vmid, node, running, onClose }: VmContext & { running: boolean; onClose: () => void }) {
  const others = resources.value.filter((r) => r.type === "node" && r.node !== node).map((r) => r.node ?? "");
  const [target, setTarget] = useState(others[0] ?? "");
  const [check, setCheck] = useState<Precheck | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [withLocalDisks, setWithLocalDisks] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setCheck(null);
    api<Precheck>("GET", vmPath(node, vmid, "/migrate"), { target: target || undefined }).then(
      (answer) => (setCheck(answer), setCheckError(null)),
      (error) => setCheckError(describeError(error)),
    );
  }, [target, node, vmid]);

  const refusal = target ? check?.not_allowed_nodes?.[target] : undefined;
  const localDisks = (check?.local_disks ?? []).filter((disk) => !disk.cdrom);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!target) return setErrors({ target: "choose a target node" });
    setBusy(true);
    try {
      const upid = await api<string>("POST", vmPath(node, vmid, "/migrate"), { target, online: running ? 1 : undefined, "with-local-disks": localDisks.length > 0 && withLocalDisks ? 1 : undefined });
      onClose();
      await followTask(upid, `Migrate VM ${vmid} to ${target}`);
    } catch (error) {
      setBusy(false);
      reportFormError(error, ["target", "online", "with-local-disks", "targetstorage"], setErrors);
    }
  };

  return (
    <Dialog title={`Migrate VM ${vmid} from ${node}`} onClose={onClose} wide>
      <form class="form" onSubmit={submit} noValidate>
        {others.length === 0 && <p class="muted">There is no other node to migrate to.</p>}
        <Field name="target" label="Target node" error={errors.target}>
          <select {...inputProps("target", target, setTarget, errors.target)}>
            {others.map((n) => (
              <option key={n} value={n}>
                {n}
                {check?.allowed_nodes?.includes(n) ? "" : check?.not_allowed_nodes?.[n] ? " (not allowed)" : ""}
              </option>
            ))}
          </select>
        </Field>
        <p>Mode: {running ? "online (live) migration" : "offline migration"}</p>
        {checkError && <p class="error">Precheck failed: {checkError}</p>}
        {!check && !checkError && <p class="muted">Checking…</p>}
        {check && (
          <div data-testid="migrate-precheck">
            {check.allowed_nodes && <p>Allowed nodes: {check.allowed_nodes.join(", ") || "none"}</p>}
            {Object.entries(check.not_allowed_nodes ?? {}).map(([name, why]) => (
              <p key={name} class="error">
                {name}: {why.unavailable_storages?.length ? `storages not available there: ${why.unavailable_storages.join(", ")}` : JSON.stringify(why)}
              </p>
            ))}
            {localDisks.length > 0 && (
              <>
                <p>Local disks (copied to the target):</p>
                <ul>
                  {localDisks.map((disk) => (
                    <li key={disk.volid}>
                      {disk.volid} {disk.size ? `(${bytes(disk.size)})` : ""}
                    </li>
                  ))}
                </ul>
                <label class="form-check">
                  <input type="checkbox" checked={withLocalDisks} data-testid="field-with-local-disks" onChange={(e) => setWithLocalDisks((e.currentTarget as HTMLInputElement).checked)} />
                  Migrate with local disks
                </label>
              </>
            )}
            {(check.local_resources ?? []).length > 0 && <p class="error">Local resources: {check.local_resources?.join(", ")}</p>}
          </div>
        )}
        <DialogButtons okLabel="Migrate" onCancel={onClose} busy={busy} disabled={!target || Boolean(refusal)} />
      </form>
    </Dialog>
  );
}
