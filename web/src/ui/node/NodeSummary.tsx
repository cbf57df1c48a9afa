import { HistoryCharts } from "../charts/HistoryCharts";
import { ResourceCharts } from "../charts/ResourceCharts";
import { bytes, duration, percent } from "../format";
import { useApi } from "../widgets/useApi";
import { ErrorNote } from "../widgets/ErrorNote";
import { UsageBar } from "../widgets/UsageBar";

interface NodeStatus {
  uptime: number;
  cpu: number;
  loadavg: string[];
  kversion: string;
  pveversion: string;
  cpuinfo: { model: string; cpus: number; sockets: number; cores: number };
  memory: { total: number; used: number };
  swap: { total: number; used: number };
  rootfs: { total: number; used: number };
}

/** The node's status (refreshed every 5 s) and its live charts from the shared resource poller. */
export function NodeSummary({ node }: { node: string }) {
  const { data: status, error } = useApi<NodeStatus>(`/nodes/${encodeURIComponent(node)}/status`, {}, 5_000);
  return (
    <div data-testid="node-summary">
      <ErrorNote error={error} />
      {status && (
        <dl class="kv section">
          <dt>CPU</dt>
          <dd>
            {percent(status.cpu)} of {status.cpuinfo.cpus} × {status.cpuinfo.model} ({status.cpuinfo.sockets} socket(s), {status.cpuinfo.cores} cores)
          </dd>
          <dt>Load average</dt>
          <dd>{status.loadavg.join(", ")}</dd>
          <dt>Uptime</dt>
          <dd>{duration(status.uptime)}</dd>
          <dt>Kernel</dt>
          <dd>{status.kversion}</dd>
          <dt>Version</dt>
          <dd>{status.pveversion}</dd>
          <dt>Memory</dt>
          <dd>
            <UsageBar used={status.memory.used} total={status.memory.total} />
          </dd>
          <dt>Swap</dt>
          <dd>{status.swap.total > 0 ? <UsageBar used={status.swap.used} total={status.swap.total} /> : "none"}</dd>
          <dt>Root file system</dt>
          <dd>
            <UsageBar used={status.rootfs.used} total={status.rootfs.total} /> ({bytes(status.rootfs.total - status.rootfs.used)} free)
          </dd>
        </dl>
      )}
      <ResourceCharts id={`node/${node}`} />
      <HistoryCharts path={`/nodes/${encodeURIComponent(node)}`} kind="node" />
    </div>
  );
}
