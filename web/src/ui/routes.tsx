import type { ComponentChildren } from "preact";
import { DatacenterSummary } from "./DatacenterSummary";
import { TaskLog } from "./TaskLog";
import { lazyPage } from "./widgets/lazyPage";

// Pages other than the datacenter view are split into their own chunks, loaded when first opened.
const NodePage = lazyPage(() => import("./node/NodePage").then((module) => module.NodePage));
const ClusterPage = lazyPage(() => import("./cluster/ClusterPage").then((module) => module.ClusterPage));
const StoragePage = lazyPage(() => import("./storage/StoragePage").then((module) => module.StoragePage));
const HaPage = lazyPage(() => import("./ha/HaPage").then((module) => module.HaPage));
const CephPage = lazyPage(() => import("./ceph/CephPage").then((module) => module.CephPage));
const TasksPage = lazyPage(() => import("./tasks/TasksPage").then((module) => module.TasksPage));
const loadVmPage = () => import("./vm/VmPage").then((module) => module.VmPage);
const VmPage = lazyPage(loadVmPage);
const CreateVmWizard = lazyPage(() => import("./wizard/CreateVmWizard").then((module) => module.CreateVmWizard));

/**
 * Fetches the VM page's code while the main view waits for its first API answer: opening a VM from the tree is the
 * most likely next step, and then it does not wait for a download.
 */
export function preloadLikelyPages(): void {
  void loadVmPage().catch(() => {
    // Loaded again (and reported) when the page is opened.
  });
}

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
    case "node":
      if (second) return <NodePage node={second} tab={third} />;
      break;
    case "create-vm":
      return <CreateVmWizard />;
    case "vm":
      if (second && /^\d+$/.test(second)) return <VmPage key={second} vmid={Number(second)} tab={third ?? "summary"} />;
      break;
    case "cluster":
      return <ClusterPage />;
    case "storage":
      if (second && third) return <StoragePage node={second} storage={third} />;
      break;
    case "ha":
      return <HaPage />;
    case "ceph":
      return <CephPage />;
    case "tasks":
      return second ? <TaskLog upid={second} /> : <TasksPage />;
  }
  return (
    <div class="page">
      <h2>Not found</h2>
      <p>There is no page at #/{route.join("/")}.</p>
    </div>
  );
}
