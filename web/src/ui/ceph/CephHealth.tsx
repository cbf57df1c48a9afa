import { bytes } from "../format";
import { UsageBar } from "../widgets/UsageBar";
import { healthClass, type CephStatus } from "./cephTypes";

/** Health with its checks, daemon counts, placement groups by state and usage. */
export function CephHealth({ status }: { status: CephStatus }) {
  const checks = Object.entries(status.health?.checks ?? {});
  const osd = status.osdmap ?? {};
  const pg = status.pgmap ?? {};
  return (
    <div class="section" data-testid="ceph-health">
      <div class="cards">
        <div class="card">
          <h3>Health</h3>
          <p class={`figure ${healthClass(status.health?.status)}`} data-testid="ceph-health-status">
            {status.health?.status ?? "unknown"}
          </p>
        </div>
        <div class="card">
          <h3>Monitors</h3>
          <p class="figure">
            {status.quorum_names?.length ?? "–"} / {status.monmap?.num_mons ?? "–"} in quorum
          </p>
        </div>
        <div class="card">
          <h3>Managers</h3>
          <p class="figure">{status.mgrmap ? `${status.mgrmap.available ? "1 active" : "none active"}, ${status.mgrmap.num_standbys ?? 0} standby` : "–"}</p>
        </div>
        <div class="card">
          <h3>OSDs</h3>
          <p class="figure">
            {osd.num_up_osds ?? 0} up, {osd.num_in_osds ?? 0} in / {osd.num_osds ?? 0}
          </p>
        </div>
        <div class="card">
          <h3>Usage</h3>
          <p class="figure">
            <UsageBar used={pg.bytes_used} total={pg.bytes_total} />
          </p>
          <p class="muted">{bytes(pg.data_bytes)} of data</p>
        </div>
      </div>
      {checks.length > 0 && (
        <ul data-testid="ceph-health-checks">
          {checks.map(([name, check]) => (
            <li key={name} class={healthClass(check.severity)}>
              <strong>{name}</strong>: {check.summary?.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        Placement groups: {pg.num_pgs ?? 0} in {pg.num_pools ?? 0} pool(s)
        {(pg.pgs_by_state ?? []).map((state) => ` · ${state.count} ${state.state_name}`)}
      </p>
    </div>
  );
}
