/** One interface of `GET /nodes/{node}/network`; `pending` (extension) marks a staged change not applied yet. */
export interface NetworkInterface {
  iface: string;
  type: string;
  active: number;
  autostart: number;
  exists?: number;
  method: string;
  cidr?: string;
  gateway?: string;
  bridge_ports?: string;
  bridge_vlan_aware?: number;
  mtu?: number;
  comments?: string;
  pending?: number;
}
