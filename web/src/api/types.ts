// Shapes of the API answers the UI reads (Proxmox's field names; see shared/spec/pve-api-subset.md).

export interface ClusterResource {
  id: string;
  type: "qemu" | "node" | "storage" | "pool" | string;
  node?: string;
  vmid?: number;
  name?: string;
  status?: string;
  template?: number;
  lock?: string;
  tags?: string;
  hastate?: string;
  storage?: string;
  plugintype?: string;
  shared?: number;
  cpu?: number;
  maxcpu?: number;
  mem?: number;
  maxmem?: number;
  disk?: number;
  maxdisk?: number;
  netin?: number;
  netout?: number;
  diskread?: number;
  diskwrite?: number;
  uptime?: number;
}

export interface TaskSummary {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  starttime: number;
  endtime?: number;
  /** Exit text once ended ("OK", "WARNINGS: n" or the error); absent or "RUNNING" while running. */
  status?: string;
}

export interface Realm {
  realm: string;
  type: string;
  comment?: string;
  default?: number;
}

export interface TicketGrant {
  username: string;
  ticket: string;
  CSRFPreventionToken: string;
  cap?: Record<string, Record<string, number>>;
  clustername?: string;
}
