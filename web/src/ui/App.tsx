import { useEffect } from "preact/hooks";
import { onUnauthorized } from "../api/client";
import { logout, session } from "../api/session";
import { useStore } from "../state/store";
import { Login } from "./Login";
import { Shell } from "./Shell";

/** Login page until there is a session; the shell after. A 401 from any call (expired ticket) logs out. */
export function App() {
  const current = useStore(session);
  useEffect(() => onUnauthorized(() => session.value && logout()), []);
  return current ? <Shell /> : <Login />;
}
