import { bytes } from "../format";

/** A used/total bar with its figures (storages, root fs, Ceph). */
export function UsageBar({ used, total }: { used?: number; total?: number }) {
  const fraction = total ? Math.min(1, (used ?? 0) / total) : 0;
  return (
    <span class="usage" title={`${(fraction * 100).toFixed(1)} %`}>
      <span class="usage-bar">
        <span class={`usage-fill ${fraction > 0.9 ? "usage-high" : ""}`} style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </span>
      <span class="usage-text">
        {bytes(used)} / {bytes(total)}
      </span>
    </span>
  );
}
