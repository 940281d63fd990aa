import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { supportedLocales } from '../i18n/locale';
import { channels, milestones, shipmentStatuses } from '../tracking/domain/taxonomy';
import { notificationStates } from '../notify/notification';
import { emailPattern, urlPattern } from './patterns';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z
  .string()
  .max(64)
  .regex(
    /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/,
    'an IANA time zone such as Europe/Paris',
  )
  .refine(isTimeZone, 'an IANA time zone such as Europe/Paris')
  .meta({
    description:
      "IANA time zone name, also checked against the server's time-zone database (Europe/Paris, UTC, Etc/GMT+5; links such as US/Eastern too)",
    examples: ['Europe/Paris'],
  });
const phone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value);
    if (!parsed?.isValid()) {
      ctx.addIssue({
        code: 'custom',
        message: 'a valid phone number in international form, e.g. +12025550143',
      });
      return z.NEVER;
    }
    return parsed.number;
  })
  .meta({ description: 'Phone number; normalized to E.164', example: '+12025550143' });
const consent = z.strictObject({
  granted: z.boolean(),
  at: z.iso.datetime({ offset: true }).optional(),
  source: z.string().max(100).optional(),
});
const email = z.email({ pattern: emailPattern });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1f6feb');
/** A URL whose scheme the document states as a pattern, checked by the server the same way. */
const urlWithScheme = (scheme: 'https' | 'https?', message: string) =>
  z
    .string()
    .max(2000)
    .regex(urlPattern(scheme), message)
    .pipe(z.url({ protocol: new RegExp(`^${scheme}$`) }))
    .meta({ format: 'uri' });
const httpsUrl = urlWithScheme('https?', 'an http:// or https:// URL');

export const shipmentInputSchema = z.strictObject({
  trackingNumber: z.string().trim().min(4).max(64),
  carrier: z.string().trim().min(2).max(40).optional(),
});

export const orderInputSchema = z
  .strictObject({
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta({ description: 'Your order id; posting it again updates the same order' }),
    orderNumber: z.string().trim().min(1).max(100),
    guest: z.strictObject({
      email: email.max(254).optional(),
      phone: phone.optional(),
      name: z.string().max(200).optional(),
      locale: z.enum(supportedLocales).optional(),
      timezone: timeZone.optional(),
      consent: z.strictObject({ email: consent.optional(), sms: consent.optional() }).optional(),
    }),
    destination: z
      .strictObject({
        city: z.string().max(100).optional(),
        region: z.string().max(100).optional(),
        postalCode: z.string().max(20).optional(),
        country: z.string().length(2).toUpperCase().optional(),
      })
      .optional(),
    items: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(300),
          quantity: z.number().int().min(1).max(100000),
          imageUrl: httpsUrl.optional(),
          trackingNumber: z
            .string()
            .trim()
            .max(64)
            .optional()
            .meta({ description: 'The parcel this item ships in; emails list only its items' }),
        }),
      )
      .max(500)
      .default([]),
    shipments: z.array(shipmentInputSchema).max(50).default([]),
  })
  .meta({ title: 'OrderInput' });

const quietHours = z.strictObject({ start: hhmm, end: hhmm }).nullable();
const matrixRow = z.strictObject({ email: z.boolean(), sms: z.boolean() });

export const preferencesSchema = z
  .strictObject({
    matrix: z.strictObject(
      Object.fromEntries(milestones.map((m) => [m, matrixRow])) as Record<
        (typeof milestones)[number],
        typeof matrixRow
      >,
    ),
    quietHours: z.strictObject({ email: quietHours, sms: quietHours }),
    timezone: timeZone,
    defaultLocale: z.enum(supportedLocales),
    smsRequiresConsent: z.boolean(),
    collapseMilestones: z.boolean(),
    statusLinkTtlDays: z.number().int().min(1).max(730),
    maxMessagesPerShipmentPerDay: z.number().int().min(1).max(50),
    sendOrderConfirmation: z.boolean(),
  })
  .meta({ title: 'NotificationPreferences' });

