import { ApiError, ConnectionError } from "./errors";
import { apiUrl } from "./urls";
import { connection } from "../state/connection";

export type Params = Record<string, string | number | boolean | undefined | null>;

/** The CSRF token of the current session; sent on every non-GET request (Proxmox's rule). */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Listeners told when the API answers 401, so the shell can go back to the login page. */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const requestTimeoutMs = 30_000;

function encode(params: Params): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    body.append(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return body;
}

/**
 * Calls the public API (`/api2/json…`) and returns its `data`. Throws ApiError for an HTTP error (with the
 * `errors` field map of a 400) and ConnectionError when the API cannot be reached; the connection store
 * follows both so the shell can show and clear the "connection lost" banner without a reload.
 */
export async function api<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, params: Params = {}): Promise<T> {
  const body = encode(params);
  let url = apiUrl(path);
  const init: RequestInit = { method, credentials: "same-origin", headers: {} };
  if (method === "GET" || method === "DELETE") {
    const query = body.toString();
    if (query) url += `?${query}`;
  } else {
    init.body = body;
  }
  if (method !== "GET" && csrfToken) (init.headers as Record<string, string>)["CSRFPreventionToken"] = csrfToken;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), requestTimeoutMs);
  init.signal = abort.signal;
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    connection.lost(error instanceof Error ? error.message : String(error));
    throw new ConnectionError(`cannot reach the Cordouan API (${error instanceof Error ? error.message : error})`);
  } finally {
    clearTimeout(timer);
  }
  // A proxy in front of cordouand answers 502/503/504 when the daemon is down: that is a lost connection too.
  if (response.status === 502 || response.status === 504) {
    connection.lost(`HTTP ${response.status}`);
    throw new ConnectionError(`the Cordouan API is unreachable behind the proxy (HTTP ${response.status})`);
  }
  connection.ok();
  const payload = (await response.json().catch(() => null)) as { data?: T; message?: string; errors?: Record<string, string> } | null;
  if (!response.ok) {
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
    const message = (payload?.message ?? response.statusText ?? `HTTP ${response.status}`).trim();
    throw new ApiError(response.status, message, payload?.errors ?? {});
  }
  return (payload?.data ?? null) as T;
}
