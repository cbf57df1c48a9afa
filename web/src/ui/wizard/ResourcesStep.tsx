import { Field, inputProps } from "../common/Field";
import type { StepProps } from "./StepProps";

/** CPU (cores × sockets) and memory in MiB. */
export function ResourcesStep({ values, errors, set }: StepProps) {
  return (
    <>
      <Field name="cores" label="Cores" error={errors.cores}>
        <input type="number" min={1} {...inputProps("cores", values.cores, (v) => set("cores", v), errors.cores)} />
      </Field>
      <Field name="sockets" label="Sockets" error={errors.sockets}>
        <input type="number" min={1} {...inputProps("sockets", values.sockets, (v) => set("sockets", v), errors.sockets)} />
      </Field>
      <Field name="memory" label="Memory (MiB)" error={errors.memory}>
        <input type="number" min={16} step={128} {...inputProps("memory", values.memory, (v) => set("memory", v), errors.memory)} />
      </Field>
    </>
  );
}
