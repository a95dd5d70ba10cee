/**
 * HTTP contract of the message templates page (admins only): `GET /api/admin/templates`,
 * `PUT /api/admin/templates/<key>` (a template's text), `DELETE /api/admin/templates/<key>` (back to
 * the built-in text) and `POST /api/admin/templates/<key>/preview` (rendered with sample values).
 */
import { z } from 'zod/v4';

export const templateText = z.object({
  /** Email only; null or absent for SMS. */
  subject: z.string().max(1000).nullable().optional(),
  body: z.string({ error: 'body is required' }).max(20_000),
});
export type TemplateText = z.infer<typeof templateText>;

export const templateKeyParams = z.object({ key: z.string().min(1).max(40) });

export const smsLength = z.object({
  characters: z.number(),
  segments: z.number(),
  /** GSM-7 fits 160 characters in one message; one character outside it makes the text UCS-2 (70). */
  encoding: z.enum(['gsm7', 'ucs2']),
});
export type SmsLength = z.infer<typeof smsLength>;

export const templateDto = z.object({
  key: z.string(),
  event: z.enum(['invite', 'reschedule', 'cancel', 'reminder']),
  channel: z.enum(['sms', 'email']),
  subject: z.string().nullable(),
  body: z.string(),
  builtIn: z.object({ subject: z.string().nullable(), body: z.string() }),
  edited: z.object({ by: z.string(), at: z.string() }).nullable(),
  variables: z.array(z.object({ name: z.string(), help: z.string(), required: z.boolean() })),
});
export type TemplateDto = z.infer<typeof templateDto>;

export const templatesResponse = z.object({ templates: z.array(templateDto) });
export type TemplatesResponse = z.infer<typeof templatesResponse>;

export const templatePreview = z.object({
  subject: z.string().nullable(),
  body: z.string(),
  /** SMS templates only. */
  sms: smsLength.nullable(),
});
export type TemplatePreview = z.infer<typeof templatePreview>;
