import { createParams } from "./model";
import type { StepProps } from "./StepProps";

/** The summary of what will be sent, the serial console box, and "start after create". */
export function ConfirmStep({ values, errors, set }: StepProps) {
  const params = createParams(values);
  const shown = Object.entries(params).filter(([key, value]) => value !== undefined && key !== "start" && key !== "cipassword");
  return (
    <>
      <table class="summary-table" data-testid="wizard-summary">
        <tbody>
          <tr>
            <th>node</th>
            <td>{values.node}</td>
          </tr>
          {shown.map(([key, value]) => (
            <tr key={key}>
              <th>{key}</th>
              <td>{key === "sshkeys" ? decodeURIComponent(String(value)) : String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label class="form-check">
        <input type="checkbox" checked={values["serial-console"]} data-testid="field-serial-console" onChange={(e) => set("serial-console", (e.currentTarget as HTMLInputElement).checked)} />
        Serial console (serial0=socket)
      </label>
      {errors["serial-console"] && <span class="field-error" data-testid="field-error-serial-console">{errors["serial-console"]}</span>}
      <label class="form-check">
        <input type="checkbox" checked={values.start} data-testid="field-start" onChange={(e) => set("start", (e.currentTarget as HTMLInputElement).checked)} />
        Start after create
      </label>
      {errors.start && <span class="field-error" data-testid="field-error-start">{errors.start}</span>}
    </>
  );
}
