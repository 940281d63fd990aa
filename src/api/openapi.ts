import { z } from 'zod';
import {
  apiKeyOutSchema,
  auditLogPageSchema,
  auditLogQuerySchema,
  dataExportOutSchema,
  dataRequestOutSchema,
  errorSchema,
  integrationInputSchema,
  integrationOutSchema,
  merchantSettingsPatchSchema,
  merchantSettingsSchema,
  notificationPageSchema,
  notificationQuerySchema,
  orderCreatedOutSchema,
  orderInputSchema,
  orderOutSchema,
  emailPreviewOutSchema,
  previewParamsSchema,
  previewQuerySchema,
  smsPreviewOutSchema,
  shipmentInputSchema,
  statsOutSchema,
  statsQuerySchema,
  statusLinkOutSchema,
  suppressionLiftedOutSchema,
  suppressionLiftInputSchema,
  suppressionPageSchema,
  suppressionQuerySchema,
  webhookDeliveriesOutSchema,
  webhookInputSchema,
  webhookOutSchema,
} from './schemas';
import { statusViewSchema } from '../web/status-page/status-view.schema';

type Schema = z.ZodType;

const json = (schema: Schema, io: 'input' | 'output') => ({
  'application/json': {
    schema: z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }),
  },
});
const body = (schema: Schema) => ({ required: true, content: json(schema, 'input') });
const ok = (schema: Schema, description: string) => ({
  description,
  content: json(schema, 'output'),
});
const errorDescriptions = {
  '400': 'Malformed JSON',
  '401': 'Missing or revoked API key',
  '404': 'Not found (also another merchant’s order)',
  '409': 'The order was erased and cannot be changed',
  '413': 'Body larger than 1 MB',
  '422': 'Invalid fields, each named in error.fields',
  '429': 'Rate limited (per key, or per address after unknown keys); see Retry-After',
} as const;
type ErrorStatus = keyof typeof errorDescriptions;

/** The error answers one operation can give: every operation may answer 401 and 429. */
function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    (['401', '429', ...statuses] as ErrorStatus[]).map((code) => [
      code,
      {
        description: errorDescriptions[code],
        content: json(errorSchema, 'output'),
        ...(code === '429' ? { headers: { 'Retry-After': retryAfterHeader } } : {}),
      },
    ]),
  );
}
const retryAfterHeader = {
  description: 'Seconds until the limit’s window ends',
  schema: { type: 'integer', minimum: 0 },
};
/** Operations that read a JSON body can also refuse it as malformed, too large or invalid. */
const bodyErrors: ErrorStatus[] = ['400', '413', '422'];
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-f]{24}$' },
};

function queryParams(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as Schema).safeParse(undefined).success,
    schema: z.toJSONSchema(field as Schema, { io: 'input', unrepresentable: 'any' }),
  }));
}

