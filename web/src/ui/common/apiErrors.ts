import { ApiError } from "../../api/errors";
import { showError } from "../Toasts";

/**
 * Puts the API's 400 `errors` on the form's fields (those in `fields`) and sends the rest (and any error
 * without a field map) to a toast, so no error is lost.
 */
export function reportFormError(error: unknown, fields: string[], setErrors: (errors: Record<string, string>) => void): void {
  if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) {
    showError(error);
    return;
  }
  const placed: Record<string, string> = {};
  const others: string[] = [];
  for (const [key, text] of Object.entries(error.fieldErrors)) {
    if (fields.includes(key)) placed[key] = text;
    else others.push(`${key}: ${text}`);
  }
  setErrors(placed);
  if (others.length > 0) showError(`${error.message} (${others.join("; ")})`);
}
