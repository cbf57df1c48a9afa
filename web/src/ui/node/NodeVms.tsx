import { useMemo } from "preact/hooks";
import { resources } from "../../state/resources";
import { navigate } from "../../state/router";
import { useStore } from "../../state/store";
import { bytes, duration, percent } from "../format";

/** The node's VMs from the polled /cluster/resources (no request of its own); a click opens the VM. */
export function NodeVms({ node }: { node: string }) {
  const items = useStore(resources);
  const vms = useMemo(() => items.filter((item) => item.type === "qemu" && item.node === node).sort((a, b) => (a.vmid ?? 0) - (b.vmid ?? 0)), [items, node]);
  if (vms.length === 0) return <p class="muted">No VM on this node.</p>;
  return (
    <table data-testid="node-vms">
      <thead>
        <tr>
          <th>VMID</th>
          <th>Name</th>
          <th>Status</th>
          <th>CPU</th>
          <th>Memory</th>
          <th>Uptime</th>
        </tr>
      </thead>
      <tbody>
        {vms.map((vm) => (
          <tr key={vm.id} class="clickable" data-testid={`node-vm-${vm.vmid}`} onClick={() => navigate(`/vm/${vm.vmid}`)}>
            <td>{vm.vmid}</td>
            <td>
              {vm.name}
              {vm.template ? " (template)" : ""}
            </td>
            <td>
              {vm.status}
              {vm.lock ? ` (${vm.lock})` : ""}
            </td>
            <td>{vm.status === "running" ? `${percent(vm.cpu)} of ${vm.maxcpu}` : "–"}</td>
            <td>{vm.status === "running" ? `${bytes(vm.mem)} / ${bytes(vm.maxmem)}` : bytes(vm.maxmem)}</td>
            <td>{vm.status === "running" ? duration(vm.uptime) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