export const merchantSettingsSchema = z
  .strictObject({
    preferences: preferencesSchema,
    branding: z.strictObject({
      displayName: z.string().min(1).max(100),
      logoUrl: httpsUrl.optional(),
      primaryColor: color,
      supportEmail: email.optional(),
      supportUrl: httpsUrl.optional(),
      supportPhone: phone.optional(),
    }),
    senders: z.strictObject({
      email: z.strictObject({
        from: email.optional(),
        fromName: z.string().max(100).optional(),
        replyTo: email.optional(),
      }),
      sms: z.strictObject({
        messagingServiceSid: z
          .string()
          .regex(/^MG[0-9a-fA-F]{32}$/)
          .optional(),
        fromNumber: phone.optional(),
      }),
    }),
  })
  .meta({ title: 'MerchantSettings' });

/** PATCH takes any subset at any depth: `{"preferences":{"quietHours":{"sms":null}}}` is enough. */
export const merchantSettingsPatchSchema = z
  .strictObject({
    preferences: preferencesSchema
      .extend({
        matrix: z
          .strictObject(
            Object.fromEntries(milestones.map((m) => [m, matrixRow.partial()])) as Record<
              (typeof milestones)[number],
              ReturnType<typeof matrixRow.partial>
            >,
          )
          .partial(),
        quietHours: z.strictObject({ email: quietHours, sms: quietHours }).partial(),
      })
      .partial()
      .optional(),
    branding: merchantSettingsSchema.shape.branding.partial().optional(),
    senders: z
      .strictObject({
        email: merchantSettingsSchema.shape.senders.shape.email.optional(),
        sms: merchantSettingsSchema.shape.senders.shape.sms.optional(),
      })
      .partial()
      .optional(),
  })
  .meta({ title: 'MerchantSettingsPatch' });

export const previewParamsSchema = z.strictObject({
  channel: z.enum(channels),
  milestone: z.enum([...milestones, 'order_confirmation']),
});

export const previewQuerySchema = z.strictObject({
  locale: z
    .enum(supportedLocales)
    .optional()
    .meta({ description: 'Defaults to the merchant’s default language (or the order’s guest’s)' }),
  orderId: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional()
    .meta({ description: 'Render with one of your orders instead of sample data' }),
});

export const emailPreviewOutSchema = z
  .object({
    channel: z.literal('email'),
    milestone: z.string(),
    locale: z.enum(supportedLocales),
    subject: z.string(),
    preheader: z.string().meta({ description: "The inbox's summary line after the subject" }),
    html: z.string(),
    text: z.string(),
  })
  .meta({ title: 'EmailPreview' });

export const smsPreviewOutSchema = z
  .object({
    channel: z.literal('sms'),
    milestone: z.string(),
    locale: z.enum(supportedLocales),
    body: z.string(),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segments: z.number().int(),
    units: z.number().int(),
  })
  .meta({ title: 'SmsPreview' });

/** `limit` and `cursor` of every newest-first list; `cursor` is a previous page's `nextCursor`. */
const pageParams = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export const notificationQuerySchema = z.strictObject({
  orderId: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
  state: z.enum(notificationStates).optional(),
  channel: z.enum(channels).optional(),
  milestone: z.enum([...milestones, 'order_confirmation']).optional(),
  ...pageParams,
});

const eventOut = z.object({
  status: z.enum(shipmentStatuses),
  rawCode: z.string(),
  rawText: z.string(),
  occurredAt: z.string(),
  utcOffsetMinutes: z.number().nullable(),
  location: z
    .object({
      city: z.string().optional(),
      region: z.string().optional(),
      country: z.string().optional(),
    })
    .optional(),
});

const day = z.string().meta({ format: 'date', example: '2026-12-03' });

export const estimateOutSchema = z
  .object({
    from: day,
    to: day,
    mostLikely: day,
    source: z.enum(['carrier', 'porchlight']).meta({
      description:
        "carrier: the carrier's own date. porchlight: Porchlight's estimate from the deliveries it tracked on this lane (or the carrier's published service standard until the lane has enough).",
    }),
    confidence: z.number().min(0).max(1).nullable().meta({
      description:
        "Share of the lane's recent deliveries that fell inside the window; null for the carrier's date and for service standards.",
    }),
  })
  .meta({ title: 'DeliveryEstimate' });

export const shipmentOutSchema = z
  .object({
    id: z.string(),
    carrier: z.string(),
    trackingNumber: z.string(),
    status: z.enum(shipmentStatuses),
    eta: z.string().nullable(),
    estimate: estimateOutSchema.nullable().meta({
      description: 'The delivery window as last estimated; null before the first check.',
    }),
    lastCheckedAt: z.string().nullable(),
    trackingProblem: z.string().nullable(),
    handledBy: z.string().nullable().meta({
      description: 'The carrier really carrying the parcel, when an aggregator tracks it.',
    }),
    events: z.array(eventOut),
  })
  .meta({ title: 'Shipment' });

