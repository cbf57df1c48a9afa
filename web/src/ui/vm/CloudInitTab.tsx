import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { isDiskKey, vmPath, type VmConfig } from "../../api/vms";
import { reportFormError } from "../common/apiErrors";
import { Field, inputProps } from "../common/Field";
import { useLoad } from "../common/useLoad";
import { showError } from "../Toasts";
import { putConfig } from "./hardware";

interface CloudInitItem {
  key: string;
  value?: string;
  pending?: string;
  delete?: number;
}

async function loadCloudInit(node: string, vmid: number) {
  const [config, diff] = await Promise.all([api<VmConfig>("GET", vmPath(node, vmid, "/config")), api<CloudInitItem[]>("GET", vmPath(node, vmid, "/cloudinit")).catch(() => [])]);
  return { config, diff };
}

/** Cloud-init tab: user, password, SSH keys, ipconfig0; the diff not yet in the drive; regenerate it. */
export function CloudInitTab({ node, vmid }: { node: string; vmid: number }) {
  const { data, error, reload } = useLoad(() => loadCloudInit(node, vmid), `${node}/${vmid}`);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const hasDrive = Object.keys(data.config).some((key) => isDiskKey(key) && /cloudinit/.test(String(data.config[key])));
  if (!hasDrive) return <p class="muted">This VM has no cloud-init drive (add one as ide2 = &lt;storage&gt;:cloudinit).</p>;
  return <CloudInitForm key={data.config.digest} node={node} vmid={vmid} config={data.config} diff={data.diff} onSaved={reload} />;
}

function CloudInitForm({ node, vmid, config, diff, onSaved }: { node: string; vmid: number; config: VmConfig; diff: CloudInitItem[]; onSaved: () => void }) {
  const [ciuser, setCiuser] = useState(String(config.ciuser ?? ""));
  const [cipassword, setCipassword] = useState("");
  // sshkeys is stored URL-encoded (spec §5.2): shown decoded, sent encoded.
  const [sshkeys, setSshkeys] = useState(config.sshkeys ? decodeURIComponent(String(config.sshkeys)) : "");
  const [ipconfig0, setIpconfig0] = useState(String(config.ipconfig0 ?? "ip=dhcp"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const changed = diff.filter((item) => item.pending !== undefined || item.delete);

  const save = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (ciuser && !/^[a-z_][a-z0-9_-]*$/i.test(ciuser)) found.ciuser = "a user name";
    if (ipconfig0 && !/^(ip=(dhcp|[\d.]+\/\d+))?(,?gw=[\d.]+)?(,?ip6=\S+)?(,?gw6=\S+)?$/.test(ipconfig0)) found.ipconfig0 = "ip=dhcp or ip=<CIDR>[,gw=<ip>]";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await putConfig(node, vmid, config.digest, { ciuser, cipassword: cipassword || undefined, sshkeys: sshkeys.trim() ? encodeURIComponent(sshkeys.trim()) : undefined, ipconfig0, delete: !sshkeys.trim() && config.sshkeys ? "sshkeys" : undefined });
      onSaved();
    } catch (error) {
      reportFormError(error, ["ciuser", "cipassword", "sshkeys", "ipconfig0"], setErrors);
    }
    setBusy(false);
  };

  const regenerate = async () => {
    try {
      await api("PUT", vmPath(node, vmid, "/cloudinit"));
      onSaved();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <form class="form" onSubmit={save} noValidate>
      <Field name="ciuser" label="User" error={errors.ciuser}>
        <input type="text" {...inputProps("ciuser", ciuser, setCiuser, errors.ciuser)} />
      </Field>
      <Field name="cipassword" label="Password" error={errors.cipassword} hint={config.cipassword ? "set; type to change" : "not set"}>
        <input type="password" autoComplete="new-password" {...inputProps("cipassword", cipassword, setCipassword, errors.cipassword)} />
      </Field>
      <Field name="sshkeys" label="SSH public keys" error={errors.sshkeys}>
        <textarea rows={3} {...inputProps("sshkeys", sshkeys, setSshkeys, errors.sshkeys)} />
      </Field>
      <Field name="ipconfig0" label="IP config (net0)" error={errors.ipconfig0} hint="ip=dhcp or ip=192.0.2.10/24,gw=192.0.2.1">
        <input type="text" {...inputProps("ipconfig0", ipconfig0, setIpconfig0, errors.ipconfig0)} />
      </Field>
      <div class="wizard-buttons">
        <button type="submit" class="button primary" disabled={busy} data-testid="cloudinit-save">
          Save
        </button>
        <button type="button" class="button" onClick={regenerate} data-testid="cloudinit-regenerate">
          Regenerate image
        </button>
      </div>
      {changed.length > 0 && (
        <div class="section">
          <h3>Not yet in the cloud-init drive</h3>
          <table class="config-table">
            <tbody>
              {changed.map((item) => (
                <tr key={item.key}>
                  <td>{item.key}</td>
                  <td class="value pending">{item.delete ? "removed" : item.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}
