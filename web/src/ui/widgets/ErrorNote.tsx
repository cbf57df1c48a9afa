import { describeError } from "../../api/errors";

/** A failed load shown in place of the data (the page stays usable; the poll retries). */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="error" data-testid="load-error">
      {describeError(error)}
    </p>
  );
}
