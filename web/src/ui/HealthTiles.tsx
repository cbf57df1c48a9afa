import { ApiError } from "../api/errors";
import { can } from "../api/session";
import { href } from "../state/router";
import { splitClusterStatus, type ClusterStatusEntry } from "./cluster/clusterTypes";
import { QuorumBanner } from "./cluster/QuorumBanner";
import { healthClass, type CephStatus } from "./ceph/cephTypes";
import type { HaStatusEntry } from "./ha/haTypes";
import { useApi } from "./widgets/useApi";
import "./widgets/pages.css";

/** An HA service counts as troubled in these states (Proxmox's names). */
const troubledHaStates = /error|fence|recovery|freeze/;

/**
 * Cluster-wide health on the datacenter view: quorum, Ceph and HA, each linking to its page. Three small
 * requests every 10 s whatever the number of VMs (the main view must stay fast with 1,000 of them).
 */
export function HealthTiles() {
  // These reads need Sys.Audit on "/": a user without it (a VM user) would only collect refusals.
  const audit = can("dc", "Sys.Audit");
  const cluster = useApi<ClusterStatusEntry[]>(audit ? "/cluster/status" : null, {}, 10_000);
  const ceph = useApi<CephStatus>(audit ? "/cluster/ceph/status" : null, {}, 10_000);
  const ha = useApi<HaStatusEntry[]>(audit ? "/cluster/ha/status/current" : null, {}, 10_000);
  const { cluster: summary } = splitClusterStatus(cluster.data);
  const cephAbsent = ceph.error instanceof ApiError && /not initiali[sz]ed/i.test(ceph.error.message);
  const services = (ha.data ?? []).filter((entry) => entry.type === "service");
  const troubled = services.filter((entry) => troubledHaStates.test(entry.crm_state ?? entry.state ?? ""));
  const master = (ha.data ?? []).find((entry) => entry.type === "master");

  if (!audit) return null;
  return (
    <>
      <QuorumBanner cluster={summary} />
      <div class="cards section" data-testid="health-tiles">
        <a class="card tile-link" href={href("/cluster")} data-testid="tile-quorum">
          <h3>Cluster</h3>
          <p class={`figure ${summary ? (summary.quorate ? "status-ok" : "status-error") : ""}`}>{summary ? (summary.quorate ? "quorate" : "not quorate") : cluster.error ? "unknown" : "…"}</p>
        </a>
        <a class="card tile-link" href={href("/ceph")} data-testid="tile-ceph">
          <h3>Ceph</h3>
          <p class={`figure ${ceph.data ? healthClass(ceph.data.health?.status) : "muted"}`}>{ceph.data ? (ceph.data.health?.status ?? "unknown") : cephAbsent ? "not configured" : ceph.error ? "unknown" : "…"}</p>
        </a>
        <a class="card tile-link" href={href("/ha")} data-testid="tile-ha">
          <h3>HA</h3>
          <p class={`figure ${troubled.length > 0 ? "status-error" : master ? "status-ok" : "muted"}`}>
            {ha.data ? (services.length === 0 ? "no resource" : troubled.length > 0 ? `${troubled.length} of ${services.length} in trouble` : `${services.length} resource(s) OK`) : ha.error ? "unknown" : "…"}
          </p>
        </a>
        <a class="card tile-link" href={href("/tasks")} data-testid="tile-tasks">
          <h3>Tasks</h3>
          <p class="figure">History ›</p>
        </a>
      </div>
    </>
  );
}
