import { z } from 'zod';

/** One configuration variable: how to parse it, what it means, and an example for error messages. */
export interface Variable<T> {
  schema: z.ZodType<T>;
  description: string;
  example: string;
}

function variable<T>(schema: z.ZodType<T>, description: string, example: string): Variable<T> {
  return { schema, description, example };
}

// z.coerce.boolean() turns the string "false" into true; this accepts only explicit words.
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const url = z.url({ protocol: /^https?$/ });
const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, 'a cron expression with 5 or 6 fields');

/** `key=value,key2=value2` pairs into a record (keys trimmed, empty input = {}). */
function pairs(value: string): Array<[string, string]> {
  return value
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at).trim(), at < 0 ? '' : pair.slice(at + 1).trim()];
    });
}
const pollIntervalStatuses = [
  'pending',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'failed_attempt',
  'exception',
  'unknown',
];
/** `key=number` pairs whose keys come from `keys` and whose values pass `valid`. */
const numberPairs = (keys: readonly string[], valid: (value: string) => boolean, message: string) =>
  z
    .string()
    .refine((v) => pairs(v).every(([k, n]) => keys.includes(k) && valid(n)), message)
    .transform((v) => Object.fromEntries(pairs(v).map(([k, n]) => [k, Number(n)])));
const pollIntervals = numberPairs(
  pollIntervalStatuses,
  (s) => /^\d+$/.test(s) && Number(s) >= 1,
  `status=seconds pairs; statuses: ${pollIntervalStatuses.join(', ')}`,
);
const webhookSecrets = optionalText
  .refine(
    (v) => !v || pairs(v).every(([k, s]) => /^[a-z0-9_-]+$/.test(k) && s.length >= 16),
    'code=secret pairs, each secret at least 16 characters',
  )
  .transform((v) => Object.fromEntries(v ? pairs(v) : []));

/** Twilio's documented edge locations (https://www.twilio.com/docs/global-infrastructure/edge-locations). */
const twilioEdges = [
  'ashburn',
  'dublin',
  'frankfurt',
  'sao-paulo',
  'singapore',
  'sydney',
  'tokyo',
  'umatilla',
  'roaming',
] as const;

/** Carrier codes a per-carrier setting may name (the adapters in src/tracking/carriers). */
const carrierCodes = ['simulated', 'ups', 'fedex', 'usps', 'dhl', 'easypost'];
const perCarrierNumbers = (what: string, min: number, max: number, integer: boolean) =>
  numberPairs(
    carrierCodes,
    (n) => {
      const value = Number(n);
      return (
        n !== '' &&
        Number.isFinite(value) &&
        value >= min &&
        value <= max &&
        (!integer || Number.isInteger(value))
      );
    },
    `carrier=${what} pairs with ${what} from ${min} to ${max}; carriers: ${carrierCodes.join(', ')}`,
  );

/**
 * Every variable Porchlight reads. Defaults per environment live in config/<env>.json;
 * the process environment overrides them. README's configuration table lists these.
 */
