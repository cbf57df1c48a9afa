import { dateTime } from "../format";
import type { HaStatusEntry } from "./haTypes";

function statusClass(text: string | undefined): string {
  if (!text) return "";
  if (/error|fence|dead|lost|unknown/i.test(text)) return "status-error";
  if (/wait|idle|recover|migrate|relocate|freeze/i.test(text)) return "status-warn";
  return "status-ok";
}

/** Quorum, the cluster resource manager, each node's local resource manager and each service's state. */
export function HaStatus({ entries }: { entries: HaStatusEntry[] }) {
  const quorum = entries.find((entry) => entry.type === "quorum");
  const master = entries.find((entry) => entry.type === "master");
  const lrms = entries.filter((entry) => entry.type === "lrm");
  const services = entries.filter((entry) => entry.type === "service");
  const others = entries.filter((entry) => !["quorum", "master", "lrm", "service"].includes(entry.type));
  return (
    <div class="section" data-testid="ha-status">
      <div class="cards">
        <div class="card">
          <h3>Quorum</h3>
          <p class={`figure ${quorum?.quorate ? "status-ok" : "status-error"}`} data-testid="ha-quorum">
            {quorum ? (quorum.quorate ? "OK" : "not quorate") : "–"}
          </p>
        </div>
        <div class="card">
          <h3>Manager</h3>
          <p class={`figure ${statusClass(master?.status)}`} data-testid="ha-manager">
            {master?.status ?? "none"}
          </p>
        </div>
        {others.map((entry) => (
          <div class="card" key={entry.id}>
            <h3>{entry.type}</h3>
            <p class="figure">{entry.status ?? JSON.stringify(entry)}</p>
          </div>
        ))}
      </div>
      <h3>Local resource managers</h3>
      <table data-testid="ha-lrms">
        <thead>
          <tr>
            <th>Node</th>
            <th>Mode</th>
            <th>Status</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {lrms.map((lrm) => (
            <tr key={lrm.id}>
              <td>{lrm.node}</td>
              <td>{lrm.mode}</td>
              <td class={statusClass(lrm.status)}>{lrm.status}</td>
              <td>{dateTime(lrm.timestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {services.length > 0 && (
        <>
          <h3>Services</h3>
          <table data-testid="ha-services">
            <thead>
              <tr>
                <th>Resource</th>
                <th>Node</th>
                <th>State</th>
                <th>Requested</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id} data-testid={`ha-service-${service.sid}`}>
                  <td>{service.sid}</td>
                  <td>{service.node}</td>
                  <td class={statusClass(service.crm_state ?? service.state)}>{service.crm_state ?? service.state}</td>
                  <td>{service.request_state ?? service.state}</td>
                  <td>{service.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
