import { useEffect, useState } from "preact/hooks";
import { api } from "../api/client";
import { describeError } from "../api/errors";
import { login } from "../api/session";
import type { Realm } from "../api/types";

/** The login page: user, password and realm (GET /access/domains, readable without a ticket as in Proxmox). */
export function Login() {
  const [realms, setRealms] = useState<Realm[]>([
    { realm: "pam", type: "pam" },
    { realm: "pve", type: "pve" },
  ]);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [realm, setRealm] = useState("pve");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Realm[]>("GET", "/access/domains")
      .then((list) => list.length > 0 && setRealms(list))
      .catch(() => {
        // The two built-in realms above stay offered; the login itself will report a lost connection.
      });
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(!username.trim() ? "Enter a user name." : "Enter a password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password, realm);
    } catch (failure) {
      setError((failure as { status?: number }).status === 401 ? "Login failed: wrong user name or password." : describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <form class="login-box" data-testid="login-form" onSubmit={submit} noValidate>
        <h1>Cordouan</h1>
        <label>
          User name
          <input data-testid="login-username" name="username" autocomplete="username" autofocus value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input data-testid="login-password" name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <label>
          Realm
          <select data-testid="login-realm" name="realm" value={realm} onChange={(e) => setRealm(e.currentTarget.value)}>
            {realms.map((r) => (
              <option key={r.realm} value={r.realm}>
                {r.comment ? `${r.comment} (${r.realm})` : r.realm}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p class="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" data-testid="login-submit" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
    </div>
  );
}
