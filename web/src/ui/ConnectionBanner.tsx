import { connection } from "../state/connection";
import { useStore } from "../state/store";

/** Shown while the API is unreachable; it goes away by itself when a poll gets an answer again. */
export function ConnectionBanner() {
  const state = useStore(connection);
  if (state.online) return null;
  return (
    <div class="banner banner-error" role="alert" data-testid="connection-lost">
      Connection to Cordouan lost ({state.reason}). Retrying… the page updates as soon as the API answers again.
    </div>
  );
}
