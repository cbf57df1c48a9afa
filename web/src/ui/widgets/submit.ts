import { ApiError } from "../../api/errors";
import { showError } from "../Toasts";

export type FieldErrors = Record<string, string>;

/**
 * Runs a form's API call. A 400 with an `errors` map goes next to the fields (`setErrors`); errors about a
 * parameter the form does not show (not in `fields`), and any other failure, go to a toast so none is
 * lost. Resolves true on success.
 */
export async function submitForm(call: () => Promise<unknown>, setErrors: (errors: FieldErrors) => void, fields?: string[]): Promise<boolean> {
  setErrors({});
  try {
    await call();
    return true;
  } catch (error) {
    if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) {
      showError(error);
      return false;
    }
    setErrors(error.fieldErrors);
    const unshown = Object.entries(error.fieldErrors).filter(([name]) => fields !== undefined && !fields.includes(name));
    if (unshown.length > 0) showError(`${error.message} (${unshown.map(([name, text]) => `${name}: ${text}`).join("; ")})`);
    return false;
  }
}

/** Client-side checks shared by the forms: each returns an error text or null. */
export const check = {
  required: (value: string): string | null => (value.trim() === "" ? "required" : null),
  integer: (value: string, min: number, max: number): string | null => {
    if (!/^\d+$/.test(value.trim())) return "a whole number is required";
    const number = Number(value);
    return number < min || number > max ? `between ${min} and ${max}` : null;
  },
  cidr: (value: string): string | null =>
    /^(\d{1,3})(\.\d{1,3}){3}\/\d{1,2}$/.test(value.trim()) && value.split("/")[0].split(".").every((part) => Number(part) <= 255) && Number(value.split("/")[1]) <= 32
      ? null
      : "an IPv4 address with prefix, e.g. 192.0.2.10/24",
  ipv4: (value: string): string | null =>
    /^(\d{1,3})(\.\d{1,3}){3}$/.test(value.trim()) && value.split(".").every((part) => Number(part) <= 255) ? null : "an IPv4 address, e.g. 192.0.2.1",
  name: (value: string): string | null => (/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(value.trim()) ? null : "letters, digits, '-', '_' or '.', starting with a letter"),
};

/** Keeps only the checks that failed: an empty map means the form may be sent. */
export function collectErrors(checks: Record<string, string | null>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, error] of Object.entries(checks)) if (error) errors[name] = error;
  return errors;
}