export const variables = {
  NODE_ENV: variable(
    z.enum(['development', 'test', 'production']),
    'Runtime environment; selects config/<NODE_ENV>.json.',
    'production',
  ),
  PORT: variable(int(0, 65535), 'HTTP port of the web process.', '3000'),
  HOST: variable(z.string().min(1), 'Interface the web process binds to.', '0.0.0.0'),
  PUBLIC_BASE_URL: variable(
    url.optional(),
    'Public origin used in every link sent to guests (never taken from the Host header); https in production (one-click unsubscribe needs it). Defaults to http://localhost:PORT outside production.',
    'https://track.example.com',
  ),
  TRUST_PROXY: variable(
    // A hop count is tried first: "1" means one proxy, never "trust every address".
    z.union([
      z.number().int().min(0).max(10),
      z
        .string()
        .regex(/^\d{1,2}$/)
        .transform(Number)
        .pipe(z.number().int().min(0).max(10)),
      bool,
    ]),
    'Express trust proxy setting (number of proxies in front, or true/false); needed for client IPs behind a load balancer.',
    '1',
  ),
  MONGODB_URI: variable(
    optionalText.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// URI')
        .optional(),
    ),
    'MongoDB connection string. When unset outside production, an embedded database is used.',
    'mongodb://localhost:27017/porchlight',
  ),
  EMBEDDED_DB: variable(
    z.enum(['persistent', 'memory']),
    'Embedded database kind when MONGODB_URI is unset: persistent keeps data under DATA_DIR, memory forgets on exit.',
    'memory',
  ),
  DATA_DIR: variable(
    z.string().min(1),
    'Folder for local state (embedded database files, caches).',
    '.data',
  ),
  DEMO: variable(
    z.enum(['auto', 'on', 'off']),
    'Demo mode (seeded data, log transports, /dev/outbox). auto = on outside production without MONGODB_URI.',
    'off',
  ),
  TOKEN_SECRET: variable(
    z.string().min(32, 'at least 32 characters'),
    'Secret that keys the hashes of status tokens and unsubscribe links. Changing it invalidates every link.',
    'a-long-random-string-of-at-least-32-chars',
  ),
  LOG_LEVEL: variable(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'Minimum level of the JSON logs.',
    'info',
  ),
  EMAIL_TRANSPORT: variable(
    z.enum(['log', 'sendgrid']),
    'Email provider: log stores messages for /dev/outbox, sendgrid sends them.',
    'sendgrid',
  ),
  SENDGRID_API_KEY: variable(
    optionalText,
    'SendGrid API key (required with EMAIL_TRANSPORT=sendgrid).',
    'SG.xxxx',
  ),
  SENDGRID_WEBHOOK_PUBLIC_KEY: variable(
    optionalText,
    'SendGrid signed event webhook verification key (base64 DER ECDSA public key).',
    'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...',
  ),
  SENDGRID_API_HOST: variable(
    url,
    'SendGrid API origin: https://api.sendgrid.com (global), https://api.eu.sendgrid.com for EU data residency; plain http only outside production (a local fake provider).',
    'https://api.eu.sendgrid.com',
  ),
  SMS_TRANSPORT: variable(
    z.enum(['log', 'twilio']),
    'SMS provider: log stores messages for /dev/outbox, twilio sends them.',
    'twilio',
  ),
  TWILIO_ACCOUNT_SID: variable(
    optionalText,
    'Twilio account SID (required with SMS_TRANSPORT=twilio).',
    'ACxxxxxxxx',
  ),
  TWILIO_AUTH_TOKEN: variable(
    optionalText,
    'Twilio auth token; also verifies X-Twilio-Signature on webhooks.',
    'xxxxxxxx',
  ),
  TWILIO_MESSAGING_SERVICE_SID: variable(
    optionalText,
    'Default Twilio Messaging Service SID (a merchant may set its own).',
    'MGxxxxxxxx',
  ),
  TWILIO_FROM_NUMBER: variable(
    optionalText,
    'Default Twilio sender number in E.164 when no Messaging Service is used.',
    '+15005550006',
  ),
  TWILIO_REGION: variable(
    optionalText.pipe(
      z
        .string()
        .regex(/^[a-z]{2}\d$/, 'a Twilio region such as ie1 or au1')
        .optional(),
    ),
    'Twilio processing region for API requests (us1 when unset); pair it with TWILIO_EDGE.',
    'ie1',
  ),
  TWILIO_EDGE: variable(
    optionalText.pipe(z.enum(twilioEdges).optional()),
    `Twilio edge location the API requests enter through (${twilioEdges.join(', ')}); unset uses Twilio's default.`,
    'dublin',
  ),
  TWILIO_API_BASE_URL: variable(
    optionalText.pipe(url.optional()),
    'Replaces the whole Twilio API origin (region and edge then do not apply), e.g. a local fake provider over plain http; outside production only.',
    'http://127.0.0.1:4010',
  ),
  POLL_CRON: variable(
    cron,
    'When the worker looks for shipments due a carrier check (UTC).',
    '* * * * *',
  ),
  DISPATCH_CRON: variable(cron, 'When the worker sends due notifications (UTC).', '*/10 * * * * *'),
  MAINTENANCE_CRON: variable(
    cron,
    'When the worker runs housekeeping (expiry, data retention).',
    '17 * * * *',
  ),
  LEASE_SECONDS: variable(
    int(5, 3600),
    'How long a worker holds a claimed shipment or notification before others may take it over.',
    '120',
  ),
  POLL_BATCH_SIZE: variable(
    int(1, 5000),
    'How many due shipments a worker claims at a time (one compare-and-set bulk write each); memory stays bounded by it.',
    '500',
  ),
  POLL_INTERVALS: variable(
    pollIntervals,
    'Seconds between carrier checks per status, as status=seconds pairs (missing statuses keep their defaults: pending=14400, in_transit=5400, out_for_delivery=900, available_for_pickup=14400, failed_attempt=3600, exception=3600, unknown=14400).',
    'out_for_delivery=900,in_transit=5400',
  ),
  POLL_JITTER: variable(
    z.coerce.number().min(0).max(0.9),
    'Random spread of each poll interval (0.2 = ±20 %), so shipments do not poll in lockstep.',
    '0.2',
  ),
  POLL_BACKOFF_BASE_SECONDS: variable(
    int(1, 86400),
    'First wait after a transient carrier error; doubles per consecutive failure.',
    '60',
  ),
  POLL_BACKOFF_MAX_SECONDS: variable(
    int(1, 604800),
    'Longest wait between retries after carrier errors.',
    '3600',
  ),
  TRACKING_EXPIRE_DAYS: variable(
    int(1, 365),
    'Days without a new scan after which a shipment is marked expired and no longer polled.',
    '30',
  ),
  STALLED_BUSINESS_DAYS: variable(
    int(1, 60),
    'Business days in transit without a new scan before the guest is told the parcel stalled.',
    '3',
  ),
  SIMULATED_CARRIER: variable(
    z.enum(['auto', 'on', 'off']),
    'Offer the simulated carrier (numbers like SIM1001HAPPY). auto = on outside production.',
    'off',
  ),
  SIMULATED_PACE_SECONDS: variable(
    int(1, 86400),
    'Real seconds per step of a simulated journey; 20 makes a demo parcel arrive in about 3 minutes.',
    '20',
  ),
  SIMULATED_LATENCY_MS: variable(
    int(0, 60_000),
    'Milliseconds the simulated carrier takes to answer each request, as a real carrier API does (a few hundred to a thousand); 0 answers at once. For load tests whose polling should be bound by carrier latency, as production is.',
    '500',
  ),
  CARRIER_WEBHOOK_SECRETS: variable(
    webhookSecrets,
    'Per-carrier secrets for the generic signed push webhook, as code=secret pairs (POST /webhooks/carriers/:carrier with X-Porchlight-Signature: sha256=<hex HMAC of the raw body>).',
    'simulated=a-long-random-secret,acme=another-secret',
  ),
  CARRIER_CONCURRENCY: variable(
    perCarrierNumbers('requests', 1, 50, true),
    "Most requests in flight to a carrier from one worker, as carrier=n pairs (missing carriers keep the adapter's default: ups=4, fedex=2, usps=2, dhl=2, easypost=4).",
    'ups=8,usps=1',
  ),
  CARRIER_REQUESTS_PER_SECOND: variable(
    perCarrierNumbers('rate', 0.1, 1000, false),
    "Most requests per second to a carrier from all workers together (counted in the database, so adding workers never exceeds it), as carrier=rate pairs (missing carriers keep the adapter's default: ups=5, fedex=5, usps=2, dhl=3, easypost=5).",
    'ups=10,usps=0.5',
  ),
  NOTIFY_MAX_ATTEMPTS: variable(
    int(1, 20),
    'Sending attempts for a notification before it is marked failed (transient provider errors are retried with exponential backoff and jitter).',
    '5',
  ),
  NOTIFY_RETRY_BASE_SECONDS: variable(
    int(1, 3600),
    'First retry delay after a transient provider error; doubles per attempt.',
    '30',
  ),
  NOTIFY_GROUP_WINDOW_SECONDS: variable(
    int(0, 3600),
    'How long a new notification waits so milestones of other shipments of the same order can join it in one message.',
    '20',
  ),
  RECONCILE_AFTER_SECONDS: variable(
    int(5, 604800),
    'How long a send whose outcome is unknown waits for a provider event before the provider is asked (Twilio Messages list, SendGrid Email Activity); also the wait between asks that could not be answered.',
    '600',
  ),
  RECONCILE_CRON: variable(
    cron,
    'When the worker looks for unknown outcomes due to be asked about (UTC).',
    '* * * * *',
  ),
  EMAIL_SENDS_PER_SECOND: variable(
    int(1, 10000),
    'Most emails per second per sender address, across all workers.',
    '50',
  ),
  SMS_SENDS_PER_SECOND: variable(
    int(1, 1000),
    'Most texts per second per Messaging Service or number, across all workers (a US long code takes 1).',
    '1',
  ),
  EMAIL_CONCURRENCY: variable(
    int(1, 256),
    'Most email provider calls in flight from one worker (a slow call holds one; the per-second limit applies on top).',
    '32',
  ),
  SMS_CONCURRENCY: variable(
    int(1, 64),
    'Most SMS provider calls in flight from one worker (a slow call holds one; the per-second limit applies on top).',
    '8',
  ),
  DISPATCH_BATCH_SIZE: variable(int(1, 1000), 'Most notifications one dispatch run claims.', '50'),
  EMAIL_FROM_DEFAULT: variable(
    z.email().optional(),
    'Sender address used when a merchant has no verified sender identity of its own.',
    'updates@track.example.com',
  ),
  API_REQUESTS_PER_MINUTE: variable(
    int(1, 100000),
    'Merchant API requests allowed per API key per minute (then 429 with Retry-After).',
    '600',
  ),
  API_AUTH_FAILURE_LIMIT: variable(
    int(1, 100000),
    'Requests with an unknown or revoked API key one client address may send per 15 minutes; then 429 with Retry-After until the window ends, without looking keys up.',
    '20',
  ),
  MERCHANT_WEBHOOKS_ALLOW_INTERNAL: variable(
    bool,
    'Let merchant webhooks reach private, loopback and link-local addresses (off: such URLs are refused at registration and at delivery, against SSRF). Only for a receiver on your own network.',
    'false',
  ),
  STORE_WEBHOOK_MAX_KB: variable(
    int(1, 10240),
    'Largest Shopify or WooCommerce webhook body accepted, in KiB (larger ones get 413 before anything is verified or stored).',
    '1024',
  ),
  STORE_WEBHOOK_BATCH_SIZE: variable(
    int(1, 1000),
    'Store webhook events one worker claims at a time to process (the worker keeps claiming while there are more).',
    '100',
  ),
  RETENTION_DAYS: variable(
    int(1, 3650),
    "Days after an order's last shipment is final before the guest's personal data is erased (counts stay, anonymous).",
    '180',
  ),
  DHL_API_KEY: variable(
    optionalText,
    'DHL Shipment Tracking (Unified) API key; without it DHL shipments are reported as not tracked.',
    'xxxxxxxx',
  ),
  DHL_API_BASE_URL: variable(
    url,
    'DHL API origin: https://api-eu.dhl.com in production, https://api-test.dhl.com for the sandbox.',
    'https://api-eu.dhl.com',
  ),
  UPS_CLIENT_ID: variable(
    optionalText,
    'UPS OAuth client id (Track API); without it UPS shipments are reported as not tracked.',
    'xxxxxxxx',
  ),
  UPS_CLIENT_SECRET: variable(optionalText, 'UPS OAuth client secret.', 'xxxxxxxx'),
  UPS_API_BASE_URL: variable(
    url,
    'UPS API origin: https://onlinetools.ups.com in production, https://wwwcie.ups.com for the sandbox.',
    'https://onlinetools.ups.com',
  ),
  FEDEX_CLIENT_ID: variable(
    optionalText,
    'FedEx Track API OAuth client id (API key); without it FedEx shipments are reported as not tracked.',
    'l7xx...',
  ),
  FEDEX_CLIENT_SECRET: variable(
    optionalText,
    'FedEx Track API OAuth client secret (secret key).',
    'xxxxxxxx',
  ),
  FEDEX_API_BASE_URL: variable(
    url,
    'FedEx API origin: https://apis.fedex.com in production, https://apis-sandbox.fedex.com for the sandbox.',
    'https://apis.fedex.com',
  ),
  USPS_CLIENT_ID: variable(
    optionalText,
    'USPS APIs consumer key (Tracking 3.0); without it USPS shipments are reported as not tracked.',
    'xxxxxxxx',
  ),
  USPS_CLIENT_SECRET: variable(optionalText, 'USPS APIs consumer secret.', 'xxxxxxxx'),
  USPS_API_BASE_URL: variable(
    url,
    'USPS API origin: https://apis.usps.com in production, https://apis-tem.usps.com for the test environment.',
    'https://apis.usps.com',
  ),
  EASYPOST_API_KEY: variable(
    optionalText,
    'EasyPost API key (a test key tracks EasyPost test numbers). With it, numbers no single carrier claims are tracked through EasyPost trackers.',
    'EZAKxxxxxxxx',
  ),
  EASYPOST_WEBHOOK_SECRET: variable(
    optionalText,
    'The webhook_secret of the EasyPost webhook pointing at /webhooks/carriers/easypost; pushes without a matching X-Hmac-Signature are refused.',
    'a-long-random-secret',
  ),
  EASYPOST_API_BASE_URL: variable(
    url,
    'EasyPost API origin (the API key, not the URL, selects test or production mode).',
    'https://api.easypost.com',
  ),
  SHUTDOWN_TIMEOUT_MS: variable(
    int(100, 120000),
    'Longest graceful shutdown before the process exits anyway.',
    '10000',
  ),
  GUEST_MISS_LIMIT: variable(
    int(1, 100000),
    'Status-page misses (unknown, expired or revoked links) one client may make per 15 minutes before its misses get 429; valid links are always answered.',
    '20',
  ),
  LOOKUP_CLIENT_LIMIT: variable(
    int(1, 100000),
    'Failed order lookups (/track) one client address may make per 15 minutes; then further failures and postal-code lookups get 429, while a correct email lookup still works.',
    '10',
  ),
  LOOKUP_ORDER_LIMIT: variable(
    int(1, 100000),
    'Failed order lookups naming the same order number allowed per 15 minutes, from any client; then as above, so nobody can lock the real guest out.',
    '5',
  ),
  CONSOLE_IDLE_MINUTES: variable(
    int(1, 1440),
    'Minutes without a request after which a console session ends and its user signs in again.',
    '30',
  ),
  CONSOLE_SESSION_HOURS: variable(
    int(1, 720),
    'Hours after sign-in at which a console session ends whatever its activity.',
    '12',
  ),
  CONSOLE_SIGN_IN_LIMIT: variable(
    int(1, 100000),
    'Console sign-in link requests per email address per 15 minutes (a client address may make ten times as many); further requests get 429.',
    '10',
  ),
  STATUS_CACHE_FRESH_MS: variable(
    int(0, 60000),
    'How long a cached status page is served without re-checking the database for a newer shipment version.',
    '2000',
  ),
  METRICS_TOKEN: variable(
    optionalText.refine((v) => !v || v.length >= 16, 'at least 16 characters'),
    'Bearer token GET /metrics requires on the web and worker processes. Without it, production web processes do not serve /metrics, and the worker serves it only on a private interface.',
    'a-long-random-scrape-token',
  ),
  WORKER_METRICS_PORT: variable(
    int(0, 65535),
    "Port of the worker process's own HTTP server for GET /metrics (0 = any free port).",
    '9464',
  ),
  WORKER_METRICS_HOST: variable(
    z.string().min(1),
    "Interface the worker's metrics server binds to; a public one needs METRICS_TOKEN in production.",
    '10.0.0.5',
  ),
} satisfies Record<string, Variable<unknown>>;

export type VariableName = keyof typeof variables;
export type RawValues = { [K in VariableName]: z.output<(typeof variables)[K]['schema']> };
