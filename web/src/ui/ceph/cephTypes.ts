import { can } from "../../api/session";

/** The parts of `ceph status` JSON the page shows (the API passes Ceph's own answer through). */
export interface CephStatus {
  fsid?: string;
  health?: { status?: string; checks?: Record<string, { severity?: string; summary?: { message?: string } }> };
  quorum_names?: string[];
  monmap?: { num_mons?: number };
  mgrmap?: { available?: boolean; num_standbys?: number; active_name?: string };
  osdmap?: { num_osds?: number; num_up_osds?: number; num_in_osds?: number };
  pgmap?: { num_pgs?: number; num_pools?: number; pgs_by_state?: { state_name?: string; count?: number }[]; bytes_used?: number; bytes_total?: number; data_bytes?: number };
}

export interface CephPool {
  pool?: number;
  pool_name: string;
  size?: number;
  min_size?: number;
  pg_num?: number;
  pg_autoscale_mode?: string;
  crush_rule_name?: string;
  bytes_used?: number;
  percent_used?: number;
}

export interface CephMon {
  name: string;
  addr?: string;
  host?: string;
  quorum?: number | boolean;
  rank?: number;
}

/** A node of the OSD tree (`GET …/ceph/osd` → `{root, flags}`): root → hosts → OSDs. */
export interface CephOsdNode {
  id: number;
  name: string;
  type: string;
  status?: string;
  in?: number;
  host?: string;
  device_class?: string;
  crush_weight?: number;
  percent_used?: number;
  total_space?: number;
  bytes_used?: number;
  children?: CephOsdNode[];
}

/** Ceph changes need Sys.Modify (as in Proxmox): hidden otherwise, the API still decides. */
export function mayModifyCeph(): boolean {
  return can("nodes", "Sys.Modify");
}

export function healthClass(status: string | undefined): string {
  return status === "HEALTH_OK" ? "status-ok" : status === "HEALTH_WARN" ? "status-warn" : "status-error";
}
