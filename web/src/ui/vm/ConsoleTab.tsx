import { useState } from "preact/hooks";
import { SerialConsole } from "./SerialConsole";
import { VncConsole } from "./VncConsole";
import type { VmContext } from "./VmContext";

/** Console tab: the serial console (xterm.js) by default, or the graphical one (noVNC). */
export function ConsoleTab(context: VmContext) {
  const [kind, setKind] = useState<"serial" | "vnc">("serial");
  const running = (context.status?.status ?? context.item.status) === "running";
  return (
    <div>
      <div class="console-toolbar">
        <button class={`button ${kind === "serial" ? "primary" : ""}`} onClick={() => setKind("serial")} data-testid="console-serial">
          Serial console
        </button>
        <button class={`button ${kind === "vnc" ? "primary" : ""}`} onClick={() => setKind("vnc")} data-testid="console-vnc">
          Graphical console (VNC)
        </button>
      </div>
      {!running && <p class="muted">The VM is not running: the console connects once it runs.</p>}
      {/* Keyed on the state so the console connects again by itself when the VM starts. */}
      {kind === "serial" && <SerialConsole key={String(running)} node={context.node} vmid={context.vmid} running={running} />}
      {kind === "vnc" && running && <VncConsole node={context.node} vmid={context.vmid} />}
    </div>
  );
}
