// Loading a view's data: at most one request per view in flight, old data kept while new loads (no flicker), and polling while the tab is visible.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isAbort } from './api';

export interface Resource<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  /**
   * force: a change the user asked for (a filter, a page): it replaces a request in flight.
   * Without force (a poll) nothing starts while a request is in flight.
   */
  reload: (force?: boolean) => void;
}

export function useResource<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const inFlight = useRef<AbortController | null>(null);
  const latest = useRef(fetcher);
  latest.current = fetcher;

  const reload = useCallback((force = false) => {
    if (inFlight.current && !force) return;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    latest.current(controller.signal).then(
      (data) => {
        if (inFlight.current === controller) setState({ data, loading: false });
      },
      (err: unknown) => {
        if (isAbort(err) || inFlight.current !== controller) return;
        const error = err instanceof ApiError ? err : new ApiError(0, 'Error', String((err as Error)?.message ?? err));
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    ).finally(() => {
      if (inFlight.current === controller) inFlight.current = null;
    });
  }, []);

  // The caller names what the fetch depends on; a change of those is a new view: load at once.
  useEffect(() => reload(true), deps);
  useEffect(() => () => inFlight.current?.abort(), []);
  return { ...state, reload };
}

/** Calls tick every ms while active and the tab is visible, and at once when the tab comes back into view. */
export function usePolling(tick: () => void, ms: number, active: boolean): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    const visible = () => document.visibilityState === 'visible';
    const timer = setInterval(() => {
      if (visible()) latest.current();
    }, ms);
    const onVisibility = () => {
      if (visible()) latest.current();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ms, active]);
}
