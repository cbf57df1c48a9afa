import { href } from "../../state/router";
import { useApi } from "../widgets/useApi";
import { ErrorNote } from "../widgets/ErrorNote";
import { UsageBar } from "../widgets/UsageBar";

interface NodeStorageItem {
  storage: string;
  type: string;
  content: string;
  active: number;
  enabled: number;
  shared: number;
  total: number;
  used: number;
}

/** The storages this node sees, with their usage; each opens its storage page. */
export function NodeStorage({ node }: { node: string }) {
  const { data, error } = useApi<NodeStorageItem[]>(`/nodes/${encodeURIComponent(node)}/storage`, {}, 10_000);
  return (
    <div>
      <ErrorNote error={error} />
      <table data-testid="node-storages">
        <thead>
          <tr>
            <th>Storage</th>
            <th>Type</th>
            <th>Content</th>
            <th>Status</th>
            <th>Shared</th>
            <th>Usage</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((storage) => (
            <tr key={storage.storage}>
              <td>
                <a href={href(`/storage/${encodeURIComponent(node)}/${encodeURIComponent(storage.storage)}`)}>{storage.storage}</a>
              </td>
              <td>{storage.type}</td>
              <td>{storage.content}</td>
              <td>{!storage.enabled ? "disabled" : storage.active ? "active" : "inactive"}</td>
              <td>{storage.shared ? "yes" : "no"}</td>
              <td>
                <UsageBar used={storage.used} total={storage.total} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
