import { can } from "../../api/session";

/** `GET /cluster/ha/status/current` entries (quorum, master, lrm:<node>, service:<sid>, fencing…). */
export interface HaStatusEntry {
  id: string;
  type: string;
  node?: string;
  status?: string;
  quorate?: number;
  mode?: string;
  timestamp?: number;
  sid?: string;
  state?: string;
  crm_state?: string;
  request_state?: string;
}

export interface HaResource {
  sid: string;
  type: string;
  state: string;
  group?: string;
  max_restart: number;
  max_relocate: number;
  failback?: number;
  comment?: string;
}

export interface HaGroup {
  group: string;
  nodes: string;
  restricted?: number;
  nofailback?: number;
  comment?: string;
}

export const haStates = ["started", "stopped", "disabled", "ignored"];

/** HA changes need Sys.Console on "/" (as in Proxmox): the UI hides them otherwise, the API still decides. */
export function mayManageHa(): boolean {
  return can("nodes", "Sys.Console");
}
