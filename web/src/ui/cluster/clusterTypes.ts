/** `GET /cluster/status` entries, with Cordouan's extensions (witness, leader, maintenance, stale, warning). */
export interface ClusterSummaryEntry {
  type: "cluster";
  name: string;
  nodes: number;
  version: number;
  quorate: number;
  witness?: unknown;
  warning?: string;
}

export interface ClusterNodeEntry {
  type: "node";
  id: string;
  name: string;
  nodeid: number;
  ip: string;
  local: number;
  online: number;
  witness?: number;
  leader?: number;
  maintenance?: number;
  /** Set while the cluster is not quorate: the figures may be out of date. */
  stale?: number;
}

export type ClusterStatusEntry = ClusterSummaryEntry | ClusterNodeEntry;

export function splitClusterStatus(entries: ClusterStatusEntry[] | null): { cluster: ClusterSummaryEntry | null; nodes: ClusterNodeEntry[] } {
  const list = entries ?? [];
  return {
    cluster: (list.find((entry) => entry.type === "cluster") as ClusterSummaryEntry | undefined) ?? null,
    nodes: list.filter((entry): entry is ClusterNodeEntry => entry.type === "node"),
  };
}

/** The witness field may be a name or an object depending on the daemon's version: show it as text. */
export function witnessText(witness: unknown): string {
  if (witness === undefined || witness === null || witness === "") return "none";
  if (typeof witness === "object") {
    const record = witness as Record<string, unknown>;
    const parts = Object.entries(record).map(([key, value]) => `${key}: ${String(value)}`);
    return parts.join(", ");
  }
  return String(witness);
}
