import { useCallback, useEffect, useState } from "preact/hooks";
import { describeError } from "../../api/errors";

/**
 * Loads data when its key changes and on `reload()` (after an action); keeps the last good value while a
 * reload runs so the page does not flicker. The loader's error is returned as text for the page to show.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && (setData(value), setError(null)),
      (failure) => current && setError(describeError(failure)),
    );
    return () => {
      current = false;
    };
    // The loader closes over the key's values; the key says when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);
  useEffect(() => setData(null), [key]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, reload };
}
