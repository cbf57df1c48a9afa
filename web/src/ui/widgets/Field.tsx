import type { ComponentChildren } from "preact";

/** A labelled form control with its error text (`field-error-<name>`) from client checks or the API. */
export function Field({ name, label, error, children }: { name: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <label class="form-field">
      <span class="form-label">{label}</span>
      {children}
      {error && (
        <span class="field-error" data-testid={`field-error-${name}`}>
          {error}
        </span>
      )}
    </label>
  );
}

/** Input props for a text field bound to a form state (`data-testid="field-<name>"`). */
export function bind(name: string, value: string, onChange: (name: string, value: string) => void, error?: string) {
  return {
    name,
    value,
    "data-testid": `field-${name}`,
    "aria-invalid": error ? ("true" as const) : undefined,
    onInput: (event: Event) => onChange(name, (event.currentTarget as HTMLInputElement).value),
  };
}
