/**
 * What the room page learns from its address: the room (`/rooms/<roomId>`) and, for the patient,
 * the link token (`?patient=<token>`), which is the patient's only credential. Clinicians have none.
 */
const ROOM_PATH = /^\/rooms\/([A-Za-z0-9_-]{16,64})\/?$/;
const TOKEN = /^[A-Za-z0-9._~-]{1,2048}$/;

export interface RoomAddress {
  roomId: string;
  /** Set for the patient; null for clinicians (who sign in instead). */
  patientToken: string | null;
}

export function roomAddressOf(location: Pick<Location, 'pathname' | 'search'>): RoomAddress | null {
  const roomId = ROOM_PATH.exec(location.pathname)?.[1];
  if (!roomId) return null;
  const patient = new URLSearchParams(location.search).get('patient');
  if (patient === null) return { roomId, patientToken: null };
  // A mangled link (cut off in a message, say) is not a clinician's: it is a dead patient link.
  return TOKEN.test(patient) ? { roomId, patientToken: patient } : null;
}

/** The patient's waiting room, for "go back and wait" (the lobby page lives at /lobby/<token>). */
export function lobbyPathOf(patientToken: string): string {
  return `/lobby/${encodeURIComponent(patientToken)}`;
}

/** A random peer id (no `crypto.randomUUID`: it is missing on plain http, which a LAN may use). */
export function newPeerId(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
