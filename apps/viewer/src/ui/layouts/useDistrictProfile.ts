import type { DistrictProfile } from '@pengcheng/protocol';
import { useEffect, useState } from 'react';
import type { LayoutServices } from './modeSettings.js';

/** Until it comes, and if it never does, the panels show what they have: nothing made up. */
export type DistrictProfileState = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly profile: DistrictProfile } | { readonly phase: 'error' };

/** Retry a failed profile this often: a wall runs for days, and the server may come back. */
const RETRY_MS = 30_000;

export function useDistrictProfile(services: LayoutServices): DistrictProfileState {
  const [state, setState] = useState<DistrictProfileState>({ phase: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      services.districtProfile(abort.signal).then(
        (profile) => setState({ phase: 'ready', profile }),
        () => {
          if (abort.signal.aborted) return;
          setState((previous) => (previous.phase === 'ready' ? previous : { phase: 'error' }));
          retry = setTimeout(load, RETRY_MS);
        },
      );
    };
    load();
    return () => {
      abort.abort();
      clearTimeout(retry);
    };
  }, [services]);
  return state;
}
