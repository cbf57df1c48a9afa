import type { ClusterResource } from "../../api/types";
import type { VmStatus } from "../../api/vms";

/** What the VM page hands to its header, actions and tabs. */
export interface VmContext {
  vmid: number;
  node: string;
  item: ClusterResource;
  status: VmStatus | null;
  /** Re-reads status/current now (after an action). */
  refresh: () => void;
}
