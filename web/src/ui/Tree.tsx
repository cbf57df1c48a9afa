import { useMemo, useState } from "preact/hooks";
import { can } from "../api/session";
import type { ClusterResource } from "../api/types";
import { resources, resourcesLoaded } from "../state/resources";
import { href, useRoute } from "../state/router";
import { useStore } from "../state/store";

interface NodeBranch {
  node: ClusterResource;
  vms: ClusterResource[];
  storages: ClusterResource[];
}

function branches(items: ClusterResource[]): NodeBranch[] {
  const byNode = new Map<string, NodeBranch>();
  for (const item of items) {
    if (item.type === "node" && item.node) byNode.set(item.node, { node: item, vms: [], storages: [] });
  }
  for (const item of items) {
    const branch = item.node ? byNode.get(item.node) : undefined;
    if (!branch) continue;
    if (item.type === "qemu") branch.vms.push(item);
    else if (item.type === "storage") branch.storages.push(item);
  }
  const list = [...byNode.values()].sort((a, b) => (a.node.node ?? "").localeCompare(b.node.node ?? ""));
  for (const branch of list) {
    branch.vms.sort((a, b) => (a.vmid ?? 0) - (b.vmid ?? 0));
    branch.storages.sort((a, b) => (a.storage ?? "").localeCompare(b.storage ?? ""));
  }
  return list;
}

function vmIcon(vm: ClusterResource): string {
  if (vm.template) return "vm-template";
  if (vm.lock) return "vm-locked";
  // "unknown": its node has not reported lately (down or cut off), so it is neither shown running nor stopped.
  if (vm.status === "unknown") return "vm-unknown";
  return vm.status === "running" ? "vm-running" : "vm-stopped";
}

/** Cluster-wide pages listed under Datacenter; all but Tasks need Sys.Audit on "/" to show anything. */
const datacenterPages: [string, string, boolean][] = [
  ["cluster", "Cluster", true],
  ["ceph", "Ceph", true],
  ["ha", "HA", true],
  ["tasks", "Tasks", false],
];

/** The resource tree: Datacenter → nodes → VMs and storages, with live status from /cluster/resources. */
export function Tree() {
  const items = useStore(resources);
  const loaded = useStore(resourcesLoaded);
  const route = useRoute();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const list = useMemo(() => branches(items), [items]);
  const selected = route.join("/");

  const toggle = (node: string) => {
    const next = new Set(collapsed);
    if (next.has(node)) next.delete(node);
    else next.add(node);
    setCollapsed(next);
  };

  return (
    <nav class="tree" data-testid="tree" aria-label="Cluster resources">
      <a class={`tree-item tree-root ${selected === "" ? "selected" : ""}`} href={href("/")}>
        Datacenter
      </a>
      <div class="tree-children">
        {datacenterPages.filter(([, , audit]) => !audit || can("dc", "Sys.Audit")).map(([path, label]) => (
          <a key={path} class={`tree-item tree-page ${selected === path ? "selected" : ""}`} href={href(`/${path}`)} data-testid={`tree-page-${path}`}>
            {label}
          </a>
        ))}
      </div>
      {!loaded && <div class="tree-item muted">Loading…</div>}
      {list.map(({ node, vms, storages }) => {
        const name = node.node ?? "";
        const open = !collapsed.has(name);
        return (
          <div key={name} class="tree-branch">
            <div class="tree-row">
              <button class="tree-toggle" onClick={() => toggle(name)} aria-label={open ? `Collapse ${name}` : `Expand ${name}`}>
                {open ? "▾" : "▸"}
              </button>
              <a class={`tree-item node-${node.status} ${selected === `node/${name}` ? "selected" : ""}`} href={href(`/node/${name}`)} data-testid={`tree-node-${name}`}>
                {name}
              </a>
            </div>
            {open && (
              <div class="tree-children">
                {vms.map((vm) => (
                  <a
                    key={vm.id}
                    class={`tree-item ${vmIcon(vm)} ${selected.startsWith(`vm/${vm.vmid}`) ? "selected" : ""}`}
                    href={href(`/vm/${vm.vmid}`)}
                    data-testid={`tree-vm-${vm.vmid}`}
                    title={vm.lock ? `locked (${vm.lock})` : vm.status}
                  >
                    {vm.vmid} ({vm.name ?? `VM ${vm.vmid}`})
                  </a>
                ))}
                {storages.map((storage) => (
                  <a
                    key={storage.id}
                    class={`tree-item storage ${selected === `storage/${name}/${storage.storage}` ? "selected" : ""}`}
                    href={href(`/storage/${name}/${storage.storage}`)}
                    data-testid={`tree-storage-${name}-${storage.storage}`}
                  >
                    {storage.storage} ({name})
                  </a>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </nav>
  );
}
