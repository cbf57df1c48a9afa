import { api, type Params } from "../../api/client";
import { vmPath, type VmConfig } from "../../api/vms";

export interface PendingItem {
  key: string;
  value?: string | number;
  pending?: string | number;
  delete?: number;
}

/** The first free `<prefix>N` of a config (pending keys count as taken). */
export function nextFreeKey(prefix: string, taken: string[], max: number): string | null {
  for (let index = 0; index <= max; index++) if (!taken.includes(`${prefix}${index}`)) return `${prefix}${index}`;
  return null;
}

export const busLimits: Record<string, number> = { scsi: 30, virtio: 15, sata: 5, ide: 3 };

/**
 * Writes config keys with PUT (synchronous) and the digest read with the config, so a change made by
 * someone else in between is refused rather than silently overwritten.
 */
export function putConfig(node: string, vmid: number, digest: string | undefined, params: Params): Promise<null> {
  return api<null>("PUT", vmPath(node, vmid, "/config"), { ...params, digest });
}

export async function loadHardware(node: string, vmid: number): Promise<{ config: VmConfig; pending: PendingItem[] }> {
  const [config, pending] = await Promise.all([api<VmConfig>("GET", vmPath(node, vmid, "/config")), api<PendingItem[]>("GET", vmPath(node, vmid, "/pending"))]);
  return { config, pending };
}

/** Order of the hardware table: the machine first, then disks, NICs, the rest alphabetically. */
export function hardwareOrder(key: string): string {
  const groups: [RegExp, string][] = [[/^(name|memory|balloon|sockets|cores|cpu|bios|machine|scsihw|boot|onboot)$/, "0"], [/^(ide|sata|scsi|virtio|efidisk|tpmstate)\d+$/, "1"], [/^unused\d+$/, "2"], [/^net\d+$/, "3"], [/^serial\d+$/, "4"]];
  const group = groups.find(([pattern]) => pattern.test(key))?.[1] ?? "5";
  return `${group}${key.replace(/\d+$/, (n) => n.padStart(3, "0"))}`;
}
