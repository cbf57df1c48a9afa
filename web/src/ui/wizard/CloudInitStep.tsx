import { Field, inputProps } from "../common/Field";
import type { StepProps } from "./StepProps";

/** Optional cloud-init: user, password, SSH keys, and the first NIC's address (DHCP or static). */
export function CloudInitStep({ values, errors, set }: StepProps) {
  return (
    <>
      <label class="form-check">
        <input type="checkbox" checked={values.cloudinit} data-testid="field-cloudinit" onChange={(e) => set("cloudinit", (e.currentTarget as HTMLInputElement).checked)} />
        Add a cloud-init drive
      </label>
      {values.cloudinit && (
        <>
          <Field name="ciuser" label="User" error={errors.ciuser}>
            <input type="text" autoComplete="off" {...inputProps("ciuser", values.ciuser, (v) => set("ciuser", v), errors.ciuser)} />
          </Field>
          <Field name="cipassword" label="Password" error={errors.cipassword}>
            <input type="password" autoComplete="new-password" {...inputProps("cipassword", values.cipassword, (v) => set("cipassword", v), errors.cipassword)} />
          </Field>
          <Field name="sshkeys" label="SSH public keys" error={errors.sshkeys} hint="one per line">
            <textarea rows={3} {...inputProps("sshkeys", values.sshkeys, (v) => set("sshkeys", v), errors.sshkeys)} />
          </Field>
          <Field name="ip-mode" label="IPv4 (first NIC)">
            <select {...inputProps("ip-mode", values["ip-mode"], (v) => set("ip-mode", v as "dhcp" | "static"))}>
              <option value="dhcp">DHCP</option>
              <option value="static">Static</option>
            </select>
          </Field>
          {values["ip-mode"] === "static" && (
            <>
              <Field name="ip" label="Address/prefix" error={errors.ip}>
                <input type="text" placeholder="192.0.2.10/24" {...inputProps("ip", values.ip, (v) => set("ip", v), errors.ip)} />
              </Field>
              <Field name="gw" label="Gateway" error={errors.gw}>
                <input type="text" placeholder="192.0.2.1" {...inputProps("gw", values.gw, (v) => set("gw", v), errors.gw)} />
              </Field>
            </>
          )}
        </>
      )}
    </>
  );
}