export const notificationOutSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    milestone: z.string(),
    channel: z.enum(channels),
    state: z.enum(notificationStates),
    attempts: z.number(),
    providerMessageId: z.string().nullable(),
    lastError: z
      .string()
      .nullable()
      .meta({ description: 'The provider’s error text from the last failed attempt or bounce' }),
    createdAt: z.string(),
    history: z.array(
      z.object({
        at: z.string(),
        state: z.string(),
        reason: z.string().nullable(),
        detail: z.string().nullable(),
      }),
    ),
  })
  .meta({ title: 'Notification' });

export const orderOutSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    orderNumber: z.string(),
    status: z.enum(shipmentStatuses),
    guest: z.object({
      email: z.string().nullable(),
      phone: z.string().nullable(),
      name: z.string().nullable(),
      locale: z.string().nullable(),
      timezone: z.string().nullable(),
    }),
    items: z.array(z.object({ name: z.string(), quantity: z.number() })),
    shipments: z.array(shipmentOutSchema),
    notifications: z.array(notificationOutSchema),
    erased: z.boolean(),
  })
  .meta({ title: 'Order' });

export const statusLinkOutSchema = z.object({ statusUrl: z.url() }).meta({ title: 'StatusLink' });
export const orderCreatedOutSchema = z
  .object({ order: orderOutSchema, statusUrl: z.url().nullable() })
  .meta({ title: 'OrderCreated' });
export const notificationPageSchema = z
  .object({ notifications: z.array(notificationOutSchema), nextCursor: z.string().nullable() })
  .meta({ title: 'NotificationPage' });
export const apiKeyOutSchema = z
  .object({ id: z.string(), prefix: z.string(), key: z.string().optional(), createdAt: z.string() })
  .meta({ title: 'ApiKey' });
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .meta({ title: 'Error' });

/** The range `GET /stats` reports on; either end may be left out. */
export const statsQuerySchema = z.strictObject({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Start of the range (inclusive); default: 30 days before `to`' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'End of the range (exclusive), after `from`; default: now' }),
});
export const statsDefaultDays = 30;

const rate = z.number().min(0).max(1).nullable();
export const statsOutSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    counts: z.array(
      z.object({
        milestone: z.string(),
        channel: z.string(),
        state: z.string(),
        count: z.number(),
      }),
    ),
    channels: z.array(
      z.object({
        channel: z.string(),
        sent: z.number(),
        delivered: z.number(),
        opened: z.number(),
        clicked: z.number(),
        deliveryRate: rate,
        openRate: rate,
        clickRate: rate,
      }),
    ),
  })
  .meta({ title: 'Stats' });

export const webhookInputSchema = z
  .strictObject({
    url: urlWithScheme('https', 'an https:// URL').meta({
      format: 'uri',
      description:
        'HTTPS endpoint that receives signed milestone events; private, loopback and reserved addresses are refused',
    }),
    milestones: z
      .array(z.enum(milestones))
      .max(milestones.length)
      .default([])
      .meta({ description: 'Milestones to send; empty means all' }),
  })
  .meta({ title: 'WebhookInput' });

