/**
 * The HTTP contract between the service and the tab pages. Shared by bot/src/http (validation)
 * and tabs/ (types and request building). Pure zod: no Node or DOM imports.
 */
import { z } from 'zod/v4';

/** Every non-2xx answer of the API has this body. `message` is safe to show to a user. */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** GET /api/client-config: what a page needs to know before it signs in. No secrets. */
export const clientConfig = z.object({
  devMode: z.boolean(),
  /** Entra app id of the bot/tab (null in dev mode). */
  appId: z.string().nullable(),
  version: z.string(),
});
export type ClientConfig = z.infer<typeof clientConfig>;

/** GET /api/me: who the API thinks the caller is (from the Teams SSO token, or the dev identity). */
export const me = z.object({
  userId: z.string(),
  name: z.string(),
  tenantId: z.string(),
});
export type Me = z.infer<typeof me>;

export const patientsMode = z.enum(['ehr', 'manual'], { error: "mode must be 'ehr' or 'manual'" });
export type PatientsMode = z.infer<typeof patientsMode>;

const channelRef = {
  teamId: z.string({ error: 'teamId is required' }).trim().min(1, 'teamId is required').max(256, 'teamId is too long'),
  channelId: z.string({ error: 'channelId is required' }).trim().min(1, 'channelId is required').max(256, 'channelId is too long'),
};

/** Query of GET /api/patients/config. */
export const patientsConfigQuery = z.object(channelRef);
export type PatientsConfigQuery = z.infer<typeof patientsConfigQuery>;

/** Body of PUT /api/patients/config. */
export const patientsConfigInput = z.object({ ...channelRef, mode: patientsMode });
export type PatientsConfigInput = z.infer<typeof patientsConfigInput>;

/** Answer of GET and PUT /api/patients/config; `mode` null until the channel has been configured. */
export const patientsConfig = z.object({
  teamId: z.string(),
  channelId: z.string(),
  mode: patientsMode.nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type PatientsConfig = z.infer<typeof patientsConfig>;
