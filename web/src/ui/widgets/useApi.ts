import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, type Params } from "../../api/client";
import { startPolling } from "../../state/poller";

export interface ApiData<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs an API path for a page, again every `refreshMs` when given (status pages), and on `reload()` after an
 * action. A null path fetches nothing (a dependency not known yet). Keeps the last data while refreshing so
 * a table does not flicker; `error` is the last failure (cleared by the next success).
 */
export function useApi<T>(path: string | null, params: Params = {}, refreshMs = 0): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  // Params are a fresh object on each render: key the effect by their text instead.
  const key = JSON.stringify(params);
  const paramsRef = useRef(params);
  paramsRef.current = params;

  useEffect(() => {
    if (path === null) return;
    let alive = true;
    const fetchOnce = async () => {
      try {
        const next = await api<T>("GET", path, paramsRef.current);
        if (!alive) return;
        setData(next);
        setError(null);
      } catch (failure) {
        if (alive) setError(failure);
      } finally {
        if (alive) setLoading(false);
      }
    };
    if (refreshMs > 0) {
      const stop = startPolling(fetchOnce, refreshMs);
      return () => {
        alive = false;
        stop();
      };
    }
    void fetchOnce();
    return () => {
      alive = false;
    };
  }, [path, key, refreshMs, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
