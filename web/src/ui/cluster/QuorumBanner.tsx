import type { ClusterSummaryEntry } from "./clusterTypes";

/**
 * The cluster lost quorum: changes are refused until it comes back, but reads keep working; say so plainly
 * with whatever the API adds (its `warning`).
 */
export function QuorumBanner({ cluster }: { cluster: ClusterSummaryEntry | null }) {
  if (!cluster) return null;
  if (cluster.quorate) {
    // A quorate cluster may still be fragile (two votes without a witness): the API says so in `warning`.
    return cluster.warning ? (
      <div class="banner-page warn" data-testid="cluster-warning">
        {cluster.warning}
      </div>
    ) : null;
  }
  return (
    <div class="banner-page" role="alert" data-testid="quorum-lost">
      <strong>Cluster not quorate.</strong> The management is read-only until a majority of nodes is back: changes are refused, figures may be out of date.
      {cluster.warning && <div>{cluster.warning}</div>}
    </div>
  );
}
