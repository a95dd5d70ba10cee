/**
 * Runs `run` for a burst of calls at most twice: once now, and once more after it if anything called
 * meanwhile. Live events come in bursts (a check-in is three or four changes in a second); each read
 * they trigger is a request and an audited read, so a burst costs two, never one per event.
 */
import { useCallback, useRef } from 'react';

export function useCoalesced(run: () => Promise<void>): () => void {
  const running = useRef(false);
  const calledMeanwhile = useRef(false);
  return useCallback(() => {
    if (running.current) {
      calledMeanwhile.current = true;
      return;
    }
    running.current = true;
    void (async () => {
      do {
        calledMeanwhile.current = false;
        await run();
      } while (calledMeanwhile.current);
      running.current = false;
    })();
  }, [run]);
}