/** OpenAPI 3.1 for /api/v1, generated from the same zod schemas that validate requests. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Porchlight merchant API',
      version: '1.0.0',
      description:
        'Send orders and tracking numbers, choose what guests hear, and see what was sent. Errors are {"error": {"code", "message", "fields"}}.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'pl_live_… key from `npm run merchant -- create`',
        },
      },
    },
    paths: {
      '/orders': {
        post: {
          summary: 'Create or update an order (idempotent on externalId)',
          requestBody: body(orderInputSchema),
          responses: {
            '201': ok(orderCreatedOutSchema, 'Created; statusUrl is shown only now'),
            '200': ok(orderCreatedOutSchema, 'Updated'),
            ...errors(...bodyErrors, '409'),
          },
        },
      },
      '/orders/{id}': {
        get: {
          summary: 'An order with shipments, events and notifications',
          parameters: [idParam],
          responses: { '200': ok(orderOutSchema, 'The order'), ...errors('404') },
        },
        delete: {
          summary: 'Stop tracking and erase the guest’s personal data',
          parameters: [idParam],
          responses: { '204': { description: 'Erased' }, ...errors('404') },
        },
      },
      '/orders/{id}/shipments': {
        post: {
          summary: 'Add a shipment',
          parameters: [idParam],
          requestBody: body(shipmentInputSchema),
          responses: {
            '201': ok(orderOutSchema, 'The order'),
            ...errors(...bodyErrors, '404', '409'),
          },
        },
      },
      '/orders/{id}/status-link': {
        post: {
          summary: 'Revoke the order’s status links and return a new one',
          parameters: [idParam],
          responses: { '200': ok(statusLinkOutSchema, 'The new link'), ...errors('404', '409') },
        },
      },
      '/preferences': {
        get: {
          summary: 'Notification preferences, branding and sender identities',
          responses: { '200': ok(merchantSettingsSchema, 'Current settings'), ...errors() },
        },
        put: {
          summary: 'Replace settings',
          requestBody: body(merchantSettingsSchema),
          responses: {
            '200': ok(merchantSettingsSchema, 'New settings'),
            ...errors(...bodyErrors),
          },
        },
        patch: {
          summary: 'Change some settings',
          requestBody: body(merchantSettingsPatchSchema),
          responses: {
            '200': ok(merchantSettingsSchema, 'New settings'),
            ...errors(...bodyErrors),
          },
        },
      },
      '/notifications': {
        get: {
          summary: 'Delivery log with reasons, newest first',
          parameters: queryParams(notificationQuerySchema),
          responses: { '200': ok(notificationPageSchema, 'One page'), ...errors('422') },
        },
      },
      '/previews/{channel}/{milestone}': {
        get: {
          summary:
            'A message rendered exactly as sent, with sample data or one of your orders (Accept: text/html for the email itself)',
          parameters: [
            ...Object.entries(previewParamsSchema.shape).map(([name, field]) => ({
              name,
              in: 'path',
              required: true,
              schema: z.toJSONSchema(field as Schema, { io: 'input' }),
            })),
            ...queryParams(previewQuerySchema),
          ],
          responses: {
            '200': {
              description:
                'The rendered message: email (subject, html, text) or SMS (body, encoding, segments)',
              content: {
                ...json(z.union([emailPreviewOutSchema, smsPreviewOutSchema]), 'output'),
                'text/html': { schema: { type: 'string' } },
              },
            },
            ...errors('404', '422'),
          },
        },
      },
      '/stats': {
        get: {
          summary: 'Counts by milestone x channel x state, and delivery/open/click rates',
          parameters: queryParams(statsQuerySchema),
          responses: { '200': ok(statsOutSchema, 'Numbers for the range'), ...errors('422') },
        },
      },
      '/webhooks': {
        post: {
          summary:
            'Register an HTTPS endpoint for milestone events (see the signature scheme below)',
          requestBody: body(webhookInputSchema),
          responses: {
            '201': ok(webhookOutSchema, 'The endpoint, with its secret shown once'),
            ...errors(...bodyErrors),
          },
        },
        get: {
          summary: 'Registered endpoints',
          responses: {
            '200': ok(z.object({ webhooks: z.array(webhookOutSchema) }), 'Endpoints'),
            ...errors(),
          },
        },
      },
      '/webhooks/{id}': {
        delete: {
          summary: 'Remove an endpoint',
          parameters: [idParam],
          responses: { '204': { description: 'Removed' }, ...errors('404') },
        },
      },
      '/webhooks/deliveries': {
        get: {
          summary: 'Recent deliveries with every attempt',
          responses: {
            '200': ok(webhookDeliveriesOutSchema, 'Deliveries, newest first'),
            ...errors(),
          },
        },
      },
      '/integrations': {
        post: {
          summary:
            'Connect a Shopify shop or WooCommerce store (the webhook secret is write-only); connecting it again replaces the secret',
          requestBody: body(integrationInputSchema),
          responses: {
            '201': ok(integrationOutSchema, 'Connected; paste webhookUrls into the store admin'),
            '200': ok(integrationOutSchema, 'Already connected; the secret was replaced'),
            ...errors(...bodyErrors, '409'),
            '409': {
              description: 'The shop is connected to another account',
              content: json(errorSchema, 'output'),
            },
          },
        },
        get: {
          summary: 'Connected stores with their health over the last 24 hours',
          responses: {
            '200': ok(z.object({ integrations: z.array(integrationOutSchema) }), 'Connections'),
            ...errors(),
          },
        },
      },
      '/integrations/{id}': {
        delete: {
          summary: 'Disconnect a store (its webhooks are refused from now on)',
          parameters: [idParam],
          responses: { '204': { description: 'Disconnected' }, ...errors('404') },
        },
      },
      '/integrations/data-requests': {
        get: {
          summary: 'Guests’ data requests received from stores (Shopify customers/data_request)',
          responses: {
            '200': ok(z.object({ dataRequests: z.array(dataRequestOutSchema) }), 'Requests'),
            ...errors(),
          },
        },
      },
      '/integrations/data-requests/{id}/export': {
        get: {
          summary: 'Everything Porchlight holds about the requesting guest, as JSON',
          parameters: [idParam],
          responses: { '200': ok(dataExportOutSchema, 'The export'), ...errors('404') },
        },
      },
      '/suppressions': {
        get: {
          summary:
            'Addresses nothing is sent to, newest first: your own and the global ones (shared senders), each with a masked hint, never the address',
          parameters: queryParams(suppressionQuerySchema),
          responses: { '200': ok(suppressionPageSchema, 'One page'), ...errors('422') },
        },
      },
      '/suppressions/{id}/lift': {
        post: {
          summary: 'Lift one of your own suppressions, saying why (recorded in the audit log)',
          parameters: [idParam],
          requestBody: body(suppressionLiftInputSchema),
          responses: {
            '200': ok(suppressionLiftedOutSchema, 'Lifted; messages to the address may go again'),
            ...errors(...bodyErrors, '404'),
            '409': {
              description:
                'A global suppression: it applies to every merchant on the shared sender and cannot be lifted',
              content: json(errorSchema, 'output'),
            },
          },
        },
      },
      '/audit-log': {
        get: {
          summary:
            'Changes to your account (settings, webhooks, keys, integrations, lifted suppressions), newest first, with who made them and before/after',
          parameters: queryParams(auditLogQuerySchema),
          responses: { '200': ok(auditLogPageSchema, 'One page'), ...errors('422') },
        },
      },
      '/api-keys': {
        post: {
          summary: 'Create another API key (shown once)',
          responses: { '201': ok(apiKeyOutSchema, 'The key'), ...errors() },
        },
      },
      '/api-keys/{id}': {
        delete: {
          summary: 'Revoke an API key',
          parameters: [idParam],
          responses: { '204': { description: 'Revoked' }, ...errors('404') },
        },
      },
    },
    webhooks: {},
    'x-guest-status-json': json(statusViewSchema, 'output')['application/json'],
  };
}
