import { HistoryCharts } from "../charts/HistoryCharts";
import { ErrorNote } from "../widgets/ErrorNote";
import { UsageBar } from "../widgets/UsageBar";
import { useApi } from "../widgets/useApi";
import { StorageContent } from "./StorageContent";
import "../widgets/pages.css";

interface StorageStatus {
  type: string;
  content: string;
  active: number;
  enabled: number;
  shared: number;
  total: number;
  used: number;
  avail: number;
}

/** The cluster-wide definition (`/storage/{s}`): options vary by type, so show them all as key/value. */
type StorageConfig = Record<string, string | number>;

/** `#/storage/<node>/<storage>`: status and usage on that node, content, and the storage's configuration. */
export function StoragePage({ node, storage }: { node: string; storage: string }) {
  const status = useApi<StorageStatus>(`/nodes/${encodeURIComponent(node)}/storage/${encodeURIComponent(storage)}/status`, {}, 10_000);
  const config = useApi<StorageConfig>(`/storage/${encodeURIComponent(storage)}`);
  const current = status.data;
  return (
    <div class="page" data-testid="storage-page">
      <h2>
        Storage {storage} on {node}
      </h2>
      <ErrorNote error={status.error} />
      {current && (
        <dl class="kv section" data-testid="storage-status">
          <dt>Type</dt>
          <dd>{current.type}</dd>
          <dt>Status</dt>
          <dd>{!current.enabled ? "disabled" : current.active ? "active" : "inactive"}</dd>
          <dt>Content</dt>
          <dd>{current.content}</dd>
          <dt>Shared</dt>
          <dd>{current.shared ? "yes" : "no"}</dd>
          <dt>Usage</dt>
          <dd>
            <UsageBar used={current.used} total={current.total} />
          </dd>
        </dl>
      )}
      <HistoryCharts path={`/nodes/${encodeURIComponent(node)}/storage/${encodeURIComponent(storage)}`} kind="storage" />
      <StorageContent node={node} storage={storage} />
      <div class="section">
        <h3>Configuration</h3>
        <ErrorNote error={config.error} />
        {config.data && (
          <dl class="kv" data-testid="storage-config">
            {Object.entries(config.data)
              .filter(([key]) => key !== "digest")
              .map(([key, value]) => [<dt key={`${key}-k`}>{key}</dt>, <dd key={`${key}-v`}>{String(value)}</dd>])}
          </dl>
        )}
      </div>
    </div>
  );
}
