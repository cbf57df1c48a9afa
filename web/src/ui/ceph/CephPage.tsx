import { useState } from "preact/hooks";
import { ApiError } from "../../api/errors";
import { resources } from "../../state/resources";
import { useStore } from "../../state/store";
import { ErrorNote } from "../widgets/ErrorNote";
import { useApi } from "../widgets/useApi";
import { CephHealth } from "./CephHealth";
import { CephInitForm } from "./CephInitForm";
import { CephMons } from "./CephMons";
import { CephOsdTree } from "./CephOsdTree";
import { CephPools } from "./CephPools";
import { mayModifyCeph, type CephMon, type CephOsdNode, type CephPool, type CephStatus } from "./cephTypes";
import "../widgets/pages.css";

/**
 * `#/ceph`: cluster health (every 5 s), and through a node of choice its OSD tree, pools and monitors. While
 * Ceph is not initialised the API answers an error: it is shown, with the init form for Sys.Modify users.
 */
export function CephPage() {
  const items = useStore(resources);
  const nodes = items.filter((item) => item.type === "node" && item.status === "online").map((item) => item.node ?? "");
  const [chosen, setChosen] = useState("");
  const node = chosen || nodes[0] || "";
  const base = node ? `/nodes/${encodeURIComponent(node)}/ceph` : null;
  const status = useApi<CephStatus>("/cluster/ceph/status", {}, 5_000);
  const osd = useApi<{ root?: CephOsdNode }>(base && status.data ? `${base}/osd` : null, {}, 10_000);
  const pools = useApi<CephPool[]>(base && status.data ? `${base}/pool` : null, {}, 10_000);
  const mons = useApi<CephMon[]>(base && status.data ? `${base}/mon` : null, {}, 10_000);
  // Only this answer offers the init form: a lost connection or a refusal is just shown.
  const notInitialised = !status.data && status.error instanceof ApiError && /not initiali[sz]ed/i.test(status.error.message);

  return (
    <div class="page" data-testid="ceph-page">
      <h2>Ceph</h2>
      <div class="toolbar">
        <label class="form-field inline">
          <span class="form-label">Node</span>
          <select data-testid="ceph-node" value={node} onChange={(event) => setChosen((event.currentTarget as HTMLSelectElement).value)}>
            {nodes.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={status.error} />
      {notInitialised && node && mayModifyCeph() && <CephInitForm node={node} onDone={status.reload} />}
      {status.data && (
        <>
          <CephHealth status={status.data} />
          <ErrorNote error={osd.error ?? pools.error ?? mons.error} />
          <CephMons mons={mons.data ?? []} />
          <div class="section">
            <h3>OSDs</h3>
            <CephOsdTree root={osd.data?.root} />
          </div>
          <CephPools node={node} pools={pools.data ?? []} onChanged={pools.reload} />
        </>
      )}
    </div>
  );
}
