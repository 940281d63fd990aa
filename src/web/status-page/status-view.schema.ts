import { z } from 'zod';
import { supportedLocales } from '../../i18n/locale';
import { shipmentStatuses } from '../../tracking/domain/taxonomy';

/**
 * The public shape of `GET /t/:token.json` (and `/t/:token` with `Accept: application/json`).
 * The merchant API's OpenAPI document can include `statusViewSchema` as-is (zod 4 `toJSONSchema`).
 * It carries codes for machines and the same plain-language labels the HTML page shows; it never
 * carries the guest's email, phone or street address.
 */
const adviceSchema = z.object({
  kind: z.enum([
    'exception',
    'failed_attempt',
    'available_for_pickup',
    'returned_to_sender',
    'cancelled',
    'expired',
    'unknown',
    'delayed',
    'slower_than_usual',
    'stalled',
    'tracking_problem',
  ]),
  title: z.string(),
  body: z.string(),
});

const placeSchema = z.object({
  city: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
});

export const statusEventViewSchema = z.object({
  id: z.string(),
  status: z.enum(shipmentStatuses),
  statusLabel: z.string(),
  description: z.string(),
  /** The instant, ISO 8601 UTC. */
  occurredAt: z.iso.datetime(),
  /** Formatted in the page's time zone and language. */
  localTime: z.string(),
  /** False when the carrier gave no UTC offset; the time is then shown in the guest's zone. */
  offsetKnown: z.boolean(),
  place: z.string().optional(),
});

const stepSchema = z.object({
  key: z.enum(['ordered', 'shipped', 'outForDelivery', 'pickup', 'delivered']),
  label: z.string(),
  state: z.enum(['done', 'current', 'upcoming']),
});

export const shipmentViewSchema = z.object({
  id: z.string(),
  status: z.enum(shipmentStatuses),
  statusLabel: z.string(),
  final: z.boolean(),
  progress: z.object({
    /** 1-based index of the last step reached. */
    step: z.number().int(),
    total: z.number().int(),
    text: z.string(),
    steps: z.array(stepSchema),
  }),
  advice: z.array(adviceSchema),
  latestEvent: statusEventViewSchema.nullable(),
  delivery: z.object({
    /** YYYY-MM-DD in the destination's calendar, when known. */
    estimatedDate: z.string().nullable(),
    originalDate: z.string().nullable(),
    delayed: z.boolean(),
    deliveredAt: z.iso.datetime().nullable(),
    text: z.string(),
    originalText: z.string().nullable(),
    /** Whose estimate `text` shows: the carrier's date or Porchlight's window. */
    estimateSource: z.enum(['carrier', 'porchlight']).nullable(),
    /** Says the window is Porchlight's own estimate, when it is. */
    estimateNote: z.string().nullable(),
  }),
  carrier: z.object({
    code: z.string(),
    name: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string().nullable(),
  }),
  events: z.array(statusEventViewSchema),
  lastCheckedAt: z.iso.datetime().nullable(),
  checkedText: z.string(),
});

export const statusViewSchema = z.object({
  /** Changes whenever any shipment or the order changes; clients poll and compare it. */
  version: z.string(),
  locale: z.enum(supportedLocales),
  timeZone: z.string(),
  /** True when every shipment is final: nothing more will change. */
  final: z.boolean(),
  merchant: z.object({
    name: z.string(),
    primaryColor: z.string(),
    supportEmail: z.string().nullable(),
    supportUrl: z.string().nullable(),
  }),
  order: z.object({
    number: z.string(),
    items: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
    destination: placeSchema,
    destinationText: z.string().nullable(),
  }),
  shipments: z.array(shipmentViewSchema),
  links: z.object({ page: z.string(), json: z.string(), preferences: z.string() }),
});

export type StatusView = z.infer<typeof statusViewSchema>;
export type ShipmentView = z.infer<typeof shipmentViewSchema>;
export type StatusEventView = z.infer<typeof statusEventViewSchema>;
export type AdviceView = z.infer<typeof adviceSchema>;
