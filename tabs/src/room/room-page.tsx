/**
 * Runs one RoomSession at a time for the page: starts it, leaves when the page goes away (so the
 * others know at once), and starts a fresh one on "Rejoin".
 */
import { useEffect, useState } from 'react';
import { RoomApp } from './room-app';
import type { RoomSession } from './room-session';

export interface RoomPageProps {
  createSession: () => RoomSession;
  patientToken: string | null;
  win?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export function RoomPage({ createSession, patientToken, win = window }: RoomPageProps) {
  const [attempt, setAttempt] = useState(0);
  const [session, setSession] = useState<RoomSession | null>(null);

  useEffect(() => {
    const next = createSession();
    setSession(next);
    void next.start();
    const leave = () => next.leave();
    win.addEventListener('pagehide', leave);
    return () => {
      win.removeEventListener('pagehide', leave);
      next.leave();
    };
  }, [attempt, createSession, win]);

  if (!session) return null;
  return <RoomApp session={session} patientToken={patientToken} onRejoin={() => setAttempt((n) => n + 1)} />;
}
