import type { ComponentChildren } from "preact";
import { DatacenterSummary } from "./DatacenterSummary";
import { TaskLog } from "./TaskLog";
import { VmPage } from "./vm/VmPage";
import { CreateVmWizard } from "./wizard/CreateVmWizard";

/**
 * The main view for a route (segments of the hash path). Each page lives in its own file; add a case here.
 * Unknown routes say so instead of showing an empty page.
 */
export function viewFor(route: string[]): ComponentChildren {
  const [first, second, third] = route;
  switch (first) {
    case undefined:
    case "login":
      return <DatacenterSummary />;
    case "create-vm":
      return <CreateVmWizard />;
    case "vm":
      if (second && /^\d+$/.test(second)) return <VmPage key={second} vmid={Number(second)} tab={third ?? "summary"} />;
      break;
    case "tasks":
      if (second) return <TaskLog upid={second} />;
      break;
  }
  return (
    <div class="page">
      <h2>Not found</h2>
      <p>There is no page at #/{route.join("/")}.</p>
    </div>
  );
}
