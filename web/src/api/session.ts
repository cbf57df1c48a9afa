import { api, setCsrfToken } from "./client";
import type { TicketGrant } from "./types";
import { basePath } from "./urls";
import { Store } from "../state/store";

export interface Session {
  username: string;
  csrfToken: string;
  /** Privileges by scope, from the ticket answer; the UI hides what the user may not do (the API still decides). */
  cap: Record<string, Record<string, number>>;
  clusterName?: string;
}

const cookieName = "PVEAuthCookie";
const storageKey = "cordouan.session";
/** Tickets live 2 h; renewing every 15 min keeps a long session alive while the page is open. */
const renewEveryMs = 15 * 60_000;

export const session = new Store<Session | null>(restore());
let renewTimer: number | undefined;

function readTicketCookie(): string | null {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${cookieName}=`));
  return entry ? decodeURIComponent(entry.slice(cookieName.length + 1)) : null;
}

function writeTicketCookie(ticket: string | null): void {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  const value = ticket === null ? "; Max-Age=0" : "";
  document.cookie = `${cookieName}=${ticket === null ? "" : encodeURIComponent(ticket)}; Path=${basePath()}; SameSite=Strict${secure}${value}`;
}

function restore(): Session | null {
  const saved = sessionStorage.getItem(storageKey);
  if (!saved || !readTicketCookie()) return null;
  try {
    const parsed = JSON.parse(saved) as Session;
    setCsrfToken(parsed.csrfToken);
    return parsed;
  } catch {
    return null;
  }
}

function adopt(grant: TicketGrant): Session {
  writeTicketCookie(grant.ticket);
  setCsrfToken(grant.CSRFPreventionToken);
  const next: Session = { username: grant.username, csrfToken: grant.CSRFPreventionToken, cap: grant.cap ?? {}, clusterName: grant.clustername };
  sessionStorage.setItem(storageKey, JSON.stringify(next));
  session.set(next);
  scheduleRenewal();
  return next;
}

function scheduleRenewal(): void {
  window.clearInterval(renewTimer);
  renewTimer = window.setInterval(() => void renew(), renewEveryMs);
}

/** Logs in with a password (POST /access/ticket). Throws ApiError (401 "authentication failure") on refusal. */
export async function login(username: string, password: string, realm: string): Promise<Session> {
  const grant = await api<TicketGrant>("POST", "/access/ticket", { username: username.includes("@") ? username : `${username}@${realm}`, password });
  return adopt(grant);
}

/** Trades the current ticket for a fresh one, as Proxmox's UI does; a refusal ends the session. */
export async function renew(): Promise<void> {
  const current = session.value;
  const ticket = readTicketCookie();
  if (!current || !ticket) return;
  try {
    adopt(await api<TicketGrant>("POST", "/access/ticket", { username: current.username, password: ticket }));
  } catch (error) {
    // A lost connection is not a refusal: keep the session and try again at the next interval.
    if ((error as { unauthorized?: boolean }).unauthorized) logout();
  }
}

export function logout(): void {
  window.clearInterval(renewTimer);
  writeTicketCookie(null);
  setCsrfToken(null);
  sessionStorage.removeItem(storageKey);
  session.set(null);
}

if (session.value) scheduleRenewal();

/** True when the session holds `privilege` in `scope` (e.g. "vms", "VM.Allocate"). */
export function can(scope: string, privilege: string): boolean {
  return (session.value?.cap[scope]?.[privilege] ?? 0) === 1;
}
