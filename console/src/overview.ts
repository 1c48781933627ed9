// The signed-in account's overview (name, balance, engine time) shared by the top bar and the pages that refresh it.
import { createContext } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import { api } from './api';
import { setTimezone } from './format';
import type { Overview } from './types';

export interface OverviewState {
  overview: Overview | null;
  /** Reloads it unless a reload is already in flight (pages call it on every poll). */
  refresh: () => void;
}

export const OverviewContext = createContext<OverviewState>({ overview: null, refresh: () => {} });

export function useOverviewLoader(): OverviewState {
  const [overview, setOverview] = useState<Overview | null>(null);
  const inFlight = useRef(false);
  const refresh = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    api<Overview>('/overview').then((o) => {
      setTimezone(o.timezone);
      setOverview(o);
    }, () => {
      // The top bar keeps what it showed; a lost session is handled by api() itself.
    }).finally(() => {
      inFlight.current = false;
    });
  }, []);
  return { overview, refresh };
}
