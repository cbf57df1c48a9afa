import { resources } from "../state/resources";
import { session } from "../api/session";
import { useStore } from "../state/store";
import { bytes, percent } from "./format";
import { HealthTiles } from "./HealthTiles";

/** The datacenter view: how many nodes and VMs, and the cluster's CPU and memory in use. */
export function DatacenterSummary() {
  const items = useStore(resources);
  const current = useStore(session);
  const nodes = items.filter((item) => item.type === "node");
  const vms = items.filter((item) => item.type === "qemu" && !item.template);
  const online = nodes.filter((node) => node.status === "online");
  const cpu = online.reduce((sum, node) => sum + (node.cpu ?? 0) * (node.maxcpu ?? 0), 0);
  const maxCpu = online.reduce((sum, node) => sum + (node.maxcpu ?? 0), 0);
  const mem = online.reduce((sum, node) => sum + (node.mem ?? 0), 0);
  const maxMem = online.reduce((sum, node) => sum + (node.maxmem ?? 0), 0);

  return (
    <div class="page">
      <h2>Datacenter{current?.clusterName ? ` (${current.clusterName})` : ""}</h2>
      <HealthTiles />
      <div class="cards">
        <div class="card">
          <h3>Nodes</h3>
          <p class="figure">
            {online.length} / {nodes.length} online
          </p>
        </div>
        <div class="card">
          <h3>Virtual machines</h3>
          <p class="figure">
            {vms.filter((vm) => vm.status === "running").length} running, {vms.filter((vm) => vm.status === "stopped").length} stopped
            {vms.some((vm) => vm.status === "unknown") ? `, ${vms.filter((vm) => vm.status === "unknown").length} unknown` : ""}
          </p>
        </div>
        <div class="card">
          <h3>CPU</h3>
          <p class="figure">
            {maxCpu > 0 ? percent(cpu / maxCpu) : "–"} of {maxCpu} CPUs
          </p>
        </div>
        <div class="card">
          <h3>Memory</h3>
          <p class="figure">
            {bytes(mem)} of {bytes(maxMem)}
          </p>
        </div>
      </div>
    </div>
  );
}
