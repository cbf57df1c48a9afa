import type { Params } from "../../api/client";

/** Everything the wizard asks, as the user typed it (strings: inputs give strings; parsed when sent). */
export interface WizardValues {
  node: string;
  vmid: string;
  name: string;
  cores: string;
  sockets: string;
  memory: string;
  "disk-storage": string;
  "disk-size": string;
  "disk-bus": string;
  "import-from": string;
  bridge: string;
  "net-model": string;
  "net-tag": string;
  cloudinit: boolean;
  ciuser: string;
  cipassword: string;
  sshkeys: string;
  "ip-mode": "dhcp" | "static";
  ip: string;
  gw: string;
  "serial-console": boolean;
  start: boolean;
}

export type WizardErrors = Partial<Record<string, string>>;

export const steps = ["General", "CPU & memory", "Disk", "Network", "Cloud-init", "Confirm"] as const;

export function initialValues(): WizardValues {
  return {
    node: "",
    vmid: "",
    name: "",
    cores: "1",
    sockets: "1",
    memory: "512",
    "disk-storage": "",
    "disk-size": "8",
    "disk-bus": "scsi",
    "import-from": "",
    bridge: "",
    "net-model": "virtio",
    "net-tag": "",
    cloudinit: false,
    ciuser: "",
    cipassword: "",
    sshkeys: "",
    "ip-mode": "dhcp",
    ip: "",
    gw: "",
    "serial-console": true,
    start: false,
  };
}

const dnsName = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const cidr4 = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const ip4 = /^(\d{1,3}\.){3}\d{1,3}$/;

function integerIn(value: string, min: number, max: number): boolean {
  return /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;
}

/** Client-side checks of one step (the API checks again; its answer is mapped back by `stepOfApiError`). */
export function validateStep(step: number, v: WizardValues): WizardErrors {
  const errors: WizardErrors = {};
  switch (step) {
    case 0:
      if (!v.node) errors.node = "choose a node";
      if (!integerIn(v.vmid, 100, 999_999_999)) errors.vmid = "a number from 100 to 999999999";
      if (v.name && !dnsName.test(v.name)) errors.name = "letters, digits, '-' and '.' only (a DNS name)";
      break;
    case 1:
      if (!integerIn(v.cores, 1, 512)) errors.cores = "from 1 to 512";
      if (!integerIn(v.sockets, 1, 16)) errors.sockets = "from 1 to 16";
      if (!integerIn(v.memory, 16, 16_777_216)) errors.memory = "at least 16 MiB";
      break;
    case 2:
      if (!v["disk-storage"]) errors["disk-storage"] = "choose a storage";
      if (!v["import-from"].trim() && !(/^\d+(\.\d+)?$/.test(v["disk-size"].trim()) && Number(v["disk-size"]) > 0 && Number(v["disk-size"]) <= 65_536))
        errors["disk-size"] = "a size in GiB (more than 0)";
      if (v["import-from"].trim() && !/^(\/\S+|[A-Za-z][\w.-]*:\S+)$/.test(v["import-from"].trim()))
        errors["import-from"] = "an absolute path or a volume id (storage:import/file)";
      break;
    case 3:
      if (v.bridge && v["net-tag"] && !integerIn(v["net-tag"], 1, 4094)) errors["net-tag"] = "a VLAN from 1 to 4094";
      break;
    case 4:
      if (!v.cloudinit) break;
      if (v.ciuser && !/^[a-z_][a-z0-9_-]*$/i.test(v.ciuser)) errors.ciuser = "a user name (letters, digits, '_' and '-')";
      if (v["ip-mode"] === "static") {
        if (!cidr4.test(v.ip)) errors.ip = "an IPv4 address with prefix, e.g. 192.0.2.10/24";
        if (v.gw && !ip4.test(v.gw)) errors.gw = "an IPv4 address";
      }
      for (const line of v.sshkeys.split("\n").filter((l) => l.trim())) {
        if (!/^(ssh-|ecdsa-|sk-)\S+ \S+/.test(line.trim())) errors.sshkeys = "one OpenSSH public key per line";
      }
      break;
  }
  return errors;
}

/** The wizard field (and so the step) an API `errors` key belongs to; unknown keys go to a toast. */
export function fieldOfApiError(key: string): string | null {
  if (["node", "vmid", "name"].includes(key)) return key;
  if (["cores", "sockets", "memory"].includes(key)) return key;
  if (/^(scsi|virtio|sata|ide)0$/.test(key) || key === "storage") return "disk-storage";
  if (key === "import-from") return "import-from";
  if (key === "net0") return "bridge";
  if (key === "ipconfig0") return "ip";
  if (["ciuser", "cipassword", "sshkeys", "ide2"].includes(key)) return key === "ide2" ? "ciuser" : key;
  if (key === "serial0") return "serial-console";
  if (key === "start") return "start";
  return null;
}

const fieldSteps: Record<string, number> = {
  node: 0, vmid: 0, name: 0, cores: 1, sockets: 1, memory: 1, "disk-storage": 2, "disk-size": 2, "import-from": 2,
  bridge: 3, "net-tag": 3, ciuser: 4, cipassword: 4, sshkeys: 4, ip: 4, gw: 4, "serial-console": 5, start: 5,
};

export function stepOfField(field: string): number {
  return fieldSteps[field] ?? 5;
}

/** The parameters of POST /nodes/{node}/qemu (spec §5.1–5.3). */
export function createParams(v: WizardValues): Params {
  const disk = `${v["disk-bus"]}0`;
  const importFrom = v["import-from"].trim();
  const params: Params = {
    vmid: Number(v.vmid),
    name: v.name || undefined,
    cores: Number(v.cores),
    sockets: Number(v.sockets),
    memory: Number(v.memory),
    scsihw: "virtio-scsi-pci",
    [disk]: importFrom ? `${v["disk-storage"]}:0,import-from=${importFrom}` : `${v["disk-storage"]}:${Number(v["disk-size"])}`,
    boot: `order=${disk}`,
    start: v.start,
  };
  if (v["serial-console"]) params.serial0 = "socket";
  if (v.bridge) params.net0 = `model=${v["net-model"]},bridge=${v.bridge}${v["net-tag"] ? `,tag=${v["net-tag"]}` : ""}`;
  if (v.cloudinit) {
    // The cloud-init drive sits on ide2 (Proxmox's habit) on the same storage as the first disk.
    params.ide2 = `${v["disk-storage"]}:cloudinit`;
    params.ciuser = v.ciuser || undefined;
    params.cipassword = v.cipassword || undefined;
    // sshkeys is stored URL-encoded (spec §5.2), so encode it once more than the form body does.
    params.sshkeys = v.sshkeys.trim() ? encodeURIComponent(v.sshkeys.trim()) : undefined;
    params.ipconfig0 = v["ip-mode"] === "dhcp" ? "ip=dhcp" : `ip=${v.ip}${v.gw ? `,gw=${v.gw}` : ""}`;
  }
  return params;
}
