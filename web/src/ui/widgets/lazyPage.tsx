import { h, type ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { showError } from "../Toasts";

/**
 * A page loaded on first use (dynamic `import()`, its own chunk): the main view does not download the code
 * of pages the user may never open. The module is fetched once; later visits render at once.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded); // a function value must be wrapped: useState would call it
    useEffect(() => {
      if (component) return;
      let alive = true;
      load().then(
        (next) => {
          loaded = next;
          if (alive) setComponent(() => next);
        },
        (error) => showError(error),
      );
      return () => {
        alive = false;
      };
    }, []);
    return component ? h(component, props) : <div class="page muted">Loading…</div>;
  };
}
