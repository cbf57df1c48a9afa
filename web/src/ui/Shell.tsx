import { useEffect } from "preact/hooks";
import { can, logout, session } from "../api/session";
import { startResourcePolling } from "../state/resources";
import { href, useRoute } from "../state/router";
import { useStore } from "../state/store";
import { startTaskPolling } from "../state/tasks";
import { ConnectionBanner } from "./ConnectionBanner";
import { preloadLikelyPages, viewFor } from "./routes";
import { TasksPanel } from "./TasksPanel";
import { Toasts } from "./Toasts";
import { Tree } from "./Tree";

/** The logged-in layout: header, resource tree on the left, the routed view, recent tasks at the bottom. */
export function Shell() {
  const current = useStore(session);
  const route = useRoute();

  useEffect(() => {
    const stopResources = startResourcePolling();
    const stopTasks = startTaskPolling();
    preloadLikelyPages();
    return () => {
      stopResources();
      stopTasks();
    };
  }, []);

  return (
    <div class="shell">
      <header class="header">
        <a class="brand" href={href("/")}>
          Cordouan
        </a>
        {/* Only for users who may create VMs (the API still decides): a VM user sees their VMs, not this. */}
        {can("vms", "VM.Allocate") && (
          <a class="button primary" href={href("/create-vm")} data-testid="create-vm">
            Create VM
          </a>
        )}
        <span class="spacer" />
        <span data-testid="current-user">{current?.username}</span>
        <button class="button" data-testid="logout" onClick={logout}>
          Log out
        </button>
      </header>
      <ConnectionBanner />
      <aside class="sidebar">
        <Tree />
      </aside>
      <main class="content">{viewFor(route)}</main>
      <footer class="footer">
        <TasksPanel />
      </footer>
      <Toasts />
    </div>
  );
}
