import { ErrorNote } from "../widgets/ErrorNote";
import { useApi } from "../widgets/useApi";
import { HaGroups } from "./HaGroups";
import { HaResources } from "./HaResources";
import { HaStatus } from "./HaStatus";
import type { HaGroup, HaResource, HaStatusEntry } from "./haTypes";
import "../widgets/pages.css";

/** `#/ha`: the HA manager's live view (every 3 s), resources and groups. */
export function HaPage() {
  const status = useApi<HaStatusEntry[]>("/cluster/ha/status/current", {}, 3_000);
  const resources = useApi<HaResource[]>("/cluster/ha/resources", {}, 10_000);
  const groups = useApi<HaGroup[]>("/cluster/ha/groups", {}, 30_000);
  const changed = () => {
    resources.reload();
    groups.reload();
    status.reload();
  };
  return (
    <div class="page" data-testid="ha-page">
      <h2>High availability</h2>
      <ErrorNote error={status.error ?? resources.error ?? groups.error} />
      <HaStatus entries={status.data ?? []} />
      <HaResources list={resources.data ?? []} groups={groups.data ?? []} onChanged={changed} />
      <HaGroups list={groups.data ?? []} onChanged={changed} />
    </div>
  );
}
