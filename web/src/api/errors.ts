/** An error answered by the API: HTTP status, the message, and per-parameter errors (Proxmox's `errors` map). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** True for 401: the ticket expired or was refused; the shell sends the user back to the login page. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

/** The API could not be reached at all (daemon down, proxy down, network lost). */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

/** A message fit for a toast, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fieldErrors).map(([name, text]) => `${name}: ${text}`);
    return fields.length > 0 ? `${error.message} (${fields.join("; ")})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
