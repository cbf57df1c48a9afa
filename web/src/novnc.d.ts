// noVNC ships no type declarations: the little of its RFB class the VNC console uses.
declare module "@novnc/novnc" {
  export default class RFB extends EventTarget {
    constructor(target: HTMLElement, url: string, options?: { credentials?: { password?: string }; wsProtocols?: string[] });
    scaleViewport: boolean;
    disconnect(): void;
    addEventListener(type: string, listener: (event: CustomEvent) => void): void;
  }
}
