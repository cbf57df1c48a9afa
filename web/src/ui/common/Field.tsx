import type { ComponentChildren } from "preact";

/**
 * A labelled form field with its error under it (`field-error-<name>`): the place both client-side
 * validation and the API's 400 `errors` map show up, so the user sees what to fix where it is.
 */
export function Field({ name, label, error, children, hint }: { name: string; label: string; error?: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="form-field">
      <span class="form-label">{label}</span>
      {children}
      {hint && !error && <span class="muted form-hint">{hint}</span>}
      {error && (
        <span class="field-error" data-testid={`field-error-${name}`} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** Props shared by text inputs bound to a form value (hook `field-<name>`, aria-invalid when in error). */
export function inputProps(name: string, value: string | number, onChange: (value: string) => void, error?: string) {
  return {
    name,
    value: String(value),
    "data-testid": `field-${name}`,
    "aria-invalid": error ? ("true" as const) : undefined,
    onInput: (event: Event) => onChange((event.currentTarget as HTMLInputElement).value),
  };
}
