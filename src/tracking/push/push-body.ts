import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import type { CarrierResult } from '../carrier';
import { shipmentStatuses } from '../domain/taxonomy';
import { parseCarrierTime } from '../carriers/normalize';

const isoWithOptionalOffset =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/;

const eventSchema = z.object({
  id: z.string().min(1).max(200),
  status: z.enum(shipmentStatuses),
  rawCode: z.string().max(100).default(''),
  rawText: z.string().max(500).default(''),
  reasonCode: z.string().max(100).optional(),
  location: z
    .object({
      city: z.string().max(100).optional(),
      region: z.string().max(100).optional(),
      postalCode: z.string().max(20).optional(),
      country: z.string().max(2).optional(),
    })
    .optional(),
  occurredAt: z.string().regex(isoWithOptionalOffset, 'an ISO 8601 date-time'),
});

const resultSchema = z.object({
  trackingNumber: z.string().min(1).max(64),
  status: z.enum(shipmentStatuses),
  events: z.array(eventSchema).max(500).default([]),
  eta: z
    .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), source: z.string().max(50) })
    .optional(),
  deliveredTo: z.string().max(200).optional(),
  handledBy: z
    .object({
      name: z.string().min(1).max(100),
      trackingUrl: z.url({ protocol: /^https$/ }).optional(),
    })
    .optional(),
  pieces: z.number().int().min(1).optional(),
});

export const pushBodySchema = z.object({ updates: z.array(resultSchema).min(1).max(500) });

/** A pushed body as JSON; 400 when it is not JSON at all. */
export function parseJsonBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (cause) {
    throw new AppError('bad_request', 'The body is not valid JSON.', { cause });
  }
}

/**
 * Parses a generic push body into carrier results. An event time without an offset is read as
 * wall-clock time and flagged (utcOffsetMinutes null) instead of being silently taken as UTC.
 */
export function parsePushBody(rawBody: Buffer): CarrierResult[] {
  const parsed = pushBodySchema.safeParse(parseJsonBody(rawBody));
  if (!parsed.success)
    throw new AppError('validation_failed', 'The push body is not a list of tracking updates.', {
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  return parsed.data.updates.map((update) => ({
    ...update,
    events: update.events.map((event) => {
      const { at, offset } = parseCarrierTime(event.occurredAt);
      return { ...event, occurredAt: at, utcOffsetMinutes: offset };
    }),
  }));
}
