import { Store, useStore } from "./store";

// Hash routing ("#/vm/100/console"): the server only ever serves index.html, so the app works on any
// reverse-proxy sub-path and a reload keeps the current view.

function currentPath(): string {
  const hash = location.hash.replace(/^#/, "");
  return hash.startsWith("/") ? hash : "/";
}

const route = new Store<string>(currentPath());
window.addEventListener("hashchange", () => route.set(currentPath()));

/** The current route split into segments: "#/vm/100/console" → ["vm", "100", "console"]. */
export function useRoute(): string[] {
  return useStore(route)
    .split("/")
    .filter((segment) => segment.length > 0)
    .map(decodeURIComponent);
}

export function navigate(path: string): void {
  location.hash = path;
}

/** The href of a route, for links (relative: it keeps the page's path and sub-path). */
export function href(path: string): string {
  return `#${path}`;
}
