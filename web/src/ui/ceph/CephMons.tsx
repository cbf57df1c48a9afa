import type { CephMon } from "./cephTypes";

/** The monitors with their address, host and whether they are in quorum. */
export function CephMons({ mons }: { mons: CephMon[] }) {
  return (
    <div class="section">
      <h3>Monitors</h3>
      <table data-testid="ceph-mons">
        <thead>
          <tr>
            <th>Name</th>
            <th>Host</th>
            <th>Address</th>
            <th>Rank</th>
            <th>Quorum</th>
          </tr>
        </thead>
        <tbody>
          {mons.map((mon) => (
            <tr key={mon.name}>
              <td>{mon.name}</td>
              <td>{mon.host}</td>
              <td>{mon.addr}</td>
              <td>{mon.rank}</td>
              <td class={mon.quorum ? "status-ok" : "status-error"}>{mon.quorum ? "yes" : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
