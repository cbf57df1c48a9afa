import { useEffect, useRef, useState } from "preact/hooks";
import { apiWebSocketUrl } from "../../api/urls";
import { vmPath } from "../../api/vms";

type State = "loading" | "connecting" | "connected" | "closed";

/** xterm.js and its fit addon are big: loaded on first use only, so the main view stays lean. */
async function loadXterm() {
  const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit"), import("@xterm/xterm/css/xterm.css")]);
  return { Terminal, FitAddon };
}

/**
 * The VM's first serial port in xterm.js (hook `serial-console`), over `GET …/serialwebsocket` with the
 * `binary` subprotocol: raw bytes both ways, the auth cookie sent by the browser. The terminal fits its
 * box; a serial line has no size to tell the guest, so resizing only re-fits. Reconnect opens a new socket.
 */
export function SerialConsole({ node, vmid, running }: { node: string; vmid: number; running: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>("loading");
  const [reason, setReason] = useState<string>("");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!running || !box.current) return;
    let disposed = false;
    let socket: WebSocket | null = null;
    let cleanup = () => {};
    void loadXterm().then(({ Terminal, FitAddon }) => {
      if (disposed || !box.current) return;
      const terminal = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 14, scrollback: 5_000 });
      const fit = new FitAddon();
      terminal.loadAddon(fit);
      terminal.open(box.current);
      fit.fit();
      const resize = new ResizeObserver(() => fit.fit());
      resize.observe(box.current);
      setState("connecting");
      socket = new WebSocket(apiWebSocketUrl(vmPath(node, vmid, "/serialwebsocket")), ["binary"]);
      socket.binaryType = "arraybuffer";
      const encoder = new TextEncoder();
      socket.onopen = () => {
        setState("connected");
        terminal.focus();
        // An empty line makes a waiting getty print its prompt again.
        socket?.send(encoder.encode("\r"));
      };
      socket.onmessage = (event) => terminal.write(typeof event.data === "string" ? event.data : new Uint8Array(event.data as ArrayBuffer));
      socket.onclose = (event) => {
        setState("closed");
        setReason(event.reason || (event.code === 1000 ? "closed" : `connection closed (code ${event.code})`));
      };
      const input = terminal.onData((data) => socket?.readyState === WebSocket.OPEN && socket.send(encoder.encode(data)));
      const binary = terminal.onBinary((data) => socket?.readyState === WebSocket.OPEN && socket.send(Uint8Array.from(data, (c) => c.charCodeAt(0))));
      cleanup = () => {
        input.dispose();
        binary.dispose();
        resize.disconnect();
        terminal.dispose();
      };
    }, (error: unknown) => (setState("closed"), setReason(`cannot load the terminal: ${String(error)}`)));
    return () => {
      disposed = true;
      socket?.close();
      cleanup();
    };
  }, [node, vmid, running, attempt]);

  return (
    <div>
      <div class="console-toolbar">
        <span class="muted" data-testid="serial-console-state">
          {!running ? "VM not running" : state === "closed" ? `Disconnected: ${reason}` : state}
        </span>
        <button class="button" disabled={!running} onClick={() => setAttempt((n) => n + 1)} data-testid="serial-reconnect">
          Reconnect
        </button>
      </div>
      <div class="console-box" ref={box} key={attempt} data-testid="serial-console" />
    </div>
  );
}
