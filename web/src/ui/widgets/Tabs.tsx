import { href } from "../../state/router";

/** Tabs as hash links (`#/<base>/<tab>`), so a reload or a shared link keeps the tab (`tab-<name>`). */
export function Tabs({ base, tabs, current }: { base: string; tabs: [name: string, label: string][]; current: string }) {
  return (
    <nav class="tabs">
      {tabs.map(([name, label]) => (
        <a key={name} class={`tab ${name === current ? "active" : ""}`} href={href(`${base}/${name}`)} data-testid={`tab-${name}`}>
          {label}
        </a>
      ))}
    </nav>
  );
}
