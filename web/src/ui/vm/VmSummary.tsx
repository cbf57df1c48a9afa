import { api } from "../../api/client";
import { isDiskKey, vmPath, type VmConfig } from "../../api/vms";
import { HistoryCharts } from "../charts/HistoryCharts";
import { ResourceCharts } from "../charts/ResourceCharts";
import { useLoad } from "../common/useLoad";
import { bytes, duration, percent } from "../format";
import type { VmContext } from "./VmContext";

interface AgentInterface {
  name: string;
  "ip-addresses"?: { "ip-address": string; prefix: number }[];
}

/** The addresses the guest agent reports; none (not an error) when there is no agent or it does not answer. */
async function guestAddresses(node: string, vmid: number): Promise<string[]> {
  try {
    const answer = await api<{ result: AgentInterface[] }>("GET", vmPath(node, vmid, "/agent/network-get-interfaces"));
    return answer.result.filter((i) => i.name !== "lo").flatMap((i) => (i["ip-addresses"] ?? []).map((a) => `${a["ip-address"]}/${a.prefix} (${i.name})`));
  } catch {
    return [];
  }
}

/** Summary tab: live figures, the charts, the config's highlights and the guest's IPs when an agent says. */
export function VmSummary({ vmid, node, status }: VmContext) {
  const running = status?.status === "running";
  const config = useLoad(() => api<VmConfig>("GET", vmPath(node, vmid, "/config")), `${node}/${vmid}`);
  const agentOn = running && /^(enabled=)?1/.test(String(config.data?.agent ?? ""));
  const ips = useLoad(() => (agentOn ? guestAddresses(node, vmid) : Promise.resolve([])), `${node}/${vmid}/${agentOn}`);
  const c = config.data;
  const disks = c ? Object.keys(c).filter(isDiskKey).sort() : [];
  const nics = c ? Object.keys(c).filter((k) => /^net\d+$/.test(k)).sort() : [];
  return (
    <div>
      <div class="cards">
        <div class="card">
          <h3>Status</h3>
          <p class="figure">{status?.qmpstatus ?? status?.status ?? "…"}</p>
          <p class="muted">uptime {duration(status?.uptime)}</p>
        </div>
        <div class="card">
          <h3>CPU</h3>
          <p class="figure">{running ? percent(status?.cpu) : "–"}</p>
          <p class="muted">{status?.cpus ?? c?.cores ?? "?"} vCPU</p>
        </div>
        <div class="card">
          <h3>Memory</h3>
          <p class="figure">{running ? bytes(status?.mem) : "–"}</p>
          <p class="muted">of {bytes(status?.maxmem)}</p>
        </div>
      </div>
      <ResourceCharts id={`qemu/${vmid}`} />
      <HistoryCharts path={vmPath(node, vmid, "")} kind="qemu" />
      {config.error && <p class="error">{config.error}</p>}
      {c && (
        <div class="section">
          <h3>Configuration</h3>
          <table class="config-table">
            <tbody>
              {c.description && (
                <tr>
                  <td>Description</td>
                  <td>{String(c.description)}</td>
                </tr>
              )}
              <tr>
                <td>CPU</td>
                <td>
                  {c.sockets ?? 1} socket(s) × {c.cores ?? 1} core(s) {c.cpu ? `(${c.cpu})` : ""}
                </td>
              </tr>
              <tr>
                <td>Memory</td>
                <td>{String(c.memory ?? 512)} MiB</td>
              </tr>
              {disks.map((key) => (
                <tr key={key}>
                  <td>{key}</td>
                  <td class="value">{String(c[key])}</td>
                </tr>
              ))}
              {nics.map((key) => (
                <tr key={key}>
                  <td>{key}</td>
                  <td class="value">{String(c[key])}</td>
                </tr>
              ))}
              <tr>
                <td>Boot</td>
                <td class="value">{String(c.boot ?? "")}</td>
              </tr>
              <tr>
                <td>Start at boot</td>
                <td>{c.onboot ? "yes" : "no"}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {(ips.data ?? []).length > 0 && (
        <div class="section" data-testid="vm-ips">
          <h3>IP addresses (guest agent)</h3>
          <ul>{ips.data?.map((ip) => <li key={ip}>{ip}</li>)}</ul>
        </div>
      )}
      {c && disks.length === 0 && <p class="muted">No disk.</p>}
    </div>
  );
}
