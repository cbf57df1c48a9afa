import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api/client";
import { ApiError, describeError } from "../../api/errors";
import { apiWebSocketUrl } from "../../api/urls";
import { vmPath } from "../../api/vms";

interface VncProxy {
  port: number | string;
  ticket: string;
  password?: string;
}

/**
 * The graphical console (hook `vnc-console`) with noVNC, loaded on first use: `POST …/vncproxy`
 * (`websocket=1`) gives a port and a ticket, then `…/vncwebsocket?port=&vncticket=` carries RFB (spec §11);
 * the ticket is the VNC password. A 501 (no VNC proxy on this server) is said plainly.
 */
export function VncConsole({ node, vmid }: { node: string; vmid: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState("Connecting…");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let disposed = false;
    let rfb: { disconnect(): void } | null = null;
    (async () => {
      let proxy: VncProxy;
      try {
        proxy = await api<VncProxy>("POST", vmPath(node, vmid, "/vncproxy"), { websocket: 1 });
      } catch (error) {
        if (disposed) return;
        setMessage(error instanceof ApiError && error.status === 501 ? "The graphical console is not available on this server (VNC proxy not implemented): use the serial console." : `Cannot open the graphical console: ${describeError(error)}`);
        return;
      }
      const { default: RFB } = await import("@novnc/novnc");
      if (disposed || !box.current) return;
      const url = `${apiWebSocketUrl(vmPath(node, vmid, "/vncwebsocket"))}?port=${encodeURIComponent(String(proxy.port))}&vncticket=${encodeURIComponent(proxy.ticket)}`;
      const client = new RFB(box.current, url, { credentials: { password: proxy.password ?? proxy.ticket }, wsProtocols: ["binary"] });
      client.scaleViewport = true;
      client.addEventListener("connect", () => setMessage("Connected"));
      client.addEventListener("disconnect", (event: CustomEvent<{ clean: boolean }>) => setMessage(event.detail.clean ? "Disconnected" : "Connection lost"));
      client.addEventListener("securityfailure", (event: CustomEvent<{ reason?: string }>) => setMessage(`Refused: ${event.detail.reason ?? "authentication failed"}`));
      rfb = client;
    })().catch((error: unknown) => !disposed && setMessage(`Cannot open the graphical console: ${describeError(error)}`));
    return () => {
      disposed = true;
      rfb?.disconnect();
    };
  }, [node, vmid, attempt]);

  return (
    <div>
      <div class="console-toolbar">
        <span class="muted" data-testid="vnc-console-state">
          {message}
        </span>
        <button class="button" onClick={() => setAttempt((n) => n + 1)}>
          Reconnect
        </button>
      </div>
      <div class="vnc-box" ref={box} key={attempt} data-testid="vnc-console" />
    </div>
  );
}
