// Every URL is resolved against document.baseURI, never rooted at "/": the SPA then works unchanged when a
// reverse proxy publishes cordouand on a sub-path such as https://proxy/cordouan/.

/** Absolute URL of an API path such as `/cluster/resources`. */
export function apiUrl(path: string): string {
  return new URL(`api2/json${path.startsWith("/") ? path : `/${path}`}`, document.baseURI).toString();
}

/** The ws:// or wss:// URL of an API path (consoles). */
export function apiWebSocketUrl(path: string): string {
  const url = new URL(apiUrl(path));
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** The path the app is published under ("/" or "/cordouan/"): the auth cookie is scoped to it. */
export function basePath(): string {
  return new URL(".", document.baseURI).pathname;
}