export const webhookDeliveriesOutSchema = z
  .object({
    deliveries: z.array(
      z.object({
        id: z.string(),
        webhookId: z.string(),
        eventId: z.string(),
        state: z.string(),
        attempts: z.number(),
        nextAttemptAt: z.string().nullable(),
        history: z.array(
          z.object({ at: z.string(), status: z.number().nullable(), error: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ title: 'WebhookDeliveries' });

export const webhookOutSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    milestones: z.array(z.string()),
    secret: z
      .string()
      .optional()
      .meta({ description: 'Signing secret, returned only at creation' }),
    disabled: z.boolean(),
    disabledReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ title: 'Webhook' });

const webhookSecret = z.string().min(16).max(200).meta({
  description:
    'The signing secret the store shows for its webhooks; write-only: stored encrypted, never returned',
});
export const integrationInputSchema = z
  .discriminatedUnion('platform', [
    z.strictObject({
      platform: z.literal('shopify'),
      shopDomain: z
        .string()
        .trim()
        .toLowerCase()
        .regex(
          /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/,
          'a shop domain such as juniper.myshopify.com',
        ),
      webhookSecret,
    }),
    z.strictObject({
      platform: z.literal('woocommerce'),
      storeUrl: httpsUrl.meta({ description: 'The store address, e.g. https://shop.example' }),
      webhookSecret,
    }),
  ])
  .meta({ title: 'IntegrationInput' });

export const integrationOutSchema = z
  .object({
    id: z.string(),
    platform: z.enum(['shopify', 'woocommerce']),
    shopDomain: z.string().nullable(),
    storeUrl: z.string().nullable(),
    webhookUrls: z
      .array(z.string())
      .meta({ description: 'Paste into the store admin as the webhook URL' }),
    topics: z.array(z.string()).meta({ description: 'The webhook topics to subscribe' }),
    createdAt: z.string(),
    health: z.object({
      lastEventAt: z.string().nullable(),
      accepted: z.number().meta({ description: 'Deliveries accepted in the last 24 hours' }),
      rejected: z.number().meta({ description: 'Deliveries with a wrong signature, last 24 h' }),
      duplicate: z.number().meta({ description: 'Replays ignored, last 24 h' }),
      lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
    }),
  })
  .meta({ title: 'Integration' });

export const dataRequestOutSchema = z
  .object({
    id: z.string(),
    integrationId: z.string(),
    platform: z.string(),
    requestId: z.string().nullable(),
    customer: z.object({
      externalId: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    externalIds: z.array(z.string()),
    receivedAt: z.string(),
  })
  .meta({ title: 'DataRequest' });

export const dataExportOutSchema = z
  .object({ request: dataRequestOutSchema, orders: z.array(orderOutSchema) })
  .meta({ title: 'DataExport' });

export const auditLogQuerySchema = z.strictObject(pageParams);

export const auditEntryOutSchema = z
  .object({
    id: z.string(),
    actor: z.object({
      kind: z.enum(['console_user', 'api_key', 'cli']),
      id: z.string(),
      label: z.string().meta({ description: 'Email for console users, key prefix for keys' }),
    }),
    action: z.string().meta({ examples: ['settings.update', 'api_key.revoke'] }),
    target: z
      .string()
      .nullable()
      .meta({ description: "What was changed: an id, or 'preferences'" }),
    before: z.unknown().meta({ description: 'The state before (never a secret); null if none' }),
    after: z.unknown().meta({ description: 'The state after (never a secret); null if none' }),
    changed: z
      .array(z.string())
      .meta({ description: 'Dotted paths whose values differ between before and after' }),
    reason: z.string().nullable().meta({ description: 'Why, when the change asks for one' }),
    at: z.string(),
  })
  .meta({ title: 'AuditEntry' });

export const auditLogPageSchema = z
  .object({ entries: z.array(auditEntryOutSchema), nextCursor: z.string().nullable() })
  .meta({ title: 'AuditLogPage' });

export const suppressionQuerySchema = z.strictObject({
  channel: z.enum(channels).optional(),
  ...pageParams,
});

export const suppressionOutSchema = z
  .object({
    id: z.string(),
    channel: z.enum(channels),
    hint: z.string().nullable().meta({
      description:
        'The address masked (j•••@example.com, +1•••••4567); the address itself is never stored',
    }),
    reason: z.string(),
    source: z.string().nullable(),
    global: z.boolean().meta({
      description:
        'Applies to every merchant on a shared sender (e.g. STOP to a shared number); cannot be lifted',
    }),
    createdAt: z.string(),
  })
  .meta({ title: 'Suppression' });

export const suppressionPageSchema = z
  .object({ suppressions: z.array(suppressionOutSchema), nextCursor: z.string().nullable() })
  .meta({ title: 'SuppressionPage' });

export const suppressionLiftInputSchema = z
  .strictObject({
    reason: z
      .string()
      .min(1, { abort: true })
      .max(500)
      .regex(/\S/, 'must not be blank')
      .meta({ description: 'Why messages to the address may go again; kept in the audit log' }),
  })
  .meta({ title: 'SuppressionLift' });

export const suppressionLiftedOutSchema = z
  .object({ lifted: suppressionOutSchema })
  .meta({ title: 'SuppressionLifted' });
