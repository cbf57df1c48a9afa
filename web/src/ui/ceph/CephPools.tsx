import { useState } from "preact/hooks";
import { bytes, percent } from "../format";
import { CephPoolForm } from "./CephPoolForm";
import { mayModifyCeph, type CephPool } from "./cephTypes";

/** The pools with their replication and usage; "Create pool" for users with Sys.Modify. */
export function CephPools({ node, pools, onChanged }: { node: string; pools: CephPool[]; onChanged: () => void }) {
  const [creating, setCreating] = useState(false);
  return (
    <div class="section">
      <h3>Pools</h3>
      {mayModifyCeph() && (
        <div class="toolbar">
          <button class="button" data-testid="ceph-pool-create" onClick={() => setCreating(true)}>
            Create pool
          </button>
        </div>
      )}
      <table data-testid="ceph-pools">
        <thead>
          <tr>
            <th>Pool</th>
            <th>Size / min</th>
            <th>PGs</th>
            <th>Autoscale</th>
            <th>CRUSH rule</th>
            <th>Used</th>
          </tr>
        </thead>
        <tbody>
          {pools.map((pool) => (
            <tr key={pool.pool_name} data-testid={`ceph-pool-${pool.pool_name}`}>
              <td>{pool.pool_name}</td>
              <td>
                {pool.size} / {pool.min_size}
              </td>
              <td>{pool.pg_num}</td>
              <td>{pool.pg_autoscale_mode}</td>
              <td>{pool.crush_rule_name}</td>
              <td>
                {bytes(pool.bytes_used)} ({percent(pool.percent_used)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {creating && (
        <CephPoolForm
          node={node}
          onDone={() => {
            setCreating(false);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
