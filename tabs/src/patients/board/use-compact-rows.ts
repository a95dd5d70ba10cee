/**
 * Compact rows: one line per patient, so a ward fits on one screen. A personal choice (unlike the
 * columns, which the care team shares), remembered on this device.
 */
import { useCallback, useState } from 'react';

const KEY = 'rounds.patients.compactRows';

// Storage can be blocked in an embedded tab (third-party storage settings): the choice then lasts the session.
function stored(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
}

export function useCompactRows(): [boolean, (compact: boolean) => void] {
  const [compact, setCompact] = useState(stored);
  const choose = useCallback((next: boolean) => {
    setCompact(next);
    try {
      window.localStorage.setItem(KEY, String(next));
    } catch {
      // Kept for this session only.
    }
  }, []);
  return [compact, choose];
}
