import { href } from "../../state/router";
import { useApi } from "../widgets/useApi";
import { ErrorNote } from "../widgets/ErrorNote";
import { QuorumBanner } from "./QuorumBanner";
import { splitClusterStatus, witnessText, type ClusterStatusEntry } from "./clusterTypes";
import "../widgets/pages.css";

interface ClusterConfigNode {
  node: string;
  nodeid: string;
  quorum_votes: string;
  ring0_addr: string;
  pve_addr?: string;
  witness?: number;
  online?: number;
}

const yes = (flag: number | undefined) => (flag ? "yes" : "");

/** `#/cluster`: quorum, witness and members (status every 3 s) and the membership configuration. */
export function ClusterPage() {
  const status = useApi<ClusterStatusEntry[]>("/cluster/status", {}, 3_000);
  const config = useApi<ClusterConfigNode[]>("/cluster/config/nodes", {}, 10_000);
  const { cluster, nodes } = splitClusterStatus(status.data);
  return (
    <div class="page" data-testid="cluster-page">
      <h2>Cluster{cluster ? ` ${cluster.name}` : ""}</h2>
      <QuorumBanner cluster={cluster} />
      <ErrorNote error={status.error} />
      {cluster && (
        <div class="cards section">
          <div class="card">
            <h3>Quorum</h3>
            <p class={`figure ${cluster.quorate ? "status-ok" : "status-error"}`} data-testid="cluster-quorate">
              {cluster.quorate ? "quorate" : "not quorate"}
            </p>
          </div>
          <div class="card">
            <h3>Nodes</h3>
            <p class="figure">
              {nodes.filter((node) => node.online).length} / {cluster.nodes} online
            </p>
          </div>
          <div class="card">
            <h3>Witness</h3>
            <p class="figure" data-testid="cluster-witness">
              {witnessText(cluster.witness)}
            </p>
          </div>
          <div class="card">
            <h3>Config version</h3>
            <p class="figure">{cluster.version}</p>
          </div>
        </div>
      )}
      <div class="section">
        <h3>Members</h3>
        <table data-testid="cluster-nodes">
          <thead>
            <tr>
              <th>Node</th>
              <th>ID</th>
              <th>Online</th>
              <th>Address</th>
              <th>Local</th>
              <th>Leader</th>
              <th>Witness</th>
              <th>Maintenance</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <tr key={node.id} data-testid={`cluster-node-${node.name}`} class={node.stale ? "muted" : ""}>
                <td>{node.witness ? node.name : <a href={href(`/node/${encodeURIComponent(node.name)}`)}>{node.name}</a>}</td>
                <td>{node.nodeid}</td>
                <td class={node.online ? "status-ok" : "status-error"}>{node.online ? "online" : "offline"}</td>
                <td>{node.ip}</td>
                <td>{yes(node.local)}</td>
                <td>{yes(node.leader)}</td>
                <td>{yes(node.witness)}</td>
                <td>{node.maintenance ? <span class="status-warn">in maintenance</span> : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="section">
        <h3>Membership configuration</h3>
        <ErrorNote error={config.error} />
        <table data-testid="cluster-config-nodes">
          <thead>
            <tr>
              <th>Node</th>
              <th>ID</th>
              <th>Votes</th>
              <th>Cluster URL</th>
              <th>API address</th>
              <th>Witness</th>
            </tr>
          </thead>
          <tbody>
            {(config.data ?? []).map((node) => (
              <tr key={node.node}>
                <td>{node.node}</td>
                <td>{node.nodeid}</td>
                <td>{node.quorum_votes}</td>
                <td>{node.ring0_addr}</td>
                <td>{node.pve_addr}</td>
                <td>{yes(node.witness)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
