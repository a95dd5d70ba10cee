/**
 * Who the tab pages act as in dev mode: the same person the Microsoft 365 Agents Playground chats as
 * (its `.m365agentsplayground.yml`), so what they book in the chat is theirs in My visits, and their
 * Admit is a clinician's. Settings override it; without either it is the built-in "Dev Clinician".
 */
import fs from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod/v4';

export interface DevUser {
  /** Entra object id: the id visits, lists and messages know people by. */
  id: string;
  tenantId: string;
  name: string;
  email: string | null;
  /** Where it came from, for the start banner. */
  source: string;
}

export const BUILT_IN_DEV_USER: DevUser = { id: 'dev-user', tenantId: 'dev-tenant', name: 'Dev Clinician', email: null, source: 'built in' };

const playgroundFile = z.object({
  tenantId: z.string().min(1),
  currentUser: z.object({ aadObjectId: z.string().min(1), name: z.string().min(1), email: z.string().optional() }),
});

/** The Playground's current user, or null (with the reason) when the file is missing or not what the Playground reads. */
export function readPlaygroundUser(file: string): { user: DevUser } | { problem: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { problem: `${file} cannot be read` };
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return { problem: `${file} is not valid YAML` };
  }
  const parsed = playgroundFile.safeParse(data);
  if (!parsed.success) return { problem: `${file} has no tenantId and currentUser (aadObjectId, name)` };
  const { tenantId, currentUser } = parsed.data;
  return { user: { id: currentUser.aadObjectId, tenantId, name: currentUser.name, email: currentUser.email ?? null, source: file } };
}

export interface DevUserSettings {
  /** The Playground file to read; null reads none. */
  file: string | null;
  id?: string | undefined;
  tenantId?: string | undefined;
  name?: string | undefined;
}

/** The dev user: the Playground's (if its file is there), then each setting given over it. */
export function resolveDevUser(settings: DevUserSettings): { user: DevUser; problem: string | null } {
  const fromFile = settings.file && fs.existsSync(settings.file) ? readPlaygroundUser(settings.file) : null;
  const base = fromFile && 'user' in fromFile ? fromFile.user : BUILT_IN_DEV_USER;
  const overridden = Boolean(settings.id || settings.tenantId || settings.name);
  return {
    user: {
      id: settings.id ?? base.id,
      tenantId: settings.tenantId ?? base.tenantId,
      name: settings.name ?? base.name,
      email: settings.id ? null : base.email,
      source: overridden ? 'DEV_USER_* settings' : base.source,
    },
    problem: fromFile && 'problem' in fromFile ? fromFile.problem : null,
  };
}
