/**
 * Reading what Teams sends with a card action (the action's data merged with the card's inputs), for
 * the schedule form, the visit card and the lobby card alike.
 */
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';

/** An input's value: Teams sends strings (numbers sometimes as numbers), nothing when left empty; read trimmed, "" for none. */
export const cardText = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value) => (value === undefined ? '' : String(value).trim()));

/** What every button on a visit's cards carries: the visit, and the Teams users the card refreshes for. */
export const visitActionFields = {
  visitId: z.string().min(1).max(100),
  viewers: z.array(z.string().max(200)).max(60).default([]),
};

/** The card's data as `schema` reads it; data it cannot read is an old card's, refused with how to start again. */
export function readCardData<T>(schema: z.ZodType<T>, data: unknown, startAgain: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError('validation', `This card is out of date. ${startAgain}`);
  return parsed.data;
}
