import { Store } from "./store";

export type ConnectionState = { online: true } | { online: false; reason: string; since: number };

/**
 * Whether the API answers. Any request that cannot reach it marks the connection lost (the shell shows a
 * banner); the next request that gets an answer marks it back, so recovery needs no reload: the pollers
 * keep polling while the connection is lost.
 */
class ConnectionStore extends Store<ConnectionState> {
  constructor() {
    super({ online: true });
  }

  lost(reason: string): void {
    if (this.value.online) this.set({ online: false, reason, since: Date.now() });
  }

  ok(): void {
    if (!this.value.online) this.set({ online: true });
  }
}

export const connection = new ConnectionStore();
